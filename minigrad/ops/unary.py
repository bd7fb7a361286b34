"""Elementwise functions of one tensor: exp log sqrt sin cos tanh sigmoid relu abs clamp.

    >>> import minigrad as torch
    >>> x = torch.tensor(0.0, requires_grad=True)
    >>> torch.sigmoid(x).backward(); x.grad
    tensor(0.2500)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..tensor import Tensor
from . import formulas
from .formulas import is_tensor
from .op import Op, constant, quiet


class ExpBackward0(Op):
    on_arrays = True
    save_output = True

    @quiet
    def forward(self, x):
        return np.exp(x._data)

    def backward(self, grad):
        (result,) = self.saved_like(grad)
        return grad * result


class LogBackward0(Op):
    on_arrays = True
    saved_names = ('self',)

    @quiet
    def forward(self, x):
        self.save_for_backward(x)
        return np.log(x._data)

    def backward(self, grad):
        (x,) = self.saved_like(grad)
        return grad / x


class SqrtBackward0(Op):
    on_arrays = True
    save_output = True

    @quiet
    def forward(self, x):
        return np.sqrt(x._data)

    def backward(self, grad):
        (result,) = self.saved_like(grad)
        return grad / (2 * result)


class SinBackward0(Op):
    saved_names = ('self',)

    def forward(self, x):
        self.save_for_backward(x)
        return np.sin(x._data)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad * x.cos()


class CosBackward0(Op):
    saved_names = ('self',)

    def forward(self, x):
        self.save_for_backward(x)
        return np.cos(x._data)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad * -x.sin()


class TanhBackward0(Op):
    on_arrays = True
    save_output = True

    def forward(self, x):
        return np.tanh(x._data)

    def backward(self, grad):
        (result,) = self.saved_like(grad)
        if is_tensor(grad):  # create_graph: the formula must itself be differentiable
            return grad * (1 - result * result)
        # PyTorch's kernel rounds 1 - y*y once (a fused multiply-add); so do we, via float64.
        y = result.astype(np.float64)
        return grad * (1 - y * y).astype(result.dtype)


class SigmoidBackward0(Op):
    on_arrays = True
    save_output = True

    @quiet
    def forward(self, x):
        # exp(-x) may overflow to inf for very negative x: 1 / (1 + inf) = 0, as in PyTorch.
        one = x._data.dtype.type(1)
        return one / (one + np.exp(-x._data))

    def backward(self, grad):
        (result,) = self.saved_like(grad)
        return grad * (1 - result) * result


class ReluBackward0(Op):
    on_arrays = True
    save_output = True

    def forward(self, x):
        # (PyTorch keeps an input of -0.0 as -0.0; this gives 0.0 there, which saves the mask
        # np.where would need: a no_grad forward then takes no more memory than numpy's.)
        return np.maximum(x._data, 0, dtype=x._data.dtype)

    def backward(self, grad):
        (result,) = self.saved_like(grad)
        if formulas.is_tensor(grad):  # create_graph: recorded, reaching relu's output
            return ThresholdBackwardBackward0.apply(grad, result)
        return formulas.masked_fill(grad, result <= 0, 0)


class ThresholdBackwardBackward0(Op):
    """relu's backward as a recorded op (create_graph): grad where relu's output is positive,
    0 elsewhere. It is flat in that output, so its gradient there is zero, but the graph still
    reaches it, as PyTorch's does: a second derivative through relu is 0, not an error."""

    on_arrays = True

    def forward(self, grad, result):
        self.save_for_backward(result)
        return np.where(result._data <= 0, grad._data.dtype.type(0), grad._data)

    def backward(self, grad):
        (result,) = self.saved_like(grad)
        return formulas.masked_fill(grad, result <= 0, 0), formulas.zeros_like(result)


class AbsBackward0(Op):
    saved_names = ('self',)

    def forward(self, x):
        self.save_for_backward(x)
        return np.abs(x._data)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad * x.sign()


