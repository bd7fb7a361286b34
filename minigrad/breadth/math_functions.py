"""More elementwise functions of the math library, each with its derivative:
log1p expm1 log2 log10 exp2 rsqrt tan asin acos atan sinh cosh, and of two tensors: xlogy(x, y) =
x * log(y) (0 where x is 0, as entropy formulas need: 0 * log(0) counts as 0), logaddexp(x, y) =
log(exp(x) + exp(y)) without overflow, hypot(x, y) = sqrt(x^2 + y^2), and atan2(y, x): the angle
of the point (x, y), in (-pi, pi].

log1p(x) = log(1 + x) and expm1(x) = exp(x) - 1 stay accurate where x is tiny (1 + x would
round x away). Integer inputs are computed in the default float dtype, as in PyTorch.

    >>> import minigrad as torch
    >>> x = torch.tensor(1.0, requires_grad=True)
    >>> x.atan().backward(); x.grad          # 1 / (1 + x^2)
    tensor(0.5000)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import _dtype, messages
from ..ops.arithmetic import promote
from ..ops.op import Op, array_or_number, quiet
from ..ops.unary import floating_function
from ..parity import MulBackward1
from ..tensor import Tensor
from . import c_library, formulas


class _Elementwise(Op):
    """y = fn(x), its derivative written in terms of x (_OfInput) or of y (_OfResult)."""

    fn: Callable = staticmethod(np.negative)

    @quiet  # outside a function's domain the result is nan or inf, silently, as in PyTorch
    def forward(self, x):
        if not self.save_output:
            self.save_for_backward(x)
        return self.fn(x._data)


class _OfInput(_Elementwise):
    saved_names = ("self",)


class _OfResult(_Elementwise):
    save_output = True


def _scaled(x: Any, number: float) -> Any:
    """x * number as PyTorch's own formulas multiply (MulBackward1 when recorded)."""
    return MulBackward1.apply(x, other=number) if formulas.is_tensor(x) else x * number


class Log1PBackward0(_OfInput):
    on_arrays = True
    fn = staticmethod(np.log1p)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad / (x + 1)


def _expm1(x: np.ndarray) -> np.ndarray:
    """numpy's float32 expm1 is the C library's where the CPU lacks AVX-512, and that one is
    off by one in the last bit where PyTorch's is not (e^4 - 1: 53.598152 against 53.598148,
    which is nearer). Computed in float64 and rounded once, it is PyTorch's on every CPU."""
    if x.dtype == np.float32:
        return np.expm1(x.astype(np.float64)).astype(np.float32)
    return np.expm1(x)


class Expm1Backward0(_OfResult):
    on_arrays = True
    fn = staticmethod(_expm1)

    def backward(self, grad):
        (result,) = self.saved_tensors
        return grad * (result + 1)


class Log2Backward0(_OfInput):
    on_arrays = True
    fn = staticmethod(np.log2)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad / _scaled(x, math.log(2))


class Log10Backward0(_OfInput):
    on_arrays = True
    fn = staticmethod(np.log10)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad / _scaled(x, math.log(10))


class Exp2Backward0(_OfResult):
    on_arrays = True
    fn = staticmethod(np.exp2)

    def backward(self, grad):
        (result,) = self.saved_tensors
        return _scaled(grad * result, math.log(2))


def _rsqrt(x: np.ndarray) -> np.ndarray:
    return 1 / np.sqrt(x)


class RsqrtBackward0(_OfResult):
    """1 / sqrt(x); its derivative -x^(-3/2) / 2 is -y^3 / 2 in terms of the result y."""

    on_arrays = True
    fn = staticmethod(_rsqrt)

    def backward(self, grad):
        (result,) = self.saved_tensors
        return -0.5 * grad * (result * result * result)


class TanBackward0(_OfResult):
    on_arrays = True
    fn = staticmethod(np.tan)

    def backward(self, grad):
        (result,) = self.saved_tensors
        return grad * (1 + result * result)


class AsinBackward0(_OfInput):
    fn = staticmethod(np.arcsin)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad * (-x * x + 1).rsqrt()


class AcosBackward0(_OfInput):
    fn = staticmethod(np.arccos)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad * -(-x * x + 1).rsqrt()


class AtanBackward0(_OfInput):
    on_arrays = True
    fn = staticmethod(np.arctan)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad / (x * x + 1)


