"""More activation functions: leaky_relu, elu (selu, celu), silu, softplus, gelu (and erf, which
gelu uses), logsigmoid, mish, hardtanh (relu6), hardsigmoid, hardswish, softshrink, hardshrink.

Each records the grad_fn PyTorch records and follows PyTorch's formula where a choice exists
(the slope at exactly 0, softplus above its threshold, gelu's tanh approximation).

    >>> import minigrad as torch
    >>> x = torch.tensor([-1.0, 2.0], requires_grad=True)
    >>> torch.nn.functional.leaky_relu(x, 0.1)
    tensor([-0.1000,  2.0000], grad_fn=<LeakyReluBackward0>)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import messages
from ..ops.op import Op, quiet
from . import formulas
from .selection import where

erf_of_array = np.frompyfunc(math.erf, 1, 1)  # numpy has no erf; math.erf is exact to float64


def _check_floating(x: Any, kernel: str) -> None:
    messages.check_floating(x, f"{kernel}_cpu")


class ErfBackward0(Op):
    saved_names = ('self',)

    def forward(self, x):
        self.save_for_backward(x)
        return np.asarray(erf_of_array(x._data), dtype=x._data.dtype)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad * (2 / math.sqrt(math.pi)) * (-(x * x)).exp()


class LeakyReluBackward0(Op):
    """x where x > 0, negative_slope * x elsewhere (at 0 too: the slope there is the small one)."""

    __slots__ = ("negative_slope",)
    saved_names = ('self',)

    def forward(self, x, negative_slope):
        self.save_for_backward(x)
        self.negative_slope = negative_slope
        data = x._data
        return np.where(data > 0, data, data * data.dtype.type(negative_slope))

    def backward(self, grad):
        (x,) = self.saved_tensors
        return LeakyReluBackwardBackward0.apply(grad, x, negative_slope=self.negative_slope)


class LeakyReluBackwardBackward0(Op):
    """leaky_relu's backward as an op, so that create_graph records it reaching x (as relu's
    ThresholdBackwardBackward0): grad, or grad * negative_slope where x <= 0; flat in x."""

    __slots__ = ("negative_slope",)
    saved_names = ('self',)

    def forward(self, grad, x, negative_slope):
        self.save_for_backward(x)
        self.negative_slope = negative_slope
        g = grad._data
        return np.where(x._data > 0, g, g * g.dtype.type(negative_slope))

    def backward(self, grad):
        (x,) = self.saved_tensors
        return (LeakyReluBackwardBackward0.apply(grad, x, negative_slope=self.negative_slope),
                formulas.zeros_like(x))


def _elu(data: np.ndarray, alpha: float, scale: float, input_scale: float) -> np.ndarray:
    negative = data.dtype.type(alpha) * np.expm1(data * data.dtype.type(input_scale))
    result = np.where(data > 0, data, negative)
    return result if scale == 1 else result * data.dtype.type(scale)


def _elu_gradient(grad: Any, x: Any, alpha: float, scale: float, input_scale: float) -> Any:
    factor = input_scale * alpha * scale
    inside = grad * factor * (x * input_scale).exp() if input_scale != 1 \
        else grad * factor * x.exp()
    return where(x <= 0, inside, grad * scale if scale != 1 else grad)


class EluBackward0(Op):
    """scale * x where x > 0, scale * alpha * (exp(input_scale * x) - 1) elsewhere: elu
    (scale and input_scale 1), and selu (fixed alpha and scale)."""

    __slots__ = ("alpha", "scale", "input_scale")
    saved_names = ('self',)

    @quiet
    def forward(self, x, alpha, scale=1, input_scale=1):
        self.save_for_backward(x)
        self.alpha, self.scale, self.input_scale = alpha, scale, input_scale
        return _elu(x._data, alpha, scale, input_scale)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return _elu_gradient(grad, x, self.alpha, self.scale, self.input_scale)


class CeluBackward0(Op):
    """celu: elu of x / alpha (times alpha), continuously differentiable at 0."""

    __slots__ = ("alpha",)
    saved_names = ('self',)

    @quiet
    def forward(self, x, alpha):
        self.save_for_backward(x)
        self.alpha = alpha
        return _elu(x._data, alpha, 1, 1 / alpha)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return _elu_gradient(grad, x, self.alpha, 1, 1 / self.alpha)


class SiluBackward0(Op):
    """x * sigmoid(x), also called swish."""

    saved_names = ('self',)

    def forward(self, x):
        self.save_for_backward(x)
        with np.errstate(over="ignore"):
            return x._data / (1 + np.exp(-x._data))

    def backward(self, grad):
        (x,) = self.saved_tensors
        s = x.sigmoid()
        return grad * s * (1 + x * (1 - s))


class SoftplusBackward0(Op):
    """log(1 + exp(beta * x)) / beta, and x itself where beta * x > threshold (no overflow)."""

    __slots__ = ("beta", "threshold")
    saved_names = ('self',)

    def forward(self, x, beta, threshold):
        self.save_for_backward(x)
        self.beta, self.threshold = beta, threshold
        data = x._data
        scaled = data * beta
        with np.errstate(over="ignore"):
            soft = np.log1p(np.exp(scaled)) / beta
        return np.asarray(np.where(scaled > threshold, data, soft), dtype=data.dtype)

    def backward(self, grad):
        (x,) = self.saved_tensors
        z = (x * self.beta).exp()
        return where(x * self.beta > self.threshold, grad, grad * z / (z + 1))


class GeluBackward0(Op):
    """x * Phi(x), Phi the standard normal's CDF (erf), or its tanh approximation."""

    __slots__ = ("approximate",)
    saved_names = ('self',)

    # The constants of the tanh approximation: sqrt(2 / pi) and the cubic term's weight.
    BETA = math.sqrt(2 / math.pi)
    KAPPA = 0.044715

    def forward(self, x, approximate):
        self.save_for_backward(x)
        self.approximate = approximate
        data = x._data
        if approximate == "tanh":
            inner = self.BETA * (data + self.KAPPA * data ** 3)
            return np.asarray(0.5 * data * (1 + np.tanh(inner)), dtype=data.dtype)
        cdf = 0.5 * (1 + erf_of_array(data * (1 / math.sqrt(2))).astype(data.dtype))
        return np.asarray(data * cdf, dtype=data.dtype)

    def backward(self, grad):
        (x,) = self.saved_tensors
        if self.approximate == "tanh":
            tanh_inner = (self.BETA * (x + self.KAPPA * x * x * x)).tanh()
            left_derivative = 0.5 * (1 + tanh_inner)
            inner_derivative = self.BETA * (1 + 3 * self.KAPPA * x * x)
            right_derivative = 0.5 * x * (1 - tanh_inner * tanh_inner) * inner_derivative
            return grad * (left_derivative + right_derivative)
        cdf = 0.5 * (1 + (x * (1 / math.sqrt(2))).erf())
        pdf = (-0.5 * x * x).exp() * (1 / math.sqrt(2 * math.pi))
        return grad * (cdf + x * pdf)


