"""x.index_fill(dim, index, value): x with the slices at `index` along `dim` set to value.

It is masked_fill with a mask that holds along dim at the indices given: the same forward and
backward (the filled elements get no gradient; a 0-d tensor value gets their sum), under
PyTorch's names for the nodes.

    >>> import minigrad as torch
    >>> torch.zeros(2, 3).index_fill(1, torch.tensor([0, 2]), -1.0)
    tensor([[-1.,  0., -1.],
            [-1.,  0., -1.]])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..ops.dims import normalize_dim
from ..tensor import Tensor
from .selection import MaskedFillBackward0, MaskedFillBackward1, filled


class IndexFillBackward0(MaskedFillBackward0):
    """x.index_fill(dim, index, number)."""


class IndexFillBackward1(MaskedFillBackward1):
    """x.index_fill(dim, index, value) with a 0-d tensor value."""


def _mask(input: Tensor, dim: int, index: Any) -> Tensor:
    """True at the indices along dim, refused in PyTorch's words where they are not indices
    of that dim."""
    if not isinstance(index, Tensor) or index.dtype.name != "int64":
        raise IndexError("index_fill_(): Expected dtype int64 for index.")
    if index.ndim > 1:
        raise RuntimeError("Index has to be a vector/scalar")
    dim = normalize_dim(dim, input.ndim)
    size = input.shape[dim] if input.ndim else 1
    indices = index._data.reshape(-1)
    if ((indices < -size) | (indices >= size)).any():
        bad = int(indices[(indices < -size) | (indices >= size)][0])
        raise IndexError(f"index {bad} is out of bounds for dimension {dim} with size {size}")
    along = np.zeros(size, bool)
    along[indices] = True
    shape = [1] * input.ndim
    if input.ndim:
        shape[dim] = size
    return Tensor._make(np.broadcast_to(along.reshape(shape), input.shape).copy())


def index_fill(input: Tensor, dim: int, index: Any, value: Any) -> Tensor:
    return filled(input, _mask(input, dim, index), value, "index_fill_", IndexFillBackward0,
                  IndexFillBackward1)


def index_fill_(self: Tensor, dim: int, index: Any, value: Any) -> Tensor:
    self._check_inplace(value)
    return self._inplace(index_fill(self, dim, index, value))
