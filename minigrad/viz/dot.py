"""Write a ``Model`` as a ``graphviz.Digraph`` (the DOT source Graphviz lays out).

Example::

    >>> import graphviz
    >>> from minigrad.viz.dot import to_digraph
    >>> from minigrad.viz.model import Model
    >>> m = Model()
    >>> box = m.add("n0", "op", ["PowBackward0"])
    >>> "n0 [label=PowBackward0" in to_digraph(m, graphviz.Digraph()).source
    True
"""

from __future__ import annotations

from typing import TypeVar

import graphviz

from .model import OP, Box, Model
from .style import ARROW_STYLE, LEGEND_TEXT, box_attrs

G = TypeVar("G", bound=graphviz.Digraph)


def to_digraph(m: Model, graph: G, rankdir: str = "LR", legend: bool = True) -> G:
    """Fill the empty ``graph`` with the boxes and arrows of ``m``; returns ``graph``."""
    graph.attr(rankdir=rankdir)
    graph.attr("node", fontname="monospace", fontsize="11")
    graph.attr("edge", fontname="monospace", fontsize="9")
    if m.caption:
        graph.attr(label=m.caption, labelloc="t")
    for box in m.nodes:
        graph.node(box.key, "\n".join(box.lines), **box_attrs(box))
    for arrow in m.edges:
        graph.edge(arrow.src, arrow.dst, label=arrow.label or None, **ARROW_STYLE[arrow.kind])
    if legend:
        _add_legend(m, graph, rankdir)
    return graph


def _add_legend(m: Model, graph: graphviz.Digraph, rankdir: str) -> None:
    # Only the kinds this picture uses, in a fixed order, so the legend stays small.
    used = {box.kind for box in m.nodes}
    samples = [(kind, text, Box("", kind, [])) for kind, text in LEGEND_TEXT.items()
               if kind in used]
    if any(box.done for box in m.nodes):
        samples.append(("done", "already run", Box("", OP, [], done=True)))
    if any(box.current for box in m.nodes):
        samples.append(("current", "running now", Box("", OP, [], current=True)))
    if rankdir == "LR":
        samples.reverse()  # Graphviz stacks same-rank nodes bottom-up when laying out LR
    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(label="legend", fontsize="10", style="dotted")
        for key, text, sample in samples:
            legend.node(f"legend_{key}", text, **box_attrs(sample))
