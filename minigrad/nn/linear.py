"""nn.Linear: ``y = x @ weight.T + bias``, initialised as PyTorch does.

    >>> import minigrad as torch
    >>> layer = torch.nn.Linear(3, 2)
    >>> layer
    Linear(in_features=3, out_features=2, bias=True)
    >>> layer.weight.shape, layer.bias.shape
    (minigrad.Size([2, 3]), minigrad.Size([2]))
"""

from __future__ import annotations

from .. import _dtype
from ..tensor import Tensor
from . import init
from .functional import linear
from .module import Module
from .parameter import Parameter, add_weight_and_bias


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
        add_weight_and_bias(self, (out_features, in_features), bias, dtype)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        init.reset_weight_and_bias(self.weight, self.bias)

    def forward(self, input: Tensor) -> Tensor:
        return linear(input, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"bias={self.bias is not None}")
