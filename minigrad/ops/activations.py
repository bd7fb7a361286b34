"""More activation functions: leaky_relu, elu, silu, softplus, gelu (and erf, which gelu uses).

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

from .._dtype import message_name
from . import formulas
from .op import Op, quiet
from .selection import where

_erf = np.frompyfunc(math.erf, 1, 1)  # numpy has no erf; math.erf is exact to float64


def _check_floating(x: Any, kernel: str) -> None:
    if not x.dtype.is_floating_point:
        raise NotImplementedError(f'"{kernel}_cpu" not implemented for '
                                  f"'{message_name(x.dtype)}'")


class ErfBackward0(Op):
    saved_names = ('self',)

    def forward(self, x):
        self.save_for_backward(x)
        return np.asarray(_erf(x._data), dtype=x._data.dtype)

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


class EluBackward0(Op):
    """x where x > 0, alpha * (exp(x) - 1) elsewhere."""

    __slots__ = ("alpha", "scale", "input_scale")
    saved_names = ('self',)

    @quiet
    def forward(self, x, alpha):
        self.save_for_backward(x)
        self.alpha, self.scale, self.input_scale = alpha, 1, 1  # PyTorch's elu is selu's kin
        data = x._data
        return np.where(data > 0, data, data.dtype.type(alpha) * np.expm1(data))

    def backward(self, grad):
        (x,) = self.saved_tensors
        return where(x <= 0, grad * self.alpha * x.exp(), grad)


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
        cdf = 0.5 * (1 + _erf(data * (1 / math.sqrt(2))).astype(data.dtype))
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
    _check_floating(input, "GeluKernelImpl")
    return GeluBackward0.apply(input, approximate=approximate)
