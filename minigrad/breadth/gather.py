"""gather, scatter and scatter_add: read, write or add into one element per index along a
dim; index_select and index_add: the same with whole slices along the dim.

Along dim 1, ``out[i][j] = input[i][index[i][j]]``: each row picks its own columns, as when a
loss takes each sample's score for its label. scatter goes the other way: it writes
``src[i][j]`` into ``out[i][index[i][j]]``; scatter_add adds it, summing where an index
repeats. gather and scatter_add are each other's gradient.

    >>> import minigrad as torch
    >>> scores = torch.tensor([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]])
    >>> scores.gather(1, torch.tensor([[1], [0]]))
    tensor([[0.7000],
            [0.5000]])
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._dtype import message_name
from ..ops.dims import normalize_dim
from ..ops.op import Op, constant
from ..tensor import Tensor
from . import formulas


def _key(index: np.ndarray, dim: int) -> tuple:
    """The numpy key that takes, at each position of `index`, the element it names along dim
    (and, along every other dim, the element at the position itself). A 0-d index counts as
    one element, as in PyTorch (`scatter_(0, torch.tensor(3), value=1)`: a one-hot vector), so
    the array it indexes is taken as 1-d too (`_flat0`)."""
    index = _flat0(index)
    return tuple(index if d == dim else np.arange(n).reshape((n,) + (1,) * (index.ndim - d - 1))
                 for d, n in enumerate(index.shape))


def _flat0(a: np.ndarray) -> np.ndarray:
    """A 0-d array as a 1-d view of its one element (writes go through); others as they are."""
    return np.atleast_1d(a)


def _scatter_add(out: np.ndarray, dim: int, index: np.ndarray, src: np.ndarray) -> np.ndarray:
    np.add.at(_flat0(out), _key(index, dim), _used(src, index))
    return out


def _used(src: np.ndarray, index: np.ndarray) -> np.ndarray:
    """The part of src that scatter uses: its leading corner the shape of the index."""
    return _flat0(src)[tuple(slice(0, n) for n in _flat0(index).shape)]


class GatherBackward0(Op):
    on_arrays = True
    __slots__ = ("dim", "index", "shape")

    def forward(self, x, dim, index):
        self.dim, self.index, self.shape = dim, index, x._data.shape
        if not index._data.size:
            return np.zeros(index._data.shape, x._data.dtype)
        return _flat0(x._data)[_key(index._data, dim)].reshape(index._data.shape)

    def backward(self, grad):
        if formulas.is_tensor(grad):
            zeros = constant(np.zeros(self.shape, grad._data.dtype))
            return scatter_add(zeros, self.dim, self.index, grad)
        return _scatter_add(np.zeros(self.shape, grad.dtype), self.dim, self.index._data, grad)


class ScatterAddBackward0(Op):
    on_arrays = True
    __slots__ = ("dim", "index")

    def forward(self, x, src, dim, index):
        self.dim, self.index = dim, index
        return _scatter_add(x._data.copy(), dim, index._data, src._data)

    def backward(self, grad):
        return grad, _picked(grad, self.dim, self.index)


class ScatterBackward0(Op):
    """scatter(dim, index, src): src's elements written at the indexed places."""

    on_arrays = True
    __slots__ = ("dim", "index")

    def forward(self, x, src, dim, index):
        self.dim, self.index = dim, index
        out = x._data.copy()
        key = _key(index._data, dim)
        _flat0(out)[key] = _used(src._data, index._data)
        return out

    def backward(self, grad):
        # What was overwritten gets no gradient; each written element gets its place's.
        return _overwritten(grad, self.dim, self.index), _picked(grad, self.dim, self.index)


class ScatterBackward1(Op):
    """scatter(dim, index, value): a number written at the indexed places."""

    on_arrays = True
    __slots__ = ("dim", "index")

    def forward(self, x, dim, index, value):
        self.dim, self.index = dim, index
        out = x._data.copy()
        _flat0(out)[_key(index._data, dim)] = value
        return out

    def backward(self, grad):
        return _overwritten(grad, self.dim, self.index)


