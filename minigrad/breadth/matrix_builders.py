"""Matrices built from others: block_diag (the inputs down a diagonal of blocks), kron (the
Kronecker product: every element of one input times the whole of the other) and vander (the
powers of a vector, column by column).

    >>> import minigrad as torch
    >>> torch.block_diag(torch.tensor([[1, 2]]), torch.tensor(3))
    tensor([[1, 2, 0],
            [0, 0, 3]])
"""

from __future__ import annotations

import numpy as np

from .. import creation
from .._dtype import int64, promote_types, result_type
from ..ops.arithmetic import mul
from ..ops.op import Op
from ..ops.shape import UnsafeViewBackward0
from ..tensor import Tensor
from .product import cumprod
from .rearrange import flip


def _as_matrix(shape: tuple) -> tuple:
    """How block_diag reads a block: a 0-d tensor as 1x1, a vector as one row."""
    return (1, 1) if len(shape) == 0 else (1, shape[0]) if len(shape) == 1 else shape


class BlockDiagBackward0(Op):
    __slots__ = ("shapes",)

    def forward(self, *blocks, dtype):
        self.shapes = [b._data.shape for b in blocks]
        matrices = [_as_matrix(shape) for shape in self.shapes]
        out = np.zeros((sum(m[0] for m in matrices), sum(m[1] for m in matrices)), dtype)
        row = col = 0
        for block, (rows, cols) in zip(blocks, matrices):
            out[row:row + rows, col:col + cols] = block._data.reshape(rows, cols)
            row, col = row + rows, col + cols
        return out

    def backward(self, grad):
        # Each block gets its own rectangle of the gradient, in its own shape.
        grads, row, col = [], 0, 0
        for shape in self.shapes:
            rows, cols = _as_matrix(shape)
            grads.append(grad[row:row + rows, col:col + cols].reshape(shape))
            row, col = row + rows, col + cols
        return tuple(grads)


def block_diag(*tensors: Tensor) -> Tensor:
    """The tensors as blocks down the diagonal of one matrix, zeros elsewhere (a vector is one
    row, a 0-d tensor one element); the dtype is the tensors' common one.

    >>> import minigrad as torch
    >>> torch.block_diag(torch.tensor([[1.0]]), torch.tensor([2.0, 3.0]))
    tensor([[1., 0., 0.],
            [0., 2., 3.]])
    """
    for i, t in enumerate(tensors):
        if t.ndim > 2:
            raise RuntimeError(f"torch.block_diag: Input tensors must have 2 or fewer dimensions. "
                               f"Input {i} has {t.ndim} dimensions")
    if not tensors:  # PyTorch's answer for no blocks at all: one row of no columns
        return Tensor._make(np.zeros((1, 0), result_type(0.0).numpy))
    return BlockDiagBackward0.apply(*tensors, dtype=result_type(*tensors).numpy)


def kron(input: Tensor, other: Tensor) -> Tensor:
    """The Kronecker product: a block of `other` times each element of `input` (the shorter
    shape padded with leading 1s). Recorded as PyTorch composes it: both inputs reshaped so
    that their dims interleave, multiplied (broadcasting), and the product reshaped.

    >>> import minigrad as torch
    >>> torch.kron(torch.tensor([1, 10]), torch.tensor([1, 2]))
    tensor([ 1,  2, 10, 20])
    """
    ndim = max(input.ndim, other.ndim)
    a = (1,) * (ndim - input.ndim) + tuple(input.shape)
    b = (1,) * (ndim - other.ndim) + tuple(other.shape)
    # input's dim i goes to dim 2i, other's to dim 2i + 1; the product pairs every element
    # of one with every element of the other.
    a_shape = tuple(size for n in a for size in (n, 1))
    b_shape = tuple(size for n in b for size in (1, n))
    product = mul(UnsafeViewBackward0.apply(input, shape=a_shape),
                  UnsafeViewBackward0.apply(other, shape=b_shape))
    return UnsafeViewBackward0.apply(product, shape=tuple(m * n for m, n in zip(a, b)))


def vander(x: Tensor, N: int | None = None, increasing: bool = False) -> Tensor:  # noqa: N803
    """The Vandermonde matrix of a vector: column j holds x ** (N - 1 - j) (x ** j when
    increasing), N columns (len(x) by default); integers and bools give int64.

    Built as PyTorch builds it, so the same graph is recorded: a column of ones, x copied into
    the other columns, their running product (cumprod) copied back over them, then flipped.
    Copying the product over its own input changes a tensor cumprod saved, so a backward
    through it fails, in PyTorch as here.

    >>> import minigrad as torch
    >>> torch.vander(torch.tensor([1, 2, 3]))
    tensor([[1, 1, 1],
            [4, 2, 1],
            [9, 3, 1]])
    """
    if x.ndim != 1:
        raise RuntimeError("x must be a one-dimensional tensor.")
    n = x.shape[0] if N is None else N
    if n < 0:
        raise RuntimeError("N must be non-negative.")
    result = creation.empty(x.shape[0], n, dtype=promote_types(x.dtype, int64))
    if n > 0:
        result.select(1, 0).fill_(1)
        if n > 1:
            result[:, 1:].copy_(x.unsqueeze(1))
            result[:, 1:].copy_(cumprod(result[:, 1:], 1))
    return result if increasing else flip(result, [1])
