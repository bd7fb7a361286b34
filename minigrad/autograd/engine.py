"""The backward engine: runs the graph's nodes from the outputs back to the leaves.

Lesson 10's dependency counting: first count, for every node reachable from the outputs, how
many edges lead into it. A node runs once all of them have delivered their gradient, and its
results are added into the buffers of its next_functions. No recursion, so a chain of 100,000
ops is fine. Among ready nodes the newest runs first (AccumulateGrads at once), as in PyTorch.

By default loss.backward() runs a copy of this loop with its calls inlined (fast_paths.py),
so a print added here shows nothing; inside `with minigrad.overrides.readable_only():` this
code runs (autograd.grad and create_graph=True always run it).

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
from . import anomaly_mode, hooks
from .grad_mode import set_grad_enabled
from .graph import Node

if TYPE_CHECKING:
    from ..tensor import Tensor
    from .graph_task import GraphTask


# -- where a backward pass starts --------------------------------------------------------
def roots(outputs: Sequence[Tensor],
          gradients: Sequence[Tensor | None]) -> list[tuple[tuple[Node, int], Tensor]]:
    """Each output's graph edge with the gradient the pass starts from there: d(out)/d(out).

    For a scalar (a loss) that is 1, so `loss.backward()` needs no argument (None). Any other
    output has no single "1": the caller gives a gradient of its shape. (autograd/api.py's
    `_make_grads` first checks what was given, with PyTorch's errors.)

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
    """Propagate `roots` ((node, output_nr), grad) back through the graph.

    Tensor.backward runs every node a gradient reaches; AccumulateGrad nodes write into the
    leaves' .grad. autograd.grad passes a `task` that captures the gradients arriving at
    chosen edges (graph_task.py, off the reading path): its evaluate_function then runs in
    place of call_function, and the pass returns the captured gradients ([] without one).
    """
    root_nodes = [edge[0] for edge, _ in roots]
    deps = _dependencies(root_nodes)
    buffers: dict[Node, list[Any]] = {}
    for (node, nr), grad in roots:
        _add_to_buffer(buffers, node, nr, grad)

    # Nodes order themselves by priority (Node.__lt__). Ties (several ready AccumulateGrads)
    # come out in heap order, which is PyTorch's: heapq moves entries as its C++ heap does.
    ready: list[Node] = []
    for node in dict.fromkeys(root_nodes):
        if deps.get(node, 0) == 0:
            heapq.heappush(ready, node)

    # One node's step: call_function runs it; autograd.grad's task first keeps the gradients
    # it wants and skips the nodes that lead to none of them.
    evaluate = task.evaluate_function if task else call_function

    # Grad mode (grad_mode.py, next on the reading path) is on only with create_graph: the
    # formulas' own operations are then recorded, a graph of this pass. inf and nan from a
    # formula (a division by zero) come silently, as in PyTorch.
    with set_grad_enabled(create_graph), np.errstate(divide="ignore", invalid="ignore",
                                                     over="ignore"):
        while ready:
            node = heapq.heappop(ready)
            # No buffer: no gradient arrived for this node, so it has nothing to run on.
            grads = buffers.pop(node, None)
            grad_inputs = None if grads is None else evaluate(node, grads, retain_graph)
            # Deliver each edge's gradient; a child whose edges have all delivered is ready.
            # A node that did not run delivers none but still counts down: its children were
            # counted as waiting for this edge too.
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
    """Run one node on the gradients of its outputs; returns its inputs' gradients.

    As PyTorch's call_function: the node's pre-hooks (which may change the gradients it
    receives), its backward (node._apply), its post hooks.
    """
    if node._hooks is not None:
        grads = hooks.call_pre_hooks(node, grads)
    try:
        grad_inputs = node._apply(grads)
    except Exception:
        if anomaly_mode._enabled:  # say which forward call made the failing node
            anomaly_mode.report_error(node)
        raise
    # Used: its saved tensors go. A node whose backward raised keeps them (as in PyTorch), so
    # a backward that failed in a custom Function or a hook can be run again.
    if not retain_graph:
        node._release_variables()
    if anomaly_mode._enabled:
        anomaly_mode.check_nan(node, grad_inputs)
    if node._hooks is not None and node._hooks.post:
        grad_inputs = hooks.call_post_hooks(node, grad_inputs, grads)
    return grad_inputs