def _picked(grad: Any, dim: int, index: Any) -> Any:
    if formulas.is_tensor(grad):
        return gather(grad, dim, index)
    return _flat0(grad)[_key(index._data, dim)].reshape(index._data.shape)


def _overwritten(grad: Any, dim: int, index: Any) -> Any:
    """grad with zeros at the indexed places."""
    if formulas.is_tensor(grad):
        return scatter(grad, dim, index, 0.0)
    grad = grad.copy()
    _flat0(grad)[_key(index._data, dim)] = 0
    return grad


class IndexSelectBackward0(Op):
    """The slices of x at `index` along dim (repeats allowed): a copy."""

    on_arrays = True
    __slots__ = ("dim", "index", "self_sym_sizes")

    def forward(self, x, dim, index):
        self.dim, self.index, self.self_sym_sizes = dim, index, x._data.shape
        return np.take(x._data, index._data.reshape(-1), axis=dim)

    def backward(self, grad):
        if formulas.is_tensor(grad):
            zeros = constant(np.zeros(self.self_sym_sizes, grad._data.dtype))
            return index_add(zeros, self.dim, self.index, grad)
        out = np.zeros(self.self_sym_sizes, grad.dtype)
        np.add.at(out, _slices(self.dim, self.index._data), grad)
        return out


class IndexAddBackward0(Op):
    """x with alpha * source's slices added at `index` along dim (repeats add up)."""

    on_arrays = True
    __slots__ = ("dim", "index", "alpha")

    def forward(self, x, source, dim, index, alpha):
        self.dim, self.index, self.alpha = dim, index, alpha
        out = x._data.copy()
        np.add.at(out, _slices(dim, index._data), source._data * alpha if alpha != 1
                  else source._data)
        return out

    def backward(self, grad):
        picked = index_select(grad, self.dim, self.index) if formulas.is_tensor(grad) \
            else np.take(grad, self.index._data.reshape(-1), axis=self.dim)
        return grad, (picked * self.alpha if self.alpha != 1 else picked)


def _first_out_of_range(input: Any, dim: int, index: Any) -> tuple[Any, int]:
    """The first index outside dim's range (None if every one fits), and the dim's size."""
    size = input._data.shape[dim] if input.ndim else 1
    bad = index._data[(index._data < 0) | (index._data >= size)]
    return (bad.flat[0] if bad.size else None), size


def _check_in_range(input: Any, dim: int, index: Any) -> None:
    bad, size = _first_out_of_range(input, dim, index)
    if bad is not None:
        raise RuntimeError(f"index {bad} is out of bounds for dimension {dim} with size {size}")


def _slices(dim: int, index: np.ndarray) -> tuple:
    return (slice(None),) * dim + (index.reshape(-1),)


def index_select(input: Any, dim: int, index: Any) -> Any:
    dim = normalize_dim(dim, input.ndim)
    if index._data.dtype not in (np.int32, np.int64):
        raise RuntimeError("index_select(): Expected dtype int32 or int64 for index")
    if index.ndim > 1:
        raise IndexError("index_select(): Index is supposed to be a vector")
    bad, size = _first_out_of_range(input, dim, index)
    if bad is not None and dim == 1:  # (PyTorch's kernel for dim 1 says it in its words)
        raise RuntimeError(f"INDICES element is out of DATA bounds, id={bad} axis_dim={size}")
    if bad is not None:
        raise IndexError("index out of range in self")
    return IndexSelectBackward0.apply(input, dim=dim, index=index)


def index_add(input: Any, dim: int, index: Any, source: Any, *, alpha: Any = 1) -> Any:
    dim = normalize_dim(dim, input.ndim)
    count = source.shape[dim] if source.ndim else 1
    if index._data.size != count:
        raise RuntimeError(f"index_add_(): Number of indices ({index._data.size}) should be "
                           f"equal to source.size(dim): ({count}), for dim: {dim}")
    if source.dtype != input.dtype:
        raise RuntimeError(f"index_add_(): self ({message_name(input.dtype)}) and source "
                           f"({message_name(source.dtype)}) must have the same scalar type")
    _check_in_range(input, dim, index)
    return IndexAddBackward0.apply(input, source, dim=dim, index=index, alpha=alpha)


