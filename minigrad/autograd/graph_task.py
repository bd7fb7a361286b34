"""The backward call that is running: which one it is, and which nodes it will run.

PyTorch's engine calls one backward() or autograd.grad() a graph task. Hooks that must
gather several gradients of the same backward (autograd.graph.register_multi_grad_hook)
ask which task is running and whether a node will run in it. The engine itself knows
nothing of this: autograd.backward and autograd.grad (api.py) enter `running(...)` around it.

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
from typing import Any

from .engine import _dependencies, _needed_nodes
from .graph import AccumulateGrad, Node

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
        self._will_run: set[Node] | None = None

    @property
    def roots(self) -> list[Node]:
        return [node for (node, _), _ in self._roots]

    def will_run(self, node: Node) -> bool:
        if self.is_grad and isinstance(node, AccumulateGrad):
            raise RuntimeError(LEAF_IN_GRAD)
        if self._will_run is None:
            if self.capture:  # what leads to the captured edges, and their own nodes
                self._will_run = _needed_nodes(self.roots, self.capture) | {
                    n for n, _ in self.capture}
            else:  # every node reachable from the roots
                self._will_run = set(_dependencies(self.roots)) | set(self.roots)
        return node in self._will_run

    def __enter__(self) -> GraphTask:
        _state.tasks = (*_state.tasks, self)
        return self

    def __exit__(self, *exc: object) -> None:
        _state.tasks = _state.tasks[:-1]


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
