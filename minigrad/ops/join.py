"""Joining tensors: cat along an existing dim, stack along a new one.

    >>> import minigrad as torch
    >>> a = torch.ones(2, requires_grad=True)
    >>> torch.cat([a, a * 2])
    tensor([1., 1., 2., 2.], grad_fn=<CatBackward0>)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import tensor as _tensor
from .._dtype import from_numpy, result_type
from .._size import bracketed
from ..autograd.grad_mode import is_grad_enabled
from .dims import normalize_dim
from .op import Op


class CatBackward0(Op):
    __slots__ = ("dim", "sizes")

    def forward(self, *tensors, dim):
        self.dim, self.sizes = dim, [t._data.shape[dim] for t in tensors]
        return np.concatenate([t._data for t in tensors], axis=dim)

    def backward(self, grad):
        return tuple(grad.split(self.sizes, self.dim))


class StackBackward0(Op):
    __slots__ = ("dim",)

    def forward(self, *tensors, dim):
        self.dim = dim
        return np.stack([t._data for t in tensors], axis=dim)

    def backward(self, grad):
        return tuple(grad.unbind(self.dim))


def _common(tensors: Any, empty_error: Exception) -> list:
    tensors = list(tensors)
    if not tensors:
        raise empty_error
    dt = result_type(*tensors)
    return [t if t.dtype is dt else t.to(dt) for t in tensors]


def cat(tensors: Any, dim: int = 0) -> Any:
    tensors = _common(tensors, ValueError("torch.cat(): expected a non-empty list of Tensors"))
    dim = normalize_dim(dim, tensors[0].ndim)
    ref = tensors[0].shape
    for i, t in enumerate(tensors[1:], 1):
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
    tensors = _common(tensors, RuntimeError("stack expects a non-empty TensorList"))
    dim = normalize_dim(dim, tensors[0].ndim + 1)
    for i, t in enumerate(tensors[1:], 1):
        if t.shape != tensors[0].shape:
            raise RuntimeError(
                "stack expects each tensor to be equal size, but got "
                f"{bracketed(tensors[0].shape)} at entry 0 and "
                f"{bracketed(t.shape)} at entry {i}"
            )
    return StackBackward0.apply(*tensors, dim=dim)


def split(input: Any, split_size_or_sections: Any, dim: int = 0) -> tuple:
    """Pieces of `input` along `dim` (views), of the given size or sizes."""
    from .indexing import getitem

    dim = normalize_dim(dim, input.ndim)
    total = input.shape[dim]
    if isinstance(split_size_or_sections, int):
        step = split_size_or_sections
        sizes = [min(step, total - start) for start in range(0, total, step)] or [0]
    else:
        sizes = list(split_size_or_sections)
        if sum(sizes) != total:
            raise RuntimeError(
                f"split_with_sizes expects split_sizes to sum exactly to {total} (input tensor's "
                f"size at dimension {dim}), but got split_sizes={sizes}"
            )
    pieces, start = [], 0
    for n in sizes:
        pieces.append(getitem(input, (slice(None),) * dim + (slice(start, start + n),)))
        start += n
    return tuple(pieces)


class UnbindBackward0(Op):
    """unbind (and so iterating over a tensor): one node with one output per slice."""

    __slots__ = ("dim", "num_outputs")

    @classmethod
    def apply(cls, x: Any, dim: int) -> tuple:
        # Views: each slice shares memory and the version counter with x.
        pieces = [_tensor.Tensor._make(x._data[(slice(None),) * dim + (i, ...)],
                               version_counter=x._version_counter)
                  for i in range(x._data.shape[dim])]
        if not (is_grad_enabled() and x.requires_grad):
            return tuple(pieces)
        node = cls.__new__(cls)
        node._init_node((x._edge(),))
        node._saved, node.needs_input_grad = (), (True,)
        node._input_meta = ((x._data.shape, x._data.dtype),)
        node.dim, node.num_outputs = dim, len(pieces)
        for nr, piece in enumerate(pieces):
            piece.grad_fn = node
            if nr:
                piece._output_nr = nr
        return tuple(pieces)

    def _apply(self, grad_outputs: list) -> tuple:
        from ..creation import zeros

        (shape, dtype), = self._input_meta
        piece = shape[:self.dim] + shape[self.dim + 1:]
        grads = [zeros(piece, dtype=from_numpy(dtype)) if g is None else g for g in grad_outputs]
        return (stack(grads, self.dim),)


def unbind(input: Any, dim: int = 0) -> tuple:
    """The slices of `input` along `dim`, each without that dim."""
    return UnbindBackward0.apply(input, normalize_dim(dim, input.ndim))
