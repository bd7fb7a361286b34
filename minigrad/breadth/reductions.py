"""More reductions: max and min (of all elements, or along a dim with their indices), amax,
amin, logsumexp over dims, and cumsum, the running sum.

    >>> import minigrad as torch
    >>> torch.tensor([1.0, 2.0, 3.0]).cumsum(0)
    tensor([1., 3., 6.])
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

import numpy as np

from ..ops.dims import dims_argument, normalize_dim, normalize_dims
from ..ops.op import Op, constant, quiet
from ..ops.reduction import sum_dtype
from ..tensor import Tensor
from . import formulas
from .selection import maximum, minimum, where


class _AlongDims(Op):
    """A reduction over `dim` (a tuple; () means every dim) that keeps dims as PyTorch does."""

    __slots__ = ("dim", "keepdim")
    save_output = True
    saved_names = ('self',)

    def _axes(self, ndim: int) -> tuple:
        return normalize_dims(self.dim or None, ndim)

    def _restored(self, value: Any, ndim: int) -> Any:
        return formulas.keep_reduced_dims(value, self._axes(ndim), self.keepdim)


class _Amaxmin(_AlongDims):
    """amax/amin: the largest/smallest values; ties share the gradient evenly (as max())."""

    pick = staticmethod(np.max)

    def forward(self, x, dim, keepdim):
        self.save_for_backward(x)
        self.dim, self.keepdim = dim, keepdim
        name = "amax" if self.pick is np.max else "amin"
        if x._data.size == 0 and not dim:
            raise RuntimeError(
                f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
                "Specify the reduction dim with the 'dim' argument.")
        axes = self._axes(x._data.ndim)
        for d in axes:
            if x._data.shape[d] == 0:
                raise IndexError(f"{name}(): Expected reduction dim {d} to have non-zero size.")
        return np.asarray(self.pick(x._data, axis=axes, keepdims=keepdim))

    def backward(self, grad):
        x, result = self.saved_tensors
        chosen = (self._restored(result, x.ndim) == x).to(x.dtype)
        grad = self._restored(grad, x.ndim)
        return (grad / chosen.sum(self._axes(x.ndim), keepdim=True)) * chosen


class AmaxBackward0(_Amaxmin):
    pick = staticmethod(np.max)


class AminBackward0(_Amaxmin):
    pick = staticmethod(np.min)


class LogsumexpBackward0(_AlongDims):
    """log(sum(exp(x))) computed without overflow: the largest value is taken out first."""

    @quiet
    def forward(self, x, dim, keepdim):
        self.save_for_backward(x)
        self.dim, self.keepdim = dim, keepdim
        axes = self._axes(x._data.ndim)
        shift = x._data.max(axis=axes, keepdims=True) if x._data.size else np.zeros(())
        shift = np.where(np.isinf(shift), 0, shift)  # all -inf (or an inf): nothing to take out
        total = np.exp(x._data - shift).sum(axis=axes, keepdims=True)
        result = np.log(total) + shift
        return np.asarray(result if keepdim else result.squeeze(axes), dtype=x._data.dtype)

    def backward(self, grad):
        x, result = self.saved_tensors
        # d/dx log sum exp(x) = exp(x) / sum exp(x) = exp(x - result): the softmax.
        return self._restored(grad, x.ndim) * (x - self._restored(result, x.ndim)).exp()


class CumsumBackward0(Op):
    """The running sum along dim: out[i] = x[0] + ... + x[i]."""

    on_arrays = True
    __slots__ = ("dim",)

    def forward(self, x, dim):
        self.dim = dim
        return np.cumsum(x._data, axis=dim, dtype=sum_dtype(x)) if x._data.ndim \
            else x._data.astype(sum_dtype(x))

    def backward(self, grad):
        # x[i] counts in every out[j] with j >= i: the running sum from the end.
        if not grad.ndim:
            return grad
        if formulas.is_tensor(grad):
            return grad.flip(self.dim).cumsum(self.dim).flip(self.dim)
        return np.flip(np.cumsum(np.flip(grad, self.dim), axis=self.dim), self.dim)


def amax(input: Any, dim: Any = (), keepdim: bool = False) -> Any:
    return AmaxBackward0.apply(input, dim=dims_argument(dim, ()), keepdim=keepdim)


def amin(input: Any, dim: Any = (), keepdim: bool = False) -> Any:
    return AminBackward0.apply(input, dim=dims_argument(dim, ()), keepdim=keepdim)


def logsumexp(input: Any, dim: Any, keepdim: bool = False) -> Any:
    if not input.dtype.is_floating_point:  # integers are computed in the default float dtype
        input = input._float()
    return LogsumexpBackward0.apply(input, dim=dims_argument(dim, ()), keepdim=keepdim)


def cumsum(input: Any, dim: int, *, dtype: Any = None) -> Any:
    if dtype is not None:
        input = input.to(dtype)
    return CumsumBackward0.apply(input, dim=normalize_dim(dim, input.ndim))


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


def max(input: Tensor, dim: Any = None, keepdim: bool = False) -> Any:  # noqa: A001
    """torch.max: of all elements, along dim (values, indices), or of two tensors elementwise."""
    if isinstance(dim, Tensor):
        return maximum(input, dim)
    return _extremum(input, dim, keepdim, MaxBackward1, MaxBackward0, return_max)


def min(input: Tensor, dim: Any = None, keepdim: bool = False) -> Any:  # noqa: A001
    if isinstance(dim, Tensor):
        return minimum(input, dim)
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
