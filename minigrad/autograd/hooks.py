"""Hooks: functions that see (and may replace) gradients as backward passes by.

Tensor.register_hook(fn) runs fn(grad) when that tensor's gradient is computed;
grad_fn.register_prehook / register_hook run before / after a node; retain_grad() is a hook
that stores a non-leaf's gradient in its .grad. The engine calls into this module only for
nodes that have hooks (a node without them carries `_hooks = None`).
A leaf's register_post_accumulate_grad_hook(fn) runs fn(leaf) once its .grad is updated (an
optimizer step per parameter, during backward), and autograd.graph.register_multi_grad_hook
runs one function once the gradients of several tensors are known.

    >>> import minigrad as torch
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> handle = x.register_hook(lambda grad: grad * 10)
    >>> (x * 3).backward(); x.grad
    tensor(30.)
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..tensor import Tensor


NO_GRAD_HOOK = "cannot register a hook on a tensor that doesn't require gradient"


class RemovableHandle:
    """Returned by register_hook; `handle.remove()` unregisters the hook, as does leaving a
    `with` block: `with x.register_hook(fn): ...`."""

    __slots__ = ("_hooks", "_fn")
    __module__ = "minigrad.utils.hooks"  # where PyTorch's lives: its repr names the module

    def __init__(self, hooks: list, fn: Callable) -> None:
        self._hooks, self._fn = hooks, fn

    def remove(self) -> None:
        if self._fn in self._hooks:
            self._hooks.remove(self._fn)

    def __enter__(self) -> RemovableHandle:
        return self

    def __exit__(self, *args: object) -> None:
        self.remove()


class Hooks:
    """The hooks of one node; only nodes that have hooks carry this object."""

    __slots__ = ("pre", "post", "tensor_pre", "retains_grad")

    def __init__(self) -> None:
        self.pre: list[Callable] = []  # fn(grad_outputs) -> grad_outputs | None
        self.post: list[Callable] = []  # fn(grad_inputs, grad_outputs) -> grad_inputs | None
        self.tensor_pre: list[Callable] = []  # Tensor.register_hook on the node's output
        self.retains_grad: Any = None  # weakref to the output tensor that retain_grad()-ed


def node_hooks(node: Any) -> Hooks:
    """node's hooks, made on first use (Node._get_hooks)."""
    if node._hooks is None:
        node._hooks = Hooks()
    return node._hooks


def register_hook(node: Any, fn: Callable) -> RemovableHandle:
    """grad_fn.register_hook(fn): fn(grad_inputs, grad_outputs) runs after the node; it may
    return new grad_inputs."""
    hooks = node_hooks(node).post
    hooks.append(fn)
    return RemovableHandle(hooks, fn)


def register_prehook(node: Any, fn: Callable) -> RemovableHandle:
    """grad_fn.register_prehook(fn): fn(grad_outputs) runs before the node; it may return new
    grad_outputs."""
    hooks = node_hooks(node).pre
    hooks.append(fn)
    return RemovableHandle(hooks, fn)


def run_tensor_hooks(hooks: list | None, grad: Tensor) -> Tensor:
    """Apply Tensor.register_hook hooks in order; each may replace the gradient."""
    for hook in list(hooks or ()):
        result = hook(grad)
        if result is not None:
            _check_gradient(grad, result, hook)
            grad = result
    return grad


def _check_gradient(original: Tensor, result: Any, hook: Callable) -> None:
    """A hook's replacement gradient must be a tensor of the same type and size (PyTorch's
    check, with its words)."""
    from ..tensor import Tensor

    if not isinstance(result, Tensor):
        raise TypeError(f"expected Variable, but hook returned '{type(result).__name__}'")
    name = getattr(hook, "__name__", "<unknown>")
    if result.dtype != original.dtype:
        raise RuntimeError(f"hook '{name}' has changed the type of value (was "
                           f"{original.type()} got {result.type()})")
    if result.shape != original.shape:
        raise RuntimeError(f"hook '{name}' has changed the size of value")


def _checked(previous: tuple, result: Any, hook: Callable) -> tuple:
    """A node hook's returned gradients: a tuple, one per gradient it replaces."""
    if not isinstance(result, tuple):
        raise TypeError(f"expected tuple, but hook returned '{type(result).__name__}'")
    if len(result) != len(previous):
        raise RuntimeError(f"hook '{getattr(hook, '__name__', '<unknown>')}' has returned an "
                           f"incorrect number of values (got {len(result)}, but expected "
                           f"{len(previous)})")
    for original, new in zip(previous, result):
        if new is not None:
            if original is None:
                raise RuntimeError("can't replace a None gradient with a non-None value")
            _check_gradient(original, new, hook)
    return result


def call_pre_hooks(node: Any, grads: list, runs: bool = True) -> list:
    """The hooks of the tensors a node makes, then (if the node runs, rather than only having
    its gradient captured by autograd.grad) the node's own pre-hooks."""
    hooks = node._hooks
    if hooks.tensor_pre:  # Tensor.register_hook on this node's output
        grads = [run_tensor_hooks(hooks.tensor_pre, grads[0]), *grads[1:]]
    if hooks.retains_grad is not None:
        tensor = hooks.retains_grad()
        if tensor is not None:
            _retain(tensor, grads[0])
    for hook in list(hooks.pre if runs else ()):
        result = hook(tuple(grads))
        if result is not None:
            grads = list(_checked(tuple(grads), result, hook))
    return grads


def _retain(tensor: Tensor, grad: Tensor) -> None:
    if tensor._grad is None:
        # Always a copy, as PyTorch's retain_grad hook makes: under create_graph a recorded
        # one (CloneBackward0), so .grad is not the very tensor flowing on down the graph.
        tensor._grad = grad.clone()
    else:
        tensor._grad = tensor._grad + grad


