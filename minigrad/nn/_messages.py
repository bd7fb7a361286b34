"""How PyTorch's error messages name types ('Float', 'minigrad.FloatTensor', 'int')."""

from __future__ import annotations

from typing import Any

from ..tensor import Tensor


def scalar_kind(tensor: Tensor) -> str:
    """The dtype's name in PyTorch messages: 'Float', 'Double', 'Long'...

    >>> import minigrad as torch
    >>> scalar_kind(torch.tensor([1, 2]))
    'Long'
    """
    return tensor.type().removeprefix("minigrad.").removesuffix("Tensor")


def typename(obj: Any) -> str:
    """What torch.typename(obj) says: 'minigrad.FloatTensor' for a tensor, else the type's name.

    >>> typename(3), typename([])
    ('int', 'list')
    """
    if isinstance(obj, Tensor):
        return obj.type()
    module, qualname = type(obj).__module__, type(obj).__qualname__
    return qualname if module == "builtins" else f"{module}.{qualname}"
