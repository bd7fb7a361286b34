"""What a dtype can hold and how dtypes combine: finfo, iinfo, result_type, can_cast.

    >>> import minigrad as torch
    >>> torch.finfo(torch.float32).eps, torch.iinfo(torch.int8).max
    (1.1920928955078125e-07, 127)
    >>> torch.result_type(torch.tensor([1, 2]), 2.5), torch.can_cast(torch.float64, torch.int32)
    (minigrad.float32, False)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _dtype


class finfo:  # noqa: N801 - PyTorch's name
    """A floating-point dtype's limits: eps, max, min, tiny (= smallest_normal), resolution."""

    def __init__(self, type: _dtype.dtype | None = None) -> None:  # noqa: A002 - PyTorch's name
        type = type or _dtype.get_default_dtype()
        if not type.is_floating_point:
            raise TypeError("torch.finfo() requires a floating point input type. Use torch.iinfo "
                            "to handle 'torch.finfo'")
        info = np.finfo(type.numpy)
        self.bits = info.bits
        self.eps = float(info.eps)
        self.max = float(info.max)
        self.min = float(info.min)
        self.tiny = self.smallest_normal = float(info.smallest_normal)
        self.resolution = float(info.resolution)
        self.dtype = type.name

    def __repr__(self) -> str:
        return (f"finfo(resolution={self.resolution:g}, min={self.min:g}, max={self.max:g}, "
                f"eps={self.eps:g}, smallest_normal={self.smallest_normal:g}, "
                f"tiny={self.tiny:g}, dtype={self.dtype})")


class iinfo:  # noqa: N801 - PyTorch's name
    """An integer dtype's limits: bits, min, max."""

    def __init__(self, type: _dtype.dtype) -> None:  # noqa: A002 - PyTorch's name
        if type.is_floating_point or type is _dtype.bool:
            raise TypeError("torch.iinfo() requires an integer input type. Use torch.finfo to "
                            "handle 'torch.iinfo'")
        info = np.iinfo(type.numpy)
        self.bits = info.bits
        self.min = int(info.min)
        self.max = int(info.max)
        self.dtype = type.name

    def __repr__(self) -> str:
        return f"iinfo(min={self.min}, max={self.max}, dtype={self.dtype})"


def result_type(tensor: Any, other: Any) -> _dtype.dtype:
    """The dtype `tensor op other` computes in (tensors or Python numbers)."""
    return _dtype.result_type(tensor, other)


def can_cast(from_: _dtype.dtype, to: _dtype.dtype) -> bool:
    """PyTorch's casting rule: never to a lower category (float -> int, int -> bool)."""
    return from_._category <= to._category
