"""mode: the value that occurs most often along a dim (the smallest of those that tie), and
where it was.

PyTorch's CPU kernel sorts each row with std::sort, compared by value, then walks the runs of
equal values: the first longest run wins, and its index is that of the run's last element in
the sorted order. For rows of up to 16 elements std::sort is an insertion sort, stable, so the
index is the value's last place in the row; nan equals nothing, so each nan is a run of one
(and, as `<` is false both ways, stops where the insertion sort leaves it).

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

return_mode = return_type("mode")

# libstdc++'s std::sort sorts this many elements or fewer by insertion alone.
_INSERTION_SORTED = 16


class ModeBackward0(_DimExtremum):
    name_in_errors = "mode"


def _insertion_order(row: np.ndarray) -> list[int]:
    """The order libstdc++'s insertion sort leaves the row in, compared by `<`."""
    order: list[int] = []
    for i, value in enumerate(row):
        if order and value < row[order[0]]:
            order.insert(0, i)
            continue
        at = len(order)
        while at and value < row[order[at - 1]]:
            at -= 1
        order.insert(at, i)
    return order


def _mode_index(row: np.ndarray) -> int:
    """Where the row's mode is, as PyTorch's kernel picks it (for longer rows, whose sort is
    no insertion sort, the last place of the value in a stable sort)."""
    order = (_insertion_order(row) if row.size <= _INSERTION_SORTED
             else np.argsort(row, kind="stable").tolist())
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
