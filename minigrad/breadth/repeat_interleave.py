"""repeat_interleave: each element (or slice along a dim) repeated in place, [1, 2] -> [1, 1, 2, 2].

Built as PyTorch builds it, so the graph shows the same nodes: a number of repeats is an
expand of a new dim, copied and viewed back (ViewBackward0); a tensor of repeats per element
selects each index that many times (IndexSelectBackward0). Alone, `repeat_interleave(repeats)`
gives the indices themselves.

    >>> import minigrad as torch
    >>> torch.tensor([1, 2]).repeat_interleave(2), torch.repeat_interleave(torch.tensor([2, 1]))
    (tensor([1, 1, 2, 2]), tensor([0, 0, 1]))
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..ops.dims import normalize_dim
from ..tensor import Tensor
from .gather import index_select


def _indices(repeats: Tensor) -> Tensor:
    counts = repeats._data.reshape(-1)
    if (counts < 0).any():
        raise RuntimeError("repeats can not be negative")
    return Tensor._make(np.repeat(np.arange(counts.size, dtype=np.int64), counts))


def repeat_interleave(input: Any, repeats: Any = None, dim: int | None = None, *,
                      output_size: int | None = None) -> Tensor:
    if repeats is None:  # repeat_interleave(repeats): the indices, each its count of times
        return _indices(input)
    if dim is None:
        input, dim = input.flatten(), 0
    dim = normalize_dim(dim, input.ndim)
    if isinstance(repeats, Tensor) and repeats.ndim:
        if repeats.numel() != input.shape[dim]:
            raise RuntimeError(
                f"repeats must have the same size as input along dim, but got repeats.size(0) "
                f"= {repeats.numel()} and input.size(0) = {input.shape[dim]}")
        return index_select(input, dim, _indices(repeats))
    count = int(repeats)
    if count < 0:
        raise RuntimeError("Repeats must be non-negative")
    shape = list(input.shape)
    expanded = input.unsqueeze(dim + 1).expand(*shape[:dim + 1], count, *shape[dim + 1:])
    shape[dim] *= count
    return expanded.clone().view(shape)
