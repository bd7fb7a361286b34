"""Turn a walked autograd graph into a ``Model`` of boxes and arrows.

Each grad_fn node becomes a box named as in PyTorch; an ``AccumulateGrad`` gets its leaf
tensor (the node's ``variable``) drawn beside it; an input that does not require grad (a
``None`` in ``next_functions``) becomes a dashed constant; saved tensors and outputs get
their own kinds. A ``StepState`` adds what draw_backward shows: which node runs, and the
gradients sent along each arrow so far.

Example::

    >>> import minigrad as torch
    >>> from minigrad.viz.build import Options, build_model
    >>> from minigrad.viz.walk import walk
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> y = x ** 2
    >>> m = build_model([("y", y)], walk([y.grad_fn]), Options())
    >>> [b.kind for b in m.nodes]
    ['output', 'op', 'op', 'leaf']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import model as M
from .collapse import Plan, plan
from .labels import is_tensor, known_grad, shape_text, tensor_lines, tensor_text, value_text
from .saved import FREED, input_shape, saved_input, saved_values
from .walk import Walk, node_name

DEFAULT_MAX_NODES = 300


@dataclass
class Options:
    named: list[tuple[str, Any]] = field(default_factory=list)  # (name, tensor) from the caller
    show_data: bool = True
    show_grad: bool = True
    show_saved: bool = False
    max_nodes: int = DEFAULT_MAX_NODES

    def __post_init__(self) -> None:
        # Looked up by identity (never tensor ==). The grad_fn objects are kept in
        # `produced` so torch hands out the same Python wrapper again during the walk.
        self.names = {id(t): name for name, t in self.named}
        self.produced: dict[int, tuple[Any, str, Any]] = {}
        for name, t in self.named:
            fn = getattr(t, "grad_fn", None)
            if fn is not None:
                self.produced[id(fn)] = (fn, name, t)


@dataclass
class StepState:
    """What backward has done so far, for one frame of draw_backward."""

    current: int | None = None  # walk index of the node running in this step
    done: set[int] = field(default_factory=set)
    sent: dict[tuple[int, int], Any] = field(default_factory=dict)  # (consumer, slot) -> grad
    leaf_grads: dict[int, Any] = field(default_factory=dict)  # AccumulateGrad index -> grad
    received: Any = None  # grad the current node received
    output_grads: dict[int, Any] = field(default_factory=dict)  # output number -> grad
    caption: str = ""  # what happens in this step, in words


def build_model(
    outputs: list[tuple[str, Any]],
    w: Walk,
    opts: Options,
    state: StepState | None = None,
) -> M.Model:
    """The boxes and arrows for ``outputs`` (name, tensor) whose graph is ``w``."""
    p = plan(w, opts.max_nodes)
    m = M.Model(omitted=p.omitted)
    _add_outputs(m, outputs, w, p, opts, state)
    # The node behind an output is already labelled by the output's own box.
    roots = {id(getattr(t, "grad_fn", None)) for _, t in outputs}
    for i in range(len(w)):
        if p.drawn[i]:
            _add_node(m, i, w, p, opts, state, roots)
    for gap in p.gaps:
        _add_gap(m, gap)
    notes = [state.caption] if state is not None and state.caption else []
    if p.omitted:
        notes.append(f"{p.omitted} of {len(w)} nodes left out (max_nodes={opts.max_nodes})")
    m.caption = "\n".join(notes)
    return m


def _add_outputs(m, outputs, w: Walk, p: Plan, opts: Options, state) -> None:
    for k, (name, t) in enumerate(outputs):
        key = f"out{k}"
        grad = state.output_grads.get(k) if state else known_grad(t)
        lines = tensor_lines(t, name, opts.show_data, grad if opts.show_grad else None)
        fn = getattr(t, "grad_fn", None)
        if fn is None and not t.requires_grad:
            # Made under no_grad, detached or a plain constant: no graph behind it.
            m.add(key, M.CONSTANT, lines + ["no grad_fn: not recorded"])
            continue
        m.add(key, M.OUTPUT, lines)
        i = w.index_of(fn) if fn is not None else None
        if i is not None and p.drawn[i]:
            m.connect(f"n{i}", key, "output")


def _add_node(m, i: int, w: Walk, p: Plan, opts: Options, state, roots: set[int]) -> None:
    node, key = w.nodes[i], f"n{i}"
    lines = [node_name(node)]
    if id(node) in opts.produced and id(node) not in roots:
        # A named intermediate tensor: say which node made it (and its grad, if retained).
        _, name, tensor = opts.produced[id(node)]
        lines.append(f"-> {name}")
        grad = known_grad(tensor) if state is None and opts.show_grad else None
        if grad is not None:
            lines.append(f"{name}.grad {tensor_text(grad, opts.show_data)}")
    if w.users[i] > 1:
        lines.append(f"used {w.users[i]}x: grads add up")
    if state is not None and state.current == i and state.received is not None:
        lines.append("grad in " + value_text(state.received, opts.show_data))
    box = m.add(key, M.OP, lines)
    if state is not None:
        box.current, box.done = state.current == i, i in state.done
    if opts.show_saved:
        _add_saved(m, i, node, lines, opts)
    variable = getattr(node, "variable", None)
    if variable is not None:
        grad = state.leaf_grads.get(i) if state else known_grad(variable)
        shown = grad if opts.show_grad else None
        name = opts.names.get(id(variable))
        m.add(f"v{i}", M.LEAF, tensor_lines(variable, name, opts.show_data, shown))
        m.connect(f"v{i}", key)
    for slot, j in enumerate(w.inputs[i]):
        label = ""
        if state is not None and (i, slot) in state.sent:
            label = value_text(state.sent[(i, slot)], opts.show_data)
        if j is None:
            _add_constant(m, i, slot, node, opts)
        elif p.drawn[j]:
            m.connect(f"n{j}", key, label=label)
        elif j in p.gap_of:
            m.connect(p.gap_of[j].key, key, label=label)


def _add_saved(m, i: int, node: Any, lines: list[str], opts: Options) -> None:
    for k, (name, value) in enumerate(saved_values(node)):
        if value is FREED:
            lines.append(f"{name}: freed by backward")
        elif is_tensor(value):
            shown = opts.names.get(id(value))
            # torch names what it saved (self, other, result); minigrad numbers it.
            title = name if name.startswith("saved_tensors") else f"saved {name}"
            text = [title] + ([shown] if shown else [])
            m.add(f"s{i}_{k}", M.SAVED, text + [tensor_text(value, opts.show_data)])
            m.connect(f"s{i}_{k}", f"n{i}", "saved")
        elif value is not None:
            lines.append(f"{name}={value_text(value, opts.show_data)}")


def _add_constant(m, i: int, slot: int, node: Any, opts: Options) -> None:
    key = f"c{i}_{slot}"
    value = saved_input(node, slot)
    lines = ["constant"]
    if value is not None and value is not FREED:
        name = opts.names.get(id(value))
        lines = ([name] if name else []) + lines + [tensor_text(value, opts.show_data)]
    elif input_shape(node, slot) is not None:
        lines.append(shape_text(input_shape(node, slot)))
    if value is FREED:  # the drawing knew it through the node's saved copy, now gone
        lines.append("value freed by backward")
    m.add(key, M.CONSTANT, lines + ["requires_grad=False"])
    m.connect(key, f"n{i}", "constant")


def _add_gap(m, gap) -> None:
    names = ", ".join(f"{n} x{c}" for n, c in gap.names.most_common(3))
    what = "left out" if gap.below is not None else "more, not drawn"
    m.add(gap.key, M.OMITTED, [f"... {gap.count} nodes {what}", names])
    if gap.below is not None:
        m.connect(f"n{gap.below}", gap.key)
