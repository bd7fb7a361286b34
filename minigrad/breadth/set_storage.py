"""x.set_(source): x takes source's memory, shape and strides in place; x.set_() empties x.

Afterwards x and source share memory (a write through one shows in the other), not their
version counters: x keeps its own, which goes up, so a saved x no longer matches. x's views
taken before keep the memory they had. set_ has no derivative: where x or source requires
grad, x's grad_fn is PyTorch's NotImplemented node, and a backward through it raises.
`x.set_(source, storage_offset, size, stride)` takes a view of source's storage instead;
source may be a storage itself (`y.untyped_storage()`, `y.storage()`: minigrad/storage.py).

    >>> import minigrad as torch
    >>> x = torch.zeros(3)
    >>> y = torch.arange(4.0)
    >>> x.set_(y)
    tensor([0., 1., 2., 3.])
    >>> y[0] = 5
    >>> x
    tensor([5., 1., 2., 3.])
"""

from __future__ import annotations

import gc
from typing import Any

import numpy as np

from .. import messages
from .._dtype import c_type_name
from ..autograd.grad_mode import is_grad_enabled
from ..storage import _Storage, elements_for
from ..tensor import Tensor
from .resizing import _sharers, _storage, grown
from .rounding import NotImplementedBackward

_NONE = object()  # (set_() without a source)


class SetNotImplemented(NotImplementedBackward):
    """set_'s NotImplemented node (PyTorch's error names it set_, not aten::set_)."""

    def backward(self, grad):
        raise RuntimeError("derivative for set_ is not implemented")


SetNotImplemented.__name__ = SetNotImplemented.__qualname__ = "NotImplemented"


def set_(self: Tensor, source: Any = _NONE, *view: Any) -> Tensor:
    tensors = (source,) if isinstance(source, Tensor) else ()  # (a storage has no history)
    if (source is not _NONE and not tensors and not isinstance(source, _Storage)) \
            or len(view) not in (0, 2, 3):
        raise messages.invalid_arguments("set_", *(() if source is _NONE else (source,)), *view)
    self._check_inplace(*tensors)
    if view:
        _make_room(source, self._data.itemsize, *view)
    if source is _NONE:
        self._data = np.empty(0, self._data.dtype)
    elif not tensors:  # a storage: all of it, as a vector, or the view given
        elements = elements_for(source, self.dtype)
        self._data = _storage_view(elements, *view) if view else elements
    else:
        if source.dtype != self.dtype:
            raise RuntimeError(f"Could not set tensor of type {c_type_name(source.dtype)} to a "
                               f"tensor of type {c_type_name(self.dtype)}")
        self._data = _storage_view(source._data, *view) if view else source._data
    self._version_counter.bump()
    if source is not _NONE and is_grad_enabled() and any(
            t.requires_grad for t in (self, *tensors)):
        self._take_history(SetNotImplemented.apply(self, *tensors, result=self._data,
                                                   operation="set_"))
    return self


def _make_room(source: Any, item: int, storage_offset: int, size: Any, stride: Any = None
               ) -> None:
    """Refuse sizes and strides of unequal lengths, and grow source's storage where the view
    set_ takes reaches past its end, as PyTorch's set_ resizes it (the new bytes
    uninitialized there, zeros here): source and every tensor on its storage move into the
    grown one."""
    size = tuple(size)
    stride = _contiguous(size) if stride is None else tuple(stride)
    if len(stride) != len(size):
        raise RuntimeError(f"unequal size length ({len(size)}) and stride length "
                           f"({len(stride)})")
    end = 0 if 0 in size else (storage_offset + sum(
        (n - 1) * s for n, s in zip(size, stride, strict=True)) + 1) * item
    storage = source._bytes if isinstance(source, _Storage) else _storage(source._data)
    if end <= storage.size:
        return
    if isinstance(source, _Storage):  # (a storage knows no tensors: the collector's do)
        source._bytes = grown(storage, end, [t for t in gc.get_objects()
                                             if isinstance(t, Tensor)])
    else:
        grown(storage, end, _sharers(source))


def _contiguous(size: tuple) -> tuple:
    return tuple(int(np.prod(size[i + 1:])) for i in range(len(size)))


def _storage_view(data: np.ndarray, storage_offset: int, size: Any,
                  stride: Any = None) -> np.ndarray:
    """data's storage seen from element storage_offset with `size` and `stride` (contiguous
    strides if none)."""
    size = tuple(size)
    if stride is None:
        stride = _contiguous(size)
    item = data.itemsize
    return np.ndarray(size, data.dtype, _storage(data), storage_offset * item,
                      tuple(s * item for s in stride))
