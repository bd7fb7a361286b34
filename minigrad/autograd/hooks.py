"""Hooks: functions that see (and may replace) gradients as backward passes by.

Tensor.register_hook(fn) runs fn(grad) when that tensor's gradient is computed;
grad_fn.register_prehook / register_hook run before / after a node; retain_grad() is a hook
that stores a non-leaf's gradient in its .grad. The engine calls into this module only for
nodes that have hooks (a node without them carries `_hooks = None`).

    >>> import minigrad as torch
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> handle = x.register_hook(lambda grad: grad * 10)
    >>> (x * 3).backward(); x.grad
    tensor(30.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .grad_mode import is_grad_enabled

if TYPE_CHECKING:
    from ..tensor import Tensor


class RemovableHandle:
    """Returned by register_hook; `handle.remove()` unregisters the hook."""

    __slots__ = ("_hooks", "_fn")

    def __init__(self, hooks: list, fn: Callable) -> None:
        self._hooks, self._fn = hooks, fn

    def remove(self) -> None:
        if self._fn in self._hooks:
            self._hooks.remove(self._fn)


class Hooks:
    """The hooks of one node; only nodes that have hooks carry this object."""

    __slots__ = ("pre", "post", "tensor_pre", "retains_grad")

    def __init__(self) -> None:
        self.pre: list[Callable] = []  # fn(grad_outputs) -> grad_outputs | None
        self.post: list[Callable] = []  # fn(grad_inputs, grad_outputs) -> grad_inputs | None
        self.tensor_pre: list[Callable] = []  # Tensor.register_hook on the node's output
        self.retains_grad: Any = None  # weakref to the output tensor that retain_grad()-ed


def run_tensor_hooks(hooks: list | None, grad: Tensor) -> Tensor:
    """Apply Tensor.register_hook hooks in order; each may replace the gradient."""
    for hook in list(hooks or ()):
        result = hook(grad)
        if result is not None:
            if result.shape != grad.shape:
                name = getattr(hook, "__name__", type(hook).__name__)
                raise RuntimeError(f"hook '{name}' has changed the size of value")
            grad = result
    return grad


def call_pre_hooks(node: Any, grads: list) -> list:
    hooks = node._hooks
    if hooks.tensor_pre:  # Tensor.register_hook on this node's output
        grads = [run_tensor_hooks(hooks.tensor_pre, grads[0]), *grads[1:]]
    if hooks.retains_grad is not None:
        tensor = hooks.retains_grad()
        if tensor is not None:
            _retain(tensor, grads[0])
    for hook in list(hooks.pre):
        result = hook(tuple(grads))
        if result is not None:
            grads = list(result)
    return grads


def _retain(tensor: Tensor, grad: Tensor) -> None:
    if tensor._grad is None:
        tensor._grad = grad if is_grad_enabled() else grad.detach().clone()
    else:
        tensor._grad = tensor._grad + grad


def call_post_hooks(node: Any, grad_inputs: tuple, grads: list) -> tuple:
    for hook in list(node._hooks.post):
        result = hook(grad_inputs, tuple(grads))
        if result is not None:
            grad_inputs = tuple(result)
    return grad_inputs