class SinhBackward0(_OfInput):
    fn = staticmethod(np.sinh)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad * x.cosh()


class CoshBackward0(_OfInput):
    fn = staticmethod(np.cosh)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad * x.sinh()


@quiet
def _xlogy(x: Any, y: Any) -> Any:
    return np.where((np.asarray(x) == 0) & ~np.isnan(y), 0, x * np.log(y))


class _Xlogy(Op):
    """x * log(y), and 0 where x is 0 (unless y is nan). Numbers stay parameters."""

    on_arrays = True
    saved_names = ("self", "other")

    def _gradients(self, grad: Any, x: Any, y: Any) -> tuple:
        # d/dx = log(y), except where x is 0 and y <= 0 (log(y) would be -inf or nan there,
        # and the value stays 0 as x moves); d/dy = x / y.
        d_x = formulas.masked_fill(_xlogy_like(grad, y),
                                   (array_or_number(x) == 0) & (array_or_number(y) <= 0), 0)
        return d_x, grad * x / y


def _xlogy_like(x: Any, y: Any) -> Any:
    """xlogy on Tensors (recorded) or on arrays."""
    return xlogy(x, y) if formulas.is_tensor(x) or formulas.is_tensor(y) else _xlogy(x, y)


class XlogyBackward0(_Xlogy):
    def forward(self, x, y):
        self.save_for_backward(x, y)
        return np.asarray(_xlogy(x._data, y._data), dtype=x._data.dtype)

    def backward(self, grad):
        return self._gradients(grad, *self.saved_tensors)


class XlogyBackward1(_Xlogy):
    """number x, tensor y."""

    def forward(self, y, x):
        self.save_for_backward(x, y)
        return np.asarray(_xlogy(x, y._data), dtype=y._data.dtype)

    def backward(self, grad):
        x, y = self.saved_tensors
        return self._gradients(grad, x, y)[1]


class XlogyBackward2(_Xlogy):
    """tensor x, number y."""

    def forward(self, x, y):
        self.save_for_backward(x, y)
        return np.asarray(_xlogy(x._data, y), dtype=x._data.dtype)

    def backward(self, grad):
        x, y = self.saved_tensors
        return self._gradients(grad, x, y)[0]


def xlogy(input: Any, other: Any) -> Any:
    if not isinstance(input, Tensor):
        (other, _) = promote(other, input)
        return XlogyBackward1.apply(other._float() if not other.dtype.is_floating_point
                                    else other, x=input)
    if not isinstance(other, Tensor):
        (input, _) = promote(input, other)
        return XlogyBackward2.apply(input._float() if not input.dtype.is_floating_point
                                    else input, y=other)
    input, other = promote(input, other)
    if not input.dtype.is_floating_point:
        input, other = input._float(), other._float()
    messages.check_broadcast(input, other)
    return XlogyBackward0.apply(input, other)


class LogaddexpBackward0(Op):
    """log(exp(x) + exp(y)), computed as max + log1p(exp(-|x - y|)) so it never overflows."""

    saved_names = ("self", "other")

    @quiet  # inf - inf inside gives nan silently, as in PyTorch
    def forward(self, x, y):
        self.save_for_backward(x, y)
        return np.logaddexp(x._data, y._data)

    def backward(self, grad):
        # Each input's share of the sum: exp(x) / (exp(x) + exp(y)) = 1 / (1 + exp(y - x)).
        x, y = self.saved_tensors
        return grad / ((y - x).exp() + 1), grad / ((x - y).exp() + 1)


class HypotBackward0(Op):
    """sqrt(x^2 + y^2), without overflow or underflow in the squares."""

    save_output = True
    saved_names = ("self", "other")

    @quiet
    def forward(self, x, y):
        self.save_for_backward(x, y)
        return np.hypot(x._data, y._data)

    def backward(self, grad):
        x, y, result = self.saved_tensors
        return grad * x / result, grad * y / result


