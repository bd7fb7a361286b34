"""Calling a graph node by hand: `y.grad_fn(grad)` runs its backward formula once.

PyTorch's built-in nodes are callable. Given one gradient per output of the node (None for
an output that got none), the call returns the gradients of the node's inputs in the order of
next_functions: one tensor for a node with one input, else a tuple, None for an input that
needs no gradient. It is the formula alone, as the engine's step is not: no hooks run, saved
tensors are not freed, and nothing is summed back to an input's shape or cast to its dtype
(the engine does that between nodes: ops/op.py's reduce_grad). Under grad mode the formula's
own operations are recorded. A custom Function's node is not callable, in PyTorch either.

    >>> import minigrad as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> y = x * torch.tensor([3.0, 4.0])
    >>> y.grad_fn(torch.ones(2))      # d(x * w)/dx is w; w needs no gradient
    (tensor([3., 4.]), None)
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import messages
from .._size import bracketed
from ..breadth.indexing import CopySlices
from ..breadth.join import _Pieces
from ..ops.op import Op
from ..overrides import override
from ..tensor import Tensor
from .grad_mode import is_grad_enabled
from .graph import AccumulateGrad, Node
from .once_differentiable import Error

# Each call by hand takes a number, as each backward call does (graph_task._ids): a caller
# that reads the count before and after a stretch of code knows whether a node was called in
# it (the course's grader: a custom Function's backward that lets a node compute its
# derivative instead of writing the formula).
hand_calls = itertools.count()


def _checked(node: Node, grad_outputs: tuple, keywords: dict) -> list:
    """The gradients given, checked as PyTorch checks a node's arguments."""
    next(hand_calls)
    if keywords:
        raise TypeError("keyword arguments are not supported")
    if len(grad_outputs) != node.num_outputs:
        raise TypeError(f"expected {node.num_outputs} arguments, got {len(grad_outputs)} "
                        "instead")
    for i, grad in enumerate(grad_outputs):
        if grad is not None and not isinstance(grad, Tensor):
            raise TypeError(f"argument {i} is not a Variable")
    return list(grad_outputs)


def _returned(grad_inputs: Sequence) -> Any:
    """One gradient for a node with one input, else the tuple (empty for AccumulateGrad)."""
    return grad_inputs[0] if len(grad_inputs) == 1 else tuple(grad_inputs)


def _no_gradient(node: Node) -> Any:
    """What a node gives when no gradient at all arrives: none for any of its inputs."""
    return _returned((None,) * len(node.next_functions))


def _quiet() -> np.errstate:
    """inf and nan silently, as in a backward pass (a new one each call: np.errstate cannot
    be entered twice, and a formula may call a node)."""
    return np.errstate(divide="ignore", invalid="ignore", over="ignore")


@override(Op, "__call__", "parity")
def call_op(self: Op, *grad_outputs: Any, **keywords: Any) -> Any:
    """An op's backward formula, on the gradient given (a tuple of them for a node with
    several outputs), without reduce_grad."""
    grads = _checked(self, grad_outputs, keywords)
    if all(g is None for g in grads):
        return _no_gradient(self)
    with _quiet():
        grad_inputs = self.backward(grads[0] if self.num_outputs == 1 else tuple(grads))
    if type(grad_inputs) is not tuple:
        grad_inputs = (grad_inputs,)
    return _returned([g if needed else None
                      for g, needed in zip(grad_inputs, self.needs_input_grad)])


def call_apply(self: Node, *grad_outputs: Any, **keywords: Any) -> Any:
    """A node whose step is its own _apply (split's and unbind's pieces, CopySlices, the
    node behind a once-differentiable backward): that step, on the gradients given."""
    grads = _checked(self, grad_outputs, keywords)
    if all(g is None for g in grads):
        return _no_gradient(self)
    with _quiet():
        return _returned(self._apply(grads))


for _node in (_Pieces, CopySlices, Error):
    override(_node, "__call__", "parity")(call_apply)


@override(AccumulateGrad, "__call__", "parity")
def call_accumulate_grad(self: AccumulateGrad, *grad_outputs: Any, **keywords: Any) -> tuple:
    """The gradient added into the leaf's .grad, then its post accumulate grad hooks (even for
    None, as PyTorch's). Its register_hook hooks do not run: PyTorch keeps them as the node's
    pre-hooks, which a call skips; minigrad's AccumulateGrad runs them itself, so they are set
    aside meanwhile."""
    (grad,) = _checked(self, grad_outputs, keywords)
    leaf = self.variable
    if grad is not None:
        grad = _as_accumulated(leaf, grad)
        leaf_hooks, leaf._backward_hooks = leaf._backward_hooks, None
        try:
            self._apply([grad])
        finally:
            leaf._backward_hooks = leaf_hooks
        if leaf._grad._data.shape != leaf._data.shape:
            _warn_layout(leaf)
    post = leaf.__dict__.get("_post_accumulate_grad_hooks")
    if post is not None:
        post((), ())
    return ()


_warned_layout = []  # PyTorch warns once per process


def _warn_layout(leaf: Tensor) -> None:
    """A .grad that broadcasting gave another shape than its leaf's: PyTorch's warning."""
    if not _warned_layout:
        _warned_layout.append(True)
        grad = leaf._grad
        warnings.warn("grad and param do not obey the gradient layout contract. This is not an "
                      "error, but may impair performance.\n"
                      f"grad.sizes() = {bracketed(grad.shape)}, strides() = "
                      f"{bracketed(grad.stride())}\nparam.sizes() = {bracketed(leaf.shape)}, "
                      f"strides() = {bracketed(leaf.stride())}", UserWarning, stacklevel=3)


def _as_accumulated(leaf: Tensor, grad: Tensor) -> Tensor:
    """A gradient given by hand, which the engine never checked, as PyTorch's AccumulateGrad
    takes it: the first copied into a tensor of the leaf's shape, in its own dtype (so
    broadcast, or copy_'s error); a later one added to .grad, out of place under grad mode
    (where broadcasting may give .grad another shape), else in place (add_'s error)."""
    if leaf._grad is None:
        if grad._data.shape == leaf._data.shape:
            return grad
        return Tensor._make(np.empty(leaf._data.shape, grad._data.dtype)).copy_(grad)
    if not is_grad_enabled():
        messages.check_written_shape(leaf._grad._data.shape, grad._data.shape)
    return grad
