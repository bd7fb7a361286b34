"""In-place view operations: `x.unsqueeze_(0)`, `x.squeeze_()`, `x.t_()` change x's shape.

x keeps its identity and memory but becomes the view: its version goes up (a saved x no longer
matches) and its grad_fn is the view's node, named as PyTorch names the in-place forms
(UnsqueezeBackward1, SqueezeBackward3/4/5, TBackward1, TransposeBackward1), with the gradients
of their out-of-place twins; `x.as_strided_(size, stride, storage_offset)` records
AsStridedBackward1. x's views taken before are taken again by the elements they cover
(PyTorch: by their sizes and strides), since how they were taken fits x's old shape only.

    >>> import minigrad as torch
    >>> x = torch.ones(2, requires_grad=True) * 1
    >>> x.unsqueeze_(0)
    tensor([[1., 1.]], grad_fn=<UnsqueezeBackward1>)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from ..autograd.views import ViewedVersionCounter
from ..ops.dims import normalize_dim, normalize_dims
from ..ops.op import Op
from ..ops.shape import (
    SqueezeBackward0,
    SqueezeBackward1,
    TBackward0,
    TransposeBackward0,
    UnsqueezeBackward0,
)
from ..parity import SqueezeBackward2
from ..tensor import Tensor
from .as_strided import AsStridedBackward0, checked_layout
from .indexing import _Indexed, _positions


class UnsqueezeBackward1(UnsqueezeBackward0):
    """x.unsqueeze_(dim)"""


class SqueezeBackward3(SqueezeBackward0):
    """x.squeeze_()"""


class SqueezeBackward4(SqueezeBackward1):
    """x.squeeze_(dim) (and a 1-d a @ b: PyTorch's matmul squeezes its result so, products.py)"""


class SqueezeBackward5(SqueezeBackward2):
    """x.squeeze_(dims)"""


class TBackward1(TBackward0):
    """x.t_()"""


class TransposeBackward1(TransposeBackward0):
    """x.transpose_(dim0, dim1)"""


class AsStridedBackward1(AsStridedBackward0):
    """x.as_strided_(size, stride, storage_offset)"""


def _become(input: Tensor, op: type[Op], **params: Any) -> Tensor:
    """`input` takes the shape of its view op(input) (same memory) and its place in the graph."""
    view = op.apply(input, **params)
    _retake_views(input, (op, params))
    # (grad_fn read first: the bump marks input's views still alive stale, this one too,
    # and they take their grad_fn again when read, from input's new shape)
    node = view.grad_fn
    input._version_counter.bump()
    input._data = view._data
    if node is not None:
        input.grad_fn = node
    return input


def _retake_views(input: Tensor, step: tuple) -> None:
    """The views of input (its base) still alive, each taken again from input's new shape,
    `step` of its old one: by the elements of input it covers, at their new places."""
    counter = input._version_counter
    views = [view for ref in getattr(counter, "views", ()) if (view := ref()) is not None
             and view._view_of[0] is input] if type(counter) is ViewedVersionCounter else ()
    if not views:
        return
    if issubclass(step[0], AsStridedBackward0):  # its elements need be none of input's:
        for view in views:  # each view is its own layout over the memory, as in PyTorch
            view._view_of = (input, ((AsStridedBackward0, {
                "size": view.shape, "stride": view.stride(),
                "storage_offset": view.storage_offset()}),))
        return
    old_shape = input._data.shape
    old_places = _positions(old_shape, (step,))  # in input's new shape
    new_place = np.empty(old_places.size, np.intp)  # old flat index -> new flat index
    new_place[old_places.ravel()] = np.arange(old_places.size)
    for view in views:
        key = np.unravel_index(new_place[_positions(old_shape, view._view_of[1])],
                               old_places.shape)
        view._view_of = (input, ((_Indexed, {"key": key}),))


def unsqueeze_(input: Tensor, dim: int) -> Tensor:
    input._check_inplace()
    return _become(input, UnsqueezeBackward1, dim=normalize_dim(dim, input.ndim + 1))


def squeeze_(input: Tensor, dim: Any = None) -> Tensor:
    input._check_inplace()
    if dim is None:
        return _become(input, SqueezeBackward3)
    node = SqueezeBackward4 if isinstance(dim, int) else SqueezeBackward5
    return _become(input, node, dims=normalize_dims(dim, input.ndim))


def t_(input: Tensor) -> Tensor:
    messages.check_at_most_2d(input, "t_")
    input._check_inplace()
    return _become(input, TBackward1)


def transpose_(input: Tensor, dim0: int, dim1: int) -> Tensor:
    n = input.ndim
    dim0, dim1 = normalize_dim(dim0, n), normalize_dim(dim1, n)
    input._check_inplace()
    return _become(input, TransposeBackward1, dim0=dim0, dim1=dim1)


def as_strided_(input: Tensor, size: Any, stride: Any, storage_offset: Any = None) -> Tensor:
    layout = checked_layout(input, size, stride, storage_offset, 1, "as_strided_")
    input._check_inplace()
    return _become(input, AsStridedBackward1, **layout)