class Atan2Backward0(Op):
    """The angle of the point (other, self): atan(self / other), moved into the quadrant the
    signs of both give (so atan2(0.0, -1.0) is pi and atan2(-0.0, -1.0) is -pi).

    As PyTorch does, it saves its inputs as they were given (an int64 self stays int64, a
    zero-dim float64 other beside a float32 self stays float64) and computes in the result's
    dtype; the backward formula then promotes them operation by operation, as PyTorch's does.
    """

    on_arrays = True
    saved_names = ("self", "other")

    @quiet
    def forward(self, y, x, dtype):
        self.save_for_backward(y, x)
        # A few numbers go through the C library, as in PyTorch's scalar loop (c_library.py);
        # its vectorised loop (SLEEF's) can differ in the last bit (docs/minigrad.md,
        # "Differences from PyTorch").
        return c_library.arctan2(y._data.astype(dtype, copy=False),
                                 x._data.astype(dtype, copy=False))

    def backward(self, grad):
        # PyTorch's atan2_backward: one reciprocal of the squared radius for both gradients,
        # 0 where the radius is 0 (the angle of the origin is a constant, not nan).
        y, x = self.saved_tensors
        squared = formulas.promoted(y * y, grad) + formulas.promoted(x * x, grad)
        recip = formulas.masked_fill(formulas.reciprocal(squared), squared == 0, 0)
        return (grad * formulas.promoted(x, grad) * recip if self.needs_input_grad[0] else None,
                grad * formulas.promoted(-y, grad) * recip if self.needs_input_grad[1] else None)


def _of_two_floats(op: type[Op], kernel: str, name: str, input: Tensor, other: Tensor) -> Tensor:
    """An op of two tensors (no numbers) that computes on floating point types only."""
    for position, (argument, value) in enumerate((("input", input), ("other", other)), 1):
        if not isinstance(value, Tensor):
            raise TypeError(f"{name}(): argument '{argument}' (position {position}) must be "
                            f"Tensor, not {type(value).__name__}")
    input, other = promote(input, other)
    messages.check_broadcast(input, other)
    messages.check_floating(input, kernel)
    return op.apply(input, other)


def logaddexp(input: Tensor, other: Tensor) -> Tensor:
    """log(exp(input) + exp(other)), elementwise: a sum of probabilities kept as logarithms.

    >>> import minigrad as torch
    >>> torch.logaddexp(torch.tensor([0.0, 100.0]), torch.tensor([0.0, 100.0]))
    tensor([  0.6931, 100.6931])
    """
    return _of_two_floats(LogaddexpBackward0, "logaddexp_cpu", "logaddexp", input, other)


def hypot(input: Tensor, other: Tensor) -> Tensor:
    """sqrt(input^2 + other^2), elementwise: the hypotenuse of a right triangle.

    >>> import minigrad as torch
    >>> torch.hypot(torch.tensor([3.0]), torch.tensor([4.0]))
    tensor([5.])
    """
    return _of_two_floats(HypotBackward0, "hypot_cpu", "hypot", input, other)


def atan2(input: Tensor, other: Tensor) -> Tensor:
    """The angle of the point (other, input) from the positive x axis, elementwise, in
    (-pi, pi]; integer inputs give the default float dtype.

    >>> import minigrad as torch
    >>> torch.atan2(torch.tensor([1.0, 1.0, -1.0]), torch.tensor([1.0, -1.0, -1.0]))
    tensor([ 0.7854,  2.3562, -2.3562])
    """
    result = _dtype.result_type(input, other)
    if not result.is_floating_point:
        result = _dtype.get_default_dtype()
    # A bool input is taken in the result's dtype, so -self in the formula has a number to
    # negate (PyTorch's backward fails on a bool self there: minigrad's gives its gradient).
    input, other = (t.to(result) if t.dtype is _dtype.bool else t for t in (input, other))
    messages.check_broadcast(input, other)
    return Atan2Backward0.apply(input, other, dtype=result.numpy)


arctan2 = atan2

log1p = floating_function(Log1PBackward0, "log1p")
expm1 = floating_function(Expm1Backward0, "expm1")
log2 = floating_function(Log2Backward0, "log2")
log10 = floating_function(Log10Backward0, "log10")
exp2 = floating_function(Exp2Backward0, "exp2")
rsqrt = floating_function(RsqrtBackward0, "rsqrt")
tan = floating_function(TanBackward0, "tan")
asin = arcsin = floating_function(AsinBackward0, "asin")
acos = arccos = floating_function(AcosBackward0, "acos")
atan = arctan = floating_function(AtanBackward0, "atan")
sinh = floating_function(SinhBackward0, "sinh")
cosh = floating_function(CoshBackward0, "cosh")
