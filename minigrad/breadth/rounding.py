"""Division that rounds: `//` (floor_divide), `%` (remainder), fmod and div(rounding_mode=...).

`a // b` rounds the quotient down and `a % b` is what is left over, with the sign of b: the
rules of Python's own // and %, which PyTorch follows (7.5 // -2 = -4, 7.5 % -2 = -0.5). fmod
keeps the sign of a instead (C's rule). Integers divided by zero raise, as in PyTorch.

A rounded quotient is a staircase, flat almost everywhere: div(..., rounding_mode=...) gives it
the derivative zero. floor_divide has no derivative in PyTorch at all: its result carries a
`NotImplemented` grad_fn, and a backward through it raises.

    >>> import minigrad as torch
    >>> x = torch.tensor([7.5, -7.5])
    >>> x // 2, x % 2, x.fmod(2)
    (tensor([ 3., -4.]), tensor([1.5000, 0.5000]), tensor([ 1.5000, -1.5000]))
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _dtype, messages
from ..autograd.grad_mode import is_grad_enabled
from ..ops import arithmetic
from ..ops.op import Op, array_or_number, quiet
from ..tensor import Tensor
from . import formulas


# (Dividing by zero gives inf or nan silently, as in PyTorch.)
@quiet
def _floor_divide(a: Any, b: Any) -> Any:
    return np.floor_divide(a, b)


@quiet
def _remainder(a: Any, b: Any) -> Any:
    """Python's a % b on arrays. fmod, moved into b's sign where the signs differ (an exact
    division keeps fmod's zero, -0.0 for a negative a, as PyTorch's does; numpy's % gives 0.0)."""
    mod = np.fmod(a, b)
    return np.where((mod != 0) & ((np.asarray(b) < 0) != (mod < 0)), mod + b, mod)


@quiet
def _trunc_divide(a: Any, b: Any) -> Any:
    """The quotient rounded towards zero (C's integer division)."""
    if np.result_type(a, b).kind == "f":
        return np.trunc(a / b)
    quotient = np.floor_divide(a, b)
    # Floor and truncation differ when the division is inexact and the quotient negative.
    inexact = quotient * b != a
    return quotient + (inexact & ((np.asarray(a) < 0) != (np.asarray(b) < 0)))


def _rounded_quotient(a: Any, b: Any, rounding_mode: str) -> Any:
    """a / b rounded down (floor) or towards zero (trunc), on arrays or Tensors (create_graph)."""
    if formulas.is_tensor(a) or formulas.is_tensor(b):
        return div(a, b, rounding_mode=rounding_mode)
    return _floor_divide(a, b) if rounding_mode == "floor" else _trunc_divide(a, b)


def _save_for_divisor_grad(node: Op, a: Any, b: Any) -> None:
    """Only the divisor's gradient needs the operands (the dividend's is the gradient itself)."""
    needed = node.needs_input_grad[1]
    node.save_for_backward(a if needed else None, b if needed else None)


class RemainderBackward0(Op):
    """tensor % number: the number is a parameter of the node, not an input."""

    on_arrays = True

    def forward(self, a, other):
        return np.asarray(_remainder(a._data, other), dtype=a._data.dtype)

    def backward(self, grad):
        return grad


class RemainderBackward1(Op):
    """a % b = a - floor(a / b) * b, the rounded quotient counting as a constant."""

    on_arrays = True
    saved_names = ("self", "other")

    def forward(self, a, b):
        _save_for_divisor_grad(self, a, b)
        return np.asarray(_remainder(a._data, b._data), dtype=a._data.dtype)

    def backward(self, grad):
        a, b = self.saved_tensors
        return grad, (-grad * _rounded_quotient(a, b, "floor") if b is not None else None)


class FmodBackward0(Op):
    """fmod(tensor, number)."""

    on_arrays = True

    @quiet
    def forward(self, a, other):
        return np.asarray(np.fmod(a._data, other), dtype=a._data.dtype)

    def backward(self, grad):
        return grad


class FmodBackward1(Op):
    """fmod(a, b) = a - trunc(a / b) * b."""

    on_arrays = True
    saved_names = ("self", "other")

    @quiet
    def forward(self, a, b):
        _save_for_divisor_grad(self, a, b)
        return np.fmod(a._data, b._data)

    def backward(self, grad):
        a, b = self.saved_tensors
        return grad, (-grad * _rounded_quotient(a, b, "trunc") if b is not None else None)


class DivBackward2(Op):
    """div(a, b, rounding_mode='floor' or 'trunc'): flat steps, so zero gradients."""

    on_arrays = True
    __slots__ = ("rounding_mode",)

    def forward(self, a, b, rounding_mode):
        self.rounding_mode = rounding_mode
        quotient = _rounded_quotient(a._data, array_or_number(b), rounding_mode)
        return np.asarray(quotient, dtype=a._data.dtype)

    def backward(self, grad):
        zeros = formulas.zeros_like(grad)
        return zeros, zeros


class NotImplementedBackward(Op):
    """What PyTorch records for an operation without a derivative: backward raises.

    Its edges lead only to the inputs that require grad (as PyTorch's do).
    """

    __slots__ = ("operation",)

    def name(self) -> str:
        return "minigrad::autograd::NotImplemented"

    def forward(self, *inputs, result, operation):
        self.operation = operation
        return result

    def backward(self, grad):
        raise RuntimeError(f"derivative for aten::{self.operation} is not implemented")


NotImplementedBackward.__name__ = NotImplementedBackward.__qualname__ = "NotImplemented"


def _operands(dividend: Any, divisor: Any, kernel: str) -> tuple[Any, Any]:
    """Both in their common dtype (a number divides a float tensor as it is), with PyTorch's
    errors for bools, shapes that do not broadcast and integer division by zero."""
    if not arithmetic.is_wrapped_number(dividend, divisor):
        dividend, divisor = arithmetic.promote(dividend, divisor)
        messages.check_broadcast(dividend, divisor)
    kind = dividend._data.dtype.kind  # dividend is a tensor now, whichever was the number
    if kind == "b":
        raise messages.not_implemented(f"{kernel}_cpu", _dtype.bool)
    if kind != "f" and np.any(array_or_number(divisor) == 0):
        raise RuntimeError("ZeroDivisionError")
    return dividend, divisor


def without_derivative(result: np.ndarray, operation: str, *inputs: Any) -> Any:
    """`result` as a tensor; where an input requires grad, behind PyTorch's NotImplemented node
    (floor_divide, remainder's number, heaviside, bincount's weights)."""
    needing = [t for t in inputs if isinstance(t, Tensor) and t.requires_grad]
    if needing and is_grad_enabled() and result.dtype.kind == "f":
        return NotImplementedBackward.apply(*needing, result=result, operation=operation)
    return Tensor._make(result)


def floor_divide(input: Any, other: Any) -> Any:
    a, b = _operands(input, other, "div_floor")
    result = np.asarray(_floor_divide(a._data, array_or_number(b)), dtype=a._data.dtype)
    return without_derivative(result, "floor_divide", input, other)


def remainder(input: Any, other: Any) -> Any:
    a, b = _operands(input, other, "remainder")
    if not isinstance(input, Tensor):  # number % tensor: PyTorch has no derivative
        result = np.asarray(_remainder(a._data, b._data), dtype=a._data.dtype)
        return without_derivative(result, "remainder", other)
    if isinstance(b, Tensor):
        return RemainderBackward1.apply(a, b)
    return RemainderBackward0.apply(a, other=b)


def rfloordiv(input: Any, other: Any) -> Any:
    """other // input, for `number // tensor`."""
    return floor_divide(other, input)


def rmod(input: Any, other: Any) -> Any:
    """other % input, for `number % tensor`."""
    return remainder(other, input)


def fmod(input: Any, other: Any) -> Any:
    a, b = _operands(input, other, "fmod")
    if isinstance(b, Tensor):
        return FmodBackward1.apply(a, b)
    return FmodBackward0.apply(a, other=b)


def div(input: Any, other: Any, *, rounding_mode: str | None = None) -> Any:
    """input / other; with rounding_mode 'floor' or 'trunc', the quotient rounded."""
    if rounding_mode is None:
        return arithmetic.div(input, other)
    if rounding_mode not in ("floor", "trunc"):
        raise RuntimeError("div expected rounding_mode to be one of None, 'trunc', or 'floor' "
                           f"but found '{rounding_mode}'")
    a, b = _operands(input, other, f"div_{rounding_mode}")
    return DivBackward2.apply(a, b, rounding_mode=rounding_mode)


class _StepFunction(Op):
    """round/floor/ceil/trunc/sign: piecewise constant, so the gradient is zero everywhere."""

    on_arrays = True

    fn = staticmethod(np.round)

    def forward(self, x):
        return self.fn(x._data)

    def backward(self, grad):
        return formulas.zeros_like(grad)


class RoundBackward0(_StepFunction):
    fn = staticmethod(np.round)  # halves go to the even neighbour, as in PyTorch


class RoundBackward1(_StepFunction):
    """round(x, decimals=n)"""

    def forward(self, x, decimals):
        return np.round(x._data, decimals)


class FloorBackward0(_StepFunction):
    fn = staticmethod(np.floor)


class CeilBackward0(_StepFunction):
    fn = staticmethod(np.ceil)


class TruncBackward0(_StepFunction):
    fn = staticmethod(np.trunc)


def _sign(x: np.ndarray) -> np.ndarray:
    """PyTorch's sign, (0 < x) - (x < 0): nan has sign 0 there (numpy's np.sign gives nan);
    a bool is its own sign (numpy has no sign for bools)."""
    if x.dtype.kind == "b":
        return x.copy()
    if x.dtype.kind != "f":
        return np.sign(x)
    return (x > 0).astype(x.dtype) - (x < 0)


class SignBackward0(_StepFunction):
    fn = staticmethod(_sign)


class SgnBackward0(SignBackward0):
    """sgn, the complex numbers' sign (x / |x|): for real numbers the same as sign. PyTorch's
    abs's backward multiplies by it, so second derivatives through abs meet this node."""


def sign(input: Any) -> Any:
    return SignBackward0.apply(input)


def sgn(input: Any) -> Any:
    return SgnBackward0.apply(input)


def round(input: Any, *, decimals: int = 0) -> Any:  # noqa: A001 - PyTorch's name
    if decimals:
        return RoundBackward1.apply(input, decimals=decimals)
    return RoundBackward0.apply(input)


def floor(input: Any) -> Any:
    return FloorBackward0.apply(input)


def ceil(input: Any) -> Any:
    return CeilBackward0.apply(input)


def trunc(input: Any) -> Any:
    return TruncBackward0.apply(input)
