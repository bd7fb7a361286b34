"""In-place view operations: `x.unsqueeze_(0)`, `x.squeeze_()`, `x.t_()` change x's shape.

x keeps its identity and memory but becomes the view: its version goes up (a saved x no longer
matches) and its grad_fn is the view's node, named as PyTorch names the in-place forms
(UnsqueezeBackward1, SqueezeBackward3/4/5, TBackward1), with the gradients of their
out-of-place twins.

    >>> import minigrad as torch
    >>> x = torch.ones(2, requires_grad=True) * 1
    >>> x.unsqueeze_(0)
    tensor([[1., 1.]], grad_fn=<UnsqueezeBackward1>)
"""

from __future__ import annotations

from typing import Any

from ..ops.dims import normalize_dim, normalize_dims
from ..ops.shape import (
    SqueezeBackward0,
    SqueezeBackward1,
    SqueezeBackward2,
    TBackward0,
    UnsqueezeBackward0,
)
from ..tensor import Tensor


class UnsqueezeBackward1(UnsqueezeBackward0):
    """x.unsqueeze_(dim)"""


class SqueezeBackward3(SqueezeBackward0):
    """x.squeeze_()"""


class SqueezeBackward4(SqueezeBackward1):
    """x.squeeze_(dim)"""


class SqueezeBackward5(SqueezeBackward2):
    """x.squeeze_(dims)"""


class TBackward1(TBackward0):
    """x.t_()"""


def _become(input: Tensor, view: Tensor) -> Tensor:
    """`input` takes the view's shape (same memory) and its place in the graph."""
    # (grad_fn read first: the bump marks input's views still alive stale, this one too,
    # and they take their grad_fn again when read, from input's new shape: docs/minigrad.md)
    node = view.grad_fn
    input._version_counter.bump()
    input._data = view._data
    if node is not None:
        input.grad_fn = node
    return input


def unsqueeze_(input: Tensor, dim: int) -> Tensor:
    input._check_inplace()
    return _become(input, UnsqueezeBackward1.apply(input, dim=normalize_dim(dim, input.ndim + 1)))


def squeeze_(input: Tensor, dim: Any = None) -> Tensor:
    input._check_inplace()
    if dim is None:
        return _become(input, SqueezeBackward3.apply(input))
    node = SqueezeBackward4 if isinstance(dim, int) else SqueezeBackward5
    return _become(input, node.apply(input, dims=normalize_dims(dim, input.ndim)))


def t_(input: Tensor) -> Tensor:
    if input.ndim > 2:
        raise RuntimeError(f"t_() expects a tensor with <= 2 dimensions, but self is {input.ndim}D")
    input._check_inplace()
    return _become(input, TBackward1.apply(input))
