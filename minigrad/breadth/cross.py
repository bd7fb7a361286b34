"""The cross product of 3-vectors along a dim: torch.linalg.cross, torch.cross, Tensor.cross.

(a x b) is perpendicular to both a and b. Its gradients are cross products again, so backward
applies the same op: grad_a = b x grad, grad_b = grad x a (a graph for create_graph=True).
torch.cross without dim takes the first dim of size 3 (deprecated, with PyTorch's warning);
linalg.cross's dim is -1. Both inputs need the same dtype and number of dims.

    >>> import minigrad as torch
    >>> torch.linalg.cross(torch.tensor([1.0, 0.0, 0.0]), torch.tensor([0.0, 1.0, 0.0]))
    tensor([0., 0., 1.])
"""

from __future__ import annotations

import warnings

import numpy as np

from .. import _dtype, messages
from ..ops.dims import normalize_dim
from ..ops.op import Op
from ..tensor import Tensor
from .fused import fma

NO_DIM_WARNING = (
    "Using torch.cross without specifying the dim arg is deprecated.\n"
    "Please either pass the dim explicitly or simply use torch.linalg.cross.\n"
    "The default value of dim will change to agree with that of linalg.cross in a future "
    "release.")
_warned_no_dim = False


class LinalgCrossBackward0(Op):
    __slots__ = ("dim",)
    saved_names = ("other", "self")

    def forward(self, a: Tensor, b: Tensor, dim: int) -> np.ndarray:
        self.dim = dim
        needs_a, needs_b = self.needs_input_grad
        self.save_for_backward(b if needs_a else None, a if needs_b else None)
        x, y = np.moveaxis(a._data, dim, -1), np.moveaxis(b._data, dim, -1)
        x, y = np.broadcast_arrays(x, y)
        out = np.stack([_difference_of_products(x, y, i, j) for i, j in ((1, 2), (2, 0), (0, 1))],
                       axis=-1)
        return np.moveaxis(out, -1, dim)

    def backward(self, grad):
        b, a = self.saved_tensors
        return (LinalgCrossBackward0.apply(b, grad, dim=self.dim) if b is not None else None,
                LinalgCrossBackward0.apply(grad, a, dim=self.dim) if a is not None else None)


def _difference_of_products(x: np.ndarray, y: np.ndarray, i: int, j: int) -> np.ndarray:
    """x_i y_j - x_j y_i, one component: PyTorch's kernel computes it as one fused
    multiply-add, fma(x_i, y_j, -(x_j * y_i)), which numpy's two roundings miss in the last bit."""
    x_i, y_j, x_j, y_i = x[..., i], y[..., j], x[..., j], y[..., i]
    if x.dtype.kind != "f":
        return x_i * y_j - x_j * y_i
    return fma(x_i, y_j, -(x_j * y_i), x.dtype)


def linalg_cross(input: Tensor, other: Tensor, *, dim: int = -1) -> Tensor:
    if input.dtype is not other.dtype:
        raise RuntimeError(f"expected scalar type {_dtype.message_name(input.dtype)} but found "
                           f"{_dtype.message_name(other.dtype)}")
    if input.dim() != other.dim():
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    axis = normalize_dim(dim, input.dim())
    sizes = (input.shape[axis], other.shape[axis])
    if sizes != (3, 3):
        raise RuntimeError(f"linalg.cross: inputs dimension {dim} must have length 3. Got "
                           f"{sizes[0]} and {sizes[1]}")
    error = messages.broadcast_mismatch(tuple(input.shape), tuple(other.shape))
    if error is not None:
        raise error
    return LinalgCrossBackward0.apply(input, other, dim=axis)


def cross(input: Tensor, other: Tensor, dim: int | None = None) -> Tensor:
    if dim is None:
        global _warned_no_dim
        if not _warned_no_dim:  # once per process, as PyTorch's TORCH_WARN_ONCE
            _warned_no_dim = True
            warnings.warn(NO_DIM_WARNING, UserWarning, stacklevel=3)  # (past numpy_keywords)
        dim = next((d for d, n in enumerate(input.shape) if n == 3), None)
        if dim is None:
            raise RuntimeError("no dimension of size 3 in input")
    return linalg_cross(input, other, dim=dim)
