"""Pixel shuffle: trading channels for resolution, nn.PixelShuffle/PixelUnshuffle and
F.pixel_shuffle/pixel_unshuffle.

pixel_shuffle moves each group of r * r channels into an r x r block of pixels:
(*, C * r * r, H, W) becomes (*, C, H * r, W * r); pixel_unshuffle undoes it. Only numbers
move, so the gradient of one is the other applied to the incoming gradient.

    >>> import minigrad as torch
    >>> torch.nn.functional.pixel_shuffle(torch.arange(4.0).view(1, 4, 1, 1), 2)
    tensor([[[[0., 1.],
              [2., 3.]]]])
"""

from __future__ import annotations

import numpy as np

from ..ops.op import Op
from ..tensor import Tensor
from .module import Module


def _shuffle(data: np.ndarray, r: int) -> np.ndarray:
    """(*, C*r*r, H, W) -> (*, C, H*r, W*r): channel c*r*r + i*r + j goes to pixel (i, j) of
    each r x r block."""
    *batch, channels, h, w = data.shape
    n = len(batch)
    blocks = data.reshape(*batch, channels // (r * r), r, r, h, w)
    order = (*range(n), n, n + 3, n + 1, n + 4, n + 2)  # (C, H, r, W, r)
    return blocks.transpose(order).reshape(*batch, channels // (r * r), h * r, w * r)


def _unshuffle(data: np.ndarray, r: int) -> np.ndarray:
    """(*, C, H*r, W*r) -> (*, C*r*r, H, W), the inverse of _shuffle."""
    *batch, channels, h, w = data.shape
    n = len(batch)
    blocks = data.reshape(*batch, channels, h // r, r, w // r, r)
    order = (*range(n), n, n + 2, n + 4, n + 1, n + 3)  # (C, r, r, H, W)
    return blocks.transpose(order).reshape(*batch, channels * r * r, h // r, w // r)


class PixelShuffleBackward0(Op):
    __slots__ = ("upscale_factor",)

    def forward(self, x, upscale_factor):
        self.upscale_factor = upscale_factor
        return _shuffle(x._data, upscale_factor)

    def backward(self, grad):
        return PixelUnshuffleBackward0.apply(grad, downscale_factor=self.upscale_factor)


class PixelUnshuffleBackward0(Op):
    __slots__ = ("downscale_factor",)

    def forward(self, x, downscale_factor):
        self.downscale_factor = downscale_factor
        return _unshuffle(x._data, downscale_factor)

    def backward(self, grad):
        return PixelShuffleBackward0.apply(grad, upscale_factor=self.downscale_factor)


def _check(name: str, input: Tensor, factor: int, kind: str) -> None:
    if input.dim() < 3:
        raise RuntimeError(f"{name} expects input to have at least 3 dimensions, but got input "
                           f"with {input.dim()} dimension(s)")
    if factor <= 0:
        raise RuntimeError(f"{name} expects a positive {kind}, but got {factor}")


def pixel_shuffle(input: Tensor, upscale_factor: int) -> Tensor:
    """(*, C * r * r, H, W) -> (*, C, H * r, W * r), r = upscale_factor.

    >>> import minigrad as torch
    >>> torch.nn.functional.pixel_shuffle(torch.ones(1, 8, 2, 3), 2).shape
    minigrad.Size([1, 2, 4, 6])
    """
    _check("pixel_shuffle", input, upscale_factor, "upscale_factor")
    channels = input.shape[-3]
    if channels % (upscale_factor * upscale_factor):
        raise RuntimeError(
            "pixel_shuffle expects its input's 'channel' dimension to be divisible by the "
            f"square of upscale_factor, but input.size(-3)={channels} is not divisible by "
            f"{upscale_factor * upscale_factor}")
    return PixelShuffleBackward0.apply(input, upscale_factor=upscale_factor)


def pixel_unshuffle(input: Tensor, downscale_factor: int) -> Tensor:
    """(*, C, H * r, W * r) -> (*, C * r * r, H, W), r = downscale_factor.

    >>> import minigrad as torch
    >>> torch.nn.functional.pixel_unshuffle(torch.ones(1, 1, 4, 6), 2).shape
    minigrad.Size([1, 4, 2, 3])
    """
    _check("pixel_unshuffle", input, downscale_factor, "downscale_factor")
    for name, dim in (("height", -2), ("width", -1)):
        if input.shape[dim] % downscale_factor:
            raise RuntimeError(
                f"pixel_unshuffle expects {name} to be divisible by downscale_factor, but "
                f"input.size({dim})={input.shape[dim]} is not divisible by {downscale_factor}")
    return PixelUnshuffleBackward0.apply(input, downscale_factor=downscale_factor)


class PixelShuffle(Module):
    """F.pixel_shuffle as a layer: more pixels from channels (sub-pixel convolution).

    >>> import minigrad as torch
    >>> torch.nn.PixelShuffle(2)
    PixelShuffle(upscale_factor=2)
    """

    def __init__(self, upscale_factor: int) -> None:
        super().__init__()
        self.upscale_factor = upscale_factor

    def forward(self, input: Tensor) -> Tensor:
        return pixel_shuffle(input, self.upscale_factor)

    def extra_repr(self) -> str:
        return f"upscale_factor={self.upscale_factor}"


class PixelUnshuffle(Module):
    """F.pixel_unshuffle as a layer: channels from blocks of pixels.

    >>> import minigrad as torch
    >>> torch.nn.PixelUnshuffle(2)(torch.ones(1, 1, 4, 4)).shape
    minigrad.Size([1, 4, 2, 2])
    """

    def __init__(self, downscale_factor: int) -> None:
        super().__init__()
        self.downscale_factor = downscale_factor

    def forward(self, input: Tensor) -> Tensor:
        return pixel_unshuffle(input, self.downscale_factor)

    def extra_repr(self) -> str:
        return f"downscale_factor={self.downscale_factor}"
