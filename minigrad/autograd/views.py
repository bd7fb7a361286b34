"""Views: tensors that share memory with a base tensor (x.view, x.t(), x[0]...).

A view is made by an op marked `is_view` (ops/op.py): it shares its input's memory and
version counter. Each view remembers its base and the chain of view ops that took it from
the base, recorded or not, because an in-place change of the view changes the base too, and
the base's history must then say so (inplace.py, breadth/indexing.py's CopySlices). And
each view is registered, weakly, with the version counter it shares with its base: any change
of their memory, recorded or not, marks it stale (ViewedVersionCounter, StaleView), and when
its grad_fn is next read it takes it again from the base's history, or becomes an InvalidView
where PyTorch refuses to, as PyTorch's views do.

    >>> import minigrad as torch
    >>> x = torch.zeros(2, 3)
    >>> v = x.t()
    >>> v._view_of[0] is x, v._version_counter is x._version_counter
    (True, True)
"""

from __future__ import annotations

import warnings
import weakref
from typing import Any

from .. import messages
from ..overrides import override
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
    share marks the views stale (StaleView), so each takes its grad_fn again from its base's
    history when it is next read, as PyTorch's does. `views` holds the views weakly."""

    views: list

    def bump(self) -> None:
        self.value += 1
        live = [ref for ref in self.views if ref() is not None]
        self.views = live
        if live:  # (most changes find none: a weight's t() is gone by the optimizer's step)
            mark_stale(live, changed=None)


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
    """base's history changed in place, recorded: its other live views are stale. `changed`
    (base itself, or the view written through) has its new grad_fn already."""
    counter = base._version_counter
    if type(counter) is ViewedVersionCounter:
        counter.views = live = [ref for ref in counter.views if ref() is not None]
        mark_stale(live, changed)


def follow_base(base: Any, requires_grad: bool) -> None:
    """base's requires_grad flag was set: its live views that are leaves (made before it
    required grad, or under no_grad) follow it, as PyTorch's view requires grad while its
    base does (FollowingView); and stop following when it is unset."""
    counter = base._version_counter
    if type(counter) is not ViewedVersionCounter:
        return
    for ref in counter.views:
        view = ref()
        if view is None or view._view_of[0] is not base or _grad_fn_slot.__get__(view):
            continue
        if requires_grad and type(view) is Tensor and not view._requires_grad:
            view.__class__ = FollowingView
            view._requires_grad = True
        elif not requires_grad and type(view) is FollowingView:
            view.__class__ = Tensor
            view._requires_grad = False


def mark_stale(refs: list, changed: Any) -> None:
    """Each live view in `refs` but `changed` takes its grad_fn again when next read: a plain
    Tensor becomes a StaleView (cheap: no node is made for a view never read again, and the
    base's state when it is read decides, as in PyTorch); a view of another class is taken
    again at once."""
    for ref in refs:
        view = ref()
        if view is None or view is changed:
            continue
        if type(view) is FollowingView:  # (a StaleView's requires_grad follows its base)
            view._requires_grad = False
            view.__class__ = Tensor
        if type(view) is Tensor:
            view.__class__ = StaleView
        elif type(view) is not StaleView:
            retake_grad_fn(view)


def retake_grad_fn(view: Any) -> None:
    """The memory `view` shares with its base changed: its grad_fn is taken again from its
    base's history, AsStridedBackward0 (breadth/indexing.py), so its gradient goes through
    the change, as in PyTorch. A retain_grad() moves to the new node; hooks registered on the
    view before stay on its old node, which no longer runs, as in PyTorch.

    A view made under no_grad or inference_mode, a piece of split/unbind (or a view of one)
    and an input a custom Function returned as-is cannot be taken again: as PyTorch's, it
    becomes an InvalidView, whose grad_fn is an error. Nothing happens while neither the view
    nor its base has a gradient to pass on (a StaleView stays stale: it is taken again once
    its base requires grad, as PyTorch's).
    """
    from ..breadth.indexing import view_history  # (here: indexing imports this module)

    if type(view) is InvalidView:
        return
    old = _grad_fn_slot.__get__(view)
    base, chain = view._view_of
    if old is None and not base.requires_grad:
        return
    if type(view) is StaleView:
        view.__class__ = Tensor
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


_grad_fn_slot = Tensor.grad_fn  # (the slot's descriptor, which the properties below hide)


