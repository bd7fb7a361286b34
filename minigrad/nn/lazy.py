"""Lazy modules: layers that learn their input size from the first batch they see (d2l's style).

`nn.LazyLinear(256)` holds UninitializedParameters until its first call; that call sets
`in_features` from the input's last dim, gives the parameters their shapes, initialises them
as Linear does, and turns the module into a plain `Linear`, as PyTorch's does.

    >>> import minigrad as torch
    >>> layer = torch.nn.LazyLinear(3)
    >>> layer, layer.weight
    (LazyLinear(in_features=0, out_features=3, bias=True), <UninitializedParameter>)
    >>> _ = layer(torch.ones(2, 5))
    >>> layer, layer.weight.shape
    (Linear(in_features=5, out_features=3, bias=True), minigrad.Size([3, 5]))
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _dtype
from ..tensor import Tensor
from .linear import Linear
from .module import Module
from .parameter import Parameter

_SHAPE_UNKNOWN = (
    "Can't access the shape of an uninitialized parameter or buffer. This error usually happens "
    "in `load_state_dict` when trying to load an uninitialized parameter into an initialized "
    "one. Call `forward` to initialize the parameters before accessing their attributes.")


class UninitializedParameter(Parameter):
    """A parameter whose shape is not known yet; `materialize` gives it one."""

    def __new__(cls, requires_grad: bool = True, dtype: _dtype.dtype | None = None
                ) -> UninitializedParameter:
        empty = Tensor._make(np.empty(0, dtype=_dtype.or_default(dtype).numpy))
        return Parameter.__new__(cls, empty, requires_grad)

    def __repr__(self) -> str:
        return "<UninitializedParameter>"

    __str__ = __repr__

    @property
    def shape(self) -> Any:
        raise RuntimeError(_SHAPE_UNKNOWN)

    def size(self, dim: int | None = None) -> Any:
        raise RuntimeError(_SHAPE_UNKNOWN)

    def materialize(self, shape: tuple[int, ...]) -> None:
        """Become an ordinary Parameter of this shape (its values still to be initialised)."""
        self._data = np.empty(shape, dtype=self._data.dtype)
        self.__class__ = Parameter


class LazyLinear(Linear):
    """Linear whose in_features is inferred from the first input."""

    cls_to_become = Linear

    def __init__(self, out_features: int, bias: bool = True, device: Any = None,
                 dtype: _dtype.dtype | None = None) -> None:
        Module.__init__(self)
        self.in_features = 0
        self.out_features = out_features
        self.weight = UninitializedParameter(dtype=dtype)
        self.register_parameter("bias", UninitializedParameter(dtype=dtype) if bias else None)

    def has_uninitialized_params(self) -> bool:
        return any(isinstance(p, UninitializedParameter) for p in self._parameters.values())

    def initialize_parameters(self, input: Tensor) -> None:
        self.in_features = input.shape[-1]
        self.weight.materialize((self.out_features, self.in_features))
        if self.bias is not None:
            self.bias.materialize((self.out_features,))
        self.reset_parameters()

    def forward(self, input: Tensor) -> Tensor:
        if self.has_uninitialized_params():
            self.initialize_parameters(input)
            self.__class__ = self.cls_to_become
        return Linear.forward(self, input)
