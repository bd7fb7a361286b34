"""Iterative walk over an autograd graph, duck-typed on ``next_functions``.

The walk never recurses (a 100,000-node chain would overflow Python's stack) and keys
nodes by ``id()`` while holding a reference to each node, so an id cannot be reused
by another object during the walk. Tensors are never compared with ``==``.

Example::

    >>> import minigrad as torch
    >>> from minigrad.viz.walk import node_name, walk
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> w = walk([(x ** 2).grad_fn])
    >>> [node_name(n) for n in w.nodes]
    ['PowBackward0', 'AccumulateGrad']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def node_name(node: Any) -> str:
    """PyTorch's name of a grad_fn node, without the C++ namespace torch adds.

    torch names its leaf node ``torch::autograd::AccumulateGrad``; the course says
    ``AccumulateGrad`` everywhere, so both libraries draw the same word.
    """
    return node.name().rsplit("::", 1)[-1]


def next_functions(node: Any) -> tuple:
    """``node.next_functions`` or ``()`` for objects that have none (e.g. AccumulateGrad)."""
    return tuple(getattr(node, "next_functions", ()) or ())


@dataclass
class Walk:
    """The nodes reachable from some roots, numbered in walk (depth-first pre-)order.

    ``nodes[i]`` is a grad_fn object; ``inputs[i]`` lists, per slot of its
    ``next_functions``, the index of the node there or ``None`` (an input that does not
    require grad: a constant, a detached tensor, a result made under no_grad).
    ``users[i]`` counts the edges that point at node ``i`` (fan-out: where grads add up).
    """

    nodes: list[Any] = field(default_factory=list)
    inputs: list[list[int | None]] = field(default_factory=list)
    users: list[int] = field(default_factory=list)
    index: dict[int, int] = field(default_factory=dict)

    def index_of(self, node: Any) -> int | None:
        return self.index.get(id(node))

    def __len__(self) -> int:
        return len(self.nodes)


def walk(roots: list[Any]) -> Walk:
    """Number every node reachable from ``roots`` (grad_fn objects; ``None`` is skipped)."""
    result = Walk()

    def visit(node: Any) -> int:
        result.index[id(node)] = len(result.nodes)
        result.nodes.append(node)
        result.inputs.append([])
        result.users.append(0)
        return len(result.nodes) - 1

    # Pre-order DFS with an explicit stack; children are pushed in reverse so the first
    # next_function is numbered first, which keeps drawings and text trees in input order.
    stack: list[Any] = [r for r in reversed(roots) if r is not None]
    while stack:
        node = stack.pop()
        if id(node) in result.index:
            continue
        visit(node)
        stack.extend(n for n, _ in reversed(next_functions(node)) if n is not None)
    # Second pass: edges, once every node has its number.
    for i, node in enumerate(result.nodes):
        for child, _ in next_functions(node):
            j = None if child is None else result.index[id(child)]
            result.inputs[i].append(j)
            if j is not None:
                result.users[j] += 1
    return result
