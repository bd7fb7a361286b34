"""Broadcasting as functions: the shape several shapes broadcast to, and tensors expanded to it;
meshgrid, vectors broadcast against each other into a grid.

    >>> import minigrad as torch
    >>> torch.broadcast_shapes((2,), (3, 1))
    minigrad.Size([3, 2])
    >>> [t.shape for t in torch.broadcast_tensors(torch.ones(3, 1), torch.ones(2))]
    [minigrad.Size([3, 2]), minigrad.Size([3, 2])]
"""

from __future__ import annotations

import warnings
from typing import Any

from .. import messages
from .._size import Size, bracketed
from ..ops import op
from ..tensor import Tensor

MESHGRID_INDEXING = ("torch.meshgrid: in an upcoming release, it will be required to pass the "
                     "indexing argument.")
_warned_indexing = False  # PyTorch warns once per process (TORCH_WARN_ONCE)


def broadcast_shapes(*shapes: Any) -> Size:
    """The shape of the result of broadcasting tensors of these shapes (an int is a 1-d shape)."""
    # (the error shows an argument as it was given: (3,), [3], torch.Size([3]); an int as (3,))
    given = [(s,) if isinstance(s, int) else s for s in shapes]
    shapes = tuple(tuple(s) for s in given)
    result: list[int] = [1] * max((len(s) for s in shapes), default=0)
    for index, shape in enumerate(shapes):
        for i in range(1, len(shape) + 1):
            if shape[-i] != 1 and result[-i] not in (1, shape[-i]):
                raise RuntimeError(
                    f"Attempting to broadcast a dimension of length {shape[-i]} at -{i}! "
                    f"Mismatching argument at index {index} had {given[index]!r}; but expected "
                    f"shape should be broadcastable to {result}")
            if shape[-i] != 1:
                result[-i] = shape[-i]
    return Size(result)


def broadcast_shape_of(*tensors: Any) -> tuple:
    """The shape the tensors broadcast to; else PyTorch's error about the first that does not
    fit the ones before it (as its elementwise kernels word it)."""
    shape: tuple = ()
    for t in tensors:
        error = messages.broadcast_mismatch(shape, t._data.shape)
        if error is not None:
            raise error
        shape = tuple(broadcast_shapes(shape, t._data.shape))
    return shape


def broadcast_tensors(*tensors: Any) -> tuple[Any, ...]:
    """Each tensor expanded (a view, ExpandBackward0) to the shape they broadcast to; one
    that has that shape already is returned itself, as PyTorch returns it."""
    shape = broadcast_shape_of(*tensors)
    return tuple(t if t.shape == shape else t.expand(shape) for t in tensors)


def broadcast_to(input: Any, size: Any) -> Any:
    return input.expand(size)


def sum_to_size(self: Tensor, *size: Any) -> Tensor:
    """`x.sum_to_size(*size)`: x summed to a shape it broadcasts from (ops/op.py's sum_to_size),
    after PyTorch's check that it does (a shape x does not broadcast from, `(3, 1)` for a
    (2, 3) x, would be summed over the wrong dims)."""
    if not size:
        raise TypeError('sum_to_size() missing 1 required positional arguments: "size"')
    target = tuple(size[0]) if len(size) == 1 and not isinstance(size[0], int) else size
    shape = self.shape
    if len(target) > len(shape) or any(
            n != 1 and n != m for n, m in zip(reversed(target), reversed(shape))):
        raise RuntimeError(f"size {{{bracketed(target)}}} is not expandable to size "
                           f"{{{bracketed(shape)}}}.")
    return op.sum_to_size(self, target)


def meshgrid(*tensors: Any, indexing: str | None = None) -> tuple[Tensor, ...]:
    """Coordinate grids: each 0-d or 1-d tensor viewed along its own dim and expanded to the
    grid's shape (a view, ExpandBackward0 after ViewBackward0). With indexing="ij" the grid's
    dims follow the tensors' order; with "xy" (NumPy's default) the first two are swapped, so
    that x runs along the columns. Leaving indexing out means "ij", with PyTorch's warning.

    >>> import minigrad as torch
    >>> xs, ys = torch.meshgrid(torch.tensor([1, 2, 3]), torch.tensor([4, 5]), indexing="xy")
    >>> xs
    tensor([[1, 2, 3],
            [1, 2, 3]])
    """
    global _warned_indexing
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])  # the older form: one list of tensors
    if indexing is None:
        if not _warned_indexing:
            _warned_indexing = True
            warnings.warn(MESHGRID_INDEXING, UserWarning, stacklevel=2)
        indexing = "ij"
    if not tensors:
        raise RuntimeError("meshgrid expects a non-empty TensorList")
    if any(t.dtype is not tensors[0].dtype for t in tensors):
        raise RuntimeError("meshgrid expects all tensors to have the same dtype")
    if indexing not in ("ij", "xy"):
        raise RuntimeError('torch.meshgrid: indexing must be one of "xy" or "ij", but received: '
                           f"{indexing}")
    for t in tensors:
        if t.ndim > 1:  # PyTorch prints the tensor in its C++ layout, minigrad in its repr
            raise RuntimeError("torch.meshgrid: Expected 0D or 1D tensor in the tensor list but "
                               f"got: {t!r}")
    if indexing == "xy" and len(tensors) >= 2:
        # "ij" with the first two tensors swapped, and their grids swapped back: no transpose
        # is recorded, as in PyTorch.
        return _swap_first_two(meshgrid(*_swap_first_two(tensors), indexing="ij"))
    shape = [t.numel() for t in tensors]
    return tuple(_along(t, dim, len(shape)).expand(shape) for dim, t in enumerate(tensors))


def _swap_first_two(items: tuple) -> tuple:
    return (items[1], items[0], *items[2:])


def _along(t: Tensor, dim: int, ndim: int) -> Tensor:
    """t viewed as a line along `dim` of `ndim` dims (sizes 1 elsewhere)."""
    return t.view([-1 if d == dim else 1 for d in range(ndim)])
