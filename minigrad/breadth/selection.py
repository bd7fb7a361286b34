"""Choosing elements: where, maximum, minimum, masked_fill, masked_select, tril/triu, nonzero
(and count_nonzero).

    >>> import minigrad as torch
    >>> x = torch.tensor([-1.0, 2.0], requires_grad=True)
    >>> torch.where(x > 0, x, 0.0)
    tensor([0., 2.], grad_fn=<WhereBackward0>)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from .._dtype import c_type_name, int32, int64, message_name, number_as
from ..ops.arithmetic import promote
from ..ops.dims import normalize_dims
from ..ops.op import Op, constant
from ..tensor import Tensor
from . import formulas
from .indexing import IndexedZerosBackward


class WhereBackward0(Op):
    __slots__ = ("condition",)

    def forward(self, a, b, condition):
        self.condition = condition
        return np.where(condition._data, a._data, b._data)

    def backward(self, grad):
        return grad.masked_fill(~self.condition, 0), grad.masked_fill(self.condition, 0)


class MaskedFillBackward0(Op):
    """x.masked_fill(mask, number): where mask is True, x no longer matters."""

    on_arrays = True
    saved_names = ('mask',)

    def forward(self, x, mask, value):
        self.save_for_backward(mask)
        # The number takes x's dtype, as in PyTorch (1.5 in an integer tensor is 1).
        dtype = x._data.dtype
        value = number_as(value, dtype, checked=True)
        return np.where(mask._data, value, x._data)

    def backward(self, grad):
        (mask,) = self.saved_tensors
        return formulas.masked_fill(grad, mask, 0)


class MaskedFillBackward1(Op):
    """x.masked_fill(mask, value) with a 0-dim tensor value, which gets the masked gradient."""

    on_arrays = True
    saved_names = ('mask',)

    def forward(self, x, value, mask):
        self.save_for_backward(mask)
        return np.where(mask._data, value._data.astype(x._data.dtype), x._data)

    def backward(self, grad):
        (mask,) = self.saved_tensors
        return formulas.masked_fill(grad, mask, 0), formulas.masked_fill(grad, ~mask, 0).sum()


def masked_fill(input: Any, mask: Any, value: Any) -> Any:
    if not isinstance(mask, Tensor) or mask.dtype.name != "bool":
        kind = c_type_name(mask.dtype) if isinstance(mask, Tensor) else "float"
        raise RuntimeError(f"masked_fill_ only supports boolean masks, but got mask with dtype "
                           f"{kind}")
    messages.check_broadcast(mask, input)
    return filled(input, mask, value, "masked_fill_", MaskedFillBackward0, MaskedFillBackward1)


def filled(input: Tensor, mask: Tensor, value: Any, name: str, by_number: type[Op],
           by_tensor: type[Op]) -> Tensor:
    """input with value where mask holds: a number (node by_number), or a 0-d tensor (node
    by_tensor: the value gets the masked gradient). masked_fill's, and index_fill's."""
    if isinstance(value, Tensor):
        if value.ndim != 0:
            raise RuntimeError(f"{name} only supports a 0-dimensional value tensor, but got "
                               f"tensor with {value.ndim} dimension(s).")
        return by_tensor.apply(input, value, mask=mask)
    # The mask is not an input of the graph (no edge), as in PyTorch: a parameter, saved.
    return by_number.apply(input, mask=mask, value=value)


class MaskedSelectBackward0(Op):
    """x.masked_select(mask): the elements where mask is True (x and mask broadcast), in a row."""

    on_arrays = True
    __slots__ = ("shape", "mask")

    def forward(self, x, mask):
        self.mask = np.broadcast_to(mask._data, np.broadcast_shapes(x.shape, mask.shape))
        self.shape = self.mask.shape
        return np.broadcast_to(x._data, self.shape)[self.mask]

    def backward(self, grad):
        if formulas.is_tensor(grad):
            return IndexedZerosBackward.apply(grad, shape=self.shape, key=self.mask)
        out = np.zeros(self.shape, grad.dtype)
        out[self.mask] = grad
        return out


def masked_select(input: Any, mask: Any) -> Any:
    if mask.dtype.name != "bool":
        raise RuntimeError("masked_select: expected BoolTensor for mask")
    messages.check_broadcast(mask, input)
    return MaskedSelectBackward0.apply(input, mask=mask)


class _Triangle(Op):
    """tril / triu: the elements on one side of a diagonal of the last two dims, zeros elsewhere."""

    on_arrays = True
    __slots__ = ("diagonal",)
    part = staticmethod(np.tril)

    def forward(self, x, diagonal):
        self.diagonal = diagonal
        return self.part(x._data, diagonal)

    def backward(self, grad):
        if formulas.is_tensor(grad):
            return _triangle(type(self), grad, self.diagonal)
        return self.part(grad, self.diagonal)


class TrilBackward0(_Triangle):
    part = staticmethod(np.tril)


class TriuBackward0(_Triangle):
    part = staticmethod(np.triu)


def _triangle(op: type[Op], input: Any, diagonal: int) -> Any:
    if input.ndim < 2:
        name = "tril" if op is TrilBackward0 else "triu"
        raise RuntimeError(f"{name}: input tensor must have at least 2 dimensions")
    return op.apply(input, diagonal=diagonal)


def tril(input: Any, diagonal: int = 0) -> Any:
    return _triangle(TrilBackward0, input, diagonal)


def triu(input: Any, diagonal: int = 0) -> Any:
    return _triangle(TriuBackward0, input, diagonal)


def nonzero(input: Any, *, as_tuple: bool = False) -> Any:
    """The indices of the non-zero elements: one row each, or one tensor per dim (as_tuple)."""
    if as_tuple:
        return tuple(constant(i.astype(np.int64)) for i in np.nonzero(input._data))
    return constant(np.argwhere(input._data).astype(np.int64))


def count_nonzero(input: Tensor, dim: int | tuple[int, ...] | list[int] | None = None) -> Tensor:
    """How many elements are not zero (nan counts), in all or along dims: an int64 tensor.

    >>> import minigrad as torch
    >>> torch.count_nonzero(torch.tensor([[0, 1, 2], [0, 0, 3]]), dim=1)
    tensor([2, 1])
    """
    # No dims (dim=(), or a 0-d input's dim 0) counts every element, as all dims do.
    axis = normalize_dims(dim, input.ndim) or None
    return constant(np.asarray(np.count_nonzero(input._data, axis=axis), dtype=np.int64))


class _Extremum(Op):
    """maximum / minimum: the larger (smaller) input gets the gradient; ties split it."""

    loses = staticmethod(np.less)  # whether the first value loses to the second

    saved_names = ('self', 'other')

    def forward(self, a, b):
        self.save_for_backward(a, b)
        x, y = a._data, b._data
        # The first value unless the second one wins (or is nan): on a tie of 0.0 and -0.0
        # PyTorch returns the first, where numpy's maximum returns the second.
        return np.where(self.loses(x, y) | np.isnan(y), y, x)

    def backward(self, grad):
        a, b = self.saved_tensors
        # PyTorch's rule: a tie halves the gradient; the losing side gets zero (and a nan,
        # which neither wins nor loses, gets the whole of it).
        shared = where(constant(a._data == b._data), grad / 2, grad)
        return (shared.masked_fill(constant(self.loses(a._data, b._data)), 0),
                shared.masked_fill(constant(self.loses(b._data, a._data)), 0))


class MaximumBackward0(_Extremum):
    loses = staticmethod(np.less)


class MinimumBackward0(_Extremum):
    loses = staticmethod(np.greater)


def where(condition: Any, input: Any = None, other: Any = None) -> Any:
    """input where condition holds, other elsewhere; where(condition) alone is
    nonzero(condition, as_tuple=True), the indices where it holds."""
    if input is None and other is None:
        return nonzero(condition, as_tuple=True)
    if not isinstance(condition, Tensor) or condition.dtype.name != "bool":
        raise RuntimeError("where expected condition to be a boolean tensor, but got a tensor "
                           f"with dtype {message_name(condition.dtype)}")
    a, b = promote(input, other)
    messages.check_broadcast(a, b)
    messages.check_broadcast(condition, a)
    return WhereBackward0.apply(a, b, condition=condition)


def where_method(self: Tensor, condition: Any, other: Any) -> Any:
    """x.where(condition, other): torch.where(condition, x, other)."""
    return where(condition, self, other)


def maximum(input: Any, other: Any) -> Any:
    if not isinstance(other, Tensor):  # t.maximum(0.0): a number is no tensor to PyTorch
        raise messages.wrong_argument_type("maximum", "other", 1, other)
    a, b = promote(input, other)
    messages.check_broadcast(a, b)
    return MaximumBackward0.apply(a, b)


def minimum(input: Any, other: Any) -> Any:
    if not isinstance(other, Tensor):
        raise messages.wrong_argument_type("minimum", "other", 1, other)
    a, b = promote(input, other)
    messages.check_broadcast(a, b)
    return MinimumBackward0.apply(a, b)


def _triangle_indices(name: str, part: Any, row: int, col: int, offset: int,
                      dtype: Any) -> Tensor:
    if dtype not in (int64, int32):
        raise messages.not_implemented(name, dtype)
    for what, size in (("row", row), ("col", col)):
        if size < 0:
            raise RuntimeError(f"{what} must be non-negative, got{size}")
    rows, cols = part(np.ones((row, col), bool), offset).nonzero()  # row by row, as PyTorch
    return Tensor._make(np.stack([rows, cols]).astype(dtype.numpy))


def tril_indices(row: int, col: int, offset: int = 0, *, dtype: Any = int64,
                 device: Any = None) -> Tensor:
    """The (row, column) coordinates of a row x col matrix's lower triangle (tril's part).

    >>> import minigrad as torch
    >>> torch.tril_indices(2, 2)
    tensor([[0, 1, 1],
            [0, 0, 1]])
    """
    return _triangle_indices("tril_indices", np.tril, row, col, offset, dtype)


def triu_indices(row: int, col: int, offset: int = 0, *, dtype: Any = int64,
                 device: Any = None) -> Tensor:
    """The (row, column) coordinates of a row x col matrix's upper triangle (triu's part).

    >>> import minigrad as torch
    >>> torch.triu_indices(2, 2)
    tensor([[0, 0, 1],
            [0, 1, 1]])
    """
    return _triangle_indices("triu_indices", np.triu, row, col, offset, dtype)
