"""Broadcasting as functions: the shape several shapes broadcast to, and tensors expanded to it.

    >>> import minigrad as torch
    >>> torch.broadcast_shapes((2,), (3, 1))
    minigrad.Size([3, 2])
    >>> [t.shape for t in torch.broadcast_tensors(torch.ones(3, 1), torch.ones(2))]
    [minigrad.Size([3, 2]), minigrad.Size([3, 2])]
"""

from __future__ import annotations

from typing import Any

from .. import messages
from .._size import Size


def broadcast_shapes(*shapes: Any) -> Size:
    """The shape of the result of broadcasting tensors of these shapes (an int is a 1-d shape)."""
    shapes = [(s,) if isinstance(s, int) else tuple(s) for s in shapes]
    result: list[int] = [1] * max((len(s) for s in shapes), default=0)
    for index, shape in enumerate(shapes):
        for i in range(1, len(shape) + 1):
            if shape[-i] != 1 and result[-i] not in (1, shape[-i]):
                raise RuntimeError(
                    f"Attempting to broadcast a dimension of length {shape[-i]} at -{i}! "
                    f"Mismatching argument at index {index} had {shape}; but expected shape "
                    f"should be broadcastable to {result}")
            if shape[-i] != 1:
                result[-i] = shape[-i]
    return Size(result)


def broadcast_tensors(*tensors: Any) -> tuple[Any, ...]:
    """Each tensor expanded (a view, ExpandBackward0) to the shape they broadcast to."""
    shape: tuple = ()
    for t in tensors:
        error = messages.broadcast_mismatch(shape, tuple(t.shape))
        if error is not None:
            raise error
        shape = tuple(broadcast_shapes(shape, t.shape))
    return tuple(t.expand(shape) for t in tensors)


def broadcast_to(input: Any, size: Any) -> Any:
    return input.expand(size)
