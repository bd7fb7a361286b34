"""How PyTorch's error messages name types ('Float', 'minigrad.FloatTensor', 'int')."""

from __future__ import annotations

from typing import Any

from .._dtype import dtype, message_name
from ..tensor import Tensor


def scalar_kind(of: Tensor | dtype) -> str:
    """The dtype's name in PyTorch messages: 'Float', 'Double', 'Long'...

    >>> import minigrad as torch
    >>> scalar_kind(torch.tensor([1, 2])), scalar_kind(torch.float64)
    ('Long', 'Double')
    """
    return message_name(of.dtype if isinstance(of, Tensor) else of)


def typename(obj: Any) -> str:
    """What torch.typename(obj) says: 'minigrad.FloatTensor' for a tensor, a class or a
    function by its own dotted name, else its type's name.

    >>> typename(3), typename([])
    ('int', 'list')
    """
    if isinstance(obj, Tensor):
        return obj.type()
    # a class or a function by its own name (`nn.Sequential(nn.ReLU)` names the class ReLU),
    # anything else by its type's
    module = getattr(obj, "__module__", "") or ""
    qualname = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    if qualname is None:
        module, qualname = type(obj).__module__, type(obj).__qualname__
    return qualname if module in ("", "builtins") else f"{module}.{qualname}"
