"""searchsorted and bucketize: where values would go in a sorted sequence (int64 indices).

`searchsorted(seq, v)` is the first place i with v <= seq[i] (with right=True, v < seq[i]);
`bucketize(v, boundaries)` asks the same question the other way round. A sequence with more
than one dim holds one sorted row per row of values (their leading dims must match). nan goes
after every number. No gradient: the result is made of indices.

    >>> import minigrad as torch
    >>> torch.searchsorted(torch.tensor([1, 3, 5, 7]), torch.tensor([3, 6]))
    tensor([1, 3])
    >>> torch.bucketize(torch.tensor([3, 6]), torch.tensor([1, 3, 5, 7]), right=True)
    tensor([2, 3])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _dtype, messages
from ..tensor import Tensor


def _side(right: bool, side: str | None) -> str:
    if side is None:
        return "right" if right else "left"
    if side not in ("left", "right"):
        raise RuntimeError(
            f"torch.searchsorted(): side can only be 'left' or 'right' but got {side}")
    if right and side == "left":
        raise RuntimeError("torch.searchsorted(): side and right can't be set to opposites, "
                           "got side of left while right was True")
    return side


def searchsorted(sorted_sequence: Tensor, values: Any, *, out_int32: bool = False,
                 right: bool = False, side: str | None = None, sorter: Any = None) -> Tensor:
    """For each value, the index where inserting it would keep sorted_sequence sorted."""
    side = _side(right, side)
    sequence = sorted_sequence._data
    points = values._data if isinstance(values, Tensor) else np.asarray(values)
    for array in (sequence, points):
        if array.dtype == np.bool_:
            raise messages.not_implemented("searchsorted_out_cpu", _dtype.bool)
    if not sequence.ndim:
        raise RuntimeError("torch.searchsorted(): boundaries tensor should have positive "
                           "dimension, but got 0 dimension")
    if sorter is not None:  # the sequence sorted by `sorter`, as numpy's sorter= means
        sequence = np.take_along_axis(sequence, sorter._data, axis=-1)
    if sequence.ndim == 1:
        found = np.searchsorted(sequence, points, side=side)
    else:
        if sequence.shape[:-1] != points.shape[:-1]:
            raise RuntimeError(
                "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 "
                "dimensions of boundaries tensor and input value tensor must match, but we got "
                f"boundaries tensor {list(sequence.shape)} and input value tensor "
                f"{list(points.shape)}")
        rows = zip(sequence.reshape(-1, sequence.shape[-1]), points.reshape(-1, points.shape[-1]))
        found = np.array([np.searchsorted(s, v, side=side) for s, v in rows]).reshape(points.shape)
    return Tensor._make(np.asarray(found, np.int32 if out_int32 else np.int64))


def bucketize(input: Any, boundaries: Tensor, *, out_int32: bool = False,
              right: bool = False) -> Tensor:
    """For each element of input, the index of its bucket among 1-d boundaries."""
    if boundaries.ndim != 1:
        raise RuntimeError(f"boundaries tensor must be 1 dimension, but got dim({boundaries.ndim})")
    return searchsorted(boundaries, input, out_int32=out_int32, right=right)


def isin(elements: Any, test_elements: Any, *, assume_unique: bool = False,
         invert: bool = False) -> Tensor:
    """Whether each of `elements` is among `test_elements` (either may be a number), as bools;
    invert=True asks whether it is not. Values compare across dtypes (1 == 1.0).

    >>> import minigrad as torch
    >>> torch.isin(torch.tensor([1, 2, 3]), torch.tensor([2, 5]))
    tensor([False,  True, False])
    """
    for value in (elements, test_elements):
        if not isinstance(value, (Tensor, int, float, bool)):
            raise messages.invalid_arguments("isin", elements, test_elements)
    values = elements._data if isinstance(elements, Tensor) else np.asarray(elements)
    tests = test_elements._data if isinstance(test_elements, Tensor) \
        else np.asarray(test_elements)
    return Tensor._make(np.isin(values, tests, invert=invert))
