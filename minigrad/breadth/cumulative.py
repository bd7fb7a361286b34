"""Running reductions along a dim: cummax and cummin (values and where each came from) and
logcumsumexp, the running log(sum(exp(x))). (cumsum and cumprod live with sum and prod.)

A running max is a copy of earlier elements, so its gradient goes back to the element each
index points at (summed where one element is the max for several places). As in PyTorch, an
element equal to the running max takes over (the index moves to the latest of equal values),
and a nan, once met, stays the running max.

    >>> import minigrad as torch
    >>> torch.cummax(torch.tensor([1.0, 3.0, 2.0, 3.0]), 0)
    minigrad.return_types.cummax(
    values=tensor([1., 3., 3., 3.]),
    indices=tensor([0, 1, 1, 3]))
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from ..ops.dims import normalize_dim
from ..ops.op import Op, constant, quiet
from ..tensor import Tensor
from .gather import scatter_add
from .reductions import return_type
from .selection import where

return_cummax = return_type("cummax")
return_cummin = return_type("cummin")


class _Running(Op):
    """The running max (min) along dim; `indices` (from the caller) say where each came from."""

    __slots__ = ("dim", "indices")

    def forward(self, x, dim, indices):
        self.dim, self.indices = dim, indices
        if not x._data.ndim:
            return x._data.copy()
        return np.take_along_axis(x._data, indices._data, axis=dim)

    def backward(self, grad):
        if not grad.ndim:
            return grad
        zeros = constant(np.zeros(grad.shape, grad._data.dtype))
        return scatter_add(zeros, self.dim, self.indices, grad)


class CummaxBackward0(_Running):
    takes_over = staticmethod(np.greater_equal)


class CumminBackward0(_Running):
    takes_over = staticmethod(np.less_equal)


def _running_indices(data: np.ndarray, dim: int, takes_over: Any) -> np.ndarray:
    """Where the running max (min) of each place along dim came from."""
    rows = np.moveaxis(data, dim, 0)
    where = np.zeros(rows.shape, np.int64)
    best = rows[0] if len(rows) else None
    for i in range(1, len(rows)):
        take = takes_over(rows[i], best) | (rows[i] != rows[i])  # nan takes over
        best = np.where(take, rows[i], best)
        where[i] = np.where(take, i, where[i - 1])
    return np.moveaxis(where, 0, dim)


def _running(op: type, result: type, input: Tensor, dim: int) -> Any:
    dim = normalize_dim(dim, input.ndim)
    data = input._data if input.ndim else input._data.reshape(1)
    indices = _running_indices(data, dim, op.takes_over).reshape(input.shape)
    indices = constant(indices)
    return result(op.apply(input, dim=dim, indices=indices), indices)


def cummax(input: Tensor, dim: int) -> Any:
    """(values, indices): the largest value so far along dim, and where it is."""
    return _running(CummaxBackward0, return_cummax, input, dim)


def cummin(input: Tensor, dim: int) -> Any:
    """(values, indices): the smallest value so far along dim, and where it is.

    >>> import minigrad as torch
    >>> torch.tensor([2, 2, 1]).cummin(0).indices
    tensor([0, 1, 2])
    """
    return _running(CumminBackward0, return_cummin, input, dim)


class LogcumsumexpBackward0(Op):
    """out[i] = log(exp(x[0]) + ... + exp(x[i])), added up pairwise without overflow."""

    __slots__ = ("dim",)
    save_output = True
    saved_names = ("self",)

    @quiet
    def forward(self, x, dim):
        self.save_for_backward(x)
        self.dim = dim
        if not x._data.ndim:
            return x._data.copy()
        return np.logaddexp.accumulate(x._data, axis=dim)

    def backward(self, grad):
        x, result = self.saved_tensors
        if not x.ndim:
            return grad
        # x[j] counts in every out[i] with i >= j, with weight exp(x[j] - out[i]): a running
        # sum from the end of grad[i] * exp(-out[i]). It is taken in log space, the positive
        # and negative parts of grad apart, so that nothing overflows. The other part's
        # places hold the lowest float, not log(0): -inf would make a second derivative nan.
        lowest = float(np.finfo(grad._data.dtype).min)
        log_size = grad.abs().log()
        total = 0
        for part, sign in ((grad > 0, 1), (grad < 0, -1)):
            logs = where(part, log_size, lowest) - result
            weights = logs.flip(self.dim).logcumsumexp(self.dim).flip(self.dim)
            total = total + sign * (weights + x).exp()
        return total


def logcumsumexp(input: Tensor, dim: int) -> Tensor:
    """The running log-sum-exp along dim (floating-point inputs only).

    >>> import minigrad as torch
    >>> torch.tensor([0.0, 0.0, 0.0]).logcumsumexp(0)
    tensor([0.0000, 0.6931, 1.0986])
    """
    messages.check_floating(input, "logcumsumexp_out_cpu")
    return LogcumsumexpBackward0.apply(input, dim=normalize_dim(dim, input.ndim))