class LogSigmoidBackward0(Op):
    """log(sigmoid(x)), computed without overflow as min(x, 0) - log(1 + exp(-|x|))."""

    saved_names = ('self',)

    def forward(self, x):
        self.save_for_backward(x)
        data = x._data
        return np.minimum(data, 0) - np.log1p(np.exp(-np.abs(data)))

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad * (-x).sigmoid()  # 1 - sigmoid(x)


class MishBackward0(Op):
    """x * tanh(softplus(x))."""

    saved_names = ('self',)

    def forward(self, x):
        self.save_for_backward(x)
        data = x._data
        with np.errstate(over="ignore"):
            return data * np.tanh(np.log1p(np.exp(data)))

    def backward(self, grad):
        (x,) = self.saved_tensors
        tanh_softplus = SoftplusBackward0.apply(x, beta=1, threshold=20).tanh()
        return grad * (tanh_softplus + x * x.sigmoid() * (1 - tanh_softplus * tanh_softplus))


class _Piecewise(Op):
    """An activation made of pieces (mostly straight): its gradient is grad times the slope of
    the piece the input is on (flat pieces stop it)."""

    on_arrays = True
    saved_names = ('self',)
    gradient_node: type[Op]  # the backward as an op of its own, for create_graph

    def forward(self, x, **params):
        self.save_for_backward(x)
        for name, value in params.items():
            setattr(self, name, value)
        return self.value(x._data)

    def backward(self, grad):
        (x,) = self.saved_tensors
        if formulas.is_tensor(grad):  # create_graph: recorded, reaching x as PyTorch's does
            return self.gradient_node.apply(grad, x, piece=self)
        return grad * self.slope(x)

    def curvature(self, x: np.ndarray) -> np.ndarray:
        """The slope's own derivative (0 on straight pieces)."""
        return np.zeros_like(x)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # PyTorch's name for the gradient's node: HardtanhBackwardBackward0...
        name = cls.__name__.replace("Backward0", "BackwardBackward0")
        cls.gradient_node = type(name, (_PiecewiseGradient,), {"__module__": cls.__module__})


