"""median and kthvalue: the value at a given rank, and (along a dim) where it was.

Without a dim, median is the lower median of all elements and its gradient is shared evenly
by the elements equal to it (as max() shares it). Along a dim each result points at one
element, which alone gets the gradient. Which one, among equal values, is PyTorch's choice:
median takes the (n - 1) // 2-th element of a stable sort; kthvalue runs a quickselect
(median-of-three pivot) on a copy and returns where the k-th element came from, so equal
values may come out in any order. nan counts as larger than every number; a row holding nan
has median nan (its first nan).

    >>> import minigrad as torch
    >>> x = torch.tensor([2.0, 2.0, 1.0, 2.0, 2.0], requires_grad=True)
    >>> x.median(), x.median(0).indices, x.kthvalue(2).indices
    (tensor(2., grad_fn=<MedianBackward0>), tensor(1), tensor(3))
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from ..ops.dims import normalize_dim
from ..tensor import Tensor
from .reductions import _DimExtremum, _drop_dim, _FullExtremum, return_type
from .sorting import _order

return_median = return_type("median")
return_kthvalue = return_type("kthvalue")


class MedianBackward0(_FullExtremum):
    def forward(self, x):
        self.save_for_backward(x)
        if not x._data.size:
            return np.asarray(np.nan, x._data.dtype)
        ordered = np.sort(x._data, axis=None)  # nan sorts last: a nan makes the median nan
        return np.asarray(ordered[-1] if ordered[-1] != ordered[-1] else
                          ordered[(ordered.size - 1) // 2])


class MedianBackward1(_DimExtremum):
    name_in_errors = "median"


class KthvalueBackward0(_DimExtremum):
    name_in_errors = "kthvalue"


def _check_not_bool(input: Tensor, kernel: str) -> None:
    if input._data.dtype == np.bool_:
        raise messages.not_implemented(kernel, input.dtype)


def _median_index(row: np.ndarray) -> int:
    nans = np.flatnonzero(np.isnan(row)) if row.dtype.kind == "f" else ()
    if len(nans):
        return int(nans[0])
    return int(_order(row, 0, False)[(row.size - 1) // 2])


def _after(a: Any, b: Any) -> bool:
    """a belongs after b: larger, or nan (nan after every number)."""
    return (a != a and b == b) or a > b


def _quickselect_index(row: np.ndarray, k: int) -> int:
    """Where the k-th smallest (from 0) of row came from, by PyTorch's quickselect: a
    median-of-three pivot, then a partition that swaps elements equal to it too."""
    values, where = row.tolist(), list(range(len(row)))

    def swap(i: int, j: int) -> None:
        values[i], values[j] = values[j], values[i]
        where[i], where[j] = where[j], where[i]

    low, high = 0, len(values) - 1
    while high > low + 1:
        swap(low + (high - low) // 2, low + 1)  # the pivot is the median of three, at low
        for i, j in ((low + 1, high), (low, high), (low + 1, low)):
            if _after(values[i], values[j]):
                swap(i, j)
        i, j, pivot = low + 1, high, values[low]
        while True:
            i += 1
            while _after(pivot, values[i]):
                i += 1
            j -= 1
            while _after(values[j], pivot):
                j -= 1
            if j < i:
                break
            swap(i, j)
        swap(low, j)
        if j <= k:
            low = i
        if j >= k:
            high = j - 1
    if high == low + 1 and _after(values[low], values[high]):
        swap(low, high)
    return where[k]


def _kth_indices(rows: np.ndarray, k: int) -> np.ndarray:
    """Where each row's k-th smallest (from 0) came from. A value that occurs once in its row
    has one place, which numpy finds for all rows at once; only rows where it occurs several
    times (or is one of several nans) need PyTorch's quickselect to say which copy it picks."""
    picked = np.argpartition(rows, k, axis=-1)[:, k]  # (numpy too sorts nan last)
    value = rows[np.arange(len(rows)), picked][:, None]
    copies = ((rows == value) | ((rows != rows) & (value != value))).sum(axis=-1)
    for r in np.flatnonzero(copies > 1):
        picked[r] = _quickselect_index(rows[r], k)
    return picked


def _along(input: Tensor, dim: int, keepdim: bool, op: type, pick: Any, result: type) -> Any:
    """The element `pick(rows)` chooses in each of the rows along dim: (values, indices)."""
    rows = np.moveaxis(input._data.reshape(input.shape or (1,)), dim, -1)
    if not rows.shape[-1]:
        raise IndexError(f"{op.name_in_errors}(): Expected reduction dim {dim} to have non-zero "
                         "size.")
    flat = rows.reshape(-1, rows.shape[-1])
    picked = np.asarray(pick(flat), np.int64).reshape(rows.shape[:-1])
    indices = np.expand_dims(picked, dim)
    values = op.apply(input, dim=dim, keepdim=keepdim, indices=indices)
    return result(values, Tensor._make(_drop_dim(indices, dim, keepdim, input.ndim)))


def median(input: Tensor, dim: int | None = None, keepdim: bool = False) -> Any:
    """The lower median of all elements (0-d), or along dim as (values, indices).

    >>> import minigrad as torch
    >>> torch.tensor([[3.0, 1.0, 2.0, 1.0]]).median(1)
    minigrad.return_types.median(
    values=tensor([1.]),
    indices=tensor([3]))
    """
    if dim is None:
        _check_not_bool(input, "median_cpu")
        return MedianBackward0.apply(input)
    _check_not_bool(input, "median_out")
    dim = normalize_dim(dim, input.ndim)
    return _along(input, dim, keepdim, MedianBackward1,
                  lambda rows: [_median_index(row) for row in rows], return_median)


def kthvalue(input: Tensor, k: int, dim: int = -1, keepdim: bool = False) -> Any:
    """The k-th smallest value along dim (k counts from 1) and its index.

    >>> import minigrad as torch
    >>> torch.kthvalue(torch.tensor([4.0, 1.0, 3.0]), 2)
    minigrad.return_types.kthvalue(
    values=tensor(3.),
    indices=tensor(2))
    """
    _check_not_bool(input, "kthvalue_cpu")
    dim = normalize_dim(dim, input.ndim)
    size = input.shape[dim] if input.ndim else 1
    if not 1 <= k <= size:
        raise RuntimeError(f"kthvalue(): selected number k out of range for dimension {dim}")
    return _along(input, dim, keepdim, KthvalueBackward0,
                  lambda rows: _kth_indices(rows, k - 1), return_kthvalue)

