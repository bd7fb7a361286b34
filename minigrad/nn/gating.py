"""Two activations PyTorch records as one node each: F.glu (GluBackward0) and F.threshold
(ThresholdBackward0, or ThresholdBackward1 in place).

glu splits the input in two halves a, b along `dim` and lets sigmoid(b) gate a; threshold
keeps x where x > threshold and puts `value` elsewhere.

    >>> import minigrad as torch
    >>> torch.nn.functional.threshold(torch.tensor([-1.0, 0.5, 2.0]), 1.0, 0.0)
    tensor([0., 0., 2.])
"""

from __future__ import annotations

import numpy as np

from .. import _dtype, messages
from ..breadth.join import cat
from ..ops.dims import normalize_dim
from ..ops.op import Op, quiet
from ..tensor import Tensor


class GluBackward0(Op):
    """a * sigmoid(b), a and b the two halves of the input along dim."""

    __slots__ = ("dim",)
    saved_names = ("self",)

    @quiet
    def forward(self, x, dim):
        self.dim = dim
        self.save_for_backward(x)
        a, b = np.split(x._data, 2, axis=dim)
        one = b.dtype.type(1)
        return a * (one / (one + np.exp(-b)))  # sigmoid as SigmoidBackward0 computes it

    def backward(self, grad):
        (x,) = self.saved_tensors
        a, b = x.chunk(2, self.dim)
        gate = b.sigmoid()
        # The gate passes grad to a; b's share also goes through the sigmoid's slope.
        return cat([grad * gate, grad * a * gate * (1 - gate)], self.dim)


def glu(input: Tensor, dim: int = -1) -> Tensor:
    """The gated linear unit: a * sigmoid(b) for the halves a, b of input along dim.

    >>> import minigrad as torch
    >>> torch.nn.functional.glu(torch.tensor([2.0, 0.0]))
    tensor([1.])
    """
    if input.dim() == 0:
        raise RuntimeError("glu does not support scalars because halving size must be even")
    dim = normalize_dim(dim, input.dim())
    if input.shape[dim] % 2:
        raise RuntimeError(f"Halving dimension must be even, but dimension {dim} is size "
                           f"{input.shape[dim]}")
    messages.check_floating(input, "glu_cpu")
    return GluBackward0.apply(input, dim=dim)


class ThresholdBackward0(Op):
    """x where x > threshold, value elsewhere (nan stays nan: it is not <= threshold)."""

    __slots__ = ("threshold",)
    saved_names = ("self",)

    def forward(self, x, threshold, value):
        data = x._data
        # PyTorch turns both numbers into the input's dtype first (1.5 is 1 for integers).
        self.threshold = data.dtype.type(threshold)
        self.save_for_backward(x)
        return np.where(data <= self.threshold, data.dtype.type(value), data)

    def backward(self, grad):
        (x,) = self.saved_tensors
        return grad.masked_fill(x <= self.threshold, 0)


class ThresholdBackward1(ThresholdBackward0):
    """threshold with inplace=True: the same, under the in-place op's name."""


def threshold(input: Tensor, threshold: float, value: float, inplace: bool = False) -> Tensor:
    """Replace the elements not above `threshold` by `value`.

    >>> import minigrad as torch
    >>> torch.nn.functional.threshold(torch.tensor([1, 5, -2]), 1, 7)
    tensor([7, 5, 7])
    """
    if input.dtype is _dtype.bool:
        raise messages.not_implemented("threshold_cpu", input.dtype)
    if inplace:
        return input._inplace(ThresholdBackward1.apply(input, threshold=threshold, value=value))
    return ThresholdBackward0.apply(input, threshold=threshold, value=value)