class _PiecewiseGradient(Op):
    """grad * slope(x) as a recorded op: d/dgrad is the slope again, d/dx grad * curvature."""

    __slots__ = ("piece",)

    def forward(self, grad, x, piece):
        self.save_for_backward(grad, x)
        self.piece = piece
        return grad._data * piece.slope(x._data)

    def backward(self, outer):
        grad, x = self.saved_tensors
        d_grad = type(self).apply(outer, x, piece=self.piece)
        d_x = outer * grad * formulas.constant(self.piece.curvature(x._data), outer)
        return d_grad, d_x


class HardtanhBackward0(_Piecewise):
    """x clamped to [min_val, max_val]; the gradient passes strictly inside (relu6 is (0, 6))."""

    __slots__ = ("min_val", "max_val")

    def value(self, x):
        return np.clip(x, self.min_val, self.max_val).astype(x.dtype, copy=False)

    def slope(self, x):
        return ((x > self.min_val) & (x < self.max_val)).astype(x.dtype)


class HardsigmoidBackward0(_Piecewise):
    """(x + 3) / 6 clamped to [0, 1]: a straight-line sigmoid."""

    def value(self, x):
        return np.minimum(np.maximum(x + 3, 0), 6) / x.dtype.type(6)

    def slope(self, x):
        return np.where((x > -3) & (x < 3), x.dtype.type(1 / 6), 0).astype(x.dtype)


class HardswishBackward0(_Piecewise):
    """x * hardsigmoid(x)."""

    def value(self, x):
        return x * np.minimum(np.maximum(x + 3, 0), 6) / x.dtype.type(6)

    def slope(self, x):
        return np.where(x <= -3, 0, np.where(x < 3, x / 3 + 0.5, 1)).astype(x.dtype)

    def curvature(self, x):
        return np.where((x > -3) & (x < 3), x.dtype.type(1 / 3), 0).astype(x.dtype)


class SoftshrinkBackward0(_Piecewise):
    """x moved towards 0 by lambd, and 0 within lambd of it."""

    __slots__ = ("lambd",)

    def value(self, x):
        lambd = x.dtype.type(self.lambd)
        # Within lambd of 0 it is x * 0 (so -0.0 for a negative x, as PyTorch prints it).
        return np.where(x > lambd, x - lambd, np.where(x < -lambd, x + lambd, x * 0))

    def slope(self, x):
        return (np.abs(x) > self.lambd).astype(x.dtype)


