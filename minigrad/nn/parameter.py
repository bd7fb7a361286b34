"""nn.Parameter: the tensors a Module registers as its learnable weights.

A Parameter is a leaf Tensor that requires grad by default. Assigning one to a Module
attribute registers it, so ``module.parameters()`` (and thus an optimizer) can find it.

    >>> import minigrad as torch
    >>> w = torch.nn.Parameter(torch.tensor([1.0, 2.0]))
    >>> w
    Parameter containing:
    tensor([1., 2.], requires_grad=True)
    >>> w.is_leaf, (w * 2).is_leaf
    (True, False)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from .._device import check_factory_device
from .._dtype import get_default_dtype, or_default
from ..breadth import factory_arguments
from ..tensor import Tensor


class Parameter(Tensor):
    """A Tensor that a Module treats as one of its parameters."""

    def __new__(cls, data: Tensor | None = None, requires_grad: bool = True) -> Parameter:
        if data is None:
            data = Tensor._make(np.empty(0, dtype=get_default_dtype().numpy))
        elif not isinstance(data, Tensor):  # PyTorch's detaches it first: nn.Parameter([1.0])
            data = data.detach()  # is an AttributeError, "'list' object has no attribute..."
        # Shares data's storage but is a fresh leaf, whatever graph `data` belonged to.
        return Tensor._make_subclass(cls, data, requires_grad)

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __reduce_ex__(self, protocol: Any) -> Any:
        # Pickled (torch.save) as a Parameter, not as the plain tensor it holds.
        return (_rebuild_parameter, (self._data.copy(), self.requires_grad))

    def __deepcopy__(self, memo: dict) -> Parameter:
        if id(self) not in memo:
            memo[id(self)] = Parameter(self.detach().clone(), self.requires_grad)
        return memo[id(self)]


def _rebuild_parameter(data: np.ndarray, requires_grad: bool) -> Parameter:
    return Parameter(Tensor._make(data), requires_grad)


def add_weight_and_bias(module: Any, weight_shape: tuple[int, ...], bias: bool,
                        dtype: Any = None) -> None:
    """A layer's learnable weight, and bias (one per output: the weight's first size), both
    still to be initialised (init.reset_weight_and_bias)."""
    check_factory_device()  # (a default device set to "cuda" fails here, as in PyTorch)
    _check_layer_size(weight_shape)
    numpy_dtype = or_default(dtype).numpy
    module.register_parameter("weight", Parameter(Tensor._make(np.zeros(weight_shape,
                                                                         numpy_dtype))))
    module.register_parameter(
        "bias", Parameter(Tensor._make(np.zeros(weight_shape[:1], numpy_dtype))) if bias
        else None)


def _check_layer_size(shape: tuple) -> None:
    """PyTorch makes the weight with torch.empty(shape): nn.Linear(784, 784 / 2) gets its
    TypeError (the float's place in the shape), a negative size its RuntimeError."""
    factory_arguments.int_list("empty", "size", (shape,))
    if any(n < 0 for n in shape):
        raise RuntimeError(messages.negative_dimension(shape))
