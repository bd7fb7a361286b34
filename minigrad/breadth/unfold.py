"""Tensor.unfold(dimension, size, step): the windows of `size` along a dim, `step` apart, as a
view (1-d convolutions, patches, framing a signal).

The windows become a dim of their own in place of `dimension`, and each window's elements a new
last dim. Windows overlap when step < size, so one element of x can sit in several: its
gradient is the sum over all of them.

    >>> import minigrad as torch
    >>> torch.arange(5.0).unfold(0, 2, 1)
    tensor([[0., 1.],
            [1., 2.],
            [2., 3.],
            [3., 4.]])
"""

from __future__ import annotations

import math

import numpy as np

from ..ops.dims import normalize_dim
from ..ops.op import Op
from ..tensor import Tensor
from .indexing import _scatter


def _windows(array: np.ndarray, dim: int, size: int, step: int) -> np.ndarray:
    """The windows of array as a view of its memory (strides, as PyTorch's unfold takes)."""
    if array.ndim == 0:  # (a 0-d tensor has one window, its element, and no dim for it)
        return array.reshape(1)[:size]
    count = (array.shape[dim] - size) // step + 1
    shape = array.shape[:dim] + (count,) + array.shape[dim + 1:] + (size,)
    strides = (array.strides[:dim] + (array.strides[dim] * step,) + array.strides[dim + 1:]
               + (array.strides[dim],))
    return np.lib.stride_tricks.as_strided(array, shape, strides)


class UnfoldBackward0(Op):
    is_view = True
    __slots__ = ("dimension", "size", "step", "self_sym_sizes")

    def forward(self, x, dimension, size, step):
        self.dimension, self.size, self.step = dimension, size, step
        self.self_sym_sizes = x._data.shape
        return _windows(x._data, dimension, size, step)

    def backward(self, grad):
        # Where each window element came from in x (flat positions); each adds its gradient.
        shape = self.self_sym_sizes
        positions = _windows(np.arange(math.prod(shape)).reshape(shape), self.dimension,
                             self.size, self.step)
        return _scatter(grad, positions, shape)


def unfold(input: Tensor, dimension: int, size: int, step: int) -> Tensor:
    dim = normalize_dim(dimension, max(input.ndim, 1))
    length = input.shape[dim] if input.ndim else 1
    if size > length:
        raise RuntimeError(f"maximum size for tensor at dimension {dim} is {length} but size is "
                           f"{size}")
    if size < 0:
        raise RuntimeError(f"size is {size} but must be >= 0")
    if step <= 0:
        raise RuntimeError(f"step is {step} but must be > 0")
    return UnfoldBackward0.apply(input, dimension=dim, size=size, step=step)
