"""addmv_ and baddbmm_ into a tensor whose elements share memory: PyTorch writes, in turn.

Most in-place ops refuse an expanded tensor (memory_overlap.py). addmv_ and baddbmm_ (with
fewer than 400 multiply-adds per matrix of the batch) do not look: their C loops write one
element after another, each reading what the element before it left in the location they
share. So they accumulate:

    >>> import minigrad as torch
    >>> b = torch.zeros(1)
    >>> b.expand(3).addmv_(torch.ones(3, 2), torch.ones(2))   # 0 + 2, + 2, + 2
    tensor([6., 6., 6.])

Here the same loops run over the distinct memory locations, in PyTorch's order and roundings
(each product and sum in the tensor's dtype, added up in sequence), so the numbers are
PyTorch's; the graph is the out-of-place op's, as for any in-place op.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import memory_overlap
from ..tensor import Tensor
from . import addmm

# baddbmm's small-matrix loop runs below this many multiply-adds per matrix (rows * columns *
# the inner size); above it PyTorch's matrix-product road checks the memory and refuses.
_BADDBMM_LOOP_LIMIT = 400


def addmv_(self: Tensor, mat: Tensor, vec: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
    """Tensor.addmv_; an expanded self (one location) gets gemv's loop, see the module doc."""
    if not memory_overlap.has_internal_overlap(self._data):
        return self._inplace_op(addmm.addmv, mat, vec, beta=beta, alpha=alpha)
    result = self._out_of_place(addmm.addmv, mat, vec, beta=beta, alpha=alpha)
    dtype = self._data.dtype.type
    beta, alpha = dtype(beta), dtype(alpha)
    a, x = mat._data, vec._data
    with np.errstate(all="ignore"):
        if _column_major(mat):  # gemv "n": scale y by beta, then add column after column
            location = _scaled(self._data.reshape(-1)[0], beta, len(a))
            terms = ((alpha * x) * a).T.reshape(-1)
            # (for beta 0 the first column is assigned, not added: its last row's stays)
            terms = terms[len(a) - 1:] if beta == 0 else np.concatenate(([location], terms))
            location = np.add.accumulate(terms)[-1] if len(terms) else location
        else:  # gemv "t": one dot product per row, y = beta * y + alpha * dot in turn
            dots = np.add.accumulate(np.concatenate((np.zeros_like(a[:, :1]), a * x), 1), 1)
            location = _in_turn(self._data.reshape(-1)[:1], np.zeros(len(a), int),
                                alpha * dots[:, -1], beta)[0]
    return _write(self, result, np.full(self._data.shape, location))


def baddbmm_(self: Tensor, batch1: Tensor, batch2: Tensor, *, beta: Any = 1,
             alpha: Any = 1) -> Tensor:
    """Tensor.baddbmm_; an expanded self gets the small-matrix loop, see the module doc."""
    _, rows, inner = batch1.shape if batch1.ndim == 3 else (0, 0, 0)
    columns = batch2.shape[-1] if batch2.ndim == 3 else 0
    if not (memory_overlap.has_internal_overlap(self._data)
            and rows * inner * columns < _BADDBMM_LOOP_LIMIT):
        return self._inplace_op(addmm.baddbmm, batch1, batch2, beta=beta, alpha=alpha)
    result = self._out_of_place(addmm.baddbmm, batch1, batch2, beta=beta, alpha=alpha)
    dtype = self._data.dtype.type
    beta, alpha = dtype(beta), dtype(alpha)
    with np.errstate(all="ignore"):
        products = batch1._data[..., None] * batch2._data[:, None]  # (batch, rows, inner, cols)
        start = np.zeros_like(products[:, :, :1])
        dots = np.add.accumulate(np.concatenate((start, products), 2), 2)[:, :, -1]
        memory, where = _locations(self._data)
        memory = _in_turn(memory, where, (alpha * dots).reshape(-1), beta)
    return _write(self, result, memory[where].reshape(self._data.shape))


def _column_major(mat: Tensor) -> bool:
    """Whether PyTorch's addmv hands mat to gemv as is ("n": its columns contiguous), rather
    than transposed ("t": rows contiguous, or a contiguous copy)."""
    rows, columns = mat.shape
    row_stride, column_stride = mat.stride()
    return row_stride == 1 and (columns == 1 or column_stride >= max(1, rows))


def _scaled(value: Any, beta: Any, times: int) -> Any:
    """gemv's scal: y *= beta for each of the `times` elements, all one location (0 for 0)."""
    if beta == 0:
        return value.dtype.type(0)
    for _ in range(times if beta != 1 else 0):
        value = value * beta
    return value


def _locations(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The values at data's distinct memory locations, and each element's location (C order)."""
    offsets = memory_overlap.element_offsets(data.shape, data.strides)
    _, first, where = np.unique(offsets.reshape(-1), return_index=True, return_inverse=True)
    return data.reshape(-1)[first].copy(), where


def _in_turn(memory: np.ndarray, where: np.ndarray, terms: np.ndarray, beta: Any) -> np.ndarray:
    """Each element in turn: its location becomes beta * (what is there) + its term, or just
    its term for beta 0 (whatever was there, nan too, is not read)."""
    memory = memory.copy()
    for location, term in zip(where.tolist(), terms):
        memory[location] = term if beta == 0 else memory[location] * beta + term
    return memory


def _write(self: Tensor, result: Tensor, values: np.ndarray) -> Tensor:
    """Self takes result's place in the graph, holding what the loop left in its memory."""
    result._data = values.astype(self._data.dtype, copy=False)
    return self._inplace(result, written=np.ones(self._data.shape, dtype=bool))
