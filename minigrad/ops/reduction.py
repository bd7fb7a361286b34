"""Reductions: sum, mean, max and min over all elements or along dims (keepdim).

A reduction's backward spreads the gradient back over the reduced dims: every element
contributed to a sum equally; only the chosen elements contributed to a max.

    >>> import minigrad as torch
    >>> x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    >>> x.mean(dim=0)
    tensor([2., 3.], grad_fn=<MeanBackward1>)
"""

from __future__ import annotations

import math
from collections import namedtuple
from typing import Any

import numpy as np

from .. import messages
from ..breadth.selection import where
from ..tensor import Tensor
from .dims import normalize_dim, normalize_dims
from .op import Op, constant, quiet


def expand_back(grad: Tensor, shape: tuple, dims: tuple, keepdim: bool) -> Tensor:
    """A reduced gradient broadcast back to the input's shape (the reduced dims put back)."""
    if not keepdim:
        for d in dims:
            grad = grad.unsqueeze(d)
    return grad.expand(shape)


class SumBackward0(Op):
    """sum() of every element."""

    __slots__ = ("self_sym_sizes",)

    def forward(self, x):
        self.self_sym_sizes = x._data.shape
        return np.asarray(x._data.sum(dtype=sum_dtype(x)))

    def backward(self, grad):
        return grad.expand(self.self_sym_sizes)


class SumBackward1(Op):
    """sum(dim, keepdim); dim as PyTorch saves it (a tuple, or None for every dim)."""

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
    """mean(dim, keepdim)."""

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


def reduced_dims(dim: Any, ndim: int) -> tuple:
    """The dims a reduction runs over: dim's, or every dim for None or ()."""
    return normalize_dims(dim or None, ndim)


def sum_dtype(x: Tensor) -> Any:
    # Integer and bool sums are int64, as in PyTorch.
    return np.int64 if x._data.dtype.kind in "biu" else x._data.dtype


class _FullExtremum(Op):
    """max() / min() of all elements: ties share the gradient evenly, as in PyTorch."""

    save_output = True
    pick = staticmethod(np.max)
    saved_names = ("self",)

    def forward(self, x):
        if x._data.size == 0:
            raise RuntimeError(
                f"{self.pick.__name__}(): Expected reduction dim to be specified for input.numel() "
                "== 0. Specify the reduction dim with the 'dim' argument.")
        self.save_for_backward(x)
        return np.asarray(self.pick(x._data))

    def backward(self, grad):
        x, result = self.saved_tensors
        # The elements equal to the result share its gradient (the nan ones, if it is nan).
        chosen = x != x if np.isnan(result._data) else x == result
        return (grad / chosen.sum()).expand(x.shape).masked_fill(~chosen, 0)


class MaxBackward1(_FullExtremum):
    pick = staticmethod(np.max)


class MinBackward1(_FullExtremum):
    pick = staticmethod(np.min)


class _DimExtremum(Op):
    """max(dim) / min(dim): the gradient goes to the element each index points at."""

    __slots__ = ("shape", "dim", "keepdim", "indices")
    arg = staticmethod(np.argmax)

    def forward(self, x, dim, keepdim, indices):
        # indices (with the reduced dim kept) come from the caller, who returns them too.
        self.shape, self.dim, self.keepdim, self.indices = x._data.shape, dim, keepdim, indices
        data = x._data if x._data.ndim else x._data.reshape(1)
        values = np.take_along_axis(data, indices, axis=dim)
        return _drop_dim(values, dim, keepdim, x._data.ndim)

    def backward(self, grad):
        if not self.keepdim:
            grad = grad.unsqueeze(self.dim)
        one_hot = np.zeros(self.shape or (1,), dtype=bool)
        np.put_along_axis(one_hot, self.indices, True, axis=self.dim)
        return where(constant(one_hot), grad, 0.0).reshape(self.shape)


class MaxBackward0(_DimExtremum):
    arg = staticmethod(np.argmax)


class MinBackward0(_DimExtremum):
    arg = staticmethod(np.argmin)


def _dim_argument(dim: Any, ndim: int) -> Any:
    """dim as PyTorch records it (a tuple, or None), after PyTorch's checks."""
    normalize_dims(dim, ndim)
    return None if dim is None else tuple(dim) if isinstance(dim, (tuple, list)) else (dim,)


def sum(input: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:  # noqa: A001
    if dtype is not None:
        input = input.to(dtype)
    if dim is None:
        return SumBackward0.apply(input)
    return SumBackward1.apply(input, dim=_dim_argument(dim, input.ndim), keepdim=keepdim)


def mean(input: Tensor, dim: Any = None, keepdim: bool = False, *,
         dtype: Any = None) -> Tensor:
    if dtype is not None:
        input = input.to(dtype)
    if not input.dtype.is_floating_point:
        raise RuntimeError(messages.mean_of_integers(input.dtype))
    if dim is None:
        return MeanBackward0.apply(input)
    return MeanBackward1.apply(input, dim=_dim_argument(dim, input.ndim), keepdim=keepdim)


def max(input: Tensor, dim: Any = None, keepdim: bool = False) -> Any:  # noqa: A001
    """The largest element, or along dim the largest values and their indices."""
    return _extremum(input, dim, keepdim, MaxBackward1, MaxBackward0, return_max)


def min(input: Tensor, dim: Any = None, keepdim: bool = False) -> Any:  # noqa: A001
    return _extremum(input, dim, keepdim, MinBackward1, MinBackward0, return_min)


def _extremum(input: Tensor, dim: Any, keepdim: bool, full: type[Op], along: type[Op],
              result_type: type) -> Any:
    if dim is None:
        return full.apply(input)
    dim = normalize_dim(dim, input.ndim)
    data = input._data if input._data.ndim else input._data.reshape(1)
    indices = np.expand_dims(along.arg(data, axis=dim), dim)
    values = along.apply(input, dim=dim, keepdim=keepdim, indices=indices)
    indices = _drop_dim(indices, dim, keepdim, input.ndim)
    return result_type(values, constant(np.asarray(indices, dtype=np.int64)))


def _drop_dim(array: np.ndarray, dim: int, keepdim: bool, ndim: int) -> np.ndarray:
    """Remove the reduced dim unless keepdim (a zero-dim input gives a zero-dim result)."""
    if not ndim:
        return array.reshape(())
    return array if keepdim else array.squeeze(dim)


def return_type(name: str) -> type:
    """PyTorch's named (values, indices) result, printed as torch.return_types.max(...)."""
    base = namedtuple(name, ["values", "indices"])  # noqa: PYI024

    def __repr__(self: Any) -> str:
        return f"minigrad.return_types.{name}(\nvalues={self.values!r},\nindices={self.indices!r})"

    return type(name, (base,), {"__repr__": __repr__, "__slots__": ()})


return_max = return_type("max")
return_min = return_type("min")
