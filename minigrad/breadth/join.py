"""Joining tensors: cat along an existing dim, stack along a new one (and NumPy's hstack,
vstack, column_stack, which are cats); and taking them apart: split and unbind (and chunk, in
rearrange.py), whose pieces share one node.

    >>> import minigrad as torch
    >>> a = torch.ones(2, requires_grad=True)
    >>> torch.cat([a, a * 2])
    tensor([1., 1., 2., 2.], grad_fn=<CatBackward0>)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from .._dtype import from_numpy, result_type
from .._size import bracketed
from ..autograd.grad_mode import is_grad_enabled
from ..autograd.views import record_pieces
from ..ops.dims import normalize_dim
from ..ops.op import Op
from ..tensor import Tensor
from . import formulas


class CatBackward0(Op):
    __slots__ = ("dim", "sizes")

    def forward(self, *tensors, dim):
        # (None for a skipped empty vector: _skipped)
        self.dim = dim
        self.sizes = [None if _skipped(t) else t._data.shape[dim] for t in tensors]
        kept = [t._data for t in tensors if not _skipped(t)]
        return np.concatenate(kept or [tensors[0]._data], axis=dim)

    def backward(self, grad):
        # Each input gets its stretch of the gradient (a slice each, as PyTorch narrows it);
        # a skipped empty vector gets an empty one.
        starts = np.cumsum([0, *(n or 0 for n in self.sizes[:-1])])
        empty = formulas.constant(np.zeros(0, dtype=grad._data.dtype), grad)
        return tuple(empty if n is None
                     else grad[(slice(None),) * self.dim + (slice(start, start + n),)]
                     for start, n in zip(starts, self.sizes))


def _skipped(t: Tensor) -> bool:
    """PyTorch's legacy rule: cat skips a 1-d tensor of no elements, whatever the others'
    shapes, so a loop may start from `acc = torch.tensor([])` and cat batches onto it."""
    return t._data.shape == (0,)


class StackBackward0(Op):
    __slots__ = ("dim",)

    def forward(self, *tensors, dim):
        self.dim = dim
        return np.stack([t._data for t in tensors], axis=dim)

    def backward(self, grad):
        return tuple(grad.unbind(self.dim))


def _tensor_list(name: str, tensors: Any) -> list:
    # A lone tensor would iterate as its rows; PyTorch's parser refuses it.
    if isinstance(tensors, Tensor):
        raise TypeError(
            f"{name}(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor")
    return list(tensors)


def _common(name: str, tensors: Any, empty_error: Exception) -> list:
    tensors = _tensor_list(name, tensors)
    if not tensors:
        raise empty_error
    dt = result_type(*tensors)
    return [t if t.dtype is dt else t.to(dt) for t in tensors]


def cat(tensors: Any, dim: int = 0) -> Any:
    tensors = _common("cat", tensors,
                      ValueError("torch.cat(): expected a non-empty list of Tensors"))
    for i, t in enumerate(tensors):
        if not t.ndim:
            raise RuntimeError(f"zero-dimensional tensor (at position {i}) cannot be "
                               "concatenated")
    kept = [i for i, t in enumerate(tensors) if not _skipped(t)] or [0]
    ref = tensors[kept[0]].shape
    dim = normalize_dim(dim, len(ref))
    for i in kept[1:]:
        t = tensors[i]
        if t.ndim != len(ref):
            raise RuntimeError(
                f"Tensors must have same number of dimensions: got {len(ref)} and {t.ndim}")
        for d, (n, m) in enumerate(zip(ref, t.shape)):
            if d != dim and n != m:
                raise RuntimeError(
                    f"Sizes of tensors must match except in dimension {dim}. Expected size {n} "
                    f"but got size {m} for tensor number {i} in the list."
                )
    return CatBackward0.apply(*tensors, dim=dim)


def stack(tensors: Any, dim: int = 0) -> Any:
    tensors = _common("stack", tensors, RuntimeError("stack expects a non-empty TensorList"))
    dim = normalize_dim(dim, tensors[0].ndim + 1)
    for i, t in enumerate(tensors[1:], 1):
        if t.shape != tensors[0].shape:
            raise RuntimeError(
                "stack expects each tensor to be equal size, but got "
                f"{bracketed(tensors[0].shape)} at entry 0 and "
                f"{bracketed(t.shape)} at entry {i}"
            )
    return StackBackward0.apply(*tensors, dim=dim)


def _non_empty(name: str, tensors: Any) -> list:
    tensors = _tensor_list(name, tensors)
    if not tensors:
        raise RuntimeError(f"{name} expects a non-empty TensorList")
    return tensors


def hstack(tensors: Any) -> Tensor:
    """The tensors side by side: cat along dim 1, or along dim 0 if they are vectors (a 0-d
    tensor counts as a vector of one, reshaped as PyTorch's atleast_1d does).

    >>> import minigrad as torch
    >>> torch.hstack([torch.tensor([1, 2]), torch.tensor([3])])
    tensor([1, 2, 3])
    """
    tensors = [_at_least_1d(t) for t in _non_empty("hstack", tensors)]
    return cat(tensors, 0 if tensors[0].ndim == 1 else 1)


def vstack(tensors: Any) -> Tensor:
    """The tensors one above the other: cat along dim 0, a vector counting as one row
    (unsqueezed, as PyTorch's atleast_2d does; a 0-d tensor becomes a 1x1 matrix).

    >>> import minigrad as torch
    >>> torch.vstack([torch.tensor([1, 2]), torch.tensor([[3, 4]])])
    tensor([[1, 2],
            [3, 4]])
    """
    return cat([_at_least_2d(t) for t in _non_empty("vstack", tensors)], 0)


def dstack(tensors: Any) -> Tensor:
    """The tensors one behind the other: cat along dim 2 of their atleast_3d forms.

    >>> import minigrad as torch
    >>> torch.dstack([torch.tensor([1, 2]), torch.tensor([3, 4])])
    tensor([[[1, 3],
             [2, 4]]])
    """
    return cat([_at_least_3d(t) for t in _non_empty("dstack", tensors)], 2)


def _at_least_1d(t: Tensor) -> Tensor:
    return t.reshape(1) if t.ndim == 0 else t


def _at_least_2d(t: Tensor) -> Tensor:
    return t.reshape(1, 1) if t.ndim == 0 else t.unsqueeze(0) if t.ndim == 1 else t


def _at_least_3d(t: Tensor) -> Tensor:
    # A vector becomes (1, n, 1) and a matrix (m, n, 1): NumPy's layout, which PyTorch follows.
    if t.ndim == 0:
        return t.reshape(1, 1, 1)
    return t.unsqueeze(0).unsqueeze(-1) if t.ndim == 1 else t.unsqueeze(-1) if t.ndim == 2 else t


def _each(name: str, shape: Any, tensors: tuple) -> Any:
    """atleast_Nd's calling forms: one tensor gives one tensor; several, or a list, a tuple."""
    if len(tensors) == 1 and isinstance(tensors[0], Tensor):
        return shape(tensors[0])
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tensors[0]
    if not all(isinstance(t, Tensor) for t in tensors):
        raise messages.invalid_arguments(name, *tensors)
    return tuple(shape(t) for t in tensors)


def atleast_1d(*tensors: Any) -> Any:
    """Each tensor with at least one dim (a 0-d one as a vector of one; others unchanged).

    >>> import minigrad as torch
    >>> torch.atleast_1d(torch.tensor(3.0))
    tensor([3.])
    """
    return _each("atleast_1d", _at_least_1d, tensors)


def atleast_2d(*tensors: Any) -> Any:
    """Each tensor with at least two dims (a vector as one row).

    >>> import minigrad as torch
    >>> torch.atleast_2d(torch.tensor([1, 2]))
    tensor([[1, 2]])
    """
    return _each("atleast_2d", _at_least_2d, tensors)


def atleast_3d(*tensors: Any) -> Any:
    """Each tensor with at least three dims (a vector as (1, n, 1), a matrix as (m, n, 1)).

    >>> import minigrad as torch
    >>> torch.atleast_3d(torch.tensor([1, 2])).shape
    minigrad.Size([1, 2, 1])
    """
    return _each("atleast_3d", _at_least_3d, tensors)


def column_stack(tensors: Any) -> Tensor:
    """The tensors as columns side by side: cat along dim 1, a vector (or 0-d tensor) counting
    as one column.

    >>> import minigrad as torch
    >>> torch.column_stack([torch.tensor([1, 2]), torch.tensor([[3], [4]])])
    tensor([[1, 3],
            [2, 4]])
    """
    tensors = [t.reshape(t.numel(), 1) if t.ndim <= 1 else t
               for t in _non_empty("column_stack", tensors)]
    return cat(tensors, 1)


class _Pieces(Op):
    """One node whose outputs are pieces of x (views): unbind, split. Its backward joins the
    pieces' gradients, zeros standing in for pieces that got none.

    As in PyTorch, such views may not be changed in place while recorded (Tensor._inplace
    refuses): one node could not record the change of one of its outputs.
    """

    __slots__ = ("dim", "num_outputs")

    @classmethod
    def _make_pieces(cls, x: Any, keys: list, **params: Any) -> tuple:
        # Views: each piece shares memory and the version counter with x.
        pieces = [Tensor._make(x._data[key], version_counter=x._version_counter)
                  for key in keys]
        record_pieces(pieces, x, keys)
        if not (is_grad_enabled() and x.requires_grad):
            return tuple(pieces)
        node = cls.__new__(cls)
        node._init_node((x._gradient_edge(),))
        node._saved, node.needs_input_grad = (), (True,)
        node._input_meta = ((x._data.shape, x._data.dtype),)
        node.num_outputs = len(pieces)
        for name, value in params.items():
            setattr(node, name, value)
        for nr, piece in enumerate(pieces):
            piece.grad_fn = node
            if nr:
                piece._output_nr = nr
        return tuple(pieces)

    def _piece_shape(self, nr: int) -> tuple:
        raise NotImplementedError

    def _join(self, grads: list) -> Any:
        raise NotImplementedError

    def _apply(self, grad_outputs: list) -> tuple:
        from ..creation import zeros

        (_, dtype), = self._input_meta
        grads = [zeros(self._piece_shape(nr), dtype=from_numpy(dtype)) if g is None else g
                 for nr, g in enumerate(grad_outputs)]
        return (self._join(grads),)


class UnbindBackward0(_Pieces):
    """unbind (and so iterating over a tensor): the slices along dim, without it."""

    def _piece_shape(self, nr: int) -> tuple:
        shape = self._input_meta[0][0]
        return shape[:self.dim] + shape[self.dim + 1:]

    def _join(self, grads: list) -> Any:
        return stack(grads, self.dim)


class _Split(_Pieces):
    __slots__ = ("self_sym_sizes",)

    def _sizes(self) -> list:
        raise NotImplementedError

    def _piece_shape(self, nr: int) -> tuple:
        shape = self.self_sym_sizes
        return shape[:self.dim] + (self._sizes()[nr],) + shape[self.dim + 1:]

    def _join(self, grads: list) -> Any:
        return cat(grads, self.dim)


class SplitBackward0(_Split):
    """split(size): pieces of `split_size` along dim (the last one may be smaller)."""

    __slots__ = ("split_size",)

    def _sizes(self) -> list:
        total = self.self_sym_sizes[self.dim]
        return _even_sizes(total, self.split_size)


class SplitWithSizesBackward0(_Split):
    """split([sizes]): pieces of the given sizes along dim."""

    __slots__ = ("split_sizes",)

    def _sizes(self) -> list:
        return list(self.split_sizes)


def _even_sizes(total: int, step: int) -> list:
    if step < 0:
        raise RuntimeError(f"split expects split_size be non-negative, but got split_size={step}")
    if step == 0 and total:  # (pieces of size 0 make up an empty dim only)
        raise RuntimeError(f"split_size can only be 0 if dimension size is 0, but got dimension "
                           f"size of {total}")
    return [min(step, total - start) for start in range(0, total, step or 1)] or [0]


def split(input: Any, split_size_or_sections: Any, dim: int = 0) -> tuple:
    """Pieces of `input` along `dim` (views), of the given size or sizes."""
    dim = normalize_dim(dim, input.ndim)
    total = input.shape[dim]
    if isinstance(split_size_or_sections, int):
        node, sizes = SplitBackward0, _even_sizes(total, split_size_or_sections)
        params = {"split_size": split_size_or_sections}
    else:
        node, sizes = SplitWithSizesBackward0, list(split_size_or_sections)
        params = {"split_sizes": tuple(sizes)}
        if sum(sizes) != total:
            raise RuntimeError(
                f"split_with_sizes expects split_sizes to sum exactly to {total} (input tensor's "
                f"size at dimension {dim}), but got split_sizes={sizes}"
            )
    keys, start = [], 0
    for n in sizes:
        keys.append((slice(None),) * dim + (slice(start, start + n),))
        start += n
    return node._make_pieces(input, keys, dim=dim, self_sym_sizes=input._data.shape, **params)


def unbind(input: Any, dim: int = 0) -> tuple:
    """The slices of `input` along `dim`, each without that dim."""
    dim = normalize_dim(dim, input.ndim)
    keys = [(slice(None),) * dim + (i, ...) for i in range(input._data.shape[dim])]
    return UnbindBackward0._make_pieces(input, keys, dim=dim)
