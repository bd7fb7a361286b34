"""In-place operations and what they do to the graph: x.add_(y), x[0] = 1, x.zero_().

An in-place operation overwrites a tensor's numbers, so autograd must (1) refuse what it could
not differentiate (a leaf that requires grad, a view made under no_grad...), (2) bump the
version counter, so a saved copy of the old value is caught at backward (graph.SavedTensor),
and (3) move the tensor to the new node: it is now the op's output. When the tensor is a view,
its base changed too; the base's history is rewritten (breadth/indexing.py: CopySlices).
These methods are copied onto Tensor when minigrad is imported, as those of
_tensor_methods.py are.

    >>> import minigrad as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> y = x * 1
    >>> y.mul_(2)
    tensor([2., 4.], grad_fn=<MulBackward0>)
"""

from __future__ import annotations

from collections.abc import Callable
from numbers import Number
from typing import Any

import numpy as np

from . import _dtype, memory_overlap, messages
from ._size import bracketed
from ._tensor_methods import attach
from .autograd.grad_mode import is_grad_enabled
from .autograd.graph import SavedTensor
from .autograd.inference_mode import is_inference_mode_enabled
from .autograd.views import (
    InvalidView,
    StaleView,
    check_first,
    follow_base,
    rebase_views,
    recorded_grad_fn,
)
from .breadth import (
    addc,
    addmm,
    clamping,
    filling,
    float_parts,
    fused,
    indexing,
    inplace_views,
    lerp,
    math_functions,
    overlapping_reads,
    powers,
    products_in_turn,
    random_fills,
    resizing,
    rounding,
    selection,
    set_storage,
    special_functions,
)
from .breadth import gather as gathering
from .ops import arithmetic, unary
from .tensor import Tensor


def _keeps(saved: Any, tensor: Tensor) -> bool:
    """Whether an entry of a node's saved tensors is `tensor` itself (or was, before a saved
    tensors hook packed it: autograd/saved_hooks.py)."""
    return type(saved) is SavedTensor and (
        saved.tensor is tensor or getattr(saved.tensor, "source_id", None) == id(tensor))


def _masked_fill(self: Tensor, mask: Any, value: Any) -> Tensor:
    """masked_fill, for masked_fill_: whose error for a mask that does not broadcast names
    self first (masked_fill's names the mask first)."""
    if isinstance(mask, Tensor):
        messages.check_broadcast(self, mask)
    return selection.masked_fill(self, mask, value)


def _number(alpha: Any) -> Any:
    """A scalar argument given as a one-element tensor (LBFGS's step size), as its number."""
    return alpha.item() if isinstance(alpha, Tensor) else alpha


