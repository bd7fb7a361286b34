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


def base_and_chain(tensor: Any) -> tuple:
    """The tensor `tensor` is a view of, and how it was taken (itself and () if not a view)."""
    return tensor._view_of or (tensor, ())


def replay_view(tensor: Any, chain: tuple) -> Any:
    """Take the same view of `tensor` that `chain` ((op, params), ...) took of a base."""
    for op, params in chain:
        tensor = op.apply(tensor, **params)
    return tensor
