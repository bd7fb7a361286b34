"""More reductions: max and min (of all elements, or along a dim with their indices), amax,
amin, logsumexp over dims, nansum and nanmean (nan left out), and cumsum, the running sum.

    >>> import minigrad as torch
    >>> torch.tensor([1.0, 2.0, 3.0]).cumsum(0)
    tensor([1., 3., 6.])
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

import numpy as np

from .. import messages
from .._dtype import message_name
from ..ops.dims import dims_argument, normalize_dim, normalize_dims
from ..ops.op import Op, constant, quiet
from ..ops.reduction import sum_dtype
from ..tensor import Tensor
from . import formulas
from .gather import scatter
from .selection import masked_fill, maximum, minimum
from .two_outputs import TwoOutputs


class _AlongDims(Op):
    """A reduction over `dim` (a tuple; () means every dim) that keeps dims as PyTorch does."""

    __slots__ = ("dim", "keepdim")
    save_output = True
    saved_names = ('self',)

    def _axes(self, ndim: int) -> tuple:
        return normalize_dims(self.dim or None, ndim)

    def _restored(self, value: Any, ndim: int) -> Any:
        return formulas.keep_reduced_dims(value, self._axes(ndim), self.keepdim)

    def _reshaped(self, value: Any, ndim: int) -> Any:
        """_restored by a reshape, as PyTorch's restore_reduced_dims (amax's and amin's
        backward) does it: ViewBackward0 under create_graph, not UnsqueezeBackward0."""
        if self.keepdim:
            return value
        axes, sizes = self._axes(ndim), iter(value.shape)
        return value.reshape(tuple(1 if d in axes else next(sizes) for d in range(ndim)))

    def _shared(self, grad: Any, x: Any, extreme: Any) -> Any:
        """The gradient of a max (min): shared evenly by the elements equal to it."""
        chosen = (self._reshaped(extreme, x.ndim) == x).to(x.dtype)
        grad = self._reshaped(grad, x.ndim)
        return (grad / chosen.sum(self._axes(x.ndim), keepdim=True)) * chosen


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
        return self._shared(grad, x, result)


class AmaxBackward0(_Amaxmin):
    pick = staticmethod(np.max)


class AminBackward0(_Amaxmin):
    pick = staticmethod(np.min)


class AminmaxBackward0(TwoOutputs, _AlongDims):
    """aminmax: the smallest and the largest values, two outputs of one node."""

    save_output = False
    saved_names = ()

    def forward(self, x, dim, keepdim, seconds):
        self.dim, self.keepdim = dim, keepdim
        axes = self._axes(x._data.ndim)
        if not x._data.size and (not dim or any(x._data.shape[d] == 0 for d in axes)):
            raise RuntimeError("aminmax(): cannot compute aminmax over an empty dimension as "
                               "the operation has no identity.")
        low, high = (np.asarray(pick(x._data, axis=axes, keepdims=keepdim))
                     for pick in (np.min, np.max))
        self.save_for_backward(x, constant(low), constant(high))
        seconds.append(high)
        return low

    def backward(self, grads):
        x, *extremes = self.saved_tensors
        shares = [self._shared(g, x, e) for g, e in zip(grads, extremes) if g is not None]
        return shares[0] if len(shares) == 1 else shares[0] + shares[1]


def aminmax(input: Tensor, *, dim: int | None = None, keepdim: bool = False) -> Any:
    """(min, max) of all elements, or along one dim.

    >>> import minigrad as torch
    >>> torch.aminmax(torch.tensor([[1, 5], [4, 2]]), dim=1)
    minigrad.return_types.aminmax(
    min=tensor([1, 2]),
    max=tensor([5, 4]))
    """
    if dim is not None and not isinstance(dim, (int, np.integer)):
        raise TypeError(f"aminmax(): argument 'dim' must be int, not {type(dim).__name__}")
    dims = () if dim is None else (normalize_dim(dim, input.ndim),)
    return return_aminmax(*AminmaxBackward0.apply_pair(input, dim=dims, keepdim=keepdim))


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


def running(accumulate: Any, data: np.ndarray, dim: int, dtype: Any) -> np.ndarray:
    """np.cumsum or np.cumprod along dim, as PyTorch's CPU kernels compute them: a float32 or
    float16 running value is kept in double, each result rounded to the dtype once (numpy
    accumulates in the dtype itself, so its float32 running sums drift from PyTorch's)."""
    if np.dtype(dtype).kind == "f" and np.dtype(dtype).itemsize < 8:
        return accumulate(data, axis=dim, dtype=np.float64).astype(dtype)
    return accumulate(data, axis=dim, dtype=dtype)


class CumsumBackward0(Op):
    """The running sum along dim: out[i] = x[0] + ... + x[i]."""

    on_arrays = True
    __slots__ = ("dim",)

    def forward(self, x, dim):
        self.dim = dim
        return running(np.cumsum, x._data, dim, sum_dtype(x)) if x._data.ndim \
            else x._data.astype(sum_dtype(x))

    def backward(self, grad):
        # x[i] counts in every out[j] with j >= i: the running sum from the end.
        if not grad.ndim:
            return grad
        if formulas.is_tensor(grad):
            return grad.flip(self.dim).cumsum(self.dim).flip(self.dim)
        return np.flip(running(np.cumsum, np.flip(grad, self.dim), self.dim, grad.dtype),
                       self.dim)


class NansumBackward0(_AlongDims):
    """The sum of the elements that are not nan: a nan element counts as 0 (and gets 0)."""

    save_output = False

    def forward(self, x, dim, keepdim, dtype):
        self.save_for_backward(x)
        self.dim, self.keepdim = dim, keepdim
        return np.asarray(np.nansum(x._data, axis=self._axes(x._data.ndim), keepdims=keepdim,
                                    dtype=dtype))

    def backward(self, grad):
        (x,) = self.saved_tensors
        return self._restored(grad, x.ndim).expand(x.shape).masked_fill(x.isnan(), 0)


def nansum(input: Any, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Any:
    """sum() with nan counted as 0.

    >>> import minigrad as torch
    >>> torch.tensor([1.0, float("nan"), 2.0]).nansum()
    tensor(3.)
    """
    out_dtype = sum_dtype(input) if dtype is None else dtype.numpy
    if dtype is not None:
        input = input.to(dtype)
    return NansumBackward0.apply(input, dim=dims_argument(dim, ()), keepdim=keepdim,
                                 dtype=out_dtype)


def nanmean(input: Any, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Any:
    """mean() of the elements that are not nan: nansum divided by their count, as PyTorch
    computes it (so it records DivBackward0 after NansumBackward0).

    >>> import minigrad as torch
    >>> torch.tensor([1.0, float("nan"), 2.0]).nanmean()
    tensor(1.5000)
    """
    if not input.dtype.is_floating_point:
        raise RuntimeError("nanmean(): expected input to have floating point or complex dtype "
                           f"but got {message_name(input.dtype)}")
    counted = (~input.isnan()).sum(dim, keepdim=keepdim)
    return nansum(input, dim, keepdim, dtype=dtype) / counted


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
        # The elements equal to the result share its gradient (the nan ones, if it is nan),
        # written into zeros as PyTorch writes it (MaskedFillBackward1 under create_graph).
        chosen = x != x if np.isnan(result._data) else x == result
        zeros = constant(np.zeros(x.shape, dtype=grad._data.dtype))
        return masked_fill(zeros, chosen, grad / chosen.sum())


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
        if not self.shape:  # a 0-d input: its one element was picked
            return grad.reshape(())
        # Each gradient scattered into zeros at its index, as PyTorch does (ScatterBackward0
        # under create_graph).
        zeros = constant(np.zeros(self.shape, dtype=grad._data.dtype))
        return scatter(zeros, self.dim, constant(self.indices), src=grad)


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
    messages.check_reduction_dim(result_type.__name__, input, dim)
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


def return_type(name: str, fields: tuple = ("values", "indices")) -> type:
    """PyTorch's named (values, indices) result, printed as torch.return_types.max(...)."""
    base = namedtuple(name, fields)  # noqa: PYI024

    def __repr__(self: Any) -> str:
        shown = ",\n".join(f"{field}={value!r}" for field, value in zip(fields, self))
        return f"minigrad.return_types.{name}(\n{shown})"

    return type(name, (base,), {"__repr__": __repr__, "__slots__": ()})


return_max = return_type("max")
return_min = return_type("min")
return_aminmax = return_type("aminmax", ("min", "max"))
