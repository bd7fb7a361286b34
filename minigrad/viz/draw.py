"""``draw(output)``: the computational graph behind a tensor, as a Graphviz drawing.

Example::

    >>> import minigrad as torch
    >>> from minigrad.viz import draw
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> y = x ** 2
    >>> print(repr(draw(y, params={"x": x}, legend=False)))
    output, 4 (output)
    └── PowBackward0
        └── AccumulateGrad
            └── x, 2, requires_grad=True (leaf)
"""

from __future__ import annotations

from typing import Any

import graphviz

from .arguments import named_outputs, named_params
from .build import DEFAULT_MAX_NODES, Options, StepState, build_model
from .dot import to_digraph
from .fit import choose_rankdir
from .model import Model
from .render import GraphDrawing
from .text import text_tree
from .walk import Walk, walk


def draw(
    output: Any,
    params: Any = None,
    show_data: bool = True,
    show_grad: bool = True,
    show_saved: bool = False,
    rankdir: str | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
    legend: bool = True,
) -> GraphDrawing:
    """Draw the autograd graph that produced ``output`` (one tensor, several, or a dict).

    Args:
        output: the tensor(s) whose graph to draw; a dict names them.
        params: names for tensors: a dict, ``named_parameters()``, or a module.
        show_data: show small tensors by value (else only shapes).
        show_grad: show ``.grad`` of leaves (and of outputs that retain grad).
        show_saved: show what each node saved for backward.
        rankdir: Graphviz direction, "LR" (inputs left) or "TB" (inputs on top); None
            chooses "LR" unless the picture would then shrink too much to fit a notebook.
        max_nodes: above this many grad_fn nodes, long chains collapse into one box.
        legend: add a legend of the colours used.

    Returns a ``graphviz.Digraph`` that displays as a picture in Jupyter (trusted or not)
    and whose ``repr`` is a stable text tree. Works on torch tensors as well as minigrad's.
    """
    named = named_params(params)
    outputs = named_outputs(output, named)
    opts = Options(named, show_data, show_grad, show_saved, max_nodes)
    return drawing_of(outputs, graph_of(outputs), opts, rankdir=rankdir, legend=legend)


def graph_of(outputs: list[tuple[str, Any]]) -> Walk:
    """The walk of every node behind the given (name, tensor) outputs."""
    return walk([getattr(t, "grad_fn", None) for _, t in outputs])


def drawing_of(
    outputs: list[tuple[str, Any]],
    w: Walk,
    opts: Options,
    state: StepState | None = None,
    rankdir: str | None = None,
    legend: bool = True,
) -> GraphDrawing:
    """Build the model once and give it both renderings (DOT source and text tree)."""
    m = build_model(outputs, w, opts, state)
    graph = GraphDrawing(name="autograd", text=text_tree(m))
    return to_digraph(m, graph, rankdir or fitting_rankdir(m, legend), legend)


def fitting_rankdir(m: Model, legend: bool = True) -> str:
    """The direction in which ``m`` fits a notebook's output area best (see fit.py)."""
    return choose_rankdir(lambda rankdir: to_digraph(m, graphviz.Digraph(), rankdir, legend).source)
