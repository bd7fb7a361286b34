"""Run backward once, watching every node, and leave the caller's tensors as they were.

A pre-hook on each node sees the gradient it receives (``grad_outputs``, already summed
over all its users); a post-hook sees what it sends along each ``next_functions`` slot
(``grad_inputs``). Both torch and minigrad nodes offer ``register_prehook(fn)`` and
``register_hook(fn)`` returning handles with ``remove()``.

The run uses ``retain_graph=True`` so the caller can still call backward afterwards, and
every leaf's ``.grad`` (and that of outputs that retain grad) is put back afterwards: this
run is for looking only.

Example::

    >>> import minigrad as torch
    >>> from minigrad.viz.record import record_backward
    >>> from minigrad.viz.walk import walk
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> y = x * x
    >>> w = walk([y.grad_fn])
    >>> rec = record_backward([y], w)
    >>> rec.sent[0][0].item(), x.grad is None
    (3.0, True)
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from .walk import Walk

FREED_GRAPH_HINT = (
    "draw_backward runs backward on this graph, but its saved tensors were already freed "
    "by an earlier backward(). Call draw_backward before backward(), or call "
    "backward(retain_graph=True)."
)


@dataclass
class Recording:
    received: dict[int, tuple] = field(default_factory=dict)  # node -> grads it received
    sent: dict[int, tuple] = field(default_factory=dict)  # node -> grads per input slot
    fired: list[int] = field(default_factory=list)  # node indices in the order run
    seeds: list[Any] = field(default_factory=list)  # the gradient fed to each output
    old_grads: dict[int, Any] = field(default_factory=dict)  # AccumulateGrad -> leaf's .grad


def library_of(t: Any) -> Any:
    """The library a tensor comes from (``torch`` or ``minigrad``), for ones_like/backward."""
    return importlib.import_module(type(t).__module__.split(".")[0])


def _copy(grads: tuple) -> tuple:
    # Detached copies: the engine may reuse a gradient buffer (or hand it to a leaf as
    # .grad) after the hook returns.
    return tuple(None if g is None else g.detach().clone() for g in grads)


def record_backward(outputs: list[Any], w: Walk, also_keep: tuple = ()) -> Recording:
    """Backward from ``outputs`` (seeded with ones, like ``y.sum().backward()``).

    ``also_keep``: more tensors whose ``.grad`` must survive (named intermediates that
    retain grad; the graph alone cannot find those).
    """
    rec = Recording()
    lib = library_of(outputs[0])
    rec.seeds = [lib.ones_like(t) for t in outputs]
    leaves = {i: n.variable for i, n in enumerate(w.nodes) if hasattr(n, "variable")}
    kept = [(t, t.grad) for t in (*outputs, *also_keep)
            if t.is_leaf or getattr(t, "retains_grad", False)]
    kept += [(v, v.grad) for v in leaves.values()]
    rec.old_grads = {i: v.grad for i, v in leaves.items()}
    handles = []
    try:
        for t, _ in kept:
            t.grad = None  # so grads from this run are not added into the caller's
        for i, node in enumerate(w.nodes):
            handles.append(node.register_prehook(_on_receive(rec, i)))
            handles.append(node.register_hook(_on_send(rec, i)))
        try:
            lib.autograd.backward(outputs, rec.seeds, retain_graph=True)
        except RuntimeError as e:
            if "second time" in str(e) or "freed" in str(e):
                raise RuntimeError(FREED_GRAPH_HINT) from e
            raise
    finally:
        for h in handles:
            h.remove()
        for t, grad in kept:
            t.grad = grad
    return rec


def _on_receive(rec: Recording, i: int):
    def hook(grad_outputs: tuple) -> None:
        rec.received[i] = _copy(grad_outputs)
        rec.fired.append(i)

    return hook


def _on_send(rec: Recording, i: int):
    def hook(grad_inputs: tuple, grad_outputs: tuple) -> None:
        rec.sent[i] = _copy(grad_inputs)

    return hook
