"""sort, argsort and topk: the values along a dim in order, and where each came from.

Sorting only moves values, so each value's gradient goes back to the place it came from (the
indices say where); an element that topk left out gets zero. Ties keep their order (a stable
sort); nan counts as larger than every number, as in PyTorch.

    >>> import minigrad as torch
    >>> x = torch.tensor([3.0, 1.0, 2.0], requires_grad=True)
    >>> values, indices = x.topk(2)
    >>> values, indices
    (tensor([3., 2.], grad_fn=<TopkBackward0>), tensor([0, 2]))
    >>> values.sum().backward(); x.grad
    tensor([1., 0., 1.])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..ops.dims import normalize_dim
from ..ops.op import Op, constant
from . import formulas
from .gather import scatter
from .reductions import return_type

return_sort = return_type("sort")
return_topk = return_type("topk")


class _Selection(Op):
    """The values of x at `indices` along dim; the gradient goes back to those places."""

    on_arrays = True
    # (self_sym_sizes is PyTorch's name for the input's shape, shown as _saved_self_sym_sizes.)
    __slots__ = ("dim", "indices", "self_sym_sizes")

    def forward(self, x, dim, indices):
        self.dim, self.indices, self.self_sym_sizes = dim, indices, x._data.shape
        if not x._data.ndim:
            return x._data.copy()
        return np.take_along_axis(x._data, indices._data, axis=dim)

    def backward(self, grad):
        if not self.self_sym_sizes:
            return grad
        if formulas.is_tensor(grad):
            zeros = constant(np.zeros(self.self_sym_sizes, grad._data.dtype))
            return scatter(zeros, self.dim, self.indices, grad)
        out = np.zeros(self.self_sym_sizes, grad.dtype)
        np.put_along_axis(out, self.indices._data, grad, axis=self.dim)
        return out


class SortBackward0(_Selection):
    pass


class TopkBackward0(_Selection):
    pass


def _order(data: np.ndarray, dim: int, descending: bool) -> np.ndarray:
    """Indices that sort `data` along dim, ties in their original order (nan last, or first
    when descending)."""
    if not data.ndim:
        return np.zeros((), np.int64)
    if not descending:
        return np.argsort(data, axis=dim, kind="stable")
    # Stable and descending: sort the reversed data ascending, then read the order backwards
    # (ties come out in reverse twice, so in their original order).
    n = data.shape[dim]
    backwards = np.argsort(np.flip(data, dim), axis=dim, kind="stable")
    return n - 1 - np.flip(backwards, dim)


def sort(input: Any, dim: int = -1, descending: bool = False, stable: bool = False) -> Any:
    """(values, indices) along dim; always stable here (PyTorch's CPU sort orders ties so too)."""
    dim = normalize_dim(dim, input.ndim)
    indices = constant(_order(input._data, dim, descending).astype(np.int64))
    return return_sort(SortBackward0.apply(input, dim=dim, indices=indices), indices)


def argsort(input: Any, dim: int = -1, descending: bool = False, stable: bool = False) -> Any:
    return sort(input, dim, descending).indices


def topk(input: Any, k: int, dim: int = -1, largest: bool = True, sorted: bool = True) -> Any:  # noqa: A002
    """The k largest (or smallest) values along dim, in order, and their indices."""
    dim = normalize_dim(dim, input.ndim)
    size = input._data.shape[dim] if input.ndim else 1
    if not 0 <= k <= size:
        raise RuntimeError("selected index k out of range")
    order = _order(input._data, dim, largest)
    if input.ndim:
        order = np.take(order, np.arange(k), axis=dim)
    indices = constant(order.astype(np.int64))
    return return_topk(TopkBackward0.apply(input, dim=dim, indices=indices), indices)


def msort(input: Any) -> Any:
    """The values sorted along dim 0 (sort's values, SortBackward0).

    >>> import minigrad as torch
    >>> torch.msort(torch.tensor([[3, 1], [1, 2]]))
    tensor([[1, 1],
            [3, 2]])
    """
    return sort(input, 0).values
