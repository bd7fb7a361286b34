"""The text tree of a ``Model``: the drawing's stable repr, and the fallback picture when
no Graphviz is available.

Outputs are the roots; under each box come the boxes that fed it (so reading down a branch
is reading backward). A box reached a second time (fan-out) is named, not repeated.

Example (``y = x ** 2``)::

    y, 4 (output)
    └── PowBackward0
        └── AccumulateGrad
            └── x, 2, requires_grad=True (leaf)
"""

from __future__ import annotations

from . import model as M

_KIND_NOTE = {M.OUTPUT: " (output)", M.LEAF: " (leaf)", M.CONSTANT: " (constant)",
              M.SAVED: " (saved)", M.OP: "", M.OMITTED: ""}


def _one_line(box: M.Box) -> str:
    text = ", ".join(line for line in box.lines if line) + _KIND_NOTE[box.kind]
    if box.current:
        return ">> " + text + "  <- running now"
    return text + ("  (done)" if box.done else "")


def text_tree(m: M.Model) -> str:
    """Render ``m`` as an indented tree, one box per line."""
    boxes = {b.key: b for b in m.nodes}
    feeders: dict[str, list[M.Arrow]] = {b.key: [] for b in m.nodes}
    for arrow in m.edges:
        feeders[arrow.dst].append(arrow)
    fed = {a.src for a in m.edges}
    roots = [b.key for b in m.nodes if b.key not in fed]
    out: list[str] = []
    seen: set[str] = set()
    # Explicit stack of (key, prefix for this line, prefix for its children, edge label).
    stack = [(key, "", "", "") for key in reversed(roots)]
    while stack:
        key, head, indent, label = stack.pop()
        note = f"  [grad {label}]" if label else ""
        if key in seen:
            out.append(f"{head}{boxes[key].lines[0]} (shown above){note}")
            continue
        seen.add(key)
        out.append(head + _one_line(boxes[key]) + note)
        children = feeders[key]
        for n, arrow in reversed(list(enumerate(children))):
            last = n == len(children) - 1
            stack.append((arrow.src, indent + ("└── " if last else "├── "),
                          indent + ("    " if last else "│   "), arrow.label))
    if m.caption:
        out.append(m.caption)
    return "\n".join(out)
