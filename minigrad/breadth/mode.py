"""mode: the value that occurs most often along a dim (the smallest of those that tie), and
where it was.

PyTorch's CPU kernel sorts each row with std::sort, compared by value, then walks the runs of
equal values: the first longest run wins, and its index is that of the run's last element in
the sorted order (std_sort.py's; for rows of up to 16 elements, an insertion sort, stable, the
value's last place in the row); nan equals nothing, so each nan is a run of one.

    >>> import minigrad as torch
    >>> torch.tensor([[1.0, 3.0, 1.0, 3.0, 2.0]]).mode()
    minigrad.return_types.mode(
    values=tensor([1.]),
    indices=tensor([2]))
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..ops.dims import normalize_dim
from ..tensor import Tensor
from .order_statistics import _along
from .reductions import _DimExtremum, return_type
from .std_sort import std_sort_order

return_mode = return_type("mode")


class ModeBackward0(_DimExtremum):
    name_in_errors = "mode"


def _mode_index(row: np.ndarray) -> int:
    """Where the row's mode is, as PyTorch's kernel picks it."""
    order = std_sort_order(row.tolist())
    picked, most, count = order[-1], 0, 0
    for at, index in enumerate(order):
        count += 1
        if at == len(order) - 1 or not row[index] == row[order[at + 1]]:
            if count > most:
                picked, most = index, count
            count = 0
    return picked


def mode(input: Tensor, dim: int = -1, keepdim: bool = False) -> Any:
    """The most frequent value along dim and its index, as (values, indices)."""
    dim = normalize_dim(dim, input.ndim)
    return _along(input, dim, keepdim, ModeBackward0,
                  lambda rows: [_mode_index(row) for row in rows], return_mode)
