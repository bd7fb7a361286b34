"""Keep big graphs readable: above ``max_nodes``, collapse long chains, then truncate.

A *chain* is a run of nodes each feeding only the next one (one input that requires grad,
one user) -- what a loop like ``for _ in range(10_000): x = x * 2`` builds. Its two ends
stay drawn and its middle becomes one box saying how many nodes it stands for. If the graph
is still too big (it is wide, not long), only the first ``max_nodes`` nodes in walk order
are drawn -- a prefix of a depth-first walk is connected, so the picture stays one piece --
and one box says how many were left out.

Example::

    >>> import minigrad as torch
    >>> from minigrad.viz.collapse import plan
    >>> from minigrad.viz.walk import walk
    >>> y = torch.tensor(1.0, requires_grad=True)
    >>> for _ in range(1000):
    ...     y = y * 1.0
    >>> plan(walk([y.grad_fn]), max_nodes=100).omitted
    997
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .walk import Walk, node_name

KEEP_ENDS = 2  # nodes kept at each end of a collapsed chain


@dataclass
class Gap:
    """One box standing for left-out nodes."""

    key: str
    names: Counter = field(default_factory=Counter)
    below: int | None = None  # drawn node feeding the gap (None: the graph was cut here)

    @property
    def count(self) -> int:
        return sum(self.names.values())


@dataclass
class Plan:
    drawn: list[bool]
    gap_of: dict[int, Gap]  # left-out node that a drawn node points at -> its gap
    gaps: list[Gap]

    @property
    def omitted(self) -> int:
        return self.drawn.count(False)


def plan(w: Walk, max_nodes: int) -> Plan:
    """Decide which nodes of ``w`` are drawn so that at most about ``max_nodes`` are."""
    p = Plan(drawn=[True] * len(w), gap_of={}, gaps=[])
    if len(w) <= max_nodes:
        return p
    _collapse_chains(w, p)
    _truncate(w, p, max_nodes)
    return p


def _single_input(w: Walk, i: int) -> int | None:
    real = [j for j in w.inputs[i] if j is not None]
    return real[0] if len(real) == 1 else None


def _collapse_chains(w: Walk, p: Plan) -> None:
    in_chain = [False] * len(w)
    for head in range(len(w)):
        if in_chain[head]:
            continue
        chain = [head]
        nxt = _single_input(w, head)
        while nxt is not None and w.users[nxt] == 1 and not in_chain[nxt]:
            chain.append(nxt)
            nxt = _single_input(w, nxt)
        for i in chain:
            in_chain[i] = True
        if len(chain) <= 2 * KEEP_ENDS + 1:
            continue
        middle = chain[KEEP_ENDS:-KEEP_ENDS]
        gap = Gap(f"gap{len(p.gaps)}", Counter(node_name(w.nodes[i]) for i in middle))
        gap.below = chain[-KEEP_ENDS]
        for i in middle:
            p.drawn[i] = False
        p.gap_of[middle[0]] = gap
        p.gaps.append(gap)


def _truncate(w: Walk, p: Plan, max_nodes: int) -> None:
    budget = max_nodes
    for i in range(len(w)):
        if p.drawn[i]:
            p.drawn[i] = budget > 0
            budget -= 1
    if budget >= 0:
        return
    cut = Gap(f"gap{len(p.gaps)}")
    for gap in p.gaps:
        if gap.below is not None and not p.drawn[gap.below]:
            gap.below = None
    # Gaps whose consumer is no longer drawn are unreachable: their nodes join the cut.
    consumers = {j: i for i in range(len(w)) if p.drawn[i] for j in w.inputs[i] if j is not None}
    p.gaps = [g for g in p.gaps if any(p.gap_of.get(j) is g for j in consumers)]
    for j in list(p.gap_of):
        if j not in consumers:
            del p.gap_of[j]
    for j in consumers:
        if not p.drawn[j] and j not in p.gap_of:
            p.gap_of[j] = cut
    cut.names = Counter(node_name(w.nodes[i]) for i in range(len(w)) if not p.drawn[i])
    for gap in p.gaps:
        cut.names -= gap.names
    p.gaps.append(cut)
