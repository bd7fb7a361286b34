"""Storages: the memory tensors are views of, as `x.untyped_storage()` and `x.storage()` give it.

A tensor is a size, strides and a storage offset over a storage; the views of one tensor
share its storage. `x.untyped_storage()` is that memory as bytes, `x.storage()` (deprecated
in PyTorch, with its warning) as elements of x's dtype, both from the storage's start, not
x's. `y.set_(storage)` makes y a view of it (breadth/set_storage.py). Here a storage is the
numpy array that owns a tensor's memory, seen as bytes.

    >>> import minigrad as torch
    >>> x = torch.arange(4.0)
    >>> x[2:].untyped_storage().nbytes(), x[2:].untyped_storage().data_ptr() == x.data_ptr()
    (16, True)
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from ._device import device as Device
from ._dtype import c_type_name, message_name
from ._dtype import dtype as DType
from .breadth.resizing import _storage


class _Storage:
    """What both kinds of storage are: the bytes of the array that owns a tensor's memory."""

    def __init__(self, memory: np.ndarray) -> None:
        self._bytes = memory  # (uint8, the whole of the owning array)

    device = Device("cpu")

    def nbytes(self) -> int:
        return self._bytes.size

    size = __len__ = nbytes

    def element_size(self) -> int:
        return self._bytes.itemsize

    def data_ptr(self) -> int:
        return self._bytes.__array_interface__["data"][0]

    def _elements(self, dtype: DType) -> np.ndarray:
        """The storage as elements of dtype, as set_ reads it."""
        return self._bytes[:self._bytes.size - self._bytes.size % dtype.numpy.itemsize] \
            .view(dtype.numpy)

    def _items(self) -> np.ndarray:
        return self._bytes

    def __getitem__(self, index: int) -> Any:
        items = self._items()
        if not -items.size <= index < items.size:
            raise IndexError(f"index {index} out of range for storage of size {items.size}")
        return items[index].item()

    def tolist(self) -> list:
        return self._items().tolist()

    def _described(self) -> str:
        return f"device={self.device}"

    def __repr__(self) -> str:
        numbers = " " + "\n ".join(str(n) for n in self.tolist())
        kind = type(self)
        return (f"{numbers}\n[{kind.__module__}.{kind.__qualname__}({self._described()}) of "
                f"size {len(self)}]")

    __str__ = __repr__


class UntypedStorage(_Storage):
    """A tensor's memory as bytes (`x.untyped_storage()`)."""


class TypedStorage(_Storage):
    """A tensor's memory as elements of its dtype (`x.storage()`)."""

    def __init__(self, memory: np.ndarray, dtype: DType) -> None:
        super().__init__(memory)
        self.dtype = dtype

    def _items(self) -> np.ndarray:
        return self._elements(self.dtype)

    def size(self) -> int:
        return self._items().size

    __len__ = size

    def element_size(self) -> int:
        return self.dtype.numpy.itemsize

    def _described(self) -> str:
        return f"dtype={self.dtype}, device={self.device}"


def elements_for(storage: _Storage, dtype: DType) -> np.ndarray:
    """What `x.set_(storage)` views, for x of `dtype`: a typed storage of another dtype is
    refused in PyTorch's words."""
    if isinstance(storage, TypedStorage) and storage.dtype != dtype:
        raise RuntimeError(f"Expected a Storage of type {c_type_name(dtype)} or an "
                           f"UntypedStorage, but got type {message_name(storage.dtype)} for "
                           f"argument 1 'storage'")
    return storage._elements(dtype)


def untyped_storage(self: Any) -> UntypedStorage:
    return UntypedStorage(_storage(self._data))


_warned = []  # (PyTorch warns once a process)


def storage(self: Any) -> TypedStorage:
    if not _warned:
        _warned.append(True)
        warnings.warn("TypedStorage is deprecated. It will be removed in the future and "
                      "UntypedStorage will be the only storage class. This should only matter "
                      "to you if you are using storages directly.  To access UntypedStorage "
                      "directly, use tensor.untyped_storage() instead of tensor.storage()",
                      UserWarning, stacklevel=2)
    return TypedStorage(_storage(self._data), self.dtype)
