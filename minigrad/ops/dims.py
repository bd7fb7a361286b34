"""Dimension arguments: negative dims count from the end, as in PyTorch."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np


def normalize_dim(dim: int, ndim: int) -> int:
    """`dim` as a non-negative index into `ndim` dims, with PyTorch's type and range errors."""
    if not isinstance(dim, (int, np.integer)):  # x.max(dim=(0, 1)), x.softmax(None)...
        raise TypeError(f"argument 'dim' must be int, not {type(dim).__name__}")
    n = max(ndim, 1)  # a zero-dim tensor accepts dim 0 and -1, as if it had one dim
    if not -n <= dim < n:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})"
        )
    return dim % n


def normalize_dims(dim: int | Iterable[int] | None, ndim: int) -> tuple[int, ...]:
    """A dim, several dims or None (all dims) as a sorted tuple of non-negative dims."""
    if dim is None:
        return tuple(range(ndim))
    if isinstance(dim, (int, np.integer)):  # (a zero-dim tensor's dim 0 names no dim)
        d = normalize_dim(dim, ndim)
        return (d,) if d < ndim else ()
    if not isinstance(dim, (tuple, list)):
        raise TypeError(f"argument 'dim' must be tuple of ints, not {type(dim).__name__}")
    dims = [normalize_dim(d, ndim) for d in dim]
    for i, d in enumerate(dims):
        if d in dims[:i]:  # (1, -1) names dim 1 twice
            raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
    return tuple(d for d in sorted(dims) if d < ndim)


def dims_argument(dim: Any, when_none: Any = None) -> Any:
    """A dim argument as PyTorch records it (`_saved_dim`): a tuple, or `when_none` for None."""
    if dim is None:
        return when_none
    return (dim,) if isinstance(dim, (int, np.integer)) else tuple(dim)

