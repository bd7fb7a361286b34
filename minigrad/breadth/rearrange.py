"""Rearranging elements: repeat/tile and roll (new nodes), and the views PyTorch builds from
permute, transpose, slicing and view: movedim, swapaxes, narrow, select, chunk, unflatten.

repeat copies the whole tensor along each dim, so each element's gradient is the sum over its
copies; roll moves elements round, so the gradient is rolled back.

    >>> import minigrad as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> x.repeat(3)
    tensor([1., 2., 1., 2., 1., 2.], grad_fn=<RepeatBackward0>)
    >>> x.repeat(3).sum().backward(); x.grad
    tensor([3., 3.])
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import messages
from .._size import bracketed
from ..ops.dims import normalize_dim, normalize_dims
from ..ops.op import Op
from ..ops.shape import infer_shape, permute, transpose, view
from ..tensor import Tensor
from . import formulas
from .indexing import getitem
from .join import split


def _sizes(args: tuple) -> tuple:
    """Sizes given as several ints or as one tuple/list."""
    return tuple(args[0]) if len(args) == 1 and isinstance(args[0], (tuple, list)) else args


class RepeatBackward0(Op):
    on_arrays = True
    __slots__ = ("repeats", "self_sym_sizes")

    def forward(self, x, repeats):
        self.repeats, self.self_sym_sizes = repeats, x._data.shape
        return np.tile(x._data, repeats)

    def backward(self, grad):
        # Lay each dim out as (copies, size) and add up the copies.
        shape = (1,) * (len(self.repeats) - len(self.self_sym_sizes)) + self.self_sym_sizes
        laid_out = grad.reshape(tuple(n for pair in zip(self.repeats, shape) for n in pair))
        summed = formulas.sum(laid_out, tuple(range(0, 2 * len(shape), 2)))
        return summed.reshape(self.self_sym_sizes)


class RollBackward0(Op):
    on_arrays = True
    __slots__ = ("shifts", "dims")

    def forward(self, x, shifts, dims):
        self.shifts, self.dims = shifts, dims
        return np.roll(x._data, shifts, axis=dims or None)

    def backward(self, grad):
        back = tuple(-s for s in self.shifts)
        if formulas.is_tensor(grad):
            return grad.roll(back, self.dims)
        return np.roll(grad, back, axis=self.dims or None)


def repeat(input: Any, *repeats: Any) -> Any:
    repeats = tuple(int(n) for n in _sizes(repeats))
    if len(repeats) < input.ndim:
        raise RuntimeError("Number of dimensions of repeat dims can not be smaller than number "
                           "of dimensions of tensor")
    return RepeatBackward0.apply(input, repeats=repeats)


def tile(input: Any, dims: Any) -> Any:
    """repeat, with too few repeats counted from the last dim (the others once)."""
    dims = tuple(dims) if isinstance(dims, (tuple, list)) else (dims,)
    return repeat(input, (1,) * (input.ndim - len(dims)) + dims)


def roll(input: Any, shifts: Any, dims: Any = None) -> Any:
    shifts = tuple(shifts) if isinstance(shifts, (tuple, list)) else (shifts,)
    dims = () if dims is None else tuple(dims) if isinstance(dims, (tuple, list)) else (dims,)
    if dims and len(shifts) != len(dims):
        raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, dims:"
                           f"{len(dims)}")
    dims = tuple(normalize_dim(d, input.ndim) for d in dims)
    return RollBackward0.apply(input, shifts=shifts, dims=dims)


def movedim(input: Any, source: Any, destination: Any) -> Any:
    """The dims `source` moved to positions `destination`, the others keeping their order."""
    source = source if isinstance(source, (tuple, list)) else [source]
    destination = destination if isinstance(destination, (tuple, list)) else [destination]
    if len(source) != len(destination):
        raise RuntimeError(
            f"movedim: Invalid source or destination dims: source ({list(source)} dims) should "
            f"contain the same number of dims as destination ({list(destination)} dims)")
    n = input.ndim
    source = [normalize_dim(d, n) for d in source]
    destination = [normalize_dim(d, n) for d in destination]
    order: list[Any] = [None] * n
    for s, d in zip(source, destination):
        order[d] = s
    rest = iter(d for d in range(n) if d not in source)
    return permute(input, [d if d is not None else next(rest) for d in order])


moveaxis = movedim


def swapaxes(input: Any, axis0: int, axis1: int) -> Any:
    return transpose(input, axis0, axis1)


swapdims = swapaxes


def adjoint(input: Any) -> Any:
    """The last two dims swapped (conjugated too, which changes nothing in a real tensor)."""
    return input.adjoint()


def narrow(input: Any, dim: int, start: int, length: int) -> Any:
    if isinstance(start, Tensor):  # (PyTorch's overload that takes the start as a tensor)
        if start.ndim or start._data.dtype.kind not in "iu":
            raise RuntimeError("start must be an 0-dim integral Tensor.")
        start = int(start)
    dim = normalize_dim(dim, input.ndim)
    size = input.shape[dim]
    start = start + size if start < 0 else start
    if start + length > size:
        raise RuntimeError(f"start ({start}) + length ({length}) exceeds dimension size ({size}).")
    return getitem(input, (slice(None),) * dim + (slice(start, start + length),))


def select(input: Any, dim: int, index: int) -> Any:
    if not input.ndim:
        raise IndexError("select() cannot be applied to a 0-dim tensor.")
    dim = normalize_dim(dim, input.ndim)
    size = input.shape[dim]
    if not -size <= index < size:  # (x[..., i]'s own words name no function)
        raise IndexError(f"select(): index {index} out of range for tensor of size "
                         f"{bracketed(input.shape)} at dimension {dim}")
    return getitem(input, (slice(None),) * dim + (index,))


def chunk(input: Any, chunks: int, dim: int = 0) -> tuple:
    if chunks <= 0:
        raise RuntimeError(f"chunk expects `chunks` to be greater than 0, got: {chunks}")
    size = input.shape[normalize_dim(dim, input.ndim)]
    return split(input, max(math.ceil(size / chunks), 1), dim)


def unflatten(input: Any, dim: int, sizes: Any) -> Any:
    dim = normalize_dim(dim, input.ndim)
    shape = input.shape
    if math.prod(sizes) != shape[dim] and -1 not in sizes:
        raise RuntimeError(f"unflatten: Provided sizes {bracketed(sizes)} don't multiply up to "
                           f"the size of dim {dim} ({shape[dim]}) in the input tensor")
    sizes = infer_shape(tuple(sizes), shape[dim])
    return view(input, *shape[:dim], *sizes, *shape[dim + 1:])


class FlipBackward0(Op):
    """x.flip(dims): the order of elements reversed along dims (a copy, as in PyTorch)."""

    on_arrays = True
    __slots__ = ("dims",)

    def forward(self, x, dims):
        self.dims = dims
        return np.flip(x._data, dims).copy() if x._data.ndim else x._data.copy()

    def backward(self, grad):
        return flip(grad, self.dims) if formulas.is_tensor(grad) else \
            np.flip(grad, self.dims) if grad.ndim else grad


def flip(input: Any, *dims: Any) -> Any:
    if not dims:  # (flip([]) flips nothing; flip() is refused)
        raise messages.missing_argument("flip", "dims")
    if len(dims) == 1 and isinstance(dims[0], (tuple, list)):
        dims = tuple(dims[0])
    normalize_dims(dims, input.ndim)  # PyTorch's range and repeated-dim errors
    return FlipBackward0.apply(input, dims=tuple(dims))


class Rot90Backward0(Op):
    """x rotated by k quarter turns in the plane of dims (from the first towards the second)."""

    on_arrays = True
    __slots__ = ("k", "dims")

    def forward(self, x, k, dims):
        self.k, self.dims = k, dims
        return np.rot90(x._data, k, dims).copy()

    def backward(self, grad):
        # Turning back: -k turns in the same plane.
        return rot90(grad, -self.k, self.dims) if formulas.is_tensor(grad) else \
            np.rot90(grad, -self.k, self.dims)


def rot90(input: Any, k: int = 1, dims: Any = (0, 1)) -> Any:
    """input rotated by k quarter turns in the plane of two dims (k < 0: the other way).

    >>> import minigrad as torch
    >>> torch.rot90(torch.tensor([[1, 2], [3, 4]]))
    tensor([[2, 4],
            [1, 3]])
    """
    dims = tuple(dims)
    if len(dims) != 2:
        raise RuntimeError(f"expected total rotation dims == 2, but got dims = {len(dims)}")
    if input.ndim < 2:
        raise RuntimeError(f"expected total dims >= 2, but got total dims = {input.ndim}")
    dims = tuple(normalize_dim(d, input.ndim) for d in dims)
    if dims[0] == dims[1]:
        raise RuntimeError(f"expected rotation dims to be different, but got dim0 = {dims[0]} "
                           f"and dim1 = {dims[1]}")
    return Rot90Backward0.apply(input, k=k % 4, dims=dims)