class InPlaceMethods:
    """The in-place methods copied onto Tensor (never instantiated itself)."""

    def _check_inplace(self, *others: Any) -> None:
        """PyTorch's refusals of an in-place change of self (others: the op's other operands)."""
        if not is_grad_enabled():
            return  # under no_grad, parameters may be updated in place
        view_of = self._view_of
        others_require_grad = any(isinstance(t, Tensor) and t.requires_grad for t in others)
        if (self._view_made_in_no_grad and (view_of[0].requires_grad or others_require_grad)
                or self._multi_output_view and (self.requires_grad or others_require_grad)):
            raise RuntimeError(messages.view_changed_inplace(self, recorded_grad_fn(self),
                                                             indirect=False))
        if view_of is not None and view_of[0].is_leaf and view_of[0].requires_grad:
            raise RuntimeError(messages.LEAF_VIEW_INPLACE)  # (first, for a FollowingView)
        if self.grad_fn is None and self._requires_grad:
            raise RuntimeError(messages.LEAF_INPLACE)

    def _inplace(self, result: Tensor, written: np.ndarray | None = None,
                 read: tuple = (), again: Callable | None = None) -> Tensor:
        """Write an out-of-place result into self; self takes over its grad_fn. (An op that
        writes an expanded self, as masked_fill_, says which elements it writes: `written`,
        broadcast to self's shape, memory_overlap.py; `read`, the operands that may share
        self's memory; `again(self, *read)`, the result computed again, which a read through
        a view that is not dense then gets in PyTorch's loop order: overlapping_reads.py.)"""
        self._check_inplace(result)
        if memory_overlap.check_partial(self._data, *read) and again is not None:
            overlapping_reads.rewrite(result, self, again, read)
        if result._data.shape != self._data.shape:
            memory_overlap.check(self._data)  # (PyTorch's kernel looks at the memory first)
            raise RuntimeError(
                f"output with shape {bracketed(self.shape)} doesn't match the "
                f"broadcast shape {bracketed(result.shape)}")
        if not np.can_cast(result._data.dtype, self._data.dtype, "same_kind"):
            memory_overlap.check(self._data)  # (here too)
            raise RuntimeError(
                f"result type {_dtype.message_name(result.dtype)} can't be cast to the desired "
                f"output type {_dtype.message_name(self.dtype)}")
        node = result.grad_fn
        if node is not None and getattr(node, "_saved", None):
            # The op may have saved self, whose old value is about to be overwritten: keep a
            # copy instead (PyTorch's "original self"), with the same place in the graph.
            node._saved = tuple(SavedTensor(self._snapshot()) if _keeps(s, self) else s
                                for s in node._saved)
        try:
            np.copyto(self._data, result._data, casting="unsafe")
        except ValueError:  # numpy's read-only view of an expanded tensor
            memory_overlap.copyto(self._data, result._data, written)
        self._version_counter.bump()
        if node is not None:
            self._take_history(result)
            if node._saved:
                self._save_as_output(node, result)
        return self

    def _inplace_op(self, function: Callable, *args: Any, **kwargs: Any) -> Tensor:
        """self._inplace(function(self, *args, **kwargs)): see _out_of_place."""
        return self._inplace(self._out_of_place(function, *args, **kwargs), read=args,
                             again=lambda *operands: function(*operands, **kwargs))

    def _out_of_place(self, function: Callable, *args: Any, **kwargs: Any) -> Tensor:
        """function(self, *args, **kwargs), the result an elementwise in-place op writes, with
        PyTorch's errors in its order: autograd's refusals of the change first (_check_inplace),
        then the op's; and its kernel looks at the memory it writes before at the operands'
        shapes or at add's and sub's alpha, so where self's elements share memory (an expanded
        tensor, memory_overlap.py) and the operands do not broadcast or alpha does not suit
        the dtype, that is the error."""
        try:
            return function(self, *args, **kwargs)
        except RuntimeError as error:
            failure = error
        self._check_inplace(*args, *kwargs.values())
        if (messages.is_broadcast_mismatch(failure) or messages.is_alpha_refusal(failure)) \
                and memory_overlap.has_internal_overlap(self._data):
            raise RuntimeError(messages.INTERNAL_OVERLAP)
        raise failure

    def _save_as_output(self, node: Any, result: Tensor) -> None:
        """An op that saved its output (sigmoid_, exp_, sqrt_...) saved `result`, whose numbers
        now live in self: it keeps self instead, at its new version, so a later in-place change
        of self is caught at backward (as PyTorch's in-place op saves self). A result packed by
        saved tensor hooks stays packed: hooked tensors skip the version check anyway."""
        node._saved = tuple(SavedTensor(self, is_output=True)
                            if type(s) is SavedTensor and s.is_output
                            and isinstance(s.tensor, Tensor) and s.tensor._data is result._data
                            else s for s in node._saved)

    def _take_history(self, result: Tensor) -> None:
        """Self now holds `result`'s values, so it takes over result's place in the graph."""
        view_of = self._view_of
        if view_of is None:
            self.grad_fn = result.grad_fn
            rebase_views(self, self)
        else:  # self is a view: its base changed too (see indexing.CopySlices)
            base, chain = view_of
            indexing.rebase_history(base, chain, result.grad_fn)
            self.grad_fn = indexing.view_history(base, chain)
            rebase_views(base, self)  # and so did its base's other views

    def _snapshot(self) -> Tensor:
        """A copy of the data that sits where self sits in the graph."""
        return Tensor._make(self._data.copy(), self._requires_grad, self.grad_fn)

    def _record_inplace(self, op: type, *inputs: Any) -> None:
        """Record an in-place op whose write already happened (fill_, zero_, copy_)."""
        if is_grad_enabled() and any(t is not None and t.requires_grad for t in inputs):
            self._take_history(op.apply(*inputs))

    def add_(self, other: Any, *, alpha: Any = 1) -> Tensor:
        alpha = _number(alpha)
        if isinstance(alpha, (bool, np.bool_, complex)):
            # arithmetic.add's check, before the shortcut (in _out_of_place's order of errors)
            self._out_of_place(messages.check_alpha, other, alpha)
        if (isinstance(other, Tensor) and self._data.dtype.kind == "f"
                and other._data.dtype == self._data.dtype
                and other._data.shape == self._data.shape
                and (not is_grad_enabled() or not (self.requires_grad or other.requires_grad
                                                   or self._view_of is not None))):
            # Nothing to record: under no_grad (an optimizer's update, say), or with grad
            # enabled when neither tensor requires grad and self is no view (_inplace would
            # check a view's base). Add straight into the data rather than build the
            # out-of-place result and copy it back, a third of the memory traffic.
            try:
                if memory_overlap.check_partial(self._data, other):
                    raise ValueError  # (read in PyTorch's loop order, below)
                if alpha == 1:
                    np.add(self._data, other._data, out=self._data)
                else:  # rounded once, as PyTorch's fused multiply-add (parity.py's add)
                    fused.fused_add(self._data, alpha, other._data, out=self._data)
                self._version_counter.bump()
                return self
            except ValueError:  # numpy's read-only view of an expanded tensor: written below
                pass
        return self._inplace_op(arithmetic.add, other, alpha=alpha)

    def sub_(self, other: Any, *, alpha: Any = 1) -> Tensor:
        return self._inplace_op(arithmetic.sub, other, alpha=_number(alpha))

    def mul_(self, other: Any) -> Tensor:
        return self._inplace_op(arithmetic.mul, other)

    def div_(self, other: Any, *, rounding_mode: str | None = None) -> Tensor:
        return self._inplace_op(rounding.div, other, rounding_mode=rounding_mode)

    def floor_divide_(self, other: Any) -> Tensor:
        return self._inplace_op(rounding.floor_divide, other)

    def remainder_(self, other: Any) -> Tensor:
        return self._inplace_op(rounding.remainder, other)

    def fmod_(self, other: Any) -> Tensor:
        return self._inplace_op(rounding.fmod, other)

    def scatter_add_(self, dim: int, index: Tensor, src: Tensor) -> Tensor:
        return self._inplace_op(gathering.scatter_add, dim, index, src)

    def scatter_(self, dim: int, index: Tensor, src: Any = None, *, value: Any = None,
                 reduce: Any = None) -> Tensor:
        return self._inplace_op(gathering.scatter, dim, index, src, value=value, reduce=reduce)

    def index_add_(self, dim: int, index: Tensor, source: Tensor, *, alpha: Any = 1) -> Tensor:
        return self._inplace_op(gathering.index_add, dim, index, source, alpha=alpha)

    def clamp_min_(self, min: Any) -> Tensor:  # noqa: A002
        return self._inplace_clamped(clamping.clamp_min, min)

    def clamp_max_(self, max: Any) -> Tensor:  # noqa: A002
        return self._inplace_clamped(clamping.clamp_max, max)

    def _inplace_clamped(self, function: Callable, *bounds: Any) -> Tensor:
        """_inplace_op for clamp_: with a number bound, PyTorch's error names the dtype it
        cannot write into by its C++ type ('long int', not 'Long')."""
        result = self._out_of_place(function, *bounds)
        if any(isinstance(b, (Number, np.generic)) for b in bounds) \
                and not np.can_cast(result._data.dtype, self._data.dtype, "same_kind"):
            raise RuntimeError(
                f"result type {_dtype.message_name(result.dtype)} can't be cast to the desired "
                f"output type {_dtype.c_type_name(self.dtype)}")
        return self._inplace(result)

    def tril_(self, diagonal: int = 0) -> Tensor:
        return self._inplace_triangle(self._out_of_place(selection.tril, diagonal), np.triu,
                                      diagonal + 1)

    def triu_(self, diagonal: int = 0) -> Tensor:
        return self._inplace_triangle(self._out_of_place(selection.triu, diagonal), np.tril,
                                      diagonal - 1)

    def _inplace_triangle(self, result: Tensor, zeroed_part: Callable, diagonal: int) -> Tensor:
        """tril_/triu_: PyTorch's in-place kernel writes only the zeros (zeroed_part(diagonal)
        of each matrix), so it writes an expanded self too, without a warning: a memory
        location is zeroed if any of its elements is."""
        return self._inplace(result, zeroed_part(np.ones(self._data.shape[-2:], bool), diagonal))

    def pow_(self, exponent: Any) -> Tensor:
        return self._inplace_op(powers.pow, exponent)

    def exp_(self) -> Tensor:
        return self._inplace_op(unary.exp)

    def clamp_(self, min: Any = None, max: Any = None) -> Tensor:  # noqa: A002
        return self._inplace_clamped(clamping.clamp, min, max)

    clip_ = clamp_

    def relu_(self) -> Tensor:
        return self._inplace_op(unary.relu)

    def neg_(self) -> Tensor:
        return self._inplace_op(arithmetic.neg)

    def zero_(self) -> Tensor:
        return self._fill(0, filling.ZeroBackward0)

    def fill_(self, value: Any) -> Tensor:
        if isinstance(value, Tensor):
            if value.ndim:  # (x.fill_(other) meant as x.copy_(other))
                raise RuntimeError("fill_ only supports 0-dimension value tensor but got tensor "
                                   f"with {value.ndim} dimensions.")
            return self._fill(value, filling.FillBackward3, value)
        return self._fill(value, filling.FillBackward2)

    def _fill(self, value: Any, op: type, *more_inputs: Tensor) -> Tensor:
        self._check_inplace(*more_inputs)
        if isinstance(value, Tensor):
            memory_overlap.check(self._data)  # (fill_ with a number writes overlapping memory)
            value = value._data
        else:
            value = _dtype.number_as(value, self._data.dtype, checked=True)
        memory_overlap.writable(self._data, overlap_allowed=True)[...] = value
        self._version_counter.bump()  # (first: the views it makes stale exclude self, below)
        self._record_inplace(op, self, *more_inputs)
        return self

    def copy_(self, src: Tensor) -> Tensor:
        self._check_inplace(src)
        src = src if isinstance(src, Tensor) else Tensor._make(np.asarray(src))
        memory_overlap.check(self._data)
        interleaved = memory_overlap.check_partial(self._data, src)
        messages.check_written_shape(self._data.shape, src._data.shape)
        values = np.broadcast_to(src._data, self._data.shape)
        if interleaved:  # (PyTorch's loop reads elements it has written)
            values = overlapping_reads.values_in_loop_order(self._data, [src._data],
                                                            lambda s: s)
        memory_overlap.copyto(self._data, values)
        self._version_counter.bump()
        self._record_inplace(filling.CopyBackwards, self, src)
        return self

    def __setitem__(self, key: Any, value: Any) -> None:
        indexing.setitem(self, key, value)

    def detach_(self) -> Tensor:
        if is_inference_mode_enabled():
            return self  # (PyTorch's runs without autograd there, which does the detaching)
        if self._is_view():  # any view, made under no_grad or of a tensor needing no grad too
            raise RuntimeError(messages.DETACH_VIEW_INPLACE)
        self.grad_fn = None
        self._requires_grad = False
        follow_base(self, False)  # (its views that followed its flag stop)
        return self

    def masked_fill_(self, mask: Tensor, value: Any) -> Tensor:
        self._check_inplace(value)  # (autograd's refusals first, as _out_of_place's)
        memory_overlap.warn_expanded(self._data, "masked_fill_")
        return self._inplace(_masked_fill(self, mask, value), mask._data)

    uniform_ = random_fills.uniform_
    normal_ = random_fills.normal_
    random_ = random_fills.random_
    bernoulli_ = random_fills.bernoulli_
    exponential_ = random_fills.exponential_
    unsqueeze_ = inplace_views.unsqueeze_
    squeeze_ = inplace_views.squeeze_
    t_ = inplace_views.t_
    transpose_ = inplace_views.transpose_
    as_strided_ = inplace_views.as_strided_
    swapaxes_ = swapdims_ = inplace_views.transpose_
    resize_ = resizing.resize_
    resize_as_ = resizing.resize_as_
    set_ = set_storage.set_

    addcmul_ = addc.in_place("addcmul_", addc.addcmul)
    addcdiv_ = addc.in_place("addcdiv_", addc.addcdiv)

    def addmm_(self, mat1: Tensor, mat2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
        return self._inplace_op(addmm.addmm, mat1, mat2, beta=beta, alpha=alpha)

    addmv_ = products_in_turn.addmv_  # (an expanded self is written, as PyTorch's loop does)

    def addr_(self, vec1: Tensor, vec2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
        return self._inplace_op(addmm.addr, vec1, vec2, beta=beta, alpha=alpha)

    baddbmm_ = products_in_turn.baddbmm_  # (likewise)

    def addbmm_(self, batch1: Tensor, batch2: Tensor, *, beta: Any = 1,
                alpha: Any = 1) -> Tensor:
        return self._inplace_op(addmm.addbmm, batch1, batch2, beta=beta, alpha=alpha)

    def lerp_(self, end: Tensor, weight: Any) -> Tensor:
        return self._inplace_op(lerp.lerp, end, weight)

    def hypot_(self, other: Tensor) -> Tensor:
        return self._inplace_op(math_functions.hypot, other)

    def atan2_(self, other: Tensor) -> Tensor:
        return self._inplace_op(math_functions.atan2, other)

    arctan2_ = atan2_

    def logit_(self, eps: float | None = None) -> Tensor:
        return self._inplace_op(special_functions.logit, eps)

    def copysign_(self, other: Any) -> Tensor:
        return self._inplace_op(float_parts.copysign, other)

    def nextafter_(self, other: Tensor) -> Tensor:
        return self._inplace_op(float_parts.nextafter, other)

    def heaviside_(self, values: Tensor) -> Tensor:
        return self._inplace_op(float_parts.heaviside, values)

    def ldexp_(self, other: Tensor) -> Tensor:
        if not self.dtype.is_floating_point:  # PyTorch's own wording for this one
            raise RuntimeError(f"ldexp can't be cast to the desired output type "
                               f"{_dtype.message_name(self.dtype)}")
        return self._inplace_op(float_parts.ldexp, other)

    float_power_ = powers.float_power_

    def nan_to_num_(self, nan: float = 0.0, posinf: float | None = None,
                    neginf: float | None = None) -> Tensor:
        return self._inplace_op(clamping.nan_to_num, nan, posinf, neginf)

    def __iadd__(self, other: Any) -> Tensor:
        return self.add_(other)

    def __isub__(self, other: Any) -> Tensor:
        return self.sub_(other)

    def __imul__(self, other: Any) -> Tensor:
        return self.mul_(other)

    def __itruediv__(self, other: Any) -> Tensor:
        return self.div_(other)

    def __ifloordiv__(self, other: Any) -> Tensor:
        return self.floor_divide_(other)

    def __imod__(self, other: Any) -> Tensor:
        return self.remainder_(other)

    def __ipow__(self, other: Any) -> Tensor:
        return self.pow_(other)


def _elementwise_inplace(function: Callable) -> Callable:
    """`x.sin_()` from `x.sin()`: the result written back into x, which takes its grad_fn."""
    def method(self: Tensor) -> Tensor:
        return self._inplace_op(function)

    method.__name__ = method.__qualname__ = f"{function.__name__}_"
    return method


# The elementwise functions whose in-place form PyTorch offers as x.sin_() and torch.sin_(x)
# (sign_, sgn_ and erfinv_ as methods only); the node is the out-of-place one's (SinBackward0).
ELEMENTWISE = ("sin", "cos", "tan", "sqrt", "rsqrt", "log", "log1p", "expm1", "sigmoid", "tanh",
               "abs", "reciprocal", "square", "floor", "ceil", "round", "trunc", "sign",
               "sgn", "erfinv", "frac", "sinc", "deg2rad", "rad2deg")

attach(Tensor, InPlaceMethods)
for _name in ELEMENTWISE:
    setattr(Tensor, f"{_name}_", _elementwise_inplace(getattr(Tensor, _name)))

# An InvalidView or a StaleView (autograd/views.py) checks an in-place change of itself first,
# before its operation reads (or takes again) its grad_fn; but x[key] = v, which takes a view
# of it first, as PyTorch's, and is refused for that.
for _name in [*(name for name in vars(InPlaceMethods)
                if not name.startswith("_") and name != "detach_"),
              "__iadd__", "__isub__", "__imul__", "__itruediv__",
              *(f"{name}_" for name in ELEMENTWISE)]:
    setattr(InvalidView, _name, check_first(getattr(Tensor, _name)))
    setattr(StaleView, _name, check_first(getattr(Tensor, _name)))
