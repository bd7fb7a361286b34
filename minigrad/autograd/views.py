"""Views: tensors that share memory with a base tensor (x.view, x.t(), x[0]...).

A view is made by an op marked `is_view` (ops/op.py): it shares its input's memory and
version counter. Each view remembers its base and the chain of view ops that took it from
the base, recorded or not, because an in-place change of the view changes the base too, and
the base's history must then say so (inplace.py, breadth/indexing.py's CopySlices).

    >>> import minigrad as torch
    >>> x = torch.zeros(2, 3)
    >>> v = x.t()
    >>> v._view_of[0] is x, v._version_counter is x._version_counter
    (True, True)
"""

from __future__ import annotations

import weakref
from typing import Any

from .grad_mode import is_grad_enabled


def record_view(view: Any, parent: Any, op: type, params: dict) -> None:
    """Remember how `view` was taken from its base tensor, recorded or not.

    An in-place change of the view changes the base too, and the base's history must then say
    so (Tensor._inplace). A view made under no_grad is marked: PyTorch forbids changing it in
    place once grad mode is back on, since whether that change should be recorded is unclear.
    """
    base, chain = base_and_chain(parent)
    view._view_of = (base, (*chain, (op, params)))
    if view.grad_fn is not None and base.grad_fn is not None:
        # base's history may change in place later (b.mul_(2)): rebase_views then gives this
        # view a grad_fn from the new history. (A leaf base's cannot: a leaf that requires
        # grad refuses in-place changes while recorded.)
        base.__dict__.setdefault("_views", []).append(weakref.ref(view))
    if parent._multi_output_view:  # a view of a piece of split/unbind
        view._multi_output_view = True
    if parent._inference:  # a view of an inference tensor is one (it shares its memory)
        view._inference = True
    if not is_grad_enabled() or parent._view_made_in_no_grad:
        view._view_made_in_no_grad = True
        # It still requires grad if its base does, as in PyTorch, but gradients stop at it:
        # it is a leaf without an AccumulateGrad (see Tensor._gradient_edge).
        if view.grad_fn is None and parent.requires_grad:
            view._requires_grad = True


def rebase_views(base: Any, changed: Any) -> None:
    """base's history changed in place: its other live views take their grad_fn again from
    the new history, AsStridedBackward0 (breadth/indexing.py), so their gradients go through
    the change, as PyTorch's do (it re-takes a view's grad_fn when next read, once the shared
    version has moved). `changed` (base itself, or the view written through) has its new
    grad_fn already. A retain_grad() moves to the new node; hooks registered on a view before
    stay on its old node, which no longer runs, as in PyTorch.
    """
    from ..breadth.indexing import view_history  # (here: indexing imports this module)

    refs = base.__dict__.get("_views")
    if not refs:
        return
    views = [view for view in (ref() for ref in refs) if view is not None]
    # (kept apart from the list the new nodes' own outputs, dropped at once, join)
    base._views = [weakref.ref(view) for view in views]
    for view in views:
        if view is changed:
            continue
        old = view.grad_fn
        view.grad_fn = view_history(base, view._view_of[1])
        retained = old._hooks.retains_grad if old._hooks is not None else None
        if retained is not None and retained() is view:
            old._hooks.retains_grad = None
            view.grad_fn._get_hooks().retains_grad = retained


def base_and_chain(tensor: Any) -> tuple:
    """The tensor `tensor` is a view of, and how it was taken (itself and () if not a view)."""
    return tensor._view_of or (tensor, ())


def replay_view(tensor: Any, chain: tuple) -> Any:
    """Take the same view of `tensor` that `chain` ((op, params), ...) took of a base."""
    for op, params in chain:
        tensor = op.apply(tensor, **params)
    return tensor
