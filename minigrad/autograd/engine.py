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
    has no single "1": the caller passes `gradient=`, a tensor of its shape. The checks run in
    PyTorch's order, so the same mistake gets the same error.

    >>> import minigrad as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> [(node.name(), nr, grad) for (node, nr), grad in roots([(x * x).sum()], None)]
    [('SumBackward0', 0, tensor(1.))]
    >>> roots([x * x], None)
    Traceback (most recent call last):
    RuntimeError: grad can be implicitly created only for scalar outputs
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
    capture: Sequence[tuple[Node, int]] = (),
) -> list[Tensor | None]:
    """Propagate `roots` ((node, output_nr), grad) back through the graph.

    Tensor.backward runs every node a gradient reaches; AccumulateGrad nodes write into the
    leaves' .grad. autograd.grad passes `capture`, edges whose gradients it wants back: the
    pass then runs only the nodes that lead to them (GradCapture, below) and returns those
    gradients ([] without `capture`).
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

    # One node's step: call_function runs it; autograd.grad's GradCapture first keeps the
    # gradients it wants and skips the nodes that lead to none of them.
    task = GradCapture(root_nodes, capture) if capture else None
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


# -- autograd.grad: gradients captured at chosen edges ------------------------------------
class GradCapture:
    """What autograd.grad (and backward(inputs=...)) add to a pass.

    The gradients arriving at the chosen edges are kept and returned, not accumulated into
    .grad, and only the nodes on a path from a root to one of those edges run. (PyTorch's
    GraphTask keeps the same two things: exec_info, the nodes needed, and captured_vars.)
    """

    def __init__(self, roots: Sequence[Node], edges: Sequence[tuple[Node, int]]) -> None:
        self.edges = edges
        self.grads: dict[tuple[Node, int], Tensor | None] = dict.fromkeys(edges)
        self.needed = _needed_nodes(roots, edges)
        self.captured_nodes = {node for node, _ in edges}

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
        return call_function(node, grads, retain_graph) if runs else None

    def captured_grads(self) -> list[Tensor | None]:
        """The captured gradient of each edge, in the order given (None where none came)."""
        return [self.grads[edge] for edge in self.edges]


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

