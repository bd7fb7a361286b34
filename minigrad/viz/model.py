"""The drawing before it becomes DOT or text: boxes, arrows and their kinds.

One model feeds both renderings (Graphviz DOT and the text tree), so the picture and its
text repr always say the same thing. Keys are assigned in walk order (``n0``, ``n1``...),
never from ``id()``, so the same graph gives the same text on every run.

Example::

    >>> from minigrad.viz.model import Model
    >>> m = Model()
    >>> box = m.add("n0", "op", ["PowBackward0"])
    >>> m.connect("leaf0", "n0")
    >>> [n.key for n in m.nodes]
    ['n0']
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of boxes; style.py gives each a look, text.py a wording.
OUTPUT, LEAF, OP, CONSTANT, SAVED, OMITTED = (
    "output", "leaf", "op", "constant", "saved", "omitted"
)


@dataclass
class Box:
    key: str
    kind: str
    lines: list[str]
    current: bool = False  # the node backward is running in this step
    done: bool = False  # backward has already run this node


@dataclass
class Arrow:
    """An edge in forward (data-flow) direction: ``src`` was an input of ``dst``."""

    src: str
    dst: str
    kind: str = "data"  # data | constant | saved | output
    label: str = ""


@dataclass
class Model:
    nodes: list[Box] = field(default_factory=list)
    edges: list[Arrow] = field(default_factory=list)
    omitted: int = 0  # grad_fn nodes left out of the drawing (max_nodes)
    caption: str = ""

    def add(self, key: str, kind: str, lines: list[str], **flags: bool) -> Box:
        box = Box(key, kind, lines, **flags)
        self.nodes.append(box)
        return box

    def connect(self, src: str, dst: str, kind: str = "data", label: str = "") -> None:
        self.edges.append(Arrow(src, dst, kind, label))
