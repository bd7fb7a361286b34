"""Adaptive average pooling: nn.AdaptiveAvgPool2d/1d, F.adaptive_avg_pool2d/1d.

Instead of a kernel size, the output size is given: output cell i averages the input cells
from floor(i * in / out) to ceil((i + 1) * in / out) (PyTorch's windows, which overlap when
out does not divide in). As PyTorch's CPU kernel, each window is summed in order, row by row,
then divided by its height and by its width; backward hands each output gradient, divided the
same way, to every cell of its window. An output of size 1 x 1 is the mean over the last two
dims (PyTorch records MeanBackward1 for it); the 1-d pooling is the 2-d one over a height of 1.

    >>> import minigrad as torch
    >>> x = torch.arange(10.0).reshape(1, 1, 10)
    >>> torch.nn.functional.adaptive_avg_pool1d(x, 4)
    tensor([[[1., 3., 6., 8.]]])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from ..ops.op import Op
from ..tensor import Tensor
from .module import Module


def _windows(size: int, out: int) -> list[tuple[int, int]]:
    """Where each of the `out` windows over `size` cells starts and ends."""
    return [(i * size // out, -(-(i + 1) * size // out)) for i in range(out)]


def _each_window(shape: tuple, output_size: tuple) -> Any:
    """(oh, ow, rows, cols) for every output cell, in PyTorch's loop order."""
    rows, cols = _windows(shape[-2], output_size[0]), _windows(shape[-1], output_size[1])
    for oh, (h0, h1) in enumerate(rows):
        for ow, (w0, w1) in enumerate(cols):
            yield oh, ow, slice(h0, h1), slice(w0, w1)


def _divide(total: np.ndarray, rows: slice, cols: slice) -> np.ndarray:
    scalar = total.dtype.type
    return total / scalar(rows.stop - rows.start) / scalar(cols.stop - cols.start)


class AdaptiveAvgPool2DBackward0(Op):
    __slots__ = ("output_size",)
    saved_names = ("self",)

    def forward(self, x: Tensor, output_size: tuple) -> np.ndarray:
        self.output_size = output_size
        self.save_for_backward(x)  # (for its shape, as PyTorch keeps it)
        data = x._data
        out = np.empty(data.shape[:-2] + output_size, dtype=data.dtype)
        for oh, ow, rows, cols in _each_window(data.shape, output_size):
            window = data[..., rows, cols]
            window = window.reshape(*data.shape[:-2], window.shape[-2] * window.shape[-1])
            # Summed in order from 0, as PyTorch's loop (numpy's sum adds pairwise; a running
            # sum is strictly in order, and adding it to 0 turns a sum of -0.0s into 0.0).
            total = np.cumsum(window, axis=-1)[..., -1] + 0
            out[..., oh, ow] = _divide(total, rows, cols)
        return out

    def backward(self, grad):
        (x,) = self.saved_tensors
        return AdaptiveAvgPool2DBackwardBackward0.apply(grad, input_shape=tuple(x.shape))


class AdaptiveAvgPool2DBackwardBackward0(Op):
    """Backward of the pooling as an op of its own, so a second derivative goes through it:
    it is linear, and its own backward is the pooling again."""

    __slots__ = ("output_size",)

    def forward(self, grad: Tensor, input_shape: tuple) -> np.ndarray:
        data = grad._data
        self.output_size = data.shape[-2:]
        grad_input = np.zeros(input_shape, dtype=data.dtype)
        for oh, ow, rows, cols in _each_window(input_shape, self.output_size):
            grad_input[..., rows, cols] += _divide(data[..., oh, ow], rows, cols)[..., None, None]
        return grad_input

    def backward(self, grad):
        return AdaptiveAvgPool2DBackward0.apply(grad, output_size=self.output_size)


def _output_size(output_size: Any, input: Tensor, n: int, name: str) -> tuple:
    sizes = (output_size,) * n if isinstance(output_size, int) else tuple(output_size)
    if len(sizes) != n:
        raise RuntimeError(f"{name}: output_size must be {n}")
    spatial = input.shape[-n:]
    sizes = tuple(spatial[i] if s is None else int(s) for i, s in enumerate(sizes))
    if any(s < 0 for s in sizes):
        raise RuntimeError(f"{name}: elements of output_size must be greater than or equal to 0 "
                           f"but received {{{', '.join(map(str, sizes))}}}")
    return sizes


def adaptive_avg_pool2d(input: Tensor, output_size: Any) -> Tensor:
    if input.dim() not in (3, 4):
        raise RuntimeError("adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got "
                           f"{list(input.shape)}")
    for d in (input.dim() - 2, input.dim() - 1):
        if input.shape[d] == 0:
            raise RuntimeError(
                "adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch "
                f"dimensions, but input has sizes {list(input.shape)} with dimension {d} being "
                "empty")
    size = _output_size(output_size, input, 2, "adaptive_avg_pool2d")
    messages.check_floating(input, "adaptive_avg_pool2d")
    if size == (1, 1):
        return input.mean((-1, -2), keepdim=True)
    return AdaptiveAvgPool2DBackward0.apply(input, output_size=size)


def adaptive_avg_pool1d(input: Tensor, output_size: Any) -> Tensor:
    if input.dim() not in (2, 3):
        raise RuntimeError(f"Expected 2 to 3 dimensions, but got {input.dim()}-dimensional "
                           "tensor for argument #1 'self' (while checking arguments for "
                           "adaptive_avg_pool1d)")
    (size,) = _output_size(output_size, input, 1, "adaptive_avg_pool1d")
    return adaptive_avg_pool2d(input.unsqueeze(-2), (1, size)).squeeze(-2)


class AdaptiveAvgPool2d(Module):
    function = staticmethod(adaptive_avg_pool2d)

    def __init__(self, output_size: Any) -> None:
        super().__init__()
        self.output_size = output_size

    def forward(self, input: Tensor) -> Tensor:
        return self.function(input, self.output_size)

    def extra_repr(self) -> str:
        return f"output_size={self.output_size}"


class AdaptiveAvgPool1d(AdaptiveAvgPool2d):
    function = staticmethod(adaptive_avg_pool1d)
