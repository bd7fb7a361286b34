"""Write a ``Model`` as a ``graphviz.Digraph`` (the DOT source Graphviz lays out).

The caption and the legend go in the graph's own label, above the graph: one small table
whose last row shows a sample of each kind of box used. A legend drawn as boxes of the
graph would become one more rank of the layout, as tall (or wide) as the graph itself.

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

import html
from typing import TypeVar

import graphviz

from .model import OP, Box, Model
from .style import ARROW_STYLE, LEGEND_TEXT, box_attrs

G = TypeVar("G", bound=graphviz.Digraph)

# Tighter than Graphviz's defaults (0.5 in between ranks, 0.25 in between nodes): graphs
# must fit a notebook's output area, and every rank of a long chain adds this gap.
SPACING = {"ranksep": "0.3", "nodesep": "0.2"}
LABEL_FONT = "Helvetica,Arial,sans-serif"  # caption and legend: narrower than monospace


def to_digraph(m: Model, graph: G, rankdir: str = "LR", legend: bool = True) -> G:
    """Fill the empty ``graph`` with the boxes and arrows of ``m``; returns ``graph``."""
    graph.attr(rankdir=rankdir, fontname=LABEL_FONT, fontsize="10", **SPACING)
    graph.attr("node", fontname="monospace", fontsize="11")
    graph.attr("edge", fontname="monospace", fontsize="9")
    title = _title(m, legend)
    if title:
        graph.attr(label=title, labelloc="t", labeljust="l")
    for box in m.nodes:
        graph.node(box.key, "\n".join(box.lines), **box_attrs(box))
    for arrow in m.edges:
        graph.edge(arrow.src, arrow.dst, label=arrow.label or None, **ARROW_STYLE[arrow.kind])
    return graph


def _title(m: Model, legend: bool) -> str:
    """The graph's label: caption lines, then the legend row (an HTML-like label)."""
    rows = [f'<tr><td align="left">{html.escape(line)}</td></tr>'
            for line in m.caption.splitlines()]
    if legend:
        rows.append(f"<tr><td>{_legend(m)}</td></tr>")
    if not rows:
        return ""
    return '<<table border="0" cellspacing="0" cellpadding="0">' + "".join(rows) + "</table>>"


def _legend(m: Model) -> str:
    # Only the kinds this picture uses, in a fixed order, so the legend stays small.
    used = {box.kind for box in m.nodes}
    samples = [(text, Box("", kind, [])) for kind, text in LEGEND_TEXT.items() if kind in used]
    if any(box.done for box in m.nodes):
        samples.append(("already run", Box("", OP, [], done=True)))
    if any(box.current for box in m.nodes):
        samples.append(("running now", Box("", OP, [], current=True)))
    cells = "".join(_legend_cell(text, box) for text, box in samples)
    return ('<table border="0" cellspacing="3" cellpadding="2"><tr>'
            f'<td><font point-size="9">legend:</font></td>{cells}</tr></table>')


def _legend_cell(text: str, sample: Box) -> str:
    """One legend entry: the text in a cell coloured and bordered like that kind of box."""
    attrs = box_attrs(sample)
    cell = {"border": "1", "color": attrs.get("color", "black")}
    if "fillcolor" in attrs:
        cell["bgcolor"] = attrs["fillcolor"]
    for style in ("dashed", "dotted"):
        if style in attrs.get("style", ""):
            cell["style"] = style
    if "penwidth" in attrs:
        cell["border"] = attrs["penwidth"]
    font = f'<font point-size="9" color="{attrs.get("fontcolor", "black")}">'
    cell_attrs = " ".join(f'{k}="{v}"' for k, v in cell.items())
    return f"<td {cell_attrs}>{font}{html.escape(text)}</font></td>"