def _check(input: Any, dim: int, index: Any, src: Any = None, name: str = "gather") -> int:
    """PyTorch's errors for an index that does not fit `input` (and `src`); returns dim."""
    dim = normalize_dim(dim, input.ndim)
    if index._data.dtype not in (np.int32, np.int64):
        raise RuntimeError(f"{name}(): Expected dtype int32/int64 for index")
    if isinstance(src, Tensor) and src._data.dtype != input._data.dtype:
        raise RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype")
    if not index._data.size:
        return dim  # nothing is read or written
    if max(index.ndim, 1) != max(input.ndim, 1):
        self_name = "self" if src is not None else "input"
        raise RuntimeError(
            f"Index tensor must have the same number of dimensions as {self_name} tensor")
    shape, self_shape = list(index._data.shape), list(input._data.shape)
    larger = [d for d, n in enumerate(shape) if d != dim and n > self_shape[d]]
    if isinstance(src, Tensor) and (
            larger or any(n > m for n, m in zip(shape, src._data.shape))):
        raise RuntimeError(
            f"Expected index {shape} to be no larger than self {self_shape} apart from dimension "
            f"{dim} and to be no larger size than src {list(src._data.shape)}")
    if larger:
        raise RuntimeError(
            f"Size does not match at dimension {larger[0]} expected index {shape} to be no "
            f"larger than self {self_shape} apart from dimension {dim}")
    _check_in_range(input, dim, index)
    return dim


def gather(input: Any, dim: int, index: Any) -> Any:
    return GatherBackward0.apply(input, dim=_check(input, dim, index), index=index)


def scatter_add(input: Any, dim: int, index: Any, src: Any) -> Any:
    dim = _check(input, dim, index, src, "scatter_add")
    return ScatterAddBackward0.apply(input, src, dim=dim, index=index)


def scatter(input: Any, dim: int, index: Any, src: Any = None, *, value: Any = None,
            reduce: Any = None) -> Any:
    """src's elements (or a number: src or value=) written at the indexed places (or, with
    `reduce`, combined with what is there: scatter_reduced.py)."""
    if src is None:
        src = value
    if reduce is not None:
        from .scatter_reduced import scatter_reduced  # (it builds on this module's helpers)

        return scatter_reduced(input, dim, index, src, reduce)
    dim = _check(input, dim, index, src, "scatter")
    if isinstance(src, Tensor):
        return ScatterBackward0.apply(input, src, dim=dim, index=index)
    return ScatterBackward1.apply(input, dim=dim, index=index, value=src)


class TakeBackward0(Op):
    """input.take(index): the elements at `index` in input read as one flat row (a copy)."""

    __slots__ = ("index", "self_sym_sizes")

    def forward(self, x, index):
        self.index, self.self_sym_sizes = index, x._data.shape
        return x._data.reshape(-1)[index._data]

    def backward(self, grad):
        # Each element gets the sum of the gradients of the places that read it.
        size = math.prod(self.self_sym_sizes)
        flat = constant(np.zeros(size, grad._data.dtype))
        index = constant(self.index._data.reshape(-1) % max(size, 1))
        return index_add(flat, 0, index, grad.reshape(-1)).reshape(self.self_sym_sizes)


def take(input: Tensor, index: Tensor) -> Tensor:
    """The elements of input (read as a flat row) at `index`; the result has index's shape.

    >>> import minigrad as torch
    >>> torch.take(torch.tensor([[1, 2], [3, 4]]), torch.tensor([0, -1]))
    tensor([1, 4])
    """
    if index._data.dtype != np.int64:
        raise RuntimeError(f"take(): Expected a long tensor for index, but got "
                           f"{index.dtype._message_name}")
    size = input.numel()
    bad = index._data[(index._data < -size) | (index._data >= size)]
    if bad.size:
        raise IndexError(f"out of range: tried to access index {bad.flat[0]} on a tensor of "
                         f"{size} elements.")
    return TakeBackward0.apply(input, index=index)
