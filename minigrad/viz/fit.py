"""Fit a drawing to a notebook's output area by choosing which way the graph runs.

Notebook pictures are scaled down to the output area's width (``max-width: 100%``), which
keeps them whole but shrinks their text. JupyterLab's output area is about 850 px wide in a
1280 px window with the file panel open. A graph laid out left to right that would shrink
below ``MIN_SCALE`` there (a long chain, a model with many layers) is laid out top to bottom
instead, when that shrinks it less.

Example::

    >>> from minigrad.viz.fit import choose_rankdir
    >>> chain = " -> ".join(f"node{k}" for k in range(12))
    >>> choose_rankdir(lambda rankdir: f"digraph {{ rankdir={rankdir}; {chain} }}")
    'TB'
"""

from __future__ import annotations

from collections.abc import Callable

from .render import render

OUTPUT_AREA_PX = 848  # JupyterLab 4 output area: 1280 px window, file panel open
MIN_SCALE = 0.8  # below this, 11 pt text in a box drops under ~12 px on screen
PX_PER_INCH = 96  # CSS pixels; Graphviz measures in inches (72 pt each)


def layout_size(source: str) -> tuple[float, float] | None:
    """(width, height) in CSS px of the laid-out DOT ``source``; None without Graphviz."""
    plain = render(source, "plain")
    if plain is None:
        return None
    # The first line of Graphviz's plain format: "graph <scale> <width> <height>" (inches).
    fields = plain.split(b"\n", 1)[0].split()
    if len(fields) != 4 or fields[0] != b"graph":
        return None  # not Graphviz's answer (a broken or impostor `dot`): keep the default
    return float(fields[2]) * PX_PER_INCH, float(fields[3]) * PX_PER_INCH


def scale(width: float) -> float:
    """How much a picture ``width`` px wide is shrunk to fit the output area."""
    return min(1.0, OUTPUT_AREA_PX / width)


def choose_rankdir(source_for: Callable[[str], str]) -> str:
    """Left to right ("LR"), unless that shrinks below MIN_SCALE and "TB" shrinks less.

    ``source_for(rankdir)`` returns the graph's DOT source laid out that way.
    """
    lr = layout_size(source_for("LR"))
    if lr is None or scale(lr[0]) >= MIN_SCALE:
        return "LR"
    tb = layout_size(source_for("TB"))
    return "TB" if tb is not None and scale(tb[0]) > scale(lr[0]) else "LR"
