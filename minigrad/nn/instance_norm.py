"""Instance normalisation: nn.InstanceNorm1d/2d and F.instance_norm.

Each sample's channel is normalised on its own, over its positions (length, or height and
width). PyTorch computes it as batch_norm on a batch of one whose N * C channels are the
input's (sample, channel) pairs, and records just that: ViewBackward0, the weight and bias
repeated N times (RepeatBackward0), NativeBatchNormBackward0, ViewBackward0 back. Running
averages, if kept, are updated per (sample, channel) and then averaged over the samples.

    >>> import minigrad as torch
    >>> torch.nn.InstanceNorm1d(1)(torch.tensor([[[1.0, 3.0]]]))
    tensor([[[-1.0000,  1.0000]]])
"""

from __future__ import annotations

import math
import warnings
from typing import Any

from .. import _dtype
from ..autograd.grad_mode import no_grad
from ..tensor import Tensor
from .normalization import _NormBase, batch_norm, check_same_dtype


def instance_norm(input: Tensor, running_mean: Tensor | None = None,
                  running_var: Tensor | None = None, weight: Tensor | None = None,
                  bias: Tensor | None = None, use_input_stats: bool = True,
                  momentum: float = 0.1, eps: float = 1e-5) -> Tensor:
    """Normalise each (sample, channel) of input (N, C, *) over its positions.

    >>> import minigrad as torch
    >>> torch.nn.functional.instance_norm(torch.tensor([[[1.0, 3.0], [2.0, 2.0]]]))
    tensor([[[-1.0000,  1.0000],
             [ 0.0000,  0.0000]]])
    """
    if use_input_stats and math.prod(input.shape[2:]) == 1:
        raise ValueError(f"Expected more than 1 spatial element when training, got input size "
                         f"{input.size()}")
    if not use_input_stats and (running_mean is None or running_var is None):
        raise RuntimeError("Expected running_mean and running_var to be defined when "
                           "use_input_stats is false")
    check_same_dtype(input, weight, bias)
    n, c = input.shape[:2]

    def repeated(t: Tensor | None) -> Tensor | None:
        return None if t is None else t.repeat(n)

    # The running averages are not checked against input's dtype: they are taken in it.
    stats = tuple(None if t is None else repeated(t).to(input.dtype)
                  for t in (running_mean, running_var))
    out = batch_norm(input.contiguous().view(1, n * c, *input.shape[2:]), *stats,
                     repeated(weight), repeated(bias), use_input_stats, momentum, eps)
    # Each channel's running averages: those of its N (sample, channel) pairs, averaged.
    with no_grad():
        for running, updated in zip((running_mean, running_var), stats, strict=True):
            if running is not None:
                running.copy_(updated.view(n, c).mean(0))
    return out.view_as(input)


class _InstanceNorm(_NormBase):
    """InstanceNorm1d/2d: no weight, bias or running averages unless asked for."""

    spatial_dims = 1

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float | None = 0.1,
                 affine: bool = False, track_running_stats: bool = False, device: Any = None,
                 dtype: _dtype.dtype | None = None, *, bias: bool = True) -> None:
        super().__init__(num_features, eps, momentum, affine, track_running_stats, bias, dtype)

    def forward(self, input: Tensor) -> Tensor:
        unbatched = self.spatial_dims + 1
        if input.dim() not in (unbatched, unbatched + 1):
            raise ValueError(f"expected {unbatched}D or {unbatched + 1}D input (got "
                             f"{input.dim()}D input)")
        feature_dim = input.dim() - unbatched
        if input.shape[feature_dim] != self.num_features:
            if self.affine:
                raise ValueError(
                    f"expected input's size at dim={feature_dim} to match num_features "
                    f"({self.num_features}), but got: {input.shape[feature_dim]}.")
            # Without affine, num_features is used for nothing, so PyTorch only warns.
            warnings.warn(f"input's size at dim={feature_dim} does not match num_features. "
                          "You can silence this warning by not passing in num_features, which "
                          "is not used because affine=False", stacklevel=2)
        batched = input.unsqueeze(0) if input.dim() == unbatched else input
        out = instance_norm(batched, self.running_mean, self.running_var, self.weight,
                            self.bias, self.training or not self.track_running_stats,
                            0.0 if self.momentum is None else self.momentum, self.eps)
        return out.squeeze(0) if input.dim() == unbatched else out


class InstanceNorm1d(_InstanceNorm):
    """Normalises each sample's channel over its length: input (N, C, L) or (C, L).

    >>> import minigrad as torch
    >>> torch.nn.InstanceNorm1d(3, affine=True)
    InstanceNorm1d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=False)
    """


class InstanceNorm2d(_InstanceNorm):
    """Normalises each sample's channel over its height and width: input (N, C, H, W) or
    (C, H, W).

    >>> import minigrad as torch
    >>> torch.nn.InstanceNorm2d(1)(torch.tensor([[[[1.0, 3.0], [1.0, 3.0]]]]))
    tensor([[[[-1.0000,  1.0000],
              [-1.0000,  1.0000]]]])
    """

    spatial_dims = 2
