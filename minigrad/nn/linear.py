"""nn.Linear: ``y = x @ weight.T + bias``, initialised as PyTorch does.

    >>> import minigrad as torch
    >>> layer = torch.nn.Linear(3, 2)
    >>> layer
    Linear(in_features=3, out_features=2, bias=True)
    >>> layer.weight.shape, layer.bias.shape
    (minigrad.Size([2, 3]), minigrad.Size([2]))
"""

from __future__ import annotations

import math

import numpy as np

from .. import _dtype
from ..tensor import Tensor
from . import init
from .functional import linear
from .module import Module
from .parameter import Parameter


class Linear(Module):
    """A fully connected layer with `in_features` inputs and `out_features` outputs.

    Weight and bias start uniform in +-1/sqrt(in_features), drawn from minigrad's seeded
    generator (minigrad.manual_seed makes them reproducible).
    """

    in_features: int
    out_features: int
    weight: Parameter

    def __init__(self, in_features: int, out_features: int, bias: bool = True,
                 dtype: _dtype.dtype | None = None) -> None:
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        dtype = dtype or _dtype.get_default_dtype()
        self.weight = Parameter(_empty((out_features, in_features), dtype))
        if bias:
            self.bias = Parameter(_empty((out_features,), dtype))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        # PyTorch's recipe: kaiming_uniform_ with a=sqrt(5) on the weight gives
        # +-1/sqrt(fan_in), and the bias uses the same bound.
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            bound = 1 / math.sqrt(self.in_features) if self.in_features > 0 else 0
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input: Tensor) -> Tensor:
        return linear(input, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"bias={self.bias is not None}")


def _empty(shape: tuple[int, ...], dtype: _dtype.dtype) -> Tensor:
    return Tensor._make(np.zeros(shape, dtype=dtype.numpy))
