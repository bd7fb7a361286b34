"""Views: tensors that share memory with a base tensor (x.view, x.t(), x[0]...).

A view is made by an op marked `is_view` (ops/op.py): it shares its input's memory and
version counter. Each view remembers its base and the chain of view ops that took it from
the base, recorded or not, because an in-place change of the view changes the base too, and
the base's history must then say so (inplace.py, breadth/indexing.py's CopySlices). And
each view is registered, weakly, with the version counter it shares with its base: any change
of their memory, recorded or not, makes it take its grad_fn again from the base's history
(ViewedVersionCounter), or makes it an InvalidView where PyTorch refuses to.

    >>> import minigrad as torch
    >>> x = torch.zeros(2, 3)
    >>> v = x.t()
    >>> v._view_of[0] is x, v._version_counter is x._version_counter
    (True, True)
"""

from __future__ import annotations

import weakref
from typing import Any

from .. import messages
from ..tensor import Tensor, _VersionCounter
from .grad_mode import enable_grad, is_grad_enabled
from .inference_mode import is_inference_mode_enabled


def record_view(view: Any, parent: Any, op: type, params: dict) -> None:
    """Remember how `view` was taken from its base tensor, recorded or not.

    An in-place change of the view changes the base too, and the base's history must then say
    so (Tensor._inplace); a change of the base, or of another of its views, changes the view,
    whose grad_fn must then be taken again (retake_grad_fn). A view made under no_grad is
    marked: PyTorch forbids changing it in place once grad mode is back on, since whether that
    change should be recorded is unclear.
    """
    base, chain = base_and_chain(parent)
    view._view_of = (base, (*chain, (op, params)))
    if parent._inference:  # a view of an inference tensor is one (it shares its memory)
        view._inference = True
    if parent._multi_output_view or parent._view_made_in_no_grad or not is_grad_enabled():
        _mark(view, parent, parent._multi_output_view)
    listen(view)


def record_pieces(pieces: list, parent: Any, keys: list) -> None:
    """The pieces of split/unbind/chunk are views of `parent` too (each one `parent[key]`), for
    its base's changes and `_base`; PyTorch refuses their in-place changes (inplace.py) and
    their use after such a change (retake_grad_fn)."""
    from ..breadth.indexing import _Indexed  # (here: indexing imports this module)

    base, chain = base_and_chain(parent)
    for piece, key in zip(pieces, keys):
        piece._view_of = (base, (*chain, (_Indexed, {"key": key})))
        _mark(piece, parent, True)
        listen(piece)


def _mark(view: Any, parent: Any, multi_output: bool) -> None:
    """How `view` was made, which decides what PyTorch allows it once it or its base changes in
    place (a view of a marked view is marked too)."""
    if not is_grad_enabled() or parent._view_made_in_no_grad:
        view._view_made_in_no_grad = True
        if is_inference_mode_enabled() or parent._view_made_in_inference:
            view._view_made_in_inference = True
        # It still requires grad if its base does, as in PyTorch, but gradients stop at it:
        # it is a leaf without an AccumulateGrad (see Tensor._gradient_edge).
        if view.grad_fn is None and parent.requires_grad:
            view._requires_grad = True
    elif multi_output:  # a piece of split/unbind, or a view of one
        view._multi_output_view = True


def returned_input(tensor: Any) -> Any:
    """What a custom Function's forward returned as-is, one of its inputs, becomes: a view of
    it that refuses in-place changes, and its use after its base changed (retake_grad_fn)."""
    view = tensor.detach()
    view._view_of = base_and_chain(tensor)
    view._multi_output_view = True
    listen(view)
    return view


class ViewedVersionCounter(_VersionCounter):
    """The version counter of a tensor that has views: each change (bump) of the memory they
    share takes the views' grad_fn again from their base's history (PyTorch does it when a
    view's grad_fn is next read after its version moved; minigrad at once, so reading a
    grad_fn stays reading an attribute). `views` holds the views weakly."""

    views: list

    def bump(self) -> None:
        self.value += 1
        live = [ref for ref in self.views if ref() is not None]
        self.views = live
        if live:  # (most changes find none: a weight's t() is gone by the optimizer's step)
            retake_views(self, changed=None)


def listen(view: Any) -> None:
    """Register `view` with the version counter it shares with its base (once it has views,
    a ViewedVersionCounter). Dead views are dropped whenever the list doubles."""
    counter = view._version_counter
    if type(counter) is not ViewedVersionCounter:
        if type(counter) is not _VersionCounter:
            return  # an inference tensor's, which counts nothing (inference_mode.py)
        counter.__class__ = ViewedVersionCounter
        counter.views = []
    refs = counter.views
    refs.append(weakref.ref(view))
    n = len(refs)
    if n >= 32 and not n & (n - 1):
        counter.views = [ref for ref in refs if ref() is not None]


def rebase_views(base: Any, changed: Any) -> None:
    """base's history changed in place, recorded: its other live views take their grad_fn
    again from the new history. `changed` (base itself, or the view written through) has its
    new grad_fn already."""
    counter = base._version_counter
    if type(counter) is ViewedVersionCounter:
        retake_views(counter, changed)


