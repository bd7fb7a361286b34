"""Diagonals: diagonal (a view), diag (a vector's diagonal matrix, or a matrix's diagonal) and
trace (the diagonal's sum).

A diagonal element of x[i][j] is the one with j - i == offset (0: the main diagonal). Reading
the diagonal sends each gradient back to its element; everything off the diagonal gets zero.

    >>> import minigrad as torch
    >>> x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    >>> x.trace().backward(); x.grad
    tensor([[1., 0.],
            [0., 1.]])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..ops.dims import normalize_dim
from ..ops.op import Op
from . import formulas


def _diagonal_view(a: np.ndarray, offset: int, dim1: int, dim2: int) -> np.ndarray:
    """A writable view of a's diagonal (numpy's np.diagonal is read-only): the other dims
    first, the diagonal last, as PyTorch lays it out."""
    moved = np.moveaxis(a, (dim1, dim2), (-2, -1))
    start = moved[..., max(-offset, 0):, max(offset, 0):]
    length = max(0, min(start.shape[-2], start.shape[-1]))
    return np.lib.stride_tricks.as_strided(
        start, start.shape[:-2] + (length,), start.strides[:-2] + (sum(start.strides[-2:]),))


def _with_diagonal(values: Any, shape: tuple, offset: int, dim1: int, dim2: int) -> Any:
    """Zeros of `shape` with `values` on the diagonal (what a diagonal's gradient goes back as)."""
    if formulas.is_tensor(values):
        return DiagonalBackwardBackward0.apply(values, shape=shape, offset=offset, dim1=dim1,
                                               dim2=dim2)
    out = np.zeros(shape, values.dtype)
    _diagonal_view(out, offset, dim1, dim2)[...] = values
    return out


class DiagonalBackward0(Op):
    """x.diagonal(offset, dim1, dim2): a view."""

    on_arrays = True
    is_view = True
    __slots__ = ("offset", "dim1", "dim2", "self_sym_sizes")

    def forward(self, x, offset, dim1, dim2):
        self.offset, self.dim1, self.dim2 = offset, dim1, dim2
        self.self_sym_sizes = x._data.shape
        return _diagonal_view(x._data, offset, dim1, dim2)

    def backward(self, grad):
        return _with_diagonal(grad, self.self_sym_sizes, self.offset, self.dim1, self.dim2)


class DiagonalBackward0_copy(DiagonalBackward0):  # noqa: N801 - PyTorch's name
    """diag(matrix): the diagonal as a new vector (a copy, not a view)."""

    is_view = False

    def forward(self, x, offset, dim1, dim2):
        return super().forward(x, offset, dim1, dim2).copy()


class DiagonalBackwardBackward0(Op):
    """Zeros with the input on a diagonal: the gradient of diagonal, itself differentiable."""

    on_arrays = True
    __slots__ = ("offset", "dim1", "dim2")

    def forward(self, values, shape, offset, dim1, dim2):
        self.offset, self.dim1, self.dim2 = offset, dim1, dim2
        return _with_diagonal(values._data, shape, offset, dim1, dim2)

    def backward(self, grad):
        if formulas.is_tensor(grad):
            return diagonal(grad, self.offset, self.dim1, self.dim2)
        return _diagonal_view(grad, self.offset, self.dim1, self.dim2).copy()


class DiagEmbedBackward0(DiagonalBackwardBackward0):
    """diag(vector, offset) and diag_embed: square matrices with the values on a diagonal."""


class TraceBackward0(Op):
    on_arrays = True
    __slots__ = ("self_sym_sizes",)

    def forward(self, x):
        self.self_sym_sizes = x._data.shape
        kind = x._data.dtype.kind
        return np.asarray(np.trace(x._data, dtype=np.int64 if kind in "biu" else None))

    def backward(self, grad):
        length = min(self.self_sym_sizes)
        return _with_diagonal(formulas.expand(grad, (length,)), self.self_sym_sizes, 0, 0, 1)


def diagonal(input: Any, offset: int = 0, dim1: int = 0, dim2: int = 1) -> Any:
    dim1, dim2 = normalize_dim(dim1, input.ndim), normalize_dim(dim2, input.ndim)
    if dim1 == dim2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    return DiagonalBackward0.apply(input, offset=offset, dim1=dim1, dim2=dim2)


def diag(input: Any, diagonal: int = 0) -> Any:
    """A vector's diagonal matrix (offset by `diagonal`), or a matrix's diagonal as a vector."""
    if input.ndim == 1:
        n = input.shape[0] + abs(diagonal)
        return DiagEmbedBackward0.apply(input, shape=(n, n), offset=diagonal, dim1=0, dim2=1)
    if input.ndim != 2:
        raise RuntimeError(f"diag(): Supports 1D or 2D tensors. Got {input.ndim}D")
    return DiagonalBackward0_copy.apply(input, offset=diagonal, dim1=0, dim2=1)


def trace(input: Any) -> Any:
    if input.ndim != 2:
        raise RuntimeError(f"trace: expected a matrix, but got tensor with dim {input.ndim}")
    return TraceBackward0.apply(input)


def diag_embed(input: Any, offset: int = 0, dim1: int = -2, dim2: int = -1) -> Any:
    """Each row of input's last dim laid on a diagonal of a new square matrix, in the dims
    dim1 and dim2 of the result (one more dim than input): batched diag.

    >>> import minigrad as torch
    >>> torch.diag_embed(torch.tensor([[1, 2]]))
    tensor([[[1, 0],
             [0, 2]]])
    """
    ndim = input.ndim + 1
    dim1, dim2 = normalize_dim(dim1, ndim), normalize_dim(dim2, ndim)
    if dim1 == dim2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    n = input.shape[-1] + abs(offset)
    shape = list(input.shape[:-1])
    for dim in sorted((dim1, dim2)):
        shape.insert(dim, n)
    return DiagEmbedBackward0.apply(input, shape=tuple(shape), offset=offset, dim1=dim1,
                                    dim2=dim2)
