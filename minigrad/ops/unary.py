"""Elementwise functions of one tensor: exp log sqrt sin cos tanh sigmoid relu abs clamp.

    >>> import minigrad as torch
    >>> x = torch.tensor(0.0, requires_grad=True)
    >>> torch.sigmoid(x).backward(); x.grad
    tensor(0.2500)

Each backward is a calculus table's derivative times the incoming gradient. Where it is
written with the result (exp, sqrt, tanh, sigmoid, relu), forward saves its output
(save_output), as lesson 10's tanh used `t`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .. import messages
from .._dtype import result_type
from ..tensor import Tensor
from .op import Op, quiet


class ExpBackward0(Op):
    save_output = True

    @quiet
    def forward(self, x):
        return np.exp(x._data)

    def backward(self, grad):
        (result,) = self.saved_tensors
        return grad * result


class LogBackward0(Op):
    saved_names = ("self",)

    @quiet
    def forward(self, x):
        self.save_for_backward(x)
        return np.log(x._data)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad / x


class SqrtBackward0(Op):
    save_output = True

    @quiet
    def forward(self, x):
        return np.sqrt(x._data)

    def backward(self, grad):
        (result,) = self.saved_tensors
        return grad / (2 * result)


class SinBackward0(Op):
    saved_names = ("self",)

    def forward(self, x):
        self.save_for_backward(x)
        return np.sin(x._data)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad * x.cos()


class CosBackward0(Op):
    saved_names = ("self",)

    def forward(self, x):
        self.save_for_backward(x)
        return np.cos(x._data)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad * -x.sin()


class TanhBackward0(Op):
    save_output = True

    def forward(self, x):
        return np.tanh(x._data)

    def backward(self, grad):
        (result,) = self.saved_tensors
        return grad * (1 - result * result)  # (PyTorch rounds once: parity.py)


class SigmoidBackward0(Op):
    save_output = True

    @quiet
    def forward(self, x):
        # exp(-x) may overflow to inf for very negative x: 1 / (1 + inf) = 0, as in PyTorch.
        one = x._data.dtype.type(1)
        return one / (one + np.exp(-x._data))

    def backward(self, grad):
        (result,) = self.saved_tensors
        return sigmoid_backward(grad, result)


def sigmoid_backward(grad: Any, result: Any) -> Any:
    """sigmoid's derivative y * (1 - y) of its output y, times grad (PyTorch's
    aten::sigmoid_backward; plain arithmetic, so it runs on numpy arrays too).

    >>> import minigrad as torch
    >>> sigmoid_backward(torch.tensor(1.0), torch.sigmoid(torch.tensor(0.0)))  # y = 0.5
    tensor(0.2500)
    """
    return grad * (1 - result) * result


class ReluBackward0(Op):
    save_output = True

    def forward(self, x):
        return np.maximum(x._data, 0, dtype=x._data.dtype)

    def backward(self, grad):
        (result,) = self.saved_tensors
        # The gradient stops where relu cut.
        return grad.masked_fill(result <= 0, 0)


class AbsBackward0(Op):
    saved_names = ("self",)

    def forward(self, x):
        self.save_for_backward(x)
        return np.abs(x._data)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad * x.sign()


class ClampBackward1(Op):
    """clamp with number bounds: the gradient passes where the input was inside them."""

    __slots__ = ("min", "max")
    saved_names = ("self",)

    def forward(self, x, min=None, max=None):  # noqa: A002 - PyTorch's names
        self.save_for_backward(x)
        self.min, self.max = min, max
        return np.clip(x._data, min, max).astype(x._data.dtype, copy=False)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad.masked_fill(~inside(x, self.min, self.max), 0)


def inside(x: Any, low: Any, high: Any) -> Any:
    """Where x lies within [low, high] (a missing bound lets everything through)."""
    within = x == x  # all True, except at nan: a nan input gets gradient 0, as in PyTorch
    if low is not None:
        within = within & (x >= low)
    if high is not None:
        within = within & (x <= high)
    return within


def floating_function(op: type[Op], name: str) -> Callable[[Tensor], Tensor]:
    """torch.exp and friends: integer and bool inputs are computed in the default float dtype."""

    def function(input: Tensor) -> Tensor:
        return op.apply(input if input.dtype.is_floating_point else input._float())

    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"{name}(input), elementwise; its grad_fn is {op.__name__}."
    return function


exp = floating_function(ExpBackward0, "exp")
log = floating_function(LogBackward0, "log")
sqrt = floating_function(SqrtBackward0, "sqrt")
sin = floating_function(SinBackward0, "sin")
cos = floating_function(CosBackward0, "cos")
tanh = floating_function(TanhBackward0, "tanh")
sigmoid = floating_function(SigmoidBackward0, "sigmoid")


def relu(input: Tensor) -> Tensor:
    messages.check_not_bool(input, "relu")
    return ReluBackward0.apply(input)


def abs(input: Tensor) -> Tensor:  # noqa: A001 - PyTorch's name
    messages.check_not_bool(input, "abs")
    return AbsBackward0.apply(input)


def clamp(input: Tensor, min: Any = None, max: Any = None) -> Tensor:  # noqa: A002
    """input clamped to number bounds (breadth/clamping.py adds tensor bounds)."""
    messages.check_clamp_bounds(min, max)
    return clamp_with(ClampBackward1, input, min, max)


def clamp_with(op: type[Op], input: Tensor, min: Any, max: Any) -> Tensor:  # noqa: A002
    """Clamp to number bounds, recorded as `op`; the input takes the bounds' common dtype."""
    wanted = result_type(input, *(b for b in (min, max) if b is not None))
    return op.apply(input.to(wanted), min=min, max=max)
