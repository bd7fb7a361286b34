"""Reductions: sum, mean, max, min, amax, amin, logsumexp over all elements or along dims
(keepdim), and cumsum, the running sum.

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

from .._dtype import message_name
from ..breadth.selection import where
from ..tensor import Tensor
from . import formulas
from .dims import dims_argument, normalize_dim, normalize_dims
from .op import Op, constant, quiet


def _expand_back(grad: Any, shape: tuple, dims: tuple, keepdim: bool) -> Any:
    """Broadcast a reduced gradient back to the input's shape."""
    return formulas.expand(formulas.keep_reduced_dims(grad, dims, keepdim), shape)


class SumBackward0(Op):
    """sum() of every element."""

    on_arrays = True
    __slots__ = ("self_sym_sizes",)

    def forward(self, x):
        self.self_sym_sizes = x._data.shape
        return np.asarray(x._data.sum(dtype=_sum_dtype(x)))

    def backward(self, grad):
        return formulas.expand(grad, self.self_sym_sizes)


class SumBackward1(Op):
    """sum(dim, keepdim); dim as given (None or () means every dim), as PyTorch saves it."""

    on_arrays = True
    __slots__ = ("dim", "keepdim", "self_sym_sizes")

    def forward(self, x, dim, keepdim):
        self.dim, self.keepdim, self.self_sym_sizes = dim, keepdim, x._data.shape
        axes = _axes(dim, x._data.ndim)
        return np.asarray(x._data.sum(axis=axes, keepdims=keepdim, dtype=_sum_dtype(x)))

    def backward(self, grad):
        axes = _axes(self.dim, len(self.self_sym_sizes))
        return _expand_back(grad, self.self_sym_sizes, axes, self.keepdim)


class MeanBackward0(Op):
    """mean() of every element."""

    on_arrays = True
    __slots__ = ("self_sym_sizes", "self_sym_numel")

    @quiet  # the mean of nothing is nan, silently, as in PyTorch
    def forward(self, x):
        self.self_sym_sizes, self.self_sym_numel = x._data.shape, x._data.size
        return np.asarray(x._data.sum() / x._data.size, dtype=x._data.dtype)

    def backward(self, grad):
        return formulas.expand(grad, self.self_sym_sizes) / (self.self_sym_numel or 1)


class MeanBackward1(Op):
    """mean(dim, keepdim)."""

    on_arrays = True
    __slots__ = ("dim", "keepdim", "self_sym_sizes", "self_sym_numel")

    @quiet
    def forward(self, x, dim, keepdim):
        self.dim, self.keepdim = dim, keepdim
        self.self_sym_sizes, self.self_sym_numel = x._data.shape, x._data.size
        axes = _axes(dim, x._data.ndim)
        count = math.prod(x._data.shape[d] for d in axes)
        return np.asarray(x._data.sum(axis=axes, keepdims=keepdim) / count, dtype=x._data.dtype)

    def backward(self, grad):
        axes = _axes(self.dim, len(self.self_sym_sizes))
        count = math.prod(self.self_sym_sizes[d] for d in axes)
        return _expand_back(grad, self.self_sym_sizes, axes, self.keepdim) / count


def _axes(dim: Any, ndim: int) -> tuple:
    """The dims a reduction runs over: dim's, or every dim for None or ()."""
    return normalize_dims(dim or None, ndim)


class _FullExtremum(Op):
    """max() / min() of all elements: ties share the gradient evenly, as in PyTorch."""

    save_output = True
    pick = staticmethod(np.max)

    saved_names = ('self',)

    def forward(self, x):
        if x._data.size == 0:
            raise RuntimeError(
                f"{self.pick.__name__}(): Expected reduction dim to be specified for input.numel() "
                "== 0. Specify the reduction dim with the 'dim' argument."
            )
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


def _sum_dtype(x: Any) -> Any:
    # Integer and bool sums are int64, as in PyTorch.
    return np.int64 if x._data.dtype.kind in "biu" else x._data.dtype