def recorded_grad_fn(tensor: Any) -> Any:
    """The node `tensor` was made by, not taken again (even for an InvalidView)."""
    return _grad_fn_slot.__get__(tensor)


class ChangedView(Tensor):
    """What a view whose base changed in place answers without taking its grad_fn again:
    PyTorch judges whether it is a leaf by the node it was made with. A view made under
    no_grad had none: requires_grad_ sets its flag, retain_grad() does nothing, .grad warns
    not; a recorded view had one: it is refused as a non-leaf's, .grad warns."""

    __slots__ = ()

    def _set_requires_grad(self, value: bool) -> None:
        if recorded_grad_fn(self) is not None:
            raise RuntimeError(messages.NON_LEAF_FLAG + ("" if value else
                                                         messages.NON_LEAF_FLAG_HINT))
        if value and not self.dtype.is_floating_point:
            raise RuntimeError(messages.INTEGER_REQUIRES_GRAD)
        self._requires_grad = bool(value)

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        if requires_grad and recorded_grad_fn(self) is not None:
            return self  # (a non-leaf that requires grad already, as Tensor.requires_grad_)
        self._set_requires_grad(requires_grad)
        return self

    def retain_grad(self) -> None:
        if recorded_grad_fn(self) is not None or not self.requires_grad:
            Tensor.retain_grad(self)  # (refused, or reads its grad_fn, which may be refused)

    @property
    def grad(self) -> Any:
        if recorded_grad_fn(self) is not None and not self._retains_grad and self._grad is None:
            warnings.warn(messages.NON_LEAF_GRAD, UserWarning, stacklevel=2)
        return self._grad

    grad = grad.setter(Tensor.grad.fset)


class StaleView(ChangedView):
    """A view whose memory changed since its grad_fn was taken (mark_stale). Reading its
    grad_fn takes it again first (retake_grad_fn), then it is a Tensor again; anything that
    reads the grad_fn (an op, backward, printing, is_leaf) does so. Its requires_grad is
    PyTorch's for a view, without taking the grad_fn again: its own flag or node, or its
    base's. So a view never read again costs no node, and one read after its base took a
    gradient (b.requires_grad_()) follows it, as in PyTorch."""

    __slots__ = ()

    @property
    def grad_fn(self) -> Any:
        retake_grad_fn(self)
        return self.grad_fn if type(self) is not StaleView else _grad_fn_slot.__get__(self)

    @grad_fn.setter
    def grad_fn(self, node: Any) -> None:  # (a change of the view itself: fresh again)
        self.__class__ = Tensor
        _grad_fn_slot.__set__(self, node)

    requires_grad = property(
        lambda self: (self._requires_grad or _grad_fn_slot.__get__(self) is not None
                      or self._view_of[0].requires_grad),
        ChangedView._set_requires_grad)


class InvalidView(ChangedView):
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

    requires_grad = property(lambda self: True, ChangedView._set_requires_grad)


class FollowingView(Tensor):
    """A view, a leaf, whose base started requiring grad after it was made (follow_base): it
    requires grad too, as PyTorch's does while its base does, but gathers no gradient (it
    has no AccumulateGrad in PyTorch, whose own flag stays off), as a view made under
    no_grad of a base that requires grad (Tensor._gradient_edge)."""

    __slots__ = ()

    def _gradient_edge(self) -> tuple:
        if self.grad_fn is None:
            return (None, 0)
        return Tensor._gradient_edge(self)  # (taken again since its base changed)

    def _set_requires_grad(self, value: bool) -> None:
        if value:  # its own flag now: a leaf that gathers its gradient, as in PyTorch
            self.__class__ = Tensor
        # (turned off, it still requires grad: its base's)

    requires_grad = property(Tensor.requires_grad.fget, _set_requires_grad)


_flag = Tensor.requires_grad


@override(Tensor, "requires_grad", "parity")
@_flag.setter
def requires_grad(self: Tensor, value: bool) -> None:
    """x.requires_grad = value (and requires_grad_()); x's views follow (follow_base)."""
    _flag.fset(self, value)
    follow_base(self, bool(value))


# type(v) prints as a Tensor's, <class 'minigrad.Tensor'> (minigrad/__init__.py), as PyTorch's
# views are torch.Tensors.
for _view_class in (InvalidView, StaleView, FollowingView):
    _view_class.__name__ = _view_class.__qualname__ = "Tensor"
    _view_class.__module__ = "minigrad"


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
