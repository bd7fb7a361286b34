"""x.as_strided(size, stride, storage_offset): a view of x's memory laid out as you say.

Every view (view, t, x[1:], expand...) is a size, a stride per dim and a storage offset over
the memory the tensors share; as_strided takes those three directly, in elements. Its
storage offset is counted from the start of the memory, not from x's first element, and is
x's own (x.storage_offset()) when not given. Elements may overlap (a stride smaller than the
size of the dims after it); the view must stay inside the memory:

    >>> import minigrad as torch
    >>> x = torch.arange(6.0)
    >>> x.as_strided((2, 2), (1, 2))
    tensor([[0., 2.],
            [1., 3.]])
    >>> x.as_strided((3, 2), (1, 1), 1)     # sliding windows of 2, overlapping
    tensor([[1., 2.],
            [2., 3.],
            [3., 4.]])

Its backward (PyTorch's as_strided_backward) adds each element's gradient into the memory
location it reads, and gives each of x's elements the gradient of its location (shared
equally where x's elements share one: x expanded, or itself an overlapping view).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import memory_overlap, messages
from ..ops.op import Op
from ..tensor import Tensor
from .factory_arguments import int_list
from .indexing import IndexedZerosBackward, _Indexed
from .resizing import _storage
from .view_dtype import _storage_offset


class AsStridedBackward0(Op):
    """The view as_strided takes (PyTorch's node; breadth/indexing.py's class of this name is
    the one a view gets when it is taken again after an in-place change)."""

    __slots__ = ("size", "stride", "storage_offset", "geometry")
    is_view = True

    def forward(self, input, size, stride, storage_offset):
        data = input._data
        self.size, self.stride, self.storage_offset = size, stride, storage_offset
        start = _storage_offset(data) if storage_offset is None else storage_offset
        memory = _storage(data)
        self.geometry = (data.shape, input.stride(), _storage_offset(data),
                         memory.size // data.itemsize, start)
        item = data.itemsize
        at = min(start * item, memory.size)  # (an empty view may start past the end)
        return np.ndarray(size, data.dtype, memory, at, tuple(s * item for s in stride))

    def backward(self, grad):
        shape, strides, offset, length, start = self.geometry
        read = memory_overlap.element_offsets(self.size, self.stride, start).reshape(-1)
        memory = IndexedZerosBackward.apply(grad.reshape(-1), shape=(length,), key=read)
        held = memory_overlap.element_offsets(shape, strides, offset)
        grad_input = _Indexed.apply(memory, key=held)
        sharing = np.bincount(held.reshape(-1), minlength=length)[held]
        if sharing.size and sharing.max() > 1:  # x's elements overlap: share it out
            grad_input = grad_input / Tensor._make(sharing.astype(grad._data.dtype))
        return grad_input


def as_strided(input: Tensor, size: Any, stride: Any, storage_offset: Any = None) -> Tensor:
    """torch.as_strided(input, size, stride, storage_offset=None), with PyTorch's errors."""
    return _as_strided(input, size, stride, storage_offset, first_position=2)


def as_strided_method(self: Tensor, size: Any, stride: Any, storage_offset: Any = None
                      ) -> Tensor:
    """Tensor.as_strided: as torch.as_strided, its argument positions counted from size."""
    return _as_strided(self, size, stride, storage_offset, first_position=1)


def storage_offset(self: Tensor) -> int:
    """Tensor.storage_offset(): where the tensor's first element is in its memory, in elements
    (x[2:].storage_offset() is 2)."""
    return _storage_offset(self._data)


def _as_strided(input: Tensor, size: Any, stride: Any, storage_offset: Any,
                first_position: int) -> Tensor:
    return AsStridedBackward0.apply(
        input, **checked_layout(input, size, stride, storage_offset, first_position,
                                "as_strided"))


def checked_layout(input: Tensor, size: Any, stride: Any, storage_offset: Any,
                   first_position: int, name: str) -> dict:
    """as_strided's arguments as its node takes them, refused in PyTorch's words where they
    are not a layout inside input's memory (as_strided_ checks them so too)."""
    size = _sizes(name, "size", size, first_position)
    stride = _sizes(name, "stride", stride, first_position + 1)
    if storage_offset is not None:
        storage_offset = int(storage_offset)  # (an int, or a 0-d integer tensor)
    _check(input._data, size, stride,
           _storage_offset(input._data) if storage_offset is None else storage_offset)
    return {"size": size, "stride": stride, "storage_offset": storage_offset}


def _sizes(name: str, argument: str, value: Any, position: int) -> tuple:
    """A tuple of ints given as a sequence, as PyTorch's parser takes size and stride."""
    if not isinstance(value, (tuple, list)):
        raise TypeError(f"{name}(): argument '{argument}' (position {position}) must be "
                        f"tuple of ints, not {messages.type_name(value)}")
    return int_list(name, argument, (value,), position)


def _check(data: np.ndarray, size: tuple, stride: tuple, offset: int) -> None:
    """PyTorch's checks of the layout, in its order (its setStrided)."""
    if len(size) != len(stride):
        raise RuntimeError("mismatch in length of strides and shape")
    if any(s < 0 for s in stride):
        raise RuntimeError(f"as_strided: Negative strides are not supported at the moment, "
                           f"got strides: {list(stride)}")
    if offset < 0:
        raise RuntimeError(f"Tensor: invalid storage offset {offset}")
    if any(n < 0 for n in size):
        raise RuntimeError(f"Storage size calculation overflowed with sizes={list(size)} and "
                           f"strides={list(stride)}")
    item = data.itemsize
    # An empty view needs no memory, wherever it starts.
    needed = 0 if 0 in size else (offset + sum((n - 1) * s for n, s in zip(size, stride))
                                  + 1) * item
    available = _storage(data).size
    if needed > available:
        raise RuntimeError(f"setStorage: sizes {list(size)}, strides {list(stride)}, storage "
                           f"offset {offset}, and itemsize {item} requiring a storage size of "
                           f"{needed} are out of bounds for storage of size {available}")