class ClampBackward1(Op):
    """clamp with number bounds: the gradient passes where the input was inside them."""

    on_arrays = True

    __slots__ = ("min", "max")

    saved_names = ('self',)

    def forward(self, x, min=None, max=None):  # noqa: A002 - PyTorch's names
        self.save_for_backward(x)
        self.min, self.max = min, max
        return np.clip(x._data, min, max).astype(x._data.dtype, copy=False)

    def backward(self, grad):
        (x,) = self.saved_like(grad)
        return formulas.masked_fill(grad, ~_inside(x, self.min, self.max), 0)


class ClampBackward0(Op):
    """clamp with tensor bounds (which get no gradient, as in PyTorch's clamp)."""

    on_arrays = True

    saved_names = ('self', 'min', 'max')

    def forward(self, x, low, high):
        self.save_for_backward(x, low, high)
        data = x._data
        if low is not None:
            data = np.maximum(data, low._data)
        if high is not None:
            data = np.minimum(data, high._data)
        return data

    def backward(self, grad):
        x, low, high = self.saved_like(grad)
        return formulas.masked_fill(grad, ~_inside(x, low, high), 0), None, None


def _inside(x: Any, low: Any, high: Any) -> Any:
    """Where x lies within [low, high] (a missing bound lets everything through)."""
    inside = x == x  # all True, except at nan
    if low is not None:
        inside = inside & (x >= low)
    if high is not None:
        inside = inside & (x <= high)
    return inside


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
    """PyTorch's sign, (0 < x) - (x < 0): nan has sign 0 there (numpy's np.sign gives nan)."""
    if x.dtype.kind != "f":
        return np.sign(x)
    return (x > 0).astype(x.dtype) - (x < 0)


class SignBackward0(_StepFunction):
    fn = staticmethod(_sign)


def _floating_function(op: type[Op], name: str) -> Any:
    """torch.exp and friends: integer and bool inputs are computed in the default float dtype."""

    def function(input: Any) -> Any:
        return op.apply(input if input.dtype.is_floating_point else input._float())

    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"{name}(input), elementwise; its grad_fn is {op.__name__}."
    return function


exp = _floating_function(ExpBackward0, "exp")
log = _floating_function(LogBackward0, "log")
sqrt = _floating_function(SqrtBackward0, "sqrt")
sin = _floating_function(SinBackward0, "sin")
cos = _floating_function(CosBackward0, "cos")
tanh = _floating_function(TanhBackward0, "tanh")
sigmoid = _floating_function(SigmoidBackward0, "sigmoid")


def relu(input: Any) -> Any:
    return ReluBackward0.apply(input)


def abs(input: Any) -> Any:  # noqa: A001 - PyTorch's name
    return AbsBackward0.apply(input)


def sign(input: Any) -> Any:
    return SignBackward0.apply(input)


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


class ClampMinBackward0(ClampBackward1):
    """clamp_min(number)."""


class ClampMinBackward1(ClampBackward0):
    """clamp_min(tensor)."""


class ClampMaxBackward0(ClampBackward1):
    """clamp_max(number)."""


class ClampMaxBackward1(ClampBackward0):
    """clamp_max(tensor)."""


def clamp(input: Any, min: Any = None, max: Any = None) -> Any:  # noqa: A002
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    return _clamp(input, min, max, ClampBackward1, ClampBackward0)


def clamp_min(input: Any, min: Any) -> Any:  # noqa: A002
    return _clamp(input, min, None, ClampMinBackward0, ClampMinBackward1)


def clamp_max(input: Any, max: Any) -> Any:  # noqa: A002
    return _clamp(input, None, max, ClampMaxBackward0, ClampMaxBackward1)


def _clamp(input: Any, min: Any, max: Any,  # noqa: A002
           with_numbers: type[Op], with_tensors: type[Op]) -> Any:
    """Number bounds (the input cast to their common dtype) or tensor bounds: the two nodes."""
    if isinstance(min, Tensor) or isinstance(max, Tensor):
        low = min if isinstance(min, Tensor) or min is None else constant(np.asarray(min))
        high = max if isinstance(max, Tensor) or max is None else constant(np.asarray(max))
        return with_tensors.apply(input, low, high)
    from .._dtype import result_type

    wanted = result_type(input, *(b for b in (min, max) if b is not None))
    return with_numbers.apply(input.to(wanted), min=min, max=max)