class HardshrinkBackward0(_Piecewise):
    """x, and 0 within lambd of 0."""

    __slots__ = ("lambd",)

    def value(self, x):
        return np.where(np.abs(x) > self.lambd, x, 0).astype(x.dtype)

    def slope(self, x):
        return (np.abs(x) > self.lambd).astype(x.dtype)


def erf(input: Any) -> Any:
    if not input.dtype.is_floating_point:  # integers are computed in the default float dtype
        input = input._float()
    return ErfBackward0.apply(input)


def leaky_relu(input: Any, negative_slope: float = 0.01, inplace: bool = False) -> Any:
    _check_floating(input, "leaky_relu")
    result = LeakyReluBackward0.apply(input, negative_slope=negative_slope)
    return input._inplace(result) if inplace else result


def elu(input: Any, alpha: float = 1.0, inplace: bool = False) -> Any:
    _check_floating(input, "elu")
    result = EluBackward0.apply(input, alpha=alpha)
    return input._inplace(result) if inplace else result


def silu(input: Any, inplace: bool = False) -> Any:
    _check_floating(input, "silu")
    result = SiluBackward0.apply(input)
    return input._inplace(result) if inplace else result


def softplus(input: Any, beta: float = 1, threshold: float = 20) -> Any:
    _check_floating(input, "softplus")
    return SoftplusBackward0.apply(input, beta=beta, threshold=threshold)


def gelu(input: Any, approximate: str = "none") -> Any:
    if approximate not in ("none", "tanh"):
        raise RuntimeError("approximate argument must be either none or tanh.")
    messages.check_floating(input, "GeluKernelImpl")  # (PyTorch's name has no _cpu)
    return GeluBackward0.apply(input, approximate=approximate)


# selu's constants, so that activations keep mean 0 and variance 1 (self-normalising).
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def selu(input: Any, inplace: bool = False) -> Any:
    _check_floating(input, "elu")
    result = EluBackward0.apply(input, alpha=SELU_ALPHA, scale=SELU_SCALE)
    return input._inplace(result) if inplace else result


def celu(input: Any, alpha: float = 1.0, inplace: bool = False) -> Any:
    _check_floating(input, "elu")
    result = CeluBackward0.apply(input, alpha=alpha)
    return input._inplace(result) if inplace else result


def logsigmoid(input: Any) -> Any:
    _check_floating(input, "log_sigmoid")
    return LogSigmoidBackward0.apply(input)


def mish(input: Any, inplace: bool = False) -> Any:
    _check_floating(input, "mish")
    result = MishBackward0.apply(input)
    return input._inplace(result) if inplace else result


def hardtanh(input: Any, min_val: float = -1.0, max_val: float = 1.0,
             inplace: bool = False) -> Any:
    if min_val > max_val:
        raise ValueError("min_val cannot be greater than max_val")
    result = HardtanhBackward0.apply(input, min_val=min_val, max_val=max_val)
    return input._inplace(result) if inplace else result


def relu6(input: Any, inplace: bool = False) -> Any:
    return hardtanh(input, 0, 6, inplace)


def hardsigmoid(input: Any, inplace: bool = False) -> Any:
    result = HardsigmoidBackward0.apply(input)
    return input._inplace(result) if inplace else result


def hardswish(input: Any, inplace: bool = False) -> Any:
    result = HardswishBackward0.apply(input)
    return input._inplace(result) if inplace else result


def softshrink(input: Any, lambd: float = 0.5) -> Any:
    return SoftshrinkBackward0.apply(input, lambd=lambd)


def hardshrink(input: Any, lambd: float = 0.5) -> Any:
    return HardshrinkBackward0.apply(input, lambd=lambd)


def softsign(input: Any) -> Any:
    """x / (1 + |x|), built from core operations as PyTorch builds it."""
    return input / (input.abs() + 1)


def tanhshrink(input: Any) -> Any:
    """x - tanh(x), built from core operations as PyTorch builds it."""
    return input - input.tanh()
