"""Shape operations and clone. Views share memory (and the version
counter) with their input; the gradient is the same numbers moved back to the input's shape.

    >>> import minigrad as torch
    >>> x = torch.ones(2, 3, requires_grad=True)
    >>> x.view(6).grad_fn, x.t().grad_fn
    (<ViewBackward0 object at ...>, <TBackward0 object at ...>)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import messages
from .._size import bracketed
from .dims import normalize_dim, normalize_dims
from .op import Op, sum_to_size


class _Reshape(Op):
    """view, reshape and squeeze change only the shape: the gradient is reshaped back."""

    __slots__ = ("self_sym_sizes",)  # the input's shape, PyTorch's name

    def backward(self, grad):
        return grad.reshape(self.self_sym_sizes)


class ViewBackward0(_Reshape):
    is_view = True

    def forward(self, x, shape):
        self.self_sym_sizes = x._data.shape
        out = x._data.reshape(shape)
        if out.size and not np.may_share_memory(out, x._data):  # numpy had to copy: no view
            raise RuntimeError(messages.VIEW_NOT_POSSIBLE)
        return out


class UnsafeViewBackward0(_Reshape):
    """A reshape of a fresh copy (of a non-contiguous tensor, of matmul's result)."""

    def forward(self, x, shape):
        self.self_sym_sizes = x._data.shape
        return np.reshape(x._data, shape)


class ExpandBackward0(Op):
    __slots__ = ("self_sym_sizes",)
    is_view = True

    def forward(self, x, shape):
        self.self_sym_sizes = x._data.shape
        return np.broadcast_to(x._data, shape)

    def backward(self, grad):
        # expand is broadcasting made explicit: the gradient is summed over the copies.
        return sum_to_size(grad, self.self_sym_sizes)


class TransposeBackward0(Op):
    __slots__ = ("dim0", "dim1")
    is_view = True

    def forward(self, x, dim0, dim1):
        self.dim0, self.dim1 = dim0, dim1
        return np.swapaxes(x._data, dim0, dim1)

    def backward(self, grad):
        return grad.transpose(self.dim0, self.dim1)


class TBackward0(Op):
    is_view = True

    def forward(self, x):
        return x._data.T

    def backward(self, grad):
        return grad.t()


class PermuteBackward0(Op):
    __slots__ = ("dims",)
    is_view = True

    def forward(self, x, dims):
        self.dims = dims
        return np.transpose(x._data, dims)

    def backward(self, grad):
        # The inverse permutation puts each dim back: argsort of a permutation is its inverse.
        return grad.permute(np.argsort(self.dims).tolist())


class SqueezeBackward0(_Reshape):
    """squeeze(): every dim of size 1."""

    is_view = True

    def forward(self, x):
        self.self_sym_sizes = x._data.shape
        return np.squeeze(x._data)


class SqueezeBackward1(_Reshape):
    """squeeze(dim): the dim if its size is 1 (several dims: parity.py's SqueezeBackward2)."""

    is_view = True

    def forward(self, x, dims):
        self.self_sym_sizes = x._data.shape
        return x._data.squeeze(tuple([d for d in dims if x._data.shape[d] == 1]))


class UnsqueezeBackward0(Op):
    __slots__ = ("dim",)
    is_view = True

    def forward(self, x, dim):
        self.dim = dim
        return np.expand_dims(x._data, dim)

    def backward(self, grad):
        return grad.squeeze(self.dim)


class CloneBackward0(Op):
    def forward(self, x):
        return x._data.copy()

    def backward(self, grad):
        return grad


def sizes_argument(args: tuple) -> tuple:
    """Sizes or dims as several ints, x.view(2, 3), or one sequence, x.view((2, 3))."""
    return tuple(args[0]) if len(args) == 1 and isinstance(args[0], (tuple, list)) else args


def infer_shape(shape: tuple, numel: int) -> tuple:
    """Resolve one -1 in a requested shape, with PyTorch's errors."""
    shape = tuple(int(n) for n in sizes_argument(shape))
    if shape.count(-1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = math.prod(n for n in shape if n != -1)
    if -1 in shape and known and numel % known == 0:
        shape = tuple(numel // known if n == -1 else n for n in shape)
    elif -1 in shape or known != numel:
        raise RuntimeError(f"shape '{bracketed(shape)}' is invalid for input of size {numel}")
    return shape


def view(input: Any, *shape: Any) -> Any:
    return ViewBackward0.apply(input, shape=infer_shape(shape, input._data.size))


def reshape(input: Any, *shape: Any) -> Any:
    """A view where the numbers lie in order in memory (contiguous), else a copy."""
    shape = infer_shape(shape, input._data.size)
    if input._data.flags.c_contiguous:
        return ViewBackward0.apply(input, shape=shape)
    return reshape_strided(input, shape)


def reshape_strided(input: Any, shape: tuple) -> Any:
    """A non-contiguous tensor reshaped: a contiguous copy, viewed (parity.py: PyTorch's
    view where the strides allow)."""
    return UnsafeViewBackward0.apply(clone(input), shape=shape)


def flatten(input: Any, start_dim: int = 0, end_dim: int = -1) -> Any:
    if input.ndim == 0:
        return reshape(input, 1)
    start, end = normalize_dim(start_dim, input.ndim), normalize_dim(end_dim, input.ndim)
    if start > end:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    if start == end:
        return input
    shape = input.shape
    return reshape(input, *shape[:start], math.prod(shape[start:end + 1]), *shape[end + 1:])


def expand(input: Any, *sizes: Any) -> Any:
    sizes = sizes_argument(sizes)
    lead = len(sizes) - input.ndim  # new leading dims
    shape = tuple(input.shape[i - lead] if n == -1 else n for i, n in enumerate(sizes))
    messages.check_expand(input, sizes, shape)
    return ExpandBackward0.apply(input, shape=shape)


def transpose(input: Any, dim0: int, dim1: int) -> Any:
    n = input.ndim
    return TransposeBackward0.apply(input, dim0=normalize_dim(dim0, n), dim1=normalize_dim(dim1, n))


def t(input: Any) -> Any:
    messages.check_at_most_2d(input, "t")
    return TBackward0.apply(input)


def permute(input: Any, *dims: Any) -> Any:
    dims = sizes_argument(dims)
    if len(dims) != input.ndim:
        raise RuntimeError(messages.permute_dims(input.ndim, len(dims)))
    return PermuteBackward0.apply(input, dims=tuple(normalize_dim(d, input.ndim) for d in dims))


def squeeze(input: Any, dim: Any = None) -> Any:
    if dim is None:
        return SqueezeBackward0.apply(input)
    return SqueezeBackward1.apply(input, dims=normalize_dims(dim, input.ndim))


def unsqueeze(input: Any, dim: int) -> Any:
    return UnsqueezeBackward0.apply(input, dim=normalize_dim(dim, input.ndim + 1))


def clone(input: Any) -> Any:
    return CloneBackward0.apply(input)


def contiguous(input: Any) -> Any:
    return input if input._data.flags.c_contiguous else clone(input)

