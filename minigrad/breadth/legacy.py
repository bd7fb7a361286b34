"""PyTorch's legacy constructors: `torch.Tensor([1, 2])`, `torch.FloatTensor([1, 2])`,
`torch.LongTensor(2, 3)`.

Tutorials written before PyTorch 0.4 build tensors with one class per dtype. PyTorch 2 keeps
them as constructors (data, or sizes for an uninitialised tensor) and as isinstance checks by
dtype; they are not subclasses of Tensor, and `type(torch.FloatTensor)` is `tensortype`.

    >>> import minigrad as torch
    >>> torch.FloatTensor([1, 2])
    tensor([1., 2.])
    >>> torch.LongTensor(2, 3).shape
    minigrad.Size([2, 3])
    >>> isinstance(torch.ones(2), torch.FloatTensor), isinstance(torch.ones(2), torch.LongTensor)
    (True, False)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _dtype, creation, messages
from .._size import Size
from ..tensor import Tensor
from .indexing import AliasBackward0


class tensortype(type):  # noqa: N801 - PyTorch's name
    """The class of the typed constructors: calling one makes a tensor of its dtype."""

    dtype: _dtype.dtype

    def __instancecheck__(cls, instance: Any) -> bool:
        return isinstance(instance, Tensor) and instance.dtype == cls.dtype

    def __call__(cls, *args: Any, device: Any = None) -> Tensor:
        return legacy_new(cls.dtype, args, device)


tensortype.__module__ = "minigrad"


def legacy_new(dtype: _dtype.dtype, args: tuple, device: Any = None) -> Tensor:
    """What PyTorch's `new()` makes of its arguments: a tensor, data, or sizes."""
    if len(args) == 1 and isinstance(args[0], Tensor):
        other = args[0]
        if other.dtype != dtype:
            raise TypeError(f"expected {messages.tensor_options(dtype)} "
                            f"(got {messages.tensor_options(other.dtype)})")
        return _alias(other)
    sizes_given = all(isinstance(a, (int, np.integer)) and not isinstance(a, bool) for a in args)
    if sizes_given or (len(args) == 1 and isinstance(args[0], Size)):
        sizes = tuple(args[0]) if args and isinstance(args[0], Size) else args or (0,)
        if any(n < 0 for n in sizes):
            raise RuntimeError(f"Trying to create tensor with negative dimension "
                               f"{min(sizes)}: {list(sizes)}")
        # PyTorch leaves the memory uninitialised; zeros are one of its possible contents.
        return creation.zeros(sizes, dtype=dtype, device=device)
    if len(args) == 1 and not isinstance(args[0], (list, tuple, np.ndarray)):
        raise TypeError(f"new(): data must be a sequence (got {messages.type_name(args[0])})")
    if len(args) > 1:
        got = ", ".join(type(a).__name__ for a in args)
        raise TypeError(f"new() received an invalid combination of arguments - got ({got})")
    return creation.tensor(args[0], dtype=dtype, device=device)


def _alias(other: Tensor) -> Tensor:
    """A new tensor sharing ``other``'s memory (and its graph: AliasBackward0), as PyTorch's."""
    return AliasBackward0.apply(other, key=())


def tensor_new(cls: type, *args: Any) -> Tensor:
    """`torch.Tensor([1, 2])` or `torch.Tensor(2, 3)`: data, or sizes (zeros), in the default
    float dtype (float32 unless set_default_dtype changed it); of a tensor, an alias of any
    dtype. _tensor_methods.py makes it Tensor's `__new__`; minigrad itself builds tensors with
    Tensor._make."""
    if len(args) == 1 and isinstance(args[0], Tensor):
        made = _alias(args[0])
    else:
        made = legacy_new(_dtype.get_default_dtype(), args)
    if cls is not Tensor:  # a subclass's constructor makes one of its own
        made.__class__ = cls
    return made


def _tensor_type(name: str, dtype: _dtype.dtype) -> tensortype:
    return tensortype(name, (), {"dtype": dtype, "__module__": "minigrad",
                                 "__doc__": f"Legacy constructor of {dtype} tensors."})


FloatTensor = _tensor_type("FloatTensor", _dtype.float32)
DoubleTensor = _tensor_type("DoubleTensor", _dtype.float64)
HalfTensor = _tensor_type("HalfTensor", _dtype.float16)
LongTensor = _tensor_type("LongTensor", _dtype.int64)
IntTensor = _tensor_type("IntTensor", _dtype.int32)
ShortTensor = _tensor_type("ShortTensor", _dtype.int16)
CharTensor = _tensor_type("CharTensor", _dtype.int8)
ByteTensor = _tensor_type("ByteTensor", _dtype.uint8)
BoolTensor = _tensor_type("BoolTensor", _dtype.bool)
