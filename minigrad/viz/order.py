"""The order in which PyTorch's engine runs the nodes of a graph during backward.

The engine first counts, for every node, how many edges point at it (its dependencies).
A node becomes ready when all of them have delivered their gradient; among ready nodes it
runs the one with the highest *sequence number* -- the most recently created -- first.
``AccumulateGrad`` nodes carry the largest possible number, so a leaf's gradient is
accumulated as soon as it is complete. Nodes with equal numbers (two AccumulateGrads
ready together) come out in the order of the engine's ``std::priority_queue``, whose
binary-heap moves ``ReadyQueue`` below repeats, so even ties match torch.

Example::

    >>> import minigrad as torch
    >>> from minigrad.viz.order import execution_order
    >>> from minigrad.viz.walk import node_name, walk
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> y = x.exp() * x
    >>> w = walk([y.grad_fn])
    >>> [node_name(w.nodes[i]) for i in execution_order(w, [0])]
    ['MulBackward0', 'ExpBackward0', 'AccumulateGrad']
"""

from __future__ import annotations

from typing import Any

from .walk import Walk, node_name

ACCUMULATE_GRAD_SEQUENCE_NR = 2**64 - 1  # UINT64_MAX, as torch gives AccumulateGrad


def sequence_nr(node: Any) -> int | None:
    """The node's creation number: ``_sequence_nr()`` in torch, ``_sequence_nr`` in minigrad;
    None for nodes without one."""
    if node_name(node) == "AccumulateGrad":
        return ACCUMULATE_GRAD_SEQUENCE_NR
    number = getattr(node, "_sequence_nr", None)
    if callable(number):
        number = number()
    return None if number is None else int(number)


def has_sequence_numbers(w: Walk) -> bool:
    """True when every node is numbered, so execution_order can be computed."""
    return all(sequence_nr(node) is not None for node in w.nodes)


def execution_order(w: Walk, roots: list[int]) -> list[int]:
    """Walk indices in the order backward runs them, starting from the ``roots`` indices.

    Needs sequence numbers (see has_sequence_numbers); nodes without one count as 0.
    """
    dependencies = [0] * len(w)
    for inputs in w.inputs:
        for j in inputs:
            if j is not None:
                dependencies[j] += 1
    # Several outputs: torch starts from one GraphRoot node with an edge to each of them.
    for r in roots:
        dependencies[r] += 1
    ready = ReadyQueue([sequence_nr(node) or 0 for node in w.nodes])

    def deliver(j: int) -> None:
        dependencies[j] -= 1
        if dependencies[j] == 0:
            ready.push(j)

    for r in roots:
        deliver(r)
    order: list[int] = []
    while ready:
        i = ready.pop()
        order.append(i)
        for j in w.inputs[i]:
            if j is not None:
                deliver(j)
    return order


class ReadyQueue:
    """A max-heap of node indices by priority, moving items exactly like libstdc++'s
    ``std::push_heap`` / ``std::pop_heap`` (what torch's engine queue is built on)."""

    def __init__(self, priority: list[int]) -> None:
        self.priority = priority
        self.heap: list[int] = []

    def __bool__(self) -> bool:
        return bool(self.heap)

    def _less(self, a: int, b: int) -> bool:
        return self.priority[a] < self.priority[b]

    def _sift_up(self, hole: int, top: int, value: int) -> None:
        heap, parent = self.heap, (hole - 1) // 2
        while hole > top and self._less(heap[parent], value):
            heap[hole] = heap[parent]
            hole, parent = parent, (parent - 1) // 2
        heap[hole] = value

    def push(self, value: int) -> None:
        self.heap.append(value)
        self._sift_up(len(self.heap) - 1, 0, value)

    def pop(self) -> int:
        heap = self.heap
        top, value = heap[0], heap.pop()
        n = len(heap)
        if n == 0:
            return top
        # libstdc++'s __adjust_heap: walk the hole down to a leaf along the larger child,
        # then sift the displaced last element up from there.
        hole = child = 0
        while child < (n - 1) // 2:
            child = 2 * (child + 1)
            if self._less(heap[child], heap[child - 1]):
                child -= 1
            heap[hole], hole = heap[child], child
        if n % 2 == 0 and child == (n - 2) // 2:
            child = 2 * (child + 1)
            heap[hole], hole = heap[child - 1], child - 1
        self._sift_up(hole, 0, value)
        return top
