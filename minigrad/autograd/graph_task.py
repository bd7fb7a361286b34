"""One backward call: which one is running, which nodes it runs, and what autograd.grad keeps.

PyTorch's engine calls one backward() or autograd.grad() a graph task. autograd.grad (and
backward(inputs=...)) wants the gradients arriving at chosen edges: the task keeps them, not
accumulated into .grad, and only the nodes on a path from a root to one of those edges run
(PyTorch's GraphTask keeps the same two things: exec_info, the nodes needed, and
captured_vars). The engine's loop (engine.py) then runs the task's evaluate_function for each
node instead of call_function. Hooks that must gather several gradients of the same backward
(autograd.graph.register_multi_grad_hook) ask which task is running and whether a node will
run in it. autograd.backward and autograd.grad (api.py) enter `running(...)` around the pass.

    >>> import minigrad as torch
    >>> from minigrad.autograd import graph_task
    >>> x = torch.tensor(1.0, requires_grad=True)
    >>> y, z = x * 2, x * 3
    >>> _ = y.register_hook(lambda g: print(graph_task.will_engine_execute_node(z.grad_fn)))
    >>> y.backward()
    False
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import engine, hooks
from .engine import _dependencies
from .graph import AccumulateGrad, Node

if TYPE_CHECKING:
    from ..tensor import Tensor

LEAF_IN_GRAD = ("A leaf node was passed to _will_engine_execute_node but we are currently "
                "running autograd.grad(). This is currently not supported.")

_ids = itertools.count()


class GraphTask:
    """One backward call: its roots, the edges it captures, and (on demand) its nodes.

    It is its own context manager: `with running(...)` marks it as the running task. (A class
    rather than a @contextmanager generator: every backward() enters one.)"""

    def __init__(self, roots: Sequence[tuple[tuple[Node, int], Any]],
                 capture: Sequence[tuple[Node, int]], is_grad: bool) -> None:
        self.id = next(_ids)
        self._roots, self.capture, self.is_grad = roots, capture, is_grad
        self._needed: set[Node] | None = None
        self._will_run: set[Node] | None = None
        if capture:  # (every backward() makes a task: only autograd.grad's capture)
            self.grads: dict[tuple[Node, int], Tensor | None] = dict.fromkeys(capture)
            self.captured_nodes = {node for node, _ in capture}

    @property
    def roots(self) -> list[Node]:
        return [node for (node, _), _ in self._roots]

    @property
    def needed(self) -> set[Node]:
        """The nodes on some path from a root to a captured edge (the only ones worth running)."""
        if self._needed is None:
            self._needed = needed_nodes(self.roots, self.capture)
        return self._needed

    def will_run(self, node: Node) -> bool:
        if self.is_grad and isinstance(node, AccumulateGrad):
            raise RuntimeError(LEAF_IN_GRAD)
        if self._will_run is None:
            if self.capture:  # what leads to the captured edges, and their own nodes
                self._will_run = self.needed | self.captured_nodes
            else:  # every node reachable from the roots
                self._will_run = set(_dependencies(self.roots)) | set(self.roots)
        return node in self._will_run

    def evaluate_function(self, node: Node, grads: list, retain_graph: bool) -> tuple | None:
        """The engine's step for one node: capture, then run it if it is needed."""
        runs = node in self.needed
        if not runs:
            if node not in self.captured_nodes:
                return None  # it leads to no captured edge
            # Not run, but its tensors' hooks (register_hook, retain_grad) see the gradient
            # before it is captured, as in PyTorch.
            if node._hooks is not None:
                grads = hooks.call_pre_hooks(node, grads, runs=False)
        # A node that runs has its gradient captured as it arrived, before its hooks.
        for nr, g in enumerate(grads):
            if (node, nr) in self.grads:
                self.grads[(node, nr)] = g
        return engine.call_function(node, grads, retain_graph) if runs else None

    def captured_grads(self) -> list[Tensor | None]:
        """The captured gradient of each edge, in the order given (None where none came)."""
        return [self.grads[edge] for edge in self.capture]

    def __enter__(self) -> GraphTask:
        _state.tasks = (*_state.tasks, self)
        return self

    def __exit__(self, *exc: object) -> None:
        _state.tasks = _state.tasks[:-1]


def needed_nodes(roots: Sequence[Node], capture: Sequence[tuple[Node, int]]) -> set[Node]:
    """The nodes on some path from a root to a captured edge (the only ones worth running)."""
    targets = {id(n) for n, _ in capture}
    order: list[Node] = []  # depth-first post-order, children first (ex10: topological_order)
    seen: set[int] = set()
    for root in roots:
        if id(root) in seen:
            continue
        seen.add(id(root))
        stack = [(root, iter(root.next_functions))]
        while stack:
            node, children = stack[-1]
            for child, _ in children:
                if child is not None and id(child) not in seen:
                    seen.add(id(child))
                    stack.append((child, iter(child.next_functions)))
                    break
            else:
                stack.pop()
                order.append(node)
    needed: set[Node] = set()
    for node in order:  # children first, so a child's answer is known before its parents ask
        if any(c is not None and (id(c) in targets or c in needed)
               for c, _ in node.next_functions):
            needed.add(node)
    return needed


class _State(threading.local):
    tasks: tuple = ()  # the running graph tasks of this thread, innermost (reentrant) last


_state = _State()


def running(roots: Sequence[tuple[tuple[Node, int], Any]], capture: Sequence[tuple[Node, int]],
            is_grad: bool) -> GraphTask:
    """Mark a backward call (roots as given to engine.run_backward) as running, in a with."""
    return GraphTask(roots, capture, is_grad)


def current_graph_task_id() -> int:
    """The running backward call's number, or -1 outside backward."""
    return _state.tasks[-1].id if _state.tasks else -1


def will_engine_execute_node(node: Node) -> bool:
    """Whether the running backward call runs `node`."""
    if not _state.tasks:
        raise RuntimeError(
            "_get_should_execute_nodes should only be called during the backward pass")
    return _state.tasks[-1].will_run(node)
