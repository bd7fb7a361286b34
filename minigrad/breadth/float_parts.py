"""Functions that build a float from the parts of others: copysign (one's size, the other's
sign), ldexp (x * 2^e), nextafter (the next float towards another) and heaviside (the step
function, with the value to take at 0).

    >>> import minigrad as torch
    >>> torch.copysign(torch.tensor([1.0, -2.0]), -1)
    tensor([-1., -2.])
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import messages
from .._dtype import get_default_dtype, promote_types, result_type
from ..ops.arithmetic import promote
from ..ops.op import Op, array_or_number, quiet
from ..tensor import Tensor
from . import formulas
from .rounding import without_derivative


def _copysign_gradient(grad: Any, x: Any, result: Any) -> Any:
    # d/dx |x| sign(y) is sign(y) * sign(x) = result / x; PyTorch takes 0 at x = 0.
    return (grad * (result / x)).masked_fill(x == 0, 0)


class CopysignBackward0(Op):
    """Two tensors: the other's gradient is zero (only its sign is used)."""

    save_output = True
    saved_names = ("self",)

    def forward(self, x, y):
        self.save_for_backward(x)
        return np.copysign(x._data, y._data)

    def backward(self, grad):
        x, result = self.saved_tensors
        return _copysign_gradient(grad, x, result), formulas.zeros_like(grad)


class CopysignBackward1(Op):
    """A tensor and a number."""

    save_output = True
    saved_names = ("self",)

    def forward(self, x, other):
        self.save_for_backward(x)
        return np.copysign(x._data, np.asarray(other, x._data.dtype))

    def backward(self, grad):
        x, result = self.saved_tensors
        return _copysign_gradient(grad, x, result)


class NextafterBackward0(Op):
    """A step of one float: to first order the identity in input, constant in other."""

    def forward(self, x, y):
        return np.nextafter(x._data, y._data)

    def backward(self, grad):
        return grad, formulas.zeros_like(grad)


class LdexpBackward0(Op):
    """x * 2^e, the power in x's result dtype."""

    saved_names = ("self", "other")

    @quiet
    def forward(self, x, e, dtype):
        self.save_for_backward(x, e)
        return x._data.astype(dtype) * np.power(np.asarray(2.0, dtype), e._data).astype(dtype)

    def backward(self, grad):
        x, e = self.saved_tensors
        # PyTorch's formula raises the number 2 to `other`: for an integer `other` that is an
        # integer power, and 2^-1 is 0 there, so the gradient is 0 where other < 0.
        return grad * 2 ** e, grad * x * 2 ** e * math.log(2)


def _two_tensors(name: str, input: Any, other: Any, names: tuple = ("input", "other")) -> None:
    """PyTorch's TypeError for a Python number where these functions take only tensors."""
    for position, (argument, value) in enumerate(zip(names, (input, other)), 1):
        if not isinstance(value, Tensor):
            raise TypeError(f"{name}(): argument '{argument}' (position {position}) must be "
                            f"Tensor, not {type(value).__name__}")


def copysign(input: Tensor, other: Any) -> Tensor:
    """|input| with the sign of other (a tensor or a number); integers give floats.

    >>> import minigrad as torch
    >>> torch.copysign(torch.tensor([1, 2]), torch.tensor([-0.0, 3.0]))
    tensor([-1.,  2.])
    """
    if not isinstance(input, Tensor):
        raise messages.invalid_arguments("copysign", input, other)
    if not isinstance(other, Tensor):
        if not result_type(input, other).is_floating_point:
            input = input._float()
        return CopysignBackward1.apply(input, other=other)
    input, other = promote(input, other)
    messages.check_broadcast(input, other)
    if not input.dtype.is_floating_point:
        input, other = input._float(), other._float()
    return CopysignBackward0.apply(input, other)


def nextafter(input: Tensor, other: Tensor) -> Tensor:
    """The next float after input in the direction of other (input itself where they are equal).

    >>> import minigrad as torch
    >>> torch.nextafter(torch.tensor([1.0]), torch.tensor([2.0])) > 1
    tensor([True])
    """
    _two_tensors("nextafter", input, other)
    input, other = promote(input, other)
    messages.check_broadcast(input, other)
    messages.check_floating(input, "nextafter_cpu")
    return NextafterBackward0.apply(input, other)


def ldexp(input: Tensor, other: Tensor) -> Tensor:
    """input * 2^other, in input's float dtype (integers: the default one) or other's if wider.

    >>> import minigrad as torch
    >>> torch.ldexp(torch.tensor([1.0, 3.0]), torch.tensor([3, -1]))
    tensor([8.0000, 1.5000])
    """
    _two_tensors("ldexp", input, other)
    messages.check_broadcast(input, other)
    # PyTorch computes input * pow(2.0, other): the power in other's float dtype (or the
    # default one), then the product in the common dtype of both.
    power = other.dtype if other.dtype.is_floating_point else get_default_dtype()
    return LdexpBackward0.apply(input, other, dtype=promote_types(input.dtype, power).numpy)


def heaviside(input: Tensor, values: Tensor) -> Tensor:
    """The step function: 0 where input < 0, 1 where input > 0, `values` where input == 0.

    >>> import minigrad as torch
    >>> torch.heaviside(torch.tensor([-1.0, 0.0, 2.0]), torch.tensor([0.5]))
    tensor([0.0000, 0.5000, 1.0000])
    """
    _two_tensors("heaviside", input, values, ("input", "values"))
    messages.check_broadcast(input, values)
    if input.dtype != values.dtype:
        raise RuntimeError("heaviside is not yet implemented for tensors with different dtypes.")
    x = input._data
    result = np.where(x == 0, array_or_number(values), x > 0).astype(x.dtype)  # nan is not > 0: 0
    return without_derivative(result, "heaviside", input, values)
