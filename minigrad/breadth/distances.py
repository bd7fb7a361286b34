"""Distances between vectors: cdist (every row of x1 to every row of x2) and pairwise_distance
(row i of x1 to row i of x2).

cdist is one node, CdistBackward0, for every p. For p = 2 with more than 25 rows on either
side PyTorch takes another road, as its default compute_mode says: |a|^2 + |b|^2 - 2 a.b by a
matrix product (EuclideanDistBackward0, then a view); so does minigrad, with its rounding.
dist(x1, x2, p) is one node too, DistBackward0: the p-norm of the difference.
pairwise_distance is PyTorch's composition: norm(x1 - x2 + eps, p, last dim).

    >>> import minigrad as torch
    >>> torch.cdist(torch.tensor([[0.0, 0.0], [3.0, 4.0]]), torch.tensor([[0.0, 0.0]]))
    tensor([[0.],
            [5.]])
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import messages
from .._dtype import message_name
from ..ops.arithmetic import promote
from ..ops.op import Op, constant, quiet
from ..parity import add_number
from ..tensor import Tensor
from .broadcasting import broadcast_shapes
from .statistics import NormBackward1

# Above this many rows (on either side) PyTorch's default compute_mode computes p = 2 by mm.
_MM_ROWS = 25


def _differences(x1: Any, x2: Any) -> Any:
    """x1's rows minus x2's rows, every pair: shape (..., rows1, rows2, columns)."""
    if isinstance(x1, Tensor):
        return x1.unsqueeze(-2) - x2.unsqueeze(-3)
    return x1[..., :, None, :] - x2[..., None, :, :]


class CdistBackward0(Op):
    """The p-norm of each difference x1[i] - x2[j]."""

    __slots__ = ("p",)
    save_output = True
    saved_names = ("x1", "x2")

    @quiet
    def forward(self, x1, x2, p):
        self.save_for_backward(x1, x2)
        self.p = p
        a = np.abs(_differences(x1._data, x2._data))
        if p == 0:
            result = (a != 0).sum(-1)
        elif p == 1:
            result = a.sum(-1)
        elif p == 2:
            result = np.sqrt((a * a).sum(-1))
        elif p == math.inf:
            result = a.max(-1, initial=0)
        else:
            result = (a ** p).sum(-1) ** (1 / p)
        return np.asarray(result, dtype=x1._data.dtype)

    def backward(self, grad):
        x1, x2, dist = self.saved_tensors
        diff, dist, p = _differences(x1, x2), dist.unsqueeze(-1), self.p
        if p == 0:  # a count: flat, so zero gradients
            local = constant(np.zeros(diff.shape, diff._data.dtype))
        elif p == 1:
            local = diff.sign()
        elif p == 2:
            local = (diff / dist).masked_fill(dist == 0, 0)
        elif p == math.inf:  # each coordinate as far as the largest gets it whole (no sharing)
            local = diff.sign() * (diff.abs() == dist).to(diff.dtype)
        else:
            local = diff.sign() * diff.abs() ** (p - 1) / dist ** (p - 1)
            local = local.masked_fill(dist == 0, 0)
        per_pair = grad.unsqueeze(-1) * local
        return per_pair.sum(-2), 0 - per_pair.sum(-3)  # (0 - 0 is 0, where -0 would print -0.)


class EuclideanDistBackward0(CdistBackward0):
    """p = 2 by a matrix product: sqrt(max(|a|^2 + |b|^2 - 2 a.b, 0))."""

    __slots__ = ()
    saved_names = ("self", "x2")

    @quiet
    def forward(self, x1, x2):
        self.save_for_backward(x1, x2)
        self.p = 2
        a, b = x1._data, x2._data
        squares = (a * a).sum(-1)[..., :, None] + (b * b).sum(-1)[..., None, :]
        return np.sqrt(np.maximum(squares - 2 * (a @ np.swapaxes(b, -1, -2)), 0))


def _check_cdist(x1: Tensor, x2: Tensor, p: float) -> None:
    for name, x in (("X1", x1), ("X2", x2)):
        if not x.dtype.is_floating_point:
            raise RuntimeError(f"cdist only supports floating-point dtypes, {name} got: "
                               f"{message_name(x.dtype)}")
    for name, x in (("X1", x1), ("X2", x2)):
        if x.ndim < 2:
            raise RuntimeError(f"cdist only supports at least 2D tensors, {name} got: {x.ndim}D")
    if x1.shape[-1] != x2.shape[-1]:
        raise RuntimeError("X1 and X2 must have the same number of columns. "
                           f"X1: {x1.shape[-1]} X2: {x2.shape[-1]}")
    if p < 0:
        raise RuntimeError("cdist only supports non-negative p values")
    if x1.dtype != x2.dtype:
        raise RuntimeError(f"expected scalar type {message_name(x1.dtype)} but found "
                           f"{message_name(x2.dtype)}")


def cdist(x1: Tensor, x2: Tensor, p: float = 2.0,
          compute_mode: str = "use_mm_for_euclid_dist_if_necessary") -> Tensor:
    """The p-norm distance between each row of x1 and each row of x2 (batched over leading
    dims): shape (..., rows of x1, rows of x2)."""
    _check_cdist(x1, x2, p)
    rows1, rows2 = x1.shape[-2], x2.shape[-2]
    by_mm = p == 2 and (compute_mode == "use_mm_for_euclid_dist" or (
        compute_mode == "use_mm_for_euclid_dist_if_necessary" and max(rows1, rows2) > _MM_ROWS))
    if not by_mm:
        return CdistBackward0.apply(x1, x2, p=p)
    batch = tuple(broadcast_shapes(x1.shape[:-2], x2.shape[:-2]))
    if batch or x1.ndim > 2 or x2.ndim > 2:  # PyTorch runs the batched product on 3-d views
        columns = x1.shape[-1]
        x1 = x1.expand(*batch, rows1, columns).reshape(-1, rows1, columns)
        x2 = x2.expand(*batch, rows2, columns).reshape(-1, rows2, columns)
    return EuclideanDistBackward0.apply(x1, x2).view(*batch, rows1, rows2)


def pairwise_distance(x1: Tensor, x2: Tensor, p: float = 2.0, eps: float = 1e-6,
                      keepdim: bool = False) -> Tensor:
    """The p-norm of x1 - x2 (plus eps) along the last dim, as PyTorch composes it.

    >>> import minigrad as torch
    >>> torch.pairwise_distance(torch.tensor([[3.0, 4.0]]), torch.tensor([[0.0, 0.0]]), eps=0)
    tensor([5.])
    """
    last = max(x1.ndim, x2.ndim) - 1
    return NormBackward1.apply(add_number(x1 - x2, eps), ord=p, dim=(last,), keepdim=keepdim)


class DistBackward0(NormBackward1):
    """The p-norm of input - other (broadcast): the norm's gradient, and minus it for other."""

    def forward(self, x, y, p):
        # The norm's own forward, which saves the difference it needs for the gradient.
        difference = Tensor._make(np.asarray(x._data - y._data))
        return super().forward(difference, ord=p, dim=None, keepdim=False)

    def backward(self, grad):
        if float(self.ord) == 0:
            if self.needs_input_grad[1]:  # PyTorch negates an undefined gradient here
                raise RuntimeError("Expected a proper Tensor but got None (or an undefined "
                                   "Tensor in C++) for argument #0 'self'")
            return None, None
        gradient = super().backward(grad)
        return gradient, -gradient


def dist(input: Tensor, other: Tensor, p: Any = 2) -> Tensor:
    """The p-norm of input - other, the two broadcast together (p = 2: Euclidean distance).

    >>> import minigrad as torch
    >>> torch.dist(torch.tensor([3.0, 4.0]), torch.zeros(2))
    tensor(5.)
    """
    input, other = promote(input, other)
    messages.check_broadcast(input, other)
    if not input.dtype.is_floating_point:
        raise RuntimeError(f"norm(): input dtype should be either floating point or complex. "
                           f"Got {message_name(input.dtype)} instead.")
    return DistBackward0.apply(input, other, p=float(p) if isinstance(p, Tensor) else p)
