"""clamp with tensor bounds, clamp_min and clamp_max (the reading path's clamp takes numbers);
nan_to_num, which replaces nan and the infinities by finite numbers.

    >>> import minigrad as torch
    >>> torch.tensor([-1.0, 0.5, 2.0]).clamp(min=torch.tensor(0.0), max=torch.tensor(1.0))
    tensor([0.0000, 0.5000, 1.0000])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from .._dtype import result_type
from ..ops.op import Op, array_or_number, constant, quiet
from ..ops.unary import ClampBackward1, clamp_with, inside
from ..ops.unary import clamp as clamp_numbers
from ..tensor import Tensor
from . import formulas
from .broadcasting import broadcast_shape_of
from .tensor_arguments import NUMBERS


class ClampBackward0(Op):
    """clamp with tensor bounds. As in PyTorch, a bound that requires grad gets the gradient
    where it was the result: min where x is below it (and it is below max), max where x is
    above it or it is below min (max is taken last, so it wins). Everything is compared in
    the result's dtype, as the forward computes (a float64 zero-dim bound of a float32 x is
    rounded to float32 first)."""

    on_arrays = True

    saved_names = ('self', 'min', 'max')
    __slots__ = ("result_dtype",)

    def forward(self, x, low, high):
        self.save_for_backward(x, low, high)
        self.result_dtype = result_type(*[t for t in (x, low, high) if t is not None]).numpy
        data, low, high = self._in_result_dtype(x, low, high)
        if low is not None:
            data = np.maximum(data, low)
        if high is not None:
            data = np.minimum(data, high)
        return data

    def backward(self, grad):
        x, low, high = self._in_result_dtype(*self.saved_tensors)
        grad_low = grad_high = None
        if low is not None:
            below = x < low if high is None else (x < low) & (low < high)
            grad_low = formulas.masked_fill(grad, formulas.constant(~below, grad), 0)
        if high is not None:
            above = x > high if low is None else (x > high) | (high < low)
            grad_high = formulas.masked_fill(grad, formulas.constant(~above, grad), 0)
        within = formulas.constant(inside(x, low, high), grad)
        return formulas.masked_fill(grad, ~within, 0), grad_low, grad_high

    def _in_result_dtype(self, *tensors: Any) -> list:
        """The numbers of tensors (or of the arrays the lean backward saves), in result_dtype."""
        return [None if t is None else array_or_number(t).astype(self.result_dtype, copy=False)
                for t in tensors]


class ClampMinBackward0(ClampBackward1):
    """clamp_min(number)."""


class ClampMinBackward1(ClampBackward0):
    """clamp_min(tensor)."""


class ClampMaxBackward0(ClampBackward1):
    """clamp_max(number)."""


class ClampMaxBackward1(ClampBackward0):
    """clamp_max(tensor)."""


def clamp(input: Tensor, min: Any = None, max: Any = None) -> Tensor:  # noqa: A002
    # PyTorch takes tensor bounds or number bounds (None for either), not a mix, nor a list.
    if isinstance(min, Tensor) or isinstance(max, Tensor):
        if (min is None or isinstance(min, Tensor)) and (max is None or isinstance(max, Tensor)):
            return _with_tensors(ClampBackward0, input, min, max)
    elif (min is None or isinstance(min, NUMBERS)) and (max is None or isinstance(max, NUMBERS)):
        return clamp_numbers(input, min, max)
    # (t.clamp(max=x) names its argument, as PyTorch's message does a keyword one)
    raise messages.invalid_arguments("clamp", min, max) if min is not None and max is not None \
        else messages.invalid_arguments("clamp", max=max) if min is None \
        else messages.invalid_arguments("clamp", min)


def clamp_min(input: Tensor, min: Any) -> Tensor:  # noqa: A002
    if isinstance(min, Tensor):
        return _with_tensors(ClampMinBackward1, input, min, None)
    return clamp_with(ClampMinBackward0, input, min, None)


def clamp_max(input: Tensor, max: Any) -> Tensor:  # noqa: A002
    if isinstance(max, Tensor):
        return _with_tensors(ClampMaxBackward1, input, None, max)
    return clamp_with(ClampMaxBackward0, input, None, max)


def _with_tensors(op: type[Op], input: Tensor, min: Any, max: Any) -> Tensor:  # noqa: A002
    """Tensor bounds (a number given with one becomes a constant tensor)."""
    low = min if isinstance(min, Tensor) or min is None else constant(np.asarray(min))
    high = max if isinstance(max, Tensor) or max is None else constant(np.asarray(max))
    broadcast_shape_of(input, *(t for t in (low, high) if t is not None))  # (PyTorch's error)
    return op.apply(input, low, high)


class NanToNumBackward0(Op):
    """The replaced elements (nan, inf, -inf) are constants: they get no gradient."""

    saved_names = ("self",)

    @quiet  # a replacement too large for the dtype becomes inf silently, as in PyTorch
    def forward(self, x, nan, posinf, neginf):
        self.save_for_backward(x)
        return np.nan_to_num(x._data, nan=nan, posinf=posinf, neginf=neginf)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad * x.isfinite()


def nan_to_num(input: Tensor, nan: float = 0.0, posinf: float | None = None,
               neginf: float | None = None) -> Tensor:
    """nan replaced by `nan`, inf by `posinf` and -inf by `neginf` (by default the largest and
    the lowest finite number of input's dtype). Integer and bool tensors come back copied.

    >>> import minigrad as torch
    >>> torch.nan_to_num(torch.tensor([float("nan"), float("inf"), 1.0]), posinf=9.0)
    tensor([0., 9., 1.])
    """
    if not input.dtype.is_floating_point:
        return input.clone()
    # numpy's defaults are PyTorch's: the dtype's largest and lowest finite numbers.
    return NanToNumBackward0.apply(input, nan=nan, posinf=posinf, neginf=neginf)
