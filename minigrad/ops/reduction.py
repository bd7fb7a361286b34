"""Reductions: sum and mean, over all elements or along dims (keepdim). Backward spreads the
gradient back over the reduced dims: every element contributed to a sum once.

    >>> import minigrad as torch
    >>> x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    >>> x.mean(dim=0)
    tensor([2., 3.], grad_fn=<MeanBackward1>)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import messages
from ..tensor import Tensor
from .dims import dims_argument, normalize_dims
from .op import Op, quiet


def sum_dtype(x: Tensor) -> Any:
    """Integer and bool sums are int64, as in PyTorch."""
    return np.int64 if x._data.dtype.kind in "biu" else x._data.dtype


def reduced_dims(dim: Any, ndim: int) -> tuple:
    """The dims a reduction runs over: dim's, or every dim for None or ()."""
    return normalize_dims(dim or None, ndim)


def expand_back(grad: Tensor, shape: tuple, dims: tuple, keepdim: bool) -> Tensor:
    """A reduced gradient broadcast back to the input's shape (the reduced dims put back)."""
    if not keepdim:
        for d in dims:
            grad = grad.unsqueeze(d)
    return grad.expand(shape)


class SumBackward0(Op):
    """sum() of every element."""

    # The input's shape, under PyTorch's name (grad_fn._saved_self_sym_sizes).
    __slots__ = ("self_sym_sizes",)

    def forward(self, x):
        self.self_sym_sizes = x._data.shape
        return np.asarray(x._data.sum(dtype=sum_dtype(x)))

    def backward(self, grad):
        return grad.expand(self.self_sym_sizes)


class SumBackward1(Op):
    """sum(dim, keepdim); dim as PyTorch saves it: a tuple (None: every dim, parity.py)."""

    __slots__ = ("dim", "keepdim", "self_sym_sizes")

    def forward(self, x, dim, keepdim):
        self.dim, self.keepdim, self.self_sym_sizes = dim, keepdim, x._data.shape
        axes = reduced_dims(dim, x._data.ndim)
        return np.asarray(x._data.sum(axis=axes, keepdims=keepdim, dtype=sum_dtype(x)))

    def backward(self, grad):
        axes = reduced_dims(self.dim, len(self.self_sym_sizes))
        return expand_back(grad, self.self_sym_sizes, axes, self.keepdim)


class MeanBackward0(Op):
    """mean() of every element."""

    __slots__ = ("self_sym_sizes", "self_sym_numel")

    @quiet  # the mean of nothing is nan, silently, as in PyTorch
    def forward(self, x):
        self.self_sym_sizes, self.self_sym_numel = x._data.shape, x._data.size
        return np.asarray(x._data.sum() / x._data.size, dtype=x._data.dtype)

    def backward(self, grad):
        return grad.expand(self.self_sym_sizes) / (self.self_sym_numel or 1)


class MeanBackward1(Op):
    """mean(dim, keepdim) (and mean(dim=None), as for SumBackward1)."""

    __slots__ = ("dim", "keepdim", "self_sym_sizes", "self_sym_numel")

    @quiet
    def forward(self, x, dim, keepdim):
        self.dim, self.keepdim = dim, keepdim
        self.self_sym_sizes, self.self_sym_numel = x._data.shape, x._data.size
        axes = reduced_dims(dim, x._data.ndim)
        count = math.prod(x._data.shape[d] for d in axes)
        return np.asarray(x._data.sum(axis=axes, keepdims=keepdim) / count, dtype=x._data.dtype)

    def backward(self, grad):
        axes = reduced_dims(self.dim, len(self.self_sym_sizes))
        count = math.prod(self.self_sym_sizes[d] for d in axes)
        return expand_back(grad, self.self_sym_sizes, axes, self.keepdim) / count


def _dim_argument(dim: Any, ndim: int) -> tuple:
    """dim as PyTorch records it (a tuple), after PyTorch's checks of it."""
    normalize_dims(dim, ndim)  # for its errors only: PyTorch records dim as given (-1 stays)
    return dims_argument(dim)


def sum(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    """(torch.sum and Tensor.sum are parity.py's: they take `dtype=` and tell dim=None apart.)"""
    if dim is None:
        return SumBackward0.apply(input)
    return SumBackward1.apply(input, dim=_dim_argument(dim, input.ndim), keepdim=keepdim)


def mean(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    if not input.dtype.is_floating_point:
        raise RuntimeError(messages.mean_of_integers(input.dtype))
    if dim is None:
        return MeanBackward0.apply(input)
    return MeanBackward1.apply(input, dim=_dim_argument(dim, input.ndim), keepdim=keepdim)
