"""softmax and log_softmax along a dim, computed stably (shifted by the max).

    >>> import minigrad as torch
    >>> torch.tensor([1.0, 1.0]).softmax(dim=0)
    tensor([0.5000, 0.5000])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from ..ops.dims import normalize_dim
from ..ops.op import Op
from . import formulas


def _log_softmax(data: np.ndarray, dim: int) -> np.ndarray:
    # Row-major like PyTorch's result, whatever the input's layout (numpy would keep a
    # transposed input's): a later view of it is then a view in both libraries.
    data = np.asarray(data, order="C")  # (ascontiguousarray would make a 0-d input 1-d)
    if not data.size:  # (no rows, or empty ones: no max to shift by, nothing to sum)
        return data.copy()
    shifted = data - row_max(data, dim)
    return shifted - np.log(np.exp(shifted).sum(axis=dim, keepdims=True))


def row_max(data: np.ndarray, dim: int) -> np.ndarray:
    """The largest number along dim (kept as a dim of size 1): what each row is shifted by,
    so that exp overflows nowhere and the largest term of the sum is exactly 1."""
    return data.max(axis=dim, keepdims=True)


class SoftmaxBackward0(Op):
    on_arrays = True
    __slots__ = ("dim",)
    save_output = True

    def forward(self, x, dim):
        self.dim = dim
        data = np.asarray(x._data, order="C")  # (row-major, as _log_softmax's result)
        if not data.size:  # (as _log_softmax)
            return data.copy()
        exps = np.exp(data - row_max(data, dim))
        total = exps.sum(axis=dim, keepdims=True)
        # As PyTorch's kernels round it: along the last dim, times one over the sum; along
        # another, divided by it (exp(log_softmax) agreed with it for half the values, and a
        # row of probabilities summed to exactly 1 less often than in PyTorch)
        if dim == data.ndim - 1:
            return exps * (1 / total)
        return exps / total

    def backward(self, grad):
        (y,) = self.saved_tensors
        return softmax_backward_data(grad, y, self.dim)


class LogSoftmaxBackward0(Op):
    on_arrays = True
    __slots__ = ("dim",)
    save_output = True

    def forward(self, x, dim):
        self.dim = dim
        return _log_softmax(x._data, dim)

    def backward(self, grad):
        (log_y,) = self.saved_tensors
        return log_softmax_backward_data(grad, log_y, self.dim)


# The backward formulas, on arrays or Tensors: parity.py records each as one node under
# create_graph, as PyTorch does (SoftmaxBackwardDataBackward0, LogSoftmaxBackwardDataBackward0).
def softmax_backward_data(grad: Any, y: Any, dim: int) -> Any:
    return y * (grad - formulas.sum(grad * y, dim, keepdim=True))


def log_softmax_backward_data(grad: Any, log_y: Any, dim: int) -> Any:
    return grad - formulas.exp(log_y) * formulas.sum(grad, dim, keepdim=True)


def _checked(input: Any, dim: int, dtype: Any, kernel: str) -> tuple[Any, int]:
    """The input in `dtype`, and dim; integers are refused as PyTorch's kernels refuse them."""
    if dtype is not None:
        input = input.to(dtype)
    dim = normalize_dim(dim, input.ndim)
    lastdim = "_lastdim" if dim >= input.ndim - 1 else ""
    messages.check_floating(input, f"{kernel}{lastdim}_kernel_impl")
    return input, dim


def softmax(input: Any, dim: int, dtype: Any = None) -> Any:
    input, dim = _checked(input, dim, dtype, "softmax")
    return SoftmaxBackward0.apply(input, dim=dim)


def log_softmax(input: Any, dim: int, dtype: Any = None) -> Any:
    input, dim = _checked(input, dim, dtype, "log_softmax")
    return LogSoftmaxBackward0.apply(input, dim=dim)
