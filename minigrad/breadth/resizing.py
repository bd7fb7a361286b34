"""x.resize_(*size) and x.resize_as_(other): x takes a new shape in place, its elements read in
order from its memory, as PyTorch's resize_ reads its storage.

The new shape is laid out contiguously from where x starts in the memory it shares with its
base (a view `b[::2]` resized reads on past the elements its strides skipped). Where that memory
is too short, it is grown: its old contents kept, the new elements left as they come (PyTorch's
are uninitialized; here zeros), and x's base and views, and the tensors `x.data` and
`x.detach()` gave, move into it, as PyTorch's share the grown storage. resize_ is not
differentiable: a tensor that requires grad is refused, under no_grad too. The version goes
up, unless the shape stays.

    >>> import minigrad as torch
    >>> x = torch.arange(6.0)
    >>> x.resize_(2, 3)
    tensor([[0., 1., 2.],
            [3., 4., 5.]])
"""

from __future__ import annotations

import gc
import math
from typing import Any

import numpy as np

from .. import messages
from ..tensor import Tensor
from .factory_arguments import int_list


def _owner(data: np.ndarray) -> np.ndarray:
    """The array that owns data's memory."""
    while isinstance(data.base, np.ndarray):
        data = data.base
    return data


def _storage(data: np.ndarray) -> np.ndarray:
    """The bytes of the array that owns data's memory, in memory order (its storage)."""
    return _owner(data).reshape(-1, order="A").view(np.uint8)


def _offset(data: np.ndarray, storage: np.ndarray) -> int:
    """Where data starts in storage, in bytes."""
    return data.__array_interface__["data"][0] - storage.__array_interface__["data"][0]


def _resized(tensor: Tensor, size: tuple) -> np.ndarray:
    """tensor's storage read from where tensor starts, as an array of `size`."""
    data = tensor._data
    storage = _storage(data)
    start = _offset(data, storage)
    end = start + math.prod(size) * data.itemsize
    if end > storage.size:
        storage = grown(storage, end, _sharers(tensor), keep=tensor)
    return storage[start:end].view(data.dtype).reshape(size)


def grown(storage: np.ndarray, end: int, sharers: list, keep: Tensor | None = None
          ) -> np.ndarray:
    """A new storage of `end` bytes, the old one's bytes in front, into which the `sharers`
    that are on the old one (but `keep`, which the caller gives another array) move, each at
    its place, as PyTorch's tensors share the storage that grew."""
    bigger = np.zeros(end, np.uint8)
    bigger[:storage.size] = storage
    _move_sharers(storage, bigger, sharers, keep)
    return bigger


def _move_sharers(storage: np.ndarray, grown: np.ndarray, sharers: list,
                  keep: Tensor | None) -> None:
    """The sharers (a tensor's aliases from .data and detach(); its base and the live views
    registered with their version counter, autograd/views.py; and theirs: _sharers) on
    `storage` move into `grown`."""
    owner = _owner(storage)
    for sharer in sharers:
        old = sharer._data
        if sharer is keep or _owner(old) is not owner:
            continue
        moved = np.ndarray(old.shape, old.dtype, grown, _offset(old, storage), old.strides)
        moved.flags.writeable = old.flags.writeable  # (an expanded view stays read-only)
        sharer._data = moved


def _sharers(tensor: Tensor) -> list:
    """tensor's aliases, the views of each registered with its version counter, and their
    bases, with their aliases (a tensor and its views share one counter; .data starts
    another)."""
    aliases = _aliases([tensor])
    views = [view for alias in aliases for ref in getattr(alias._version_counter, "views", ())
             if (view := ref()) is not None]
    return _aliases(aliases + views + [v._view_of[0] for v in views]) if views else aliases


def _aliases(tensors: list) -> list:
    """The tensors holding any of these tensors' very arrays: themselves, and those x.data
    and x.detach() gave. minigrad keeps no list of them (detach() and .data are everyday
    calls; a grown resize_ is a rare one): the garbage collector, which sees every tensor,
    finds them, in one pass."""
    arrays = {id(t._data) for t in tensors}
    referrers = gc.get_referrers(*{id(t._data): t._data for t in tensors}.values())
    return [t for t in referrers if isinstance(t, Tensor) and id(t._data) in arrays]


def resize_(self: Tensor, *size: Any, memory_format: Any = None) -> Tensor:
    if not size:
        raise messages.missing_argument("resize_", "size")
    size = int_list("resize_", "size", size)
    if self.requires_grad:
        raise RuntimeError("cannot resize variables that require grad")
    if any(n < 0 for n in size):
        raise RuntimeError("numel: integer multiplication overflow")
    if size != self._data.shape:  # (the same shape keeps x's strides, and its version)
        self._data = _resized(self, size)
        self._version_counter.bump()
    return self


def resize_as_(self: Tensor, the_template: Any, *, memory_format: Any = None) -> Tensor:
    if not isinstance(the_template, Tensor):
        raise TypeError(f"resize_as_(): argument 'the_template' (position 1) must be Tensor, "
                        f"not {messages.type_name(the_template)}")
    return resize_(self, the_template.shape)