def retake_views(counter: ViewedVersionCounter, changed: Any) -> None:
    """Each live view on `counter` but `changed` takes its grad_fn again (retake_grad_fn)."""
    live = [ref for ref in counter.views if ref() is not None]
    counter.views = live
    # (over a copy: the nodes made below take views of their own, dropped at once)
    for ref in live[:]:
        view = ref()
        if view is not None and view is not changed:
            retake_grad_fn(view)


def retake_grad_fn(view: Any) -> None:
    """The memory `view` shares with its base changed: its grad_fn is taken again from its
    base's history, AsStridedBackward0 (breadth/indexing.py), so its gradient goes through
    the change, as in PyTorch. A retain_grad() moves to the new node; hooks registered on the
    view before stay on its old node, which no longer runs, as in PyTorch.

    A view made under no_grad or inference_mode, a piece of split/unbind (or a view of one)
    and an input a custom Function returned as-is cannot be taken again: as PyTorch's, it
    becomes an InvalidView, whose grad_fn is an error. Nothing happens while neither the view
    nor its base has a gradient to pass on.
    """
    from ..breadth.indexing import view_history  # (here: indexing imports this module)

    if type(view) is InvalidView:
        return
    old = view.grad_fn
    base, chain = view._view_of
    if old is None and not base.requires_grad:
        return
    if view._multi_output_view or view._view_made_in_no_grad:
        message = messages.view_changed_inplace(view, old, indirect=True)
        view.__class__ = InvalidView
        view._invalid = message
        return
    with enable_grad():  # (a change under no_grad re-takes it too)
        view.grad_fn = view_history(base, chain)
    retained = old._hooks.retains_grad if old is not None and old._hooks is not None else None
    if retained is not None and retained() is view:
        old._hooks.retains_grad = None
        view.grad_fn._get_hooks().retains_grad = retained


_grad_fn_slot = Tensor.grad_fn  # (the slot's descriptor, which InvalidView's property hides)


def recorded_grad_fn(tensor: Any) -> Any:
    """The node `tensor` was made by, even for an InvalidView (for the messages above)."""
    return _grad_fn_slot.__get__(tensor)


class InvalidView(Tensor):
    """A view whose grad_fn PyTorch cannot take again after its base changed in place
    (retake_grad_fn): reading its grad_fn raises the error that says why, and so does anything
    that would record it (an op under grad mode, backward, is_leaf). It prints as
    `grad_fn=<Invalid>`, as PyTorch's repr catches that error; it still requires grad."""

    __slots__ = ()

    @property
    def grad_fn(self) -> Any:
        raise RuntimeError(self._invalid)

    @grad_fn.setter
    def grad_fn(self, node: Any) -> None:
        _grad_fn_slot.__set__(self, node)

    @property
    def requires_grad(self) -> bool:
        return True

    @requires_grad.setter
    def requires_grad(self, value: bool) -> None:
        # PyTorch judges a leaf by the node the view was made with, without taking it again:
        # a view made under no_grad had none, so the flag is set (and changes nothing), a
        # piece of unbind had one, so it is refused as a non-leaf's.
        if recorded_grad_fn(self) is not None:
            raise RuntimeError(messages.NON_LEAF_FLAG + ("" if value else
                                                         messages.NON_LEAF_FLAG_HINT))
        self._requires_grad = bool(value)

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        if requires_grad and recorded_grad_fn(self) is not None:
            return self  # (a non-leaf that requires grad already, as Tensor.requires_grad_)
        self.requires_grad = requires_grad
        return self

    def retain_grad(self) -> None:
        if recorded_grad_fn(self) is not None:
            raise RuntimeError(self._invalid)
        # a view made under no_grad counts as a leaf, whose retain_grad() does nothing

    grad = property(lambda self: self._grad, Tensor.grad.fset)  # (read without a warning)


# type(v) prints as a Tensor's, <class 'minigrad.Tensor'> (minigrad/__init__.py), as PyTorch's
# invalid view is a torch.Tensor.
InvalidView.__name__ = InvalidView.__qualname__ = "Tensor"
InvalidView.__module__ = "minigrad"


def base_and_chain(tensor: Any) -> tuple:
    """The tensor `tensor` is a view of, and how it was taken (itself and () if not a view)."""
    return tensor._view_of or (tensor, ())


def replay_view(tensor: Any, chain: tuple) -> Any:
    """Take the same view of `tensor` that `chain` ((op, params), ...) took of a base."""
    for op, params in chain:
        tensor = op.apply(tensor, **params)
    return tensor


def check_first(method: Any) -> Any:
    """An in-place method of an InvalidView: refused as a change of the view itself, before
    its operation reads the grad_fn (which would say its base changed)."""
    def inplace(self: Any, *args: Any, **kwargs: Any) -> Any:
        self._check_inplace()
        return method(self, *args, **kwargs)

    inplace.__name__ = inplace.__qualname__ = method.__name__
    return inplace
