"""ctx's other methods in a custom Function, setup_context, and the checks of backward's result.

function.py (on the reading path) saves tensors for backward and links forward's outputs to
the node. This module adds to its FunctionCtx what a Function needs less often:

    ctx.mark_non_differentiable(*outputs)  outputs with no gradient (indices, masks) stay out
                                           of the graph
    ctx.mark_dirty(*inputs)                inputs forward changed in place and returns become
                                           outputs of the node themselves
    ctx.set_materialize_grads(False)       backward is given None, not zeros, for an output
                                           no gradient reached

It adds PyTorch 2's style of Function, a forward without ctx and a `setup_context(ctx, inputs,
output)` that saves what backward needs, and it refuses, with PyTorch's errors, another number of
gradients than forward had arguments (extra Nones aside) and a gradient of another shape than
its input's (or than the shape the input was broadcast to).

    >>> import minigrad as torch
    >>> class Sort(torch.autograd.Function):
    ...     @staticmethod
    ...     def forward(ctx, x):
    ...         values, indices = x.sort()
    ...         ctx.mark_non_differentiable(indices)
    ...         ctx.save_for_backward(indices)
    ...         return values, indices
    ...     @staticmethod
    ...     def backward(ctx, grad, _):
    ...         (indices,) = ctx.saved_tensors
    ...         return torch.zeros_like(grad).scatter(0, indices, grad)
    >>> values, indices = Sort.apply(torch.tensor([3.0, 1.0, 2.0], requires_grad=True))
    >>> values.grad_fn.name(), indices.requires_grad
    ('SortBackward', False)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from .._size import bracketed
from ..overrides import override
from ..tensor import Tensor
from .function import Function, FunctionCtx
from .graph import Node

# Printed with its module, as PyTorch prints a Function's node (built-in nodes are not).
FunctionCtx.__repr__ = object.__repr__
# What a ctx is until forward says otherwise (a ctx keeps its own in its __dict__).
FunctionCtx._non_differentiable = FunctionCtx._dirty = frozenset()
FunctionCtx._materialize = True
# What forward gave save_for_backward or a mark that is not a tensor: PyTorch's error, raised
# once forward has returned (a mark's), or once the call is recorded (what was saved's).
FunctionCtx._unsavable = FunctionCtx._dirty_refused = FunctionCtx._non_differentiable_refused = None


def _refusal(mark: str, tensors: tuple) -> RuntimeError | None:
    return None if all(isinstance(t, Tensor) for t in tensors) else RuntimeError(
        messages.MARK_NOT_TENSOR[mark])


def mark_non_differentiable(self: FunctionCtx, *tensors: Any) -> None:
    """Outputs that have no gradient (indices, masks): they stay out of the graph."""
    self._non_differentiable = {id(t) for t in tensors}
    self._non_differentiable_refused = _refusal("mark_non_differentiable", tensors)


def mark_dirty(self: FunctionCtx, *tensors: Any) -> None:
    """Inputs forward changed in place and returns: they become outputs of this node."""
    self._dirty = {id(t) for t in tensors}
    self._dirty_refused = _refusal("mark_dirty", tensors)


_save_for_backward = FunctionCtx.save_for_backward


@override(FunctionCtx, "save_for_backward", "parity")
def save_for_backward(self: FunctionCtx, *tensors: Any) -> None:
    """Tensors and None only: `ctx.save_for_backward([x])` (a list, a learner's common slip) is
    PyTorch's TypeError, raised as the call is recorded (_init_node); a call not recorded (no
    input requires grad, or under no_grad) keeps nothing, and PyTorch lets it pass."""
    self._unsavable = next((messages.unsavable(i, t) for i, t in enumerate(tensors)
                            if t is not None and not isinstance(t, Tensor)), None)
    _save_for_backward(self, *(() if self._unsavable else tensors))


@override(FunctionCtx, "_init_node", "parity")
def _init_node(self: FunctionCtx, next_functions: tuple) -> None:
    if self._unsavable is not None:
        raise self._unsavable
    Node._init_node(self, next_functions)


def set_materialize_grads(self: FunctionCtx, value: bool) -> None:
    """False: backward is given None, not zeros, for an output no gradient reached."""
    self._materialize = value


def setup_context(ctx: Any, inputs: tuple, output: Any) -> None:
    """PyTorch 2's way: forward(*args) without a ctx, then this saves what backward needs."""
    raise NotImplementedError("setup_context is not implemented.")


_forward_with_ctx = Function._forward.__func__


def _forward(cls: type[Function], ctx: FunctionCtx, args: tuple, kwargs: dict) -> Any:
    """A Function with its own setup_context: forward without ctx, then setup_context."""
    if cls.setup_context is setup_context:
        outputs = _forward_with_ctx(cls, ctx, args, kwargs)
    else:
        outputs = cls.forward(*args, **kwargs)
        cls.setup_context(ctx, args, outputs)
    # A mark given what is not a tensor is refused recorded or not; what was saved is checked
    # first, as in PyTorch, so a call refused for both says what was saved. (One refused for
    # both and not recorded is let through: PyTorch refuses its mark, but whether the call is
    # recorded is decided outside forward, where no check is made.)
    refused = ctx._dirty_refused or ctx._non_differentiable_refused
    if refused is not None and ctx._unsavable is None:
        raise refused
    return outputs


_link_output, _zeros_for_none, _reduce = (FunctionCtx._output, FunctionCtx._materialized,
                                          FunctionCtx._validate)


def _counted(self: FunctionCtx, grads: tuple) -> tuple:
    """backward's gradients, one per argument of forward; extra ones may only be None."""
    expected = len(self.needs_input_grad)
    if len(grads) > expected and all(g is None for g in grads[expected:]):
        return grads[:expected]
    if len(grads) != expected:
        raise RuntimeError(f"function {self.name()} returned an incorrect number of gradients "
                           f"(expected {expected}, got {len(grads)})")
    return grads


def _output(self: FunctionCtx, output: Any, nr: int, inputs: list) -> Any:
    if id(output) in self._non_differentiable:
        return output
    # A dirty input is not returned as-is but changed: it joins the graph itself, not a view.
    return _link_output(self, output, nr, () if id(output) in self._dirty else inputs)


def _materialized(self: FunctionCtx, grad_outputs: list) -> list:
    return _zeros_for_none(self, grad_outputs) if self._materialize else grad_outputs


def _validate(self: FunctionCtx, index: int, grad: Any, meta: tuple) -> Any:
    """A (1, 3) gradient for a (3, 1) input is refused: it may have the input's shape or the
    shape the input was broadcast to, never another."""
    if grad is not None and not _expands_to(meta[0], grad.shape):
        raise RuntimeError(
            f"Function {self.name()} returned an invalid gradient at index {index} - got "
            f"{bracketed(grad.shape)} but expected shape compatible with {bracketed(meta[0])}")
    return _reduce(self, index, grad, meta)


def _expands_to(shape: tuple, target: tuple) -> bool:
    """Whether a tensor of `shape` broadcasts to `target` unchanged (as expand() would)."""
    try:
        return np.broadcast_shapes(shape, target) == tuple(target)
    except ValueError:  # sizes that do not broadcast at all
        return False


FunctionCtx.mark_non_differentiable = mark_non_differentiable
FunctionCtx.mark_dirty = mark_dirty
FunctionCtx.set_materialize_grads = set_materialize_grads
FunctionCtx._counted = _counted
FunctionCtx._output, FunctionCtx._materialized, FunctionCtx._validate = (
    _output, _materialized, _validate)
Function.setup_context = staticmethod(setup_context)
Function._forward = classmethod(_forward)
