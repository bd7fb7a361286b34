"""x.resize_(*size) and x.resize_as_(other): x takes a new shape in place, its elements read in
order from its memory, as PyTorch's resize_ reads its storage.

The new shape is laid out contiguously from where x starts in the memory it shares with its
base (a view `b[::2]` resized reads on past the elements its strides skipped). Where that memory
is too short, it is grown: its old contents kept, the new elements left as they come (PyTorch's
are uninitialized; here zeros), and x no longer shares memory with its views (PyTorch's views
share the grown storage). resize_ is not differentiable: a tensor that requires grad is refused,
under no_grad too. The version goes up, unless the shape stays.

    >>> import minigrad as torch
    >>> x = torch.arange(6.0)
    >>> x.resize_(2, 3)
    tensor([[0., 1., 2.],
            [3., 4., 5.]])
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import messages
from ..tensor import Tensor
from .factory_arguments import int_list


def _storage(data: np.ndarray) -> np.ndarray:
    """The bytes of the array that owns data's memory, in memory order (its storage)."""
    owner = data
    while isinstance(owner.base, np.ndarray):
        owner = owner.base
    return owner.reshape(-1, order="A").view(np.uint8)


def _resized(data: np.ndarray, size: tuple) -> np.ndarray:
    """data's storage read from where data starts, as an array of `size`."""
    storage = _storage(data)
    start = data.__array_interface__["data"][0] - storage.__array_interface__["data"][0]
    end = start + math.prod(size) * data.itemsize
    if end > storage.size:  # grown: a new storage with the old one's bytes in front
        grown = np.zeros(end, np.uint8)
        grown[:storage.size] = storage
        storage = grown
    return storage[start:end].view(data.dtype).reshape(size)


def resize_(self: Tensor, *size: Any, memory_format: Any = None) -> Tensor:
    if not size:
        raise TypeError('resize_() missing 1 required positional arguments: "size"')
    size = int_list("resize_", "size", size)
    if self.requires_grad:
        raise RuntimeError("cannot resize variables that require grad")
    if any(n < 0 for n in size):
        raise RuntimeError("numel: integer multiplication overflow")
    if size != self._data.shape:  # (the same shape keeps x's strides, and its version)
        self._data = _resized(self._data, size)
        self._version_counter.bump()
    return self


def resize_as_(self: Tensor, the_template: Any, *, memory_format: Any = None) -> Tensor:
    if not isinstance(the_template, Tensor):
        raise TypeError(f"resize_as_(): argument 'the_template' (position 1) must be Tensor, "
                        f"not {messages.type_name(the_template)}")
    return resize_(self, the_template.shape)
