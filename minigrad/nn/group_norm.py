"""Group normalisation: nn.GroupNorm and F.group_norm.

The channels (dim 1) are split into num_groups groups; each sample's group is brought to mean
0 and variance 1 over its channels and all their positions, then each channel is scaled and
shifted by its own weight and bias. Unlike BatchNorm it never looks across the batch, so it
works the same for any batch size, in train() and eval(). PyTorch records it as one node,
NativeGroupNormBackward0, whose gradient is LayerNorm's over each group.

    >>> import minigrad as torch
    >>> norm = torch.nn.GroupNorm(1, 2)
    >>> norm(torch.tensor([[1.0, 3.0]]))
    tensor([[-1.0000,  1.0000]], grad_fn=<NativeGroupNormBackward0>)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _dtype, messages
from ..breadth import formulas
from ..ops.op import Op
from ..tensor import Tensor
from .module import Module
from .normalization import (
    _add_scale_and_shift,
    _reset_scale_and_shift,
    _through_normalization,
    check_same_dtype,
)


def _grouped(shape: tuple, groups: int) -> tuple:
    """(N, groups, channels per group, positions): each group's numbers in dims 2 and 3."""
    return (shape[0], groups, shape[1] // groups, int(np.prod(shape[2:], dtype=np.int64)))


def _per_channel(t: Any, groups: int) -> Any:
    """A per-channel weight, shaped to broadcast against the grouped layout."""
    return t.reshape(1, groups, -1, 1)


class NativeGroupNormBackward0(Op):
    """The normalisation of each group, the scale and the shift in one node."""

    on_arrays = True
    __slots__ = ("groups", "eps")
    # input, weight, then each group's mean and 1 / std (PyTorch's result1, result2: (N, G)).
    saved_names = ("input", "weight", "result1", "result2")

    def forward(self, x, weight, bias, groups, eps):
        self.groups, self.eps = groups, eps
        data = x._data.reshape(_grouped(x.shape, groups))
        # Statistics in float64, then rounded to the input's dtype, as BatchNorm's.
        wide = data.astype(np.float64)
        mean = wide.mean(axis=(2, 3), keepdims=True)
        rstd = 1 / np.sqrt(((wide - mean) ** 2).mean(axis=(2, 3), keepdims=True) + eps)
        mean, rstd = mean.astype(data.dtype), rstd.astype(data.dtype)
        self.save_for_backward(x, weight, Tensor._make(mean[..., 0, 0]),
                               Tensor._make(rstd[..., 0, 0]))
        # y = x * scale + shift per (sample, channel), PyTorch's arrangement of the formula.
        scale = rstd * _per_channel(weight._data, groups) if weight is not None else rstd
        shift = -scale * mean
        if bias is not None:
            shift = shift + _per_channel(bias._data, groups)
        return (data * scale + shift).reshape(x.shape)

    def backward(self, grad):
        x, weight, mean, rstd = self.saved_tensors
        layout = _grouped(tuple(x.shape), self.groups)
        xg, grad_g = x.reshape(layout), grad.reshape(layout)
        if formulas.is_tensor(grad):  # create_graph: mean and rstd depend on x too
            mean = xg.mean((2, 3))
            rstd = ((xg - mean.reshape(*mean.shape, 1, 1)) ** 2).mean((2, 3)) \
                .add(self.eps).rsqrt()
        mean, rstd = mean.reshape(*layout[:2], 1, 1), rstd.reshape(*layout[:2], 1, 1)
        normalized = (xg - mean) * rstd
        g = grad_g * _per_channel(weight, self.groups) if weight is not None else grad_g
        d_input = _through_normalization(g, normalized, rstd, (2, 3)).reshape(x.shape)
        channels = (x.shape[1],)
        d_weight = formulas.sum(grad_g * normalized, (0, 3)).reshape(channels) \
            if weight is not None else None
        d_bias = formulas.sum(grad_g, (0, 3)).reshape(channels) \
            if self.needs_input_grad[2] else None
        return d_input, d_weight, d_bias


def group_norm(input: Tensor, num_groups: int, weight: Tensor | None = None,
               bias: Tensor | None = None, eps: float = 1e-5) -> Tensor:
    """Normalise each sample's channel groups of input (N, C, *): see the module docstring.

    >>> import minigrad as torch
    >>> torch.nn.functional.group_norm(torch.tensor([[1.0, 3.0, 0.0, 4.0]]), 2)
    tensor([[-1.0000,  1.0000, -1.0000,  1.0000]])
    """
    if input.dim() < 2:
        raise RuntimeError(
            f"Expected at least 2 dimensions for input tensor but received {input.dim()}")
    shape = list(input.shape)
    if shape[1] % num_groups:
        raise RuntimeError(
            "Expected number of channels in input to be divisible by num_groups, but got input "
            f"of shape {shape} and num_groups={num_groups}")
    # PyTorch checks the grouped sizes as BatchNorm checks its channels' (and so only
    # refuses a single number per sample and group, in a batch of one).
    size = [shape[0] * shape[1] // num_groups, num_groups, *shape[2:]]
    if size[0] * int(np.prod(size[2:])) == 1:
        raise ValueError(f"Expected more than 1 value per channel when training, got input "
                         f"size {size}")
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None and (t.dim() != 1 or t.numel() != shape[1]):
            raise RuntimeError(
                f"Expected {name} to be a vector of size equal to the number of channels in "
                f"input, but got {name} of shape {list(t.shape)} and input of shape {shape}")
    messages.check_floating(input, "GroupNormKernelImpl")
    check_same_dtype(input, weight, bias)
    return NativeGroupNormBackward0.apply(input, weight, bias, groups=num_groups, eps=eps)


class GroupNorm(Module):
    """Normalises groups of channels per sample; weight starts at 1, bias at 0 (per channel).

    >>> import minigrad as torch
    >>> torch.nn.GroupNorm(2, 4)
    GroupNorm(2, 4, eps=1e-05, affine=True, bias=True)
    """

    def __init__(self, num_groups: int, num_channels: int, eps: float = 1e-5,
                 affine: bool = True, device: Any = None, dtype: _dtype.dtype | None = None,
                 *, bias: bool = True) -> None:
        super().__init__()
        if num_channels % num_groups != 0:
            raise ValueError(f"num_channels ({num_channels}) must be divisible by num_groups "
                             f"({num_groups})")
        self.num_groups, self.num_channels = num_groups, num_channels
        self.eps, self.affine = eps, affine
        _add_scale_and_shift(self, (num_channels,), dtype, affine, bias)

    def reset_parameters(self) -> None:
        _reset_scale_and_shift(self)

    def forward(self, input: Tensor) -> Tensor:
        return group_norm(input, self.num_groups, self.weight, self.bias, self.eps)

    def extra_repr(self) -> str:
        return (f"{self.num_groups}, {self.num_channels}, eps={self.eps}, "
                f"affine={self.affine}, bias={self.bias is not None}")
