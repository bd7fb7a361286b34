"""``draw_backward(output)``: backward, one node at a time, as a list of drawings.

Frame 0 shows the graph with the seed gradient at the output; frame k shows the k-th node
backward runs (in PyTorch's order, see order.py) highlighted, the nodes already run shaded,
every gradient sent so far written on its arrow, and each leaf's ``.grad`` as it stands at
that moment (starting from the caller's current ``.grad``, since backward adds to it).

Example::

    >>> import minigrad as torch
    >>> from minigrad.viz import draw_backward
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> steps = draw_backward(x * x, params={"x": x})
    >>> [f.node for f in steps]
    [None, 'MulBackward0', 'AccumulateGrad']
    >>> steps[-1].leaf_grads["x"].item()
    6.0
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .arguments import named_outputs, named_params
from .build import Options, StepState, build_model
from .draw import drawing_of, fitting_rankdir, graph_of
from .labels import value_text
from .order import execution_order, has_sequence_numbers
from .player import player_html
from .record import Recording, record_backward
from .render import GraphDrawing
from .walk import Walk, node_name

DEFAULT_MAX_STEPS = 100  # each step is a full drawing; more would make a huge page


@dataclass
class Frame:
    """One step of backward: which node ran, what it received and sent, the picture."""

    step: int
    node: str | None  # name of the node run in this step (None: the starting frame)
    caption: str
    drawing: GraphDrawing
    leaf: str | None = None  # for an AccumulateGrad step: the name of its leaf
    received: tuple = ()
    sent: tuple = ()
    leaf_grads: dict[str, Any] = field(default_factory=dict)  # leaf name -> .grad so far

    def __repr__(self) -> str:
        return self.caption


class BackwardSteps(list):
    """The frames of draw_backward; shows as a previous/next player in Jupyter."""

    def __init__(self, frames: list[Frame], note: str = "") -> None:
        super().__init__(frames)
        self.note = note

    def text(self) -> str:
        lines = [f.caption for f in self]
        return "\n".join(lines + ([self.note] if self.note else []))

    def __repr__(self) -> str:
        return self.text()

    def html(self) -> str:
        """Self-contained HTML (inline SVG + a few lines of JavaScript)."""
        return player_html([f.drawing for f in self], self.note)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **_: Any) -> dict:
        return {"text/html": self.html(), "text/plain": self.text()}


def draw_backward(
    output: Any,
    params: Any = None,
    show_data: bool = True,
    show_saved: bool = False,
    rankdir: str | None = None,
    max_steps: int = DEFAULT_MAX_STEPS,
) -> BackwardSteps:
    """Step through ``output.backward()`` node by node (torch or minigrad tensors).

    Backward is run once on the graph (with ``retain_graph=True``, hooks watching each
    node); the leaves' ``.grad`` are restored afterwards, so calling this changes nothing.
    Non-scalar outputs are seeded with ones, as ``output.sum().backward()`` would.
    ``rankdir=None`` lays every frame out the way the last (most labelled) one fits best.
    """
    named = named_params(params)
    outputs = named_outputs(output, named)
    tensors = [t for _, t in outputs if t.requires_grad]
    if not tensors:
        raise ValueError("nothing to step through: no output requires grad")
    w = graph_of(outputs)
    rec = record_backward(tensors, w, also_keep=tuple(t for _, t in named))
    opts = Options(named, show_data, True, show_saved)
    roots = [w.index_of(t.grad_fn) for t in tensors if t.grad_fn is not None]
    # PyTorch's order, computed; a library whose nodes are not numbered gets the order its
    # own engine ran them in (seen by the hooks).
    order = execution_order(w, roots) if has_sequence_numbers(w) else rec.fired
    shown = order[:max_steps]
    note = f"(stopped after {len(shown)} of {len(order)} steps)" if len(shown) < len(order) else ""
    # Output number -> its seed; matched by position, never by tensor equality.
    runs = [k for k, (_, t) in enumerate(outputs) if t.requires_grad]
    seeds = dict(zip(runs, rec.seeds, strict=True))
    states = []
    for step in range(len(shown) + 1):
        states.append(_state(w, rec, shown[:step], seeds))
        states[-1].caption = _caption(w, rec, shown, step, opts, outputs)
    # One direction for all frames, so the picture does not turn while stepping.
    rankdir = rankdir or fitting_rankdir(build_model(outputs, w, opts, states[-1]))
    frames = [_frame(w, rec, shown, step, state, opts, outputs, rankdir)
              for step, state in enumerate(states)]
    return BackwardSteps(frames, note)


def _state(w: Walk, rec: Recording, ran: list[int], seeds: dict[int, Any]) -> StepState:
    state = StepState(output_grads=seeds)
    if ran:
        state.current, state.done = ran[-1], set(ran[:-1])
        state.received = _one(rec.received.get(ran[-1], ()))
    for k in ran:
        for slot, g in enumerate(rec.sent.get(k, ())):
            if g is not None:
                state.sent[(k, slot)] = g
    state.leaf_grads = {i: _leaf_grad(rec, i, i in ran) for i in rec.old_grads}
    return state


def _leaf_grad(rec: Recording, i: int, ran: bool) -> Any:
    old = rec.old_grads[i]
    if not ran:
        return old
    new = rec.received[i][0]
    return new if old is None else old + new


def _one(grads: tuple) -> Any:
    return grads[0] if len(grads) == 1 else grads


def _leaf_name(w: Walk, i: int, opts: Options) -> str:
    return opts.names.get(id(w.nodes[i].variable), f"leaf {i}")


def _caption(w, rec, order, step, opts, outputs) -> str:
    total = len(order)
    if step == 0:
        names = [name for name, _ in outputs]
        # dL/dL = 1 is why L.backward() needs no argument: written in the output's own name
        # when it has one (a lone output named by params=).
        named = len(names) == 1 and names[0] != "output" and names[0].isidentifier()
        one = f"d{names[0]}/d{names[0]}" if named else "d out / d out"
        return f"step 0/{total}: backward starts at {', '.join(names)} with gradient 1 ({one})"
    i = order[step - 1]
    name, data = node_name(w.nodes[i]), opts.show_data
    received = value_text(_one(rec.received.get(i, ())), data)
    head = f"step {step}/{total}: {name}"
    if hasattr(w.nodes[i], "variable"):
        total_grad = value_text(_leaf_grad(rec, i, True), data)
        leaf = _leaf_name(w, i, opts)
        return f"{head} adds {received} into {leaf}.grad, which is now {total_grad}"
    sends = []
    for slot, g in enumerate(rec.sent.get(i, ())):
        j = w.inputs[i][slot] if slot < len(w.inputs[i]) else None
        if g is None or j is None:
            continue
        target = node_name(w.nodes[j])
        if hasattr(w.nodes[j], "variable"):
            target += f" ({_leaf_name(w, j, opts)})"
        sends.append(f"{value_text(g, data)} to {target}")
    return f"{head} receives {received} and sends " + ("; ".join(sends) or "nothing")


def _frame(w, rec, order, step, state, opts, outputs, rankdir) -> Frame:
    drawing = drawing_of(outputs, w, opts, state, rankdir=rankdir)
    leaf_grads = {_leaf_name(w, i, opts): g for i, g in state.leaf_grads.items()}
    if step == 0:
        return Frame(0, None, state.caption, drawing, leaf_grads=leaf_grads)
    i = order[step - 1]
    leaf = _leaf_name(w, i, opts) if hasattr(w.nodes[i], "variable") else None
    return Frame(step, node_name(w.nodes[i]), state.caption, drawing, leaf,
                 rec.received.get(i, ()), rec.sent.get(i, ()), leaf_grads)
