"""How each kind of box and arrow looks, and the legend that explains it.

Colours follow the convention torchviz made familiar: leaves blue, outputs green, saved
tensors orange; constants (inputs that do not require grad) are dashed, which makes the cut
done by ``detach()`` / ``no_grad`` visible at a glance.
"""

from __future__ import annotations

from . import model as M

BOX_STYLE: dict[str, dict[str, str]] = {
    M.OUTPUT: {"style": "filled", "fillcolor": "darkolivegreen1"},
    M.LEAF: {"style": "filled", "fillcolor": "lightblue"},
    M.OP: {"style": "rounded,filled", "fillcolor": "lightgrey"},
    M.CONSTANT: {"style": "dashed", "color": "gray40", "fontcolor": "gray30"},
    M.SAVED: {"style": "filled", "fillcolor": "orange"},
    M.OMITTED: {"shape": "note", "style": "dotted"},
}
CURRENT_STYLE = {"fillcolor": "gold", "penwidth": "3"}  # the node backward runs now
DONE_STYLE = {"fillcolor": "palegreen"}  # nodes backward has already run

ARROW_STYLE: dict[str, dict[str, str]] = {
    "data": {},
    "output": {},
    "constant": {"style": "dashed", "color": "gray40"},
    "saved": {"style": "dotted", "dir": "none"},
}

LEGEND_TEXT = {
    M.OUTPUT: "output",
    M.LEAF: "leaf tensor",
    M.OP: "grad_fn node",
    M.CONSTANT: "no grad (constant)",
    M.SAVED: "saved for backward",
    M.OMITTED: "nodes left out",
}


def box_attrs(box: M.Box) -> dict[str, str]:
    attrs = {"shape": "box", **BOX_STYLE[box.kind]}
    if box.done:
        attrs.update(DONE_STYLE)
    if box.current:
        attrs.update(CURRENT_STYLE)
    return attrs