class _AllDims:
    """The default of sum's and mean's dim: not given at all (sum() records SumBackward0;
    sum(dim=None) or sum(dim=()) reduce every dim too, but record SumBackward1)."""

    def __repr__(self) -> str:
        return "None"


_NOT_GIVEN: Any = _AllDims()


def _dim_argument(dim: Any, ndim: int) -> Any:
    """dim as PyTorch records it (a tuple, or None), after PyTorch's checks."""
    normalize_dims(dim, ndim)
    return None if dim is None else tuple(dim) if isinstance(dim, (tuple, list)) else (dim,)


def sum(input: Any, dim: Any = _NOT_GIVEN, keepdim: bool = False, *, dtype: Any = None) -> Any:  # noqa: A001
    if dtype is not None:
        input = input.to(dtype)
    if dim is _NOT_GIVEN:
        return SumBackward0.apply(input)
    return SumBackward1.apply(input, dim=_dim_argument(dim, input.ndim), keepdim=keepdim)


def mean(input: Any, dim: Any = _NOT_GIVEN, keepdim: bool = False, *,
         dtype: Any = None) -> Any:
    if dtype is not None:
        input = input.to(dtype)
    if not input.dtype.is_floating_point:
        raise RuntimeError(
            "mean(): could not infer output dtype. Input dtype must be either a floating point "
            f"or complex dtype. Got: {message_name(input.dtype)}"
        )
    if dim is _NOT_GIVEN:
        return MeanBackward0.apply(input)
    return MeanBackward1.apply(input, dim=_dim_argument(dim, input.ndim), keepdim=keepdim)


def _extremum(name: str, full: type[Op], along: type[Op], input: Any, dim: Any,
              keepdim: bool) -> Any:
    if isinstance(dim, Tensor):  # torch.max(a, b) is the elementwise maximum
        from ..breadth.selection import maximum, minimum

        return (maximum if name == "max" else minimum)(input, dim)
    if dim is None:
        return full.apply(input)
    dim = normalize_dim(dim, input.ndim)
    data = input._data if input._data.ndim else input._data.reshape(1)
    indices = np.expand_dims(along.arg(data, axis=dim), dim)
    values = along.apply(input, dim=dim, keepdim=keepdim, indices=indices)
    indices = _drop_dim(indices, dim, keepdim, input.ndim)
    result_type = return_max if name == "max" else return_min
    return result_type(values, constant(np.asarray(indices, dtype=np.int64)))


def _drop_dim(array: np.ndarray, dim: int, keepdim: bool, ndim: int) -> np.ndarray:
    """Remove the reduced dim unless keepdim (a zero-dim input gives a zero-dim result)."""
    if not ndim:
        return array.reshape(())
    return array if keepdim else array.squeeze(dim)


def max(input: Any, dim: Any = None, keepdim: bool = False) -> Any:  # noqa: A001
    return _extremum("max", MaxBackward1, MaxBackward0, input, dim, keepdim)


def min(input: Any, dim: Any = None, keepdim: bool = False) -> Any:  # noqa: A001
    return _extremum("min", MinBackward1, MinBackward0, input, dim, keepdim)


def _return_type(name: str) -> type:
    """PyTorch's named (values, indices) result, printed as torch.return_types.max(...)."""
    base = namedtuple(name, ["values", "indices"])  # noqa: PYI024

    def __repr__(self: Any) -> str:
        return f"minigrad.return_types.{name}(\nvalues={self.values!r},\nindices={self.indices!r})"

    return type(name, (base,), {"__repr__": __repr__, "__slots__": ()})


return_max = _return_type("max")
return_min = _return_type("min")


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
        return np.cumsum(x._data, axis=dim, dtype=_sum_dtype(x)) if x._data.ndim \
            else x._data.astype(_sum_dtype(x))

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