def call_post_hooks(node: Any, grad_inputs: tuple, grads: list) -> tuple:
    for hook in list(node._hooks.post):
        result = hook(grad_inputs, tuple(grads))
        if result is not None:
            grad_inputs = _checked(grad_inputs, result, hook)
    return grad_inputs


def accumulate_grad(tensor: Tensor, grad: Tensor) -> None:
    """Add grad into tensor.grad as the engine's AccumulateGrad does, then its post hooks
    (backward(inputs=...) accumulates this way, after the engine has run)."""
    from .graph import AccumulateGrad

    AccumulateGrad(tensor)._apply([grad])
    post = tensor.__dict__.get("_post_accumulate_grad_hooks")
    if post is not None:
        post((), ())


class _PostAccumulateGradHooks(list):
    """A leaf's post accumulate grad hooks; registered as the first post hook of its
    AccumulateGrad node, which the leaf keeps alive while it has them."""

    def __init__(self, tensor: Tensor) -> None:
        super().__init__()
        self.tensor = weakref.ref(tensor)

    def __call__(self, _grad_inputs: tuple, _grad_outputs: tuple) -> None:
        from ..tensor import Tensor

        tensor = self.tensor()
        for hook in list(self):
            result = hook(tensor)
            # The tensor itself may come back (p.add_(...) returns p); nothing else may.
            if result is not None and result is not tensor:
                if not isinstance(result, Tensor):
                    raise TypeError(
                        f"expected Variable, but hook returned '{type(result).__name__}'")
                raise RuntimeError("Tensor post accumulate grad hooks should return None.")


def register_post_accumulate_grad_hook(self: Tensor, hook: Callable[[Tensor], None]
                                       ) -> RemovableHandle:
    """hook(tensor) runs after backward has accumulated this leaf's gradient into .grad.

        >>> import minigrad as torch
        >>> v = torch.tensor([0., 0., 0.], requires_grad=True)
        >>> h = v.register_post_accumulate_grad_hook(lambda p: p.add_(p.grad, alpha=-0.01))
        >>> v.backward(torch.tensor([1., 2., 3.]))
        >>> v
        tensor([-0.0100, -0.0200, -0.0300], requires_grad=True)
    """
    if not self.requires_grad:
        raise RuntimeError(NO_GRAD_HOOK)
    if self.grad_fn is not None:
        raise RuntimeError("post accumulate grad hooks cannot be registered on non-leaf tensors")
    hooks = self._post_accumulate_grad_hooks
    if hooks is None:
        hooks = self._post_accumulate_grad_hooks = _PostAccumulateGradHooks(self)
        node = self._gradient_edge()[0]
        self._accumulate_grad_node = node  # so every backward goes through this node
        node._get_hooks().post.insert(0, hooks)  # before the node's own post hooks
    hooks.append(hook)
    return RemovableHandle(hooks, hook)


class _MultiHandle(RemovableHandle):
    """The handle of a multi grad hook: removes its hook from every tensor."""

    __module__ = "minigrad.autograd.graph"  # PyTorch's repr: torch.autograd.graph._MultiHandle

    def __init__(self, handles: tuple[RemovableHandle, ...]) -> None:
        self.handles = handles

    def remove(self) -> None:
        for handle in self.handles:
            handle.remove()


def register_multi_grad_hook(tensors: Sequence[Tensor], fn: Callable, *,
                             mode: str = "all") -> RemovableHandle:
    """fn runs once per backward call when the gradients of `tensors` are known.

    mode="all": fn(grads) once every tensor that this backward reaches has its gradient
    (None for the others); mode="any": fn(grad) with the first gradient to arrive.

        >>> import minigrad as torch
        >>> a = torch.tensor(1.0, requires_grad=True)
        >>> b = torch.tensor(2.0, requires_grad=True)
        >>> c = a * b
        >>> _ = torch.autograd.graph.register_multi_grad_hook((a, b, c), print)
        >>> c.backward(inputs=(a,))
        [tensor(2.), None, tensor(1.)]
    """
    from .graph_task import current_graph_task_id, will_engine_execute_node

    supported_modes = ("all", "any")
    if mode not in supported_modes:
        raise ValueError(f"Expects mode to be one of {supported_modes} but got {mode}")
    lock = threading.Lock()

    def task_id() -> int:
        task = current_graph_task_id()
        if task == -1:
            raise AssertionError("expected this hook to be called inside a backward call")
        return task

    if mode == "any":
        ran: set[int] = set()

        def first_grad(grad: Tensor) -> None:
            task = task_id()
            with lock:
                if task in ran:
                    return
                ran.add(task)
            fn(grad)

        return _MultiHandle(tuple(t.register_hook(first_grad) for t in tensors
                                  if t.requires_grad))

    nodes = [t._gradient_edge()[0] for t in tensors]  # the grad_fn or the leaf's AccumulateGrad
    if None in nodes:
        raise AssertionError("Expected gradient function to be set")
    waiting: dict[int, int] = {}  # per backward call: how many gradients are still to come
    buffers: dict[int, list] = {}

    def gather(index: int) -> Callable[[Tensor], None]:
        def hook(grad: Tensor) -> None:
            task = task_id()
            with lock:
                if task not in buffers:
                    buffers[task] = [None] * len(tensors)
                    waiting[task] = sum(map(will_engine_execute_node, nodes))
                buffers[task][index] = grad
                waiting[task] -= 1
                done = waiting[task] == 0
            if done:
                fn(buffers.pop(task))
                del waiting[task]

        return hook

    return _MultiHandle(tuple(t.register_hook(gather(i)) for i, t in enumerate(tensors)))
