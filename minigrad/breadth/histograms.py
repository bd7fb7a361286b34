"""Counting: bincount (how often each non-negative integer occurs, or the sum of its weights)
and histc (how many values fall in each of equal-width bins). Counts have no gradient.

    >>> import minigrad as torch
    >>> torch.bincount(torch.tensor([0, 1, 1, 3]))
    tensor([1, 2, 0, 1])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from ..tensor import Tensor
from .rounding import without_derivative


def bincount(input: Tensor, weights: Tensor | None = None, minlength: int = 0) -> Tensor:
    """Counts of 0, 1, ..., max(input) (at least minlength of them); with weights, the sum of
    each value's weights (float64 for integer weights, as PyTorch).

    >>> import minigrad as torch
    >>> torch.bincount(torch.tensor([0, 2]), weights=torch.tensor([0.5, 1.5]))
    tensor([0.5000, 0.0000, 1.5000])
    """
    if input.dtype.is_floating_point:
        raise messages.not_implemented("bincount_cpu", input.dtype)
    values = input._data
    if values.ndim != 1 or (values.size and values.min() < 0):
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    if weights is None:
        return Tensor._make(np.bincount(values, minlength=minlength).astype(np.int64))
    if weights.shape != input.shape:
        raise RuntimeError("weights should be 1-d and have the same length as input")
    dtype = weights._data.dtype if weights.dtype.is_floating_point else np.float64
    counts = np.bincount(values, weights._data, minlength=minlength).astype(dtype)
    return without_derivative(counts, "_bincount", weights)


def histc(input: Tensor, bins: int = 100, min: Any = 0, max: Any = 0) -> Tensor:  # noqa: A002
    """Counts of input's values in `bins` equal bins over [min, max] (the data's own range
    when min == max); values outside are left out, max itself goes in the last bin.

    >>> import minigrad as torch
    >>> torch.histc(torch.tensor([1.0, 2.0, 1.0]), bins=4, min=0, max=3)
    tensor([0., 2., 1., 0.])
    """
    messages.check_floating(input, "histogram_cpu")
    values = input._data.reshape(-1)
    dtype = values.dtype.type
    low, high = dtype(min), dtype(max)
    if low > high:
        raise RuntimeError("torch.histc: max must be larger than min")
    if low == high and values.size:
        low, high = values.min(), values.max()
    if low == high:  # a single value (or none): one unit either side, as PyTorch widens it
        low, high = low - 1, high + 1
    inside = values[(values >= low) & (values <= high)]
    # The bin is found from the position along [low, high], in the input's dtype.
    position = ((inside - low) / (high - low) * dtype(bins)).astype(np.int64)
    counts = np.bincount(np.minimum(position, bins - 1), minlength=bins)
    return Tensor._make(counts.astype(values.dtype))
