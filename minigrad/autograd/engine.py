"""The backward engine: runs the graph's nodes from the outputs back to the leaves.

It never recurses (a chain of 100,000 ops is fine). First it counts, for every node reachable
from the outputs, how many edges lead into it. A node runs once all of them have delivered
their gradient; its result is added into the buffers of its next_functions. Among ready nodes
the most recently created runs first, and AccumulateGrad nodes as soon as they are ready, as
in PyTorch's engine.

By default minigrad runs a copy of this loop with its calls written inline (fast_paths.py: the
same steps, faster), so a print added here shows nothing; inside
`with minigrad.overrides.readable_only():` this code runs.

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

from .. import messages
from .. import tensor as _tensor
from . import anomaly_mode, hooks
from .grad_mode import set_grad_enabled
from .graph import Node

if TYPE_CHECKING:
    from ..tensor import Tensor


# -- where a backward pass starts --------------------------------------------------------
def roots(outputs: Sequence[Tensor], gradients: Any) -> list[tuple[tuple[Node, int], Tensor]]:
    """Each output's graph edge with the gradient the pass starts from there: d(out)/d(out).

    For a scalar (a loss) that is 1, so `loss.backward()` needs no argument. Any other output
    has one number per element and no single "1": the caller says, with `gradient=`, what to
    start from (a tensor of its shape). The checks run in PyTorch's order (its Python code
    checks the gradients first, then its engine their number and the outputs).
    """
    if gradients is None:
        gradients = (None,) * len(outputs)
    elif isinstance(gradients, _tensor.Tensor):
        gradients = (gradients,)
    starts = []  # zip pairs them: a count that differs is caught below, as PyTorch's engine does
    for i, (out, grad) in enumerate(zip(outputs, tuple(gradients))):
        if isinstance(grad, _tensor.Tensor):
            if grad.shape != out.shape:
                raise RuntimeError(messages.GRAD_SHAPE_MISMATCH.format(i, grad.shape, i,
                                                                       out.shape))
        elif grad is not None:  # a float or a list of numbers: PyTorch wants a tensor
            raise TypeError(messages.NOT_A_GRADIENT.format(type(grad).__name__))
        elif out.requires_grad:  # nothing given: only a scalar has an obvious start, 1
            if out.numel() != 1:
                raise RuntimeError(messages.IMPLICIT_GRAD_NOT_SCALAR)
            if not out.dtype.is_floating_point:
                raise RuntimeError(messages.IMPLICIT_GRAD_NOT_REAL.format(out.dtype))
            grad = _tensor.Tensor._make(np.ones_like(out._data))
        starts.append(grad)
    if len(starts) != len(outputs):
        raise RuntimeError(messages.GRADS_COUNT.format(len(outputs), len(starts)))
    for i, out in enumerate(outputs):
        if not out.requires_grad:
            raise RuntimeError(messages.ROOT_NOT_REQUIRING_GRAD.format(i))
    return [(out._gradient_edge(), grad) for out, grad in zip(outputs, starts)]


# -- running it ---------------------------------------------------------------------------
def _dependencies(roots: Sequence[Node]) -> dict[Node, int]:
    """For each node reachable from the roots, how many edges point into it."""
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
    capture: Sequence[tuple[Node, int]] = (),
) -> list[Tensor | None]:
    """Propagate `roots` ((node, output_nr), grad) back through the graph.

    Without `capture` (Tensor.backward) AccumulateGrad nodes write into leaves' .grad.
    With it (autograd.grad) nothing is written: the gradients arriving at the captured
    edges are returned instead, and nodes that lead to none of them are not run.
    """
    root_nodes = [edge[0] for edge, _ in roots]
    deps = _dependencies(root_nodes)
    captured: dict[tuple[int, int], Tensor | None] = {(id(n), nr): None for n, nr in capture}
    needed = _needed_nodes(root_nodes, capture) if capture else None
    # With captured edges, a gradient reaches only the nodes that run and the captured ones.
    sees_grad = needed | {node for node, _ in capture} if capture else None

    buffers: dict[Node, list[Any]] = {}
    for (node, nr), grad in roots:
        _add_to_buffer(buffers, node, nr, grad)

    # Nodes order themselves by priority (Node.__lt__). Equal priorities (several ready
    # AccumulateGrads) are left in heap order, which is then the order of PyTorch's
    # std::priority_queue: heapq and libstdc++ move heap entries the same way.
    ready: list[Node] = []
    for node in dict.fromkeys(root_nodes):
        if deps.get(node, 0) == 0:
            heapq.heappush(ready, node)

    # Grad mode (autograd/grad_mode.py, next on the reading path) is on only with
    # create_graph: the formulas' own operations are then recorded, a graph of this pass.
    # Formulas may divide by zero or overflow: inf and nan result silently, as in PyTorch.
    with set_grad_enabled(create_graph), np.errstate(divide="ignore", invalid="ignore",
                                                     over="ignore"):
        while ready:
            node = heapq.heappop(ready)
            grads = buffers.pop(node, None)
            # This loop runs once per node: the checks below skip, without a call, the work
            # that most nodes do not need (hooks, captured edges). A buffer only exists once a
            # gradient has arrived in it, so a node without one received nothing.
            grad_inputs = None
            if grads is not None and (sees_grad is None or node in sees_grad):
                runs = needed is None or node in needed
                # PyTorch captures the gradient a running node received as it arrived; only
                # a node that does not run has its tensors' hooks applied first.
                if node._hooks is not None and not runs:
                    grads = hooks.call_pre_hooks(node, grads, runs)
                if captured:
                    for nr, g in enumerate(grads):
                        if (id(node), nr) in captured:
                            captured[(id(node), nr)] = g
                if runs:
                    if node._hooks is not None:
                        grads = hooks.call_pre_hooks(node, grads)
                    grad_inputs = _call_node(node, grads, retain_graph)
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
    return [captured[(id(n), nr)] for n, nr in capture]


def _needed_nodes(roots: Sequence[Node], capture: Sequence[tuple[Node, int]]) -> set[Node]:
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


def _add_to_buffer(buffers: dict, node: Node, nr: int, grad: Tensor) -> None:
    """Add a gradient for output `nr` of `node` into its buffer (lesson 10's `+=`)."""
    slots = buffers.get(node)
    if slots is None:
        slots = buffers[node] = [None] * node.num_outputs
    # Out of place, so a gradient tensor shared by two branches is never changed under them.
    slots[nr] = grad if slots[nr] is None else slots[nr] + grad


def _call_node(node: Node, grads: list, retain_graph: bool) -> tuple:
    """Run one node's backward: its inputs' gradients, passed through its post hooks."""
    try:
        grad_inputs = node._apply(grads)
    except Exception:
        if anomaly_mode._enabled:  # say which forward call made the failing node
            anomaly_mode.report_error(node)
        raise
    # Used: its saved tensors go. A node whose backward raised keeps them (as in PyTorch), so
    # a backward that failed in a custom Function or a hook can be run again.
    if not retain_graph:
        node._release()
    if anomaly_mode._enabled:
        anomaly_mode.check_nan(node, grad_inputs)
    if node._hooks is not None and node._hooks.post:
        grad_inputs = hooks.call_post_hooks(node, grad_inputs, grads)
    return grad_inputs
