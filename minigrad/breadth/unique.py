"""unique and unique_consecutive: the distinct values (or slices along a dim), in sorted order,
with where each element went (return_inverse) and how often each occurs (return_counts).

As in PyTorch, every nan is distinct (nan != nan), 0.0 and -0.0 are one value (the first in
sorted order is kept), CPU results come sorted even with sorted=False, and the result of a
tensor that requires grad carries a node whose backward raises: unique has no derivative.

    >>> import minigrad as torch
    >>> torch.unique(torch.tensor([3, 1, 2, 3, 1]), return_inverse=True, return_counts=True)
    (tensor([1, 2, 3]), tensor([2, 0, 1, 2, 0]), tensor([2, 1, 2]))
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..ops.dims import normalize_dim
from ..ops.op import Op, constant
from ..tensor import Tensor


class _NoDerivative(Op):
    """A node whose backward raises PyTorch's NotImplementedError (named per subclass)."""

    aten_name = ""

    def forward(self, input: Tensor, *, result: np.ndarray) -> np.ndarray:
        return result

    def backward(self, grad: Tensor) -> Any:
        raise NotImplementedError(f"the derivative for '{self.aten_name}' is not implemented.")


class Unique2Backward0(_NoDerivative):
    aten_name = "_unique2"


class UniqueDimBackward0(_NoDerivative):
    aten_name = "unique_dim"


class UniqueConsecutiveBackward0(_NoDerivative):
    aten_name = "unique_consecutive"


def _runs(rows: np.ndarray) -> np.ndarray:
    """Where each run of equal rows starts (rows: a 2-d array, one element or slice a row);
    nan never equals anything, so every nan starts a run."""
    new = np.ones(len(rows), dtype=bool)
    if len(rows) > 1:
        new[1:] = np.any(rows[1:] != rows[:-1], axis=1)
    return new


def _collapse(input: Tensor, rows: np.ndarray, order: np.ndarray, layout: tuple, node: type,
              return_inverse: bool, return_counts: bool) -> Any:
    """The first row of each run of `rows[order]`, with inverse indices and counts."""
    row_shape, dim, inverse_shape = layout
    ordered = rows[order]
    starts = _runs(ordered)
    values = ordered[starts].reshape((int(starts.sum()), *row_shape))
    if dim is not None:
        values = np.ascontiguousarray(np.moveaxis(values, 0, dim))
    out = node.apply(input, result=values) if input.requires_grad else constant(values)
    results = [out]
    if return_inverse:
        inverse = np.empty(len(rows), dtype=np.int64)
        inverse[order] = np.cumsum(starts) - 1
        results.append(constant(inverse.reshape(inverse_shape)))
    if return_counts:
        edges = np.append(np.flatnonzero(starts), len(rows))
        results.append(constant(np.diff(edges).astype(np.int64)))
    return results[0] if len(results) == 1 else tuple(results)


def _as_rows(input: Tensor, dim: int | None) -> tuple[np.ndarray, tuple]:
    """The elements (dim None) or the slices along dim as the rows of a 2-d array, with how
    to lay the result out: the shape of one row, the dim, the shape of the inverse indices."""
    array = input._data
    if dim is None:
        return array.reshape(-1, 1), ((), None, array.shape)
    if array.ndim == 0:
        raise IndexError("Dimension specified as 0 but tensor has no dimensions")
    dim = normalize_dim(dim, array.ndim)
    if any(n == 0 for d, n in enumerate(array.shape) if d != dim):
        raise RuntimeError("There are 0 sized dimensions, and they aren't selected, so unique "
                           "cannot be applied")
    moved = np.moveaxis(array, dim, 0)
    rows = moved.reshape(moved.shape[0], math.prod(moved.shape[1:]))
    return rows, (moved.shape[1:], dim, (moved.shape[0],))


def unique(input: Tensor, sorted: bool = True, return_inverse: bool = False,  # noqa: A002
           return_counts: bool = False, dim: int | None = None) -> Any:
    rows, layout = _as_rows(input, dim)
    # A stable lexicographic sort of the rows (nan last, as PyTorch sorts).
    order = np.lexsort(rows.T[::-1]) if rows.shape[1] else np.arange(len(rows))
    node = Unique2Backward0 if dim is None else UniqueDimBackward0
    return _collapse(input, rows, order, layout, node, return_inverse, return_counts)


def unique_consecutive(input: Tensor, return_inverse: bool = False, return_counts: bool = False,
                       dim: int | None = None) -> Any:
    rows, layout = _as_rows(input, dim)
    return _collapse(input, rows, np.arange(len(rows)), layout, UniqueConsecutiveBackward0,
                     return_inverse, return_counts)
