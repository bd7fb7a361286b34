"""The backward engine: runs the graph's nodes from the outputs back to the leaves.

Lesson 10's dependency counting: a node runs once every edge into it has delivered its
gradient, and its results are added into its next_functions' buffers. No recursion, so a
chain of 100,000 ops is fine. (By default loss.backward() runs fast_paths.py's copy of this
loop; inside `with minigrad.overrides.readable_only():` this code runs.)

    >>> import minigrad as torch
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> y = x * x            # x is used twice: two edges into one AccumulateGrad
    >>> y.backward()
    >>> x.grad               # the two contributions were summed: 3 + 3
    tensor(6.)
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import tensor as _tensor
from . import hooks
from .grad_mode import set_grad_enabled
from .graph import Node

if TYPE_CHECKING:
    from ..tensor import Tensor
    from .graph_task import GraphTask


# -- where a backward pass starts --------------------------------------------------------
def roots(outputs: Sequence[Tensor],
          gradients: Sequence[Tensor | None]) -> list[tuple[tuple[Node, int], Tensor]]:
    """Each output's graph edge with the gradient the pass starts from there: d(out)/d(out),
    1 for a scalar (a loss), so `loss.backward()` needs no argument (None); any other output
    needs a gradient of its shape (autograd/api.py checks what was given).

    >>> import minigrad as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> [(node.name(), nr, grad) for (node, nr), grad in roots([(x * x).sum()], [None])]
    [('SumBackward0', 0, tensor(1.))]
    """
    starts = []
    for out, grad in zip(outputs, gradients):
        if grad is None:  # a scalar's d(out)/d(out)
            grad = _tensor.Tensor._make(np.ones_like(out._data))
        starts.append((out._gradient_edge(), grad))
    return starts


# -- running it ---------------------------------------------------------------------------
def _dependencies(roots: Sequence[Node]) -> dict[Node, int]:
    """For each node reachable from the roots, how many edges point into it (lesson 10's
    `dependencies`, for several roots).

    >>> import minigrad as torch
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> d = x * x                     # two edges into x's AccumulateGrad
    >>> y = d + d.tanh()              # two into d's MulBackward0
    >>> {node.name(): n for node, n in _dependencies([y.grad_fn]).items()}
    {'MulBackward0': 2, 'TanhBackward0': 1, 'minigrad::autograd::AccumulateGrad': 2}
    """
    deps: dict[Node, int] = {}
    starts = dict.fromkeys(roots)  # each once, even if given twice; keyed by identity
    stack = list(starts)
    while stack:
        for child, _ in stack.pop().next_functions:
            if child is None:
                continue
            if child in deps:
                deps[child] += 1
            else:  # reached for the first time: its own edges are counted once, from here
                deps[child] = 1
                if child not in starts:  # (a root is on the stack already)
                    stack.append(child)
    return deps


def run_backward(
    roots: Sequence[tuple[tuple[Node, int], Tensor]],
    retain_graph: bool,
    create_graph: bool,
    task: GraphTask | None = None,
) -> list[Tensor | None]:
    """Propagate `roots` ((node, output_nr), grad) back through the graph. autograd.grad
    passes a `task` (graph_task.py) that keeps the gradients arriving at its inputs."""
    root_nodes = [edge[0] for edge, _ in roots]
    deps = _dependencies(root_nodes)
    buffers: dict[Node, list[Any]] = {}
    for (node, nr), grad in roots:
        _add_to_buffer(buffers, node, nr, grad)

    # Nodes order themselves by priority (Node.__lt__); ties come out in heap order, which is
    # PyTorch's (heapq moves entries as its C++ heap does).
    ready: list[Node] = []
    for node in dict.fromkeys(root_nodes):
        if deps.get(node, 0) == 0:
            heapq.heappush(ready, node)

    # autograd.grad's task skips the nodes that lead to none of its inputs.
    evaluate = task.evaluate_function if task else call_function

    # Grad mode is on only with create_graph: the formulas' own operations are then recorded.
    # inf and nan from a formula come silently, as in PyTorch.
    with set_grad_enabled(create_graph), np.errstate(divide="ignore", invalid="ignore",
                                                     over="ignore"):
        while ready:
            node = heapq.heappop(ready)
            # No buffer: no gradient arrived for this node, so it has nothing to run on.
            grads = buffers.pop(node, None)
            grad_inputs = None if grads is None else evaluate(node, grads, retain_graph)
            # Deliver each edge's gradient; a child whose edges have all delivered is ready.
            # (A node that did not run delivers none but still counts down.)
            for i, (child, nr) in enumerate(node.next_functions):
                if child is None:
                    continue
                if grad_inputs is not None and grad_inputs[i] is not None:
                    _add_to_buffer(buffers, child, nr, grad_inputs[i])
                waiting = deps[child] - 1
                deps[child] = waiting
                if waiting == 0:
                    heapq.heappush(ready, child)
    return task.captured_grads() if task else []


def _add_to_buffer(buffers: dict, node: Node, nr: int, grad: Tensor) -> None:
    """Add a gradient for output `nr` of `node` into its buffer (lesson 10's `+=`)."""
    slots = buffers.get(node)
    if slots is None:
        slots = buffers[node] = [None] * node.num_outputs
    # Out of place, so a gradient tensor shared by two branches is never changed under them.
    slots[nr] = grad if slots[nr] is None else slots[nr] + grad


def call_function(node: Node, grads: list, retain_graph: bool) -> tuple:
    """Run one node on its outputs' gradients (pre-hooks, node._apply, post hooks, as
    PyTorch's call_function); returns its inputs' gradients. (Anomaly detection wraps it
    while it is on: anomaly_mode.py.)"""
    if node._hooks is not None:
        grads = hooks.call_pre_hooks(node, grads)
    grad_inputs = node._apply(grads)
    # Used: its saved tensors go (a node whose backward raised keeps them, as in PyTorch).
    if not retain_graph:
        node._release_variables()
    if node._hooks is not None and node._hooks.post:
        grad_inputs = hooks.call_post_hooks(node, grad_inputs, grads)
    return grad_inputs
