"""`addcmul` and `addcdiv`: input + value * tensor1 * tensor2 (or / tensor2), one node each.

Optimizers written by hand use them in place (`exp_avg_sq.addcmul_(grad, grad, value=1 - b2)`),
so they record PyTorch's single node rather than a multiplication and an addition.

    >>> import minigrad as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> torch.addcmul(x, torch.tensor([3.0, 4.0]), torch.tensor([0.5, 0.5]), value=2)
    tensor([4., 6.], grad_fn=<AddcmulBackward0>)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .._dtype import result_type, to_numpy
from ..ops.op import Op, quiet
from ..tensor import Tensor
from . import fused
from .broadcasting import broadcast_shape_of


class AddcmulBackward0(Op):
    saved_names = ("tensor1", "tensor2")

    def forward(self, input, tensor1, tensor2, value):
        self.save_for_backward(tensor1, tensor2)
        self.value = value
        # PyTorch's kernel: (value * tensor1) * tensor2 + input with one rounding (a fused
        # multiply-add), so an optimizer's addcmul_ gives its numbers to the bit.
        dtype = to_numpy(result_type(input, tensor1, tensor2))
        scaled = (tensor1._data * value).astype(dtype, copy=False)
        return fused.fused_add(input._data.astype(dtype, copy=False), scaled, tensor2._data)

    def backward(self, grad):
        tensor1, tensor2 = self.saved_tensors
        return grad, grad * tensor2 * self.value, grad * tensor1 * self.value


class AddcdivBackward0(Op):
    saved_names = ("tensor1", "tensor2")

    @quiet
    def forward(self, input, tensor1, tensor2, value):
        self.save_for_backward(tensor1, tensor2)
        self.value = value
        out = input._data + value * (tensor1._data / tensor2._data)
        return out.astype(to_numpy(result_type(input, tensor1, tensor2)), copy=False)

    def backward(self, grad):
        tensor1, tensor2 = self.saved_tensors
        return (grad, grad * self.value / tensor2,
                -grad * self.value * tensor1 / (tensor2 * tensor2))


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


# A tensor not given to addcmul_/addcdiv_: a default, so a call that forgets one fails (in
# PyTorch's words, _refused_in_place) at no cost to the optimizers' calls, which give both.
_MISSING: Any = _Missing()


def in_place(name: str, function: Callable) -> Callable:
    """Tensor.addcmul_ or addcdiv_: `function`'s result written into self. A tensor left out,
    or of the wrong type, is refused once the call has failed: an exception handler costs
    Adam's addcmul_ nothing, where a wrapper's call cost 1.7k of the MLP benchmark's 16.8M
    instructions."""

    def method(self: Tensor, tensor1: Tensor = _MISSING, tensor2: Tensor = _MISSING, *,
               value: Any = 1) -> Tensor:
        try:
            return self._inplace_op(function, tensor1, tensor2, value=value)
        except (TypeError, AttributeError) as error:
            raise _refused_in_place(name, error, tensor1, tensor2, value) from None

    method.__name__ = method.__qualname__ = name
    return method


def _refused_in_place(name: str, error: Exception, tensor1: Any, tensor2: Any, value: Any
                      ) -> Exception:
    """What `x.<name>(tensor1, tensor2, value=value)` raises, having failed with `error`:
    PyTorch's refusal where its parser refuses the arguments (the missing ones left out;
    value listed where it is not the default), else the error itself."""
    from .overloads import ONE_OVERLOAD, refusal_if_refused  # (only once a call has failed)
    args = tuple(t for t in (tensor1, tensor2) if t is not _MISSING)
    kwargs = {} if type(value) is int and value == 1 else {"value": value}
    refusal = refusal_if_refused(name, ONE_OVERLOAD[name.removesuffix("_")], args, kwargs)
    return error if refusal is None else refusal


def addcmul(input: Tensor, tensor1: Tensor, tensor2: Tensor, *, value: Any = 1) -> Tensor:
    broadcast_shape_of(input, tensor1, tensor2)
    return AddcmulBackward0.apply(input, tensor1, tensor2, value=value)


def addcdiv(input: Tensor, tensor1: Tensor, tensor2: Tensor, *, value: Any = 1) -> Tensor:
    if not any(np.issubdtype(t._data.dtype, np.floating) for t in (tensor1, tensor2)):
        raise RuntimeError(
            "Integer division with addcdiv is no longer supported, and in a future  release "
            "addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv "
            "behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2))."
            "to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) for "
            "float inputs. The future addcdiv behavior is just the latter implementation: "
            "(input + value * tensor1 / tensor2), for all dtypes.")
    broadcast_shape_of(input, tensor1, tensor2)
    return AddcdivBackward0.apply(input, tensor1, tensor2, value=value)
