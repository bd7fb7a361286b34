"""minigrad.Size: the tuple subclass that `tensor.shape` returns, printed as PyTorch does."""

from __future__ import annotations

import math


class Size(tuple):
    """A tensor's shape.

    >>> import minigrad as torch
    >>> torch.zeros(2, 3).shape
    minigrad.Size([2, 3])
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"minigrad.Size([{', '.join(str(n) for n in self)}])"

    __str__ = __repr__

    def numel(self) -> int:
        return math.prod(self)

    def __getitem__(self, index):
        item = tuple.__getitem__(self, index)
        return Size(item) if isinstance(index, slice) else item

    def __add__(self, other):
        return Size(tuple.__add__(self, other))


def bracketed(shape: tuple) -> str:
    """A shape as PyTorch's error messages write it: [2, 3]."""
    return f"[{', '.join(str(n) for n in shape)}]"
