"""Elementwise functions of one tensor with a derivative of their own: erfinv (the inverse of
erf, which nn.init.trunc_normal_ samples through), logit (the inverse of sigmoid), sinc,
frac (the part after the point) and the angle conversions deg2rad and rad2deg.

Integer and bool inputs are computed in the default float dtype, as in PyTorch (frac refuses
them: it is their own value minus itself).

    >>> import minigrad as torch
    >>> x = torch.tensor([0.25, 0.5], requires_grad=True)
    >>> torch.logit(x).sum().backward(); x.grad          # 1 / (x (1 - x))
    tensor([5.3333, 4.0000])
"""

from __future__ import annotations

import math

import numpy as np

from .. import messages
from ..ops.op import Op, quiet
from ..tensor import Tensor
from .activations import erf_of_array

_SQRT_PI_OVER_2 = math.sqrt(math.pi) / 2


def _erfinv_guess(y: np.ndarray) -> np.ndarray:
    """Giles' single-precision approximation of erfinv ("Approximating the erfinv function",
    GPU Computing Gems, 2011): two polynomials in w = -log(1 - y^2), central and tail."""
    w = -np.log((1 - y) * (1 + y))
    central = np.polyval([2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06,
                          0.00021858087, -0.00125372503, -0.00417768164, 0.246640727,
                          1.50140941], w - 2.5)
    tail = np.polyval([-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844,
                       0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682],
                      np.sqrt(w) - 3)
    return np.where(w < 5, central, tail) * y


@quiet
def _erfinv(y: np.ndarray) -> np.ndarray:
    """erfinv in float64: the approximation, then two Newton steps on erf(x) = y (erf is exact
    to float64, so the result is too); +-inf at +-1 and nan beyond, as in PyTorch."""
    y64 = y.astype(np.float64)
    inside = np.abs(y64) < 1
    x = _erfinv_guess(np.where(inside, y64, 0.0))
    for _ in range(2):
        x = x - (np.asarray(erf_of_array(x), np.float64) - np.where(inside, y64, 0.0)) \
            / (2 / math.sqrt(math.pi) * np.exp(-x * x))
    edge = np.where(np.abs(y64) == 1, np.copysign(np.inf, y64), np.nan)
    return np.asarray(np.where(inside, x, edge), y.dtype)


class ErfinvBackward0(Op):
    """x = erfinv(y); dx/dy = sqrt(pi) / 2 * exp(x^2), written with the result x."""

    save_output = True

    def forward(self, y):
        return _erfinv(y._data)

    def backward(self, grad):
        (result,) = self.saved_tensors
        return (result * result).exp() * _SQRT_PI_OVER_2 * grad  # PyTorch's order of rounding


class LogitBackward0(Op):
    """log(x / (1 - x)), x first clamped to [eps, 1 - eps] when eps is given."""

    saved_names = ("self",)
    __slots__ = ("eps",)

    @quiet
    def forward(self, x, eps):
        self.eps = eps
        self.save_for_backward(x)
        p = x._data if eps is None else np.clip(x._data, eps, 1 - eps)
        return np.log(p / (1 - p))

    def backward(self, grad):
        (x,) = self.saved_tensors
        gradient = grad / (x * (1 - x))
        if self.eps is None:  # outside [0, 1] the logit is nan, and so is its slope
            return gradient.masked_fill((x < 0) | (x > 1), math.nan)
        # The clamp holds the value still outside [eps, 1 - eps].
        return gradient.masked_fill((x < self.eps) | (x > 1 - self.eps), 0)


class SincBackward0(Op):
    """sin(pi x) / (pi x), and 1 at x = 0."""

    saved_names = ("self",)

    @quiet
    def forward(self, x):
        self.save_for_backward(x)
        return np.sinc(x._data)

    def backward(self, grad):
        (x,) = self.saved_tensors
        pi_x = x * math.pi
        slope = (pi_x * pi_x.cos() - pi_x.sin()) / (pi_x * x)
        return (grad * slope).masked_fill(x == 0, 0)  # sinc is flat at its peak


class FracBackward0(Op):
    """x - trunc(x): a shift by a whole number, so the gradient passes unchanged."""

    def forward(self, x):
        return x._data - np.trunc(x._data)

    def backward(self, grad):
        return grad


class _Scaling(Op):
    """x times a constant (an angle in other units), and the gradient likewise."""

    factor = 1.0

    def forward(self, x):
        return x._data * np.asarray(self.factor, x._data.dtype)

    def backward(self, grad):
        return grad * self.factor


class Deg2RadBackward0(_Scaling):
    factor = math.pi / 180


class Rad2DegBackward0(_Scaling):
    factor = 180 / math.pi


def _floating(input: Tensor) -> Tensor:
    return input if input.dtype.is_floating_point else input._float()


def erfinv(input: Tensor) -> Tensor:
    """The inverse of erf: erfinv(erf(x)) == x, for inputs in (-1, 1).

    >>> import minigrad as torch
    >>> torch.erfinv(torch.tensor([0.0, 0.5, -1.0]))
    tensor([0.0000, 0.4769,   -inf])
    """
    return ErfinvBackward0.apply(_floating(input))


def logit(input: Tensor, eps: float | None = None) -> Tensor:
    """log(p / (1 - p)), the inverse of sigmoid; p clamped to [eps, 1 - eps] if eps is given.

    >>> import minigrad as torch
    >>> torch.logit(torch.tensor([0.5, 0.0]), eps=1e-6)
    tensor([  0.0000, -13.8155])
    """
    return LogitBackward0.apply(_floating(input), eps=eps)


def sinc(input: Tensor) -> Tensor:
    """The normalized sinc, sin(pi x) / (pi x), 1 at x = 0.

    >>> import minigrad as torch
    >>> torch.sinc(torch.tensor([0.0, 0.5]))
    tensor([1.0000, 0.6366])
    """
    return SincBackward0.apply(_floating(input))


def frac(input: Tensor) -> Tensor:
    """The fractional part, input - trunc(input), with input's sign.

    >>> import minigrad as torch
    >>> torch.frac(torch.tensor([1.5, -2.25]))
    tensor([ 0.5000, -0.2500])
    """
    messages.check_floating(input, "frac_cpu")
    return FracBackward0.apply(input)


def deg2rad(input: Tensor) -> Tensor:
    """Degrees to radians.

    >>> import minigrad as torch
    >>> torch.deg2rad(torch.tensor([180.0]))
    tensor([3.1416])
    """
    return Deg2RadBackward0.apply(_floating(input))


def rad2deg(input: Tensor) -> Tensor:
    """Radians to degrees.

    >>> import minigrad as torch
    >>> torch.rad2deg(torch.tensor([3.14159265]))
    tensor([180.])
    """
    return Rad2DegBackward0.apply(_floating(input))
