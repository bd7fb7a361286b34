"""Indexing `x[key]` and index assignment `x[key] = value`.

Basic indexing is recorded as PyTorch records it, one view per indexed dim: an integer is a
SelectBackward0, a slice a SliceBackward0, None an UnsqueezeBackward0. Lists, tensors and
boolean masks ("advanced" indexing) copy, and record IndexBackward0; in a key that mixes both,
the basic items are taken first and the advanced ones index that view, as in PyTorch (which is
not numpy's rule: see _split). Assignment changes the tensor in place and records CopySlices,
or IndexPutBackward0 when advanced indices write into the tensor itself.

    >>> import minigrad as torch
    >>> x = torch.ones(2, 3, requires_grad=True)
    >>> x[0, 1:]
    tensor([1., 1.], grad_fn=<SliceBackward0>)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import _dtype, memory_overlap, messages
from .._size import bracketed
from ..autograd.grad_mode import is_grad_enabled
from ..autograd.views import base_and_chain, rebase_views, replay_view
from ..ops.op import Op, constant
from ..ops.shape import unsqueeze
from ..tensor import Tensor
from .filling import CopyBackwards


class _Indexed(Op):
    """Backward of every read: the gradient goes back to the positions that were read."""

    __slots__ = ("shape", "key")

    def forward(self, x, key):
        self.shape, self.key = x._data.shape, key
        try:
            return x._data[key]
        except IndexError as e:  # numpy says "axis" where PyTorch says "dimension"
            raise IndexError(str(e).replace("axis", "dimension")) from None

    def backward(self, grad):
        return IndexedZerosBackward.apply(grad, shape=self.shape, key=self.key)


class SelectBackward0(_Indexed):
    is_view = True


class SliceBackward0(_Indexed):
    is_view = True


class AliasBackward0(_Indexed):
    is_view = True


class IndexBackward0(_Indexed):
    """Advanced indexing: a copy. Repeated indices add their gradients (np.add.at)."""


class IndexedZerosBackward(Op):
    """zeros(shape) with `grad` added at `key`: the backward of an indexing read."""

    __slots__ = ("key",)

    def forward(self, grad, shape, key):
        self.key = key
        out = np.zeros(shape, dtype=grad._data.dtype)
        np.add.at(out, key, grad._data)
        return out

    def backward(self, grad):
        return _Indexed.apply(grad, key=self.key)


class CopySlices(Op):
    """The region `chain` of a base tensor was changed in place by the node `fn`: an in-place
    op on a view of it (v.mul_(w)), a copy into it (v.copy_(s), x[1:] = s), a fill (v.zero_()).

    As in PyTorch, the node wraps fn. Its edges are the base's and those of fn's other inputs
    (fn's first input, the region's old value, is part of the base's old value). Backward passes
    the base's gradient on outside the region, runs fn on the gradient of the region, and puts
    what fn gives the region's old value back in its place.
    """

    __slots__ = ("chain", "fn")

    def name(self) -> str:
        return "minigrad::autograd::CopySlices"

    def __repr__(self) -> str:
        return f"<CopySlices object at {hex(id(self))}>"

    @classmethod
    def wrap(cls, base: Any, chain: tuple, fn: Op) -> CopySlices:
        node = cls.__new__(cls)
        node._saved, node.chain, node.fn = (), chain, fn
        node._init_node((base._gradient_edge(), *fn.next_functions[1:]))
        node.needs_input_grad = (base.requires_grad, *fn.needs_input_grad[1:])
        node._input_meta = ((base._data.shape, base._data.dtype), *fn._input_meta[1:])
        return node

    def _apply(self, grad_outputs: list) -> tuple:
        (grad,) = grad_outputs
        positions = _positions(grad._data.shape, self.chain)
        fn_grads = self.fn._apply([replay_view(grad, self.chain)])
        grad_base = None
        if self.needs_input_grad[0]:
            # PyTorch writes the region's gradient back into a view of the base's: refused
            # where the region's elements share memory (a write into an expanded view).
            memory_overlap.check(positions)
            grad_base = grad.masked_fill(constant(_covered(grad._data.shape, positions)), 0)
            if fn_grads[0] is not None:
                grad_base = grad_base + _scatter(fn_grads[0], positions, grad._data.shape)
        return (grad_base, *fn_grads[1:])

    def _release_variables(self) -> None:
        self.fn._release_variables()


class AsStridedBackward0(Op):
    """A view of a tensor that was changed in place through a view, re-taken from its base's
    new history (PyTorch re-takes it by sizes and strides, hence the name).

    Backward puts the view's gradient back at the places of the base the view covers.
    """

    __slots__ = ("shape", "chain")
    is_view = True

    def forward(self, base, chain):
        self.shape, self.chain = base._data.shape, chain
        return replay_view(constant(base._data), chain)._data

    def backward(self, grad):
        return _scatter(grad, _positions(self.shape, self.chain), self.shape)


class IndexPutBackward0(Op):
    """x[indices] = value with advanced indices (tensors, lists, masks), or
    x.index_put(indices, value, accumulate) (breadth/index_put.py): the region `chain` of the
    result holds value, or with accumulate x's old values plus value. Backward: value gets the
    gradient inside the region; x's old value gets it outside, or everywhere with accumulate."""

    __slots__ = ("chain", "accumulate")

    def forward(self, base, value, chain, accumulate=False, out=None):
        self.chain, self.accumulate = chain, accumulate
        # The caller has written value: into base itself (x[key] = value), or into `out`, a
        # copy of it (index_put).
        return base._data if out is None else out

    def backward(self, grad):
        grad_value = replay_view(grad, self.chain)
        if self.accumulate:
            return grad, grad_value
        covered = _covered(grad._data.shape, _positions(grad._data.shape, self.chain))
        return grad.masked_fill(constant(covered), 0), grad_value


def _positions(shape: tuple, chain: tuple) -> np.ndarray:
    """Which elements of a tensor of `shape` the view `chain` covers (flat indices, in the
    view's shape): the same view of a tensor of positions."""
    return replay_view(constant(np.arange(math.prod(shape)).reshape(shape)), chain)._data


def _covered(shape: tuple, positions: np.ndarray) -> np.ndarray:
    """A mask of `shape`: True at `positions` (the region whose old values were replaced)."""
    mask = np.zeros(shape, dtype=bool)
    mask.flat[positions.ravel()] = True
    return mask


def _scatter(grad: Any, positions: np.ndarray, shape: tuple) -> Any:
    """A gradient of `shape`: `grad` at `positions`, zero elsewhere (recorded, if grad mode is)."""
    flat = IndexedZerosBackward.apply(grad.reshape(-1), shape=(math.prod(shape),),
                                      key=positions.ravel())
    return flat.reshape(shape)


def rebase_history(base: Any, chain: tuple, fn: Op) -> None:
    """Record that the region `chain` of `base` was changed in place by the node `fn`."""
    base.grad_fn = CopySlices.wrap(base, chain, fn)


def view_history(base: Any, chain: tuple) -> Any:
    """The grad_fn of the view `chain` of `base` after base's history changed. A view that had
    a node keeps one where base no longer requires grad (a leaf that stopped): PyTorch's
    AsStridedBackward0 with an empty edge."""
    if base.requires_grad:
        return AsStridedBackward0.apply(base, chain=chain).grad_fn
    node = AsStridedBackward0.__new__(AsStridedBackward0)
    node.shape, node.chain = base._data.shape, chain
    node._saved, node.needs_input_grad = (), (False,)
    node._init_node(((None, 0),))
    node._input_meta = ((base._data.shape, base._data.dtype),)
    return node


def _is_advanced(item: Any) -> bool:
    # A bool is advanced too: x[True] adds a dim of size 1, x[False] one of size 0.
    return isinstance(item, (list, np.ndarray, Tensor, bool, np.bool_))


def _key_items(key: Any) -> tuple:
    """The items of an index as a tuple, checked as PyTorch checks them.

    A 0-d integer tensor counts as an int (a view, SelectBackward0), as in PyTorch; a float
    (x[n / 2]) is refused, where numpy-like code might have rounded it. A Python range is a
    list of its ints (`logits[range(n), y]`), as PyTorch reads it.
    """
    items = []
    for k in key if isinstance(key, tuple) else (key,):
        if isinstance(k, range):
            k = list(k)
        if isinstance(k, Tensor):
            kind = k._data.dtype.kind
            if kind not in "biu":
                raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
            if kind != "b" and k._data.ndim == 0:
                k = int(k._data)
        elif not (k is None or k is Ellipsis
                  or isinstance(k, (int, np.integer, slice, list, np.ndarray, np.bool_))):
            raise IndexError("only integers, slices (`:`), ellipsis (`...`), None and long or "
                             f"byte Variables are valid indices (got {type(k).__name__})")
        items.append(k)
    return tuple(items)


def _numpy_key(key: Any) -> Any:
    if isinstance(key, Tensor):
        return key._data
    if isinstance(key, tuple):
        return tuple(_numpy_key(k) for k in key)
    if isinstance(key, list):
        return [_numpy_key(k) for k in key]
    return key


def _split(key: tuple) -> tuple[tuple, tuple]:
    """A key with advanced indices as PyTorch applies it: basic part first, then the rest.

    The ints, slices and Nones are taken first, as views; then the advanced indices index
    that view. Where ints mix with advanced indices this differs from numpy, which counts the
    ints as advanced too: x[1, :, [0, 1]] is x[1][:, [0, 1]] in PyTorch, shape (3, 2), where
    numpy gives (2, 3). Returns (basic, rest); basic is () when there is nothing to take first.
    """
    basic, rest = [], []
    for k in key:
        if isinstance(k, (bool, np.bool_)):  # a new dim of size 1, kept (True) or not (False)
            basic.append(None)
            rest.append(np.array([bool(k)]))
        elif _is_advanced(k):
            basic.extend([slice(None)] * _dims_taken(k))
            rest.append(k)
        elif k is Ellipsis:
            basic.append(k)
            rest.append(k)
        else:
            basic.append(k)
            if k is None or isinstance(k, slice):  # what is left of that dim
                rest.append(slice(None))
    whole = all(k is Ellipsis or k == slice(None) for k in basic)
    return (() if whole else tuple(basic)), tuple(rest)


def _dims_taken(index: Any) -> int:
    """How many dims an advanced index covers: a boolean mask all of its own, else one."""
    array = index._data if isinstance(index, Tensor) else np.asarray(index)
    return array.ndim if array.dtype.kind == "b" else 1


def _check_masks(shape: tuple, key: tuple) -> None:
    """PyTorch's message for a boolean mask that does not fit the dims it covers."""
    def dims(k: Any) -> int:
        return _dims_taken(k) if _is_advanced(k) else 1

    dim = 0
    for k in key:
        if k is Ellipsis:
            dim += len(shape) - sum(dims(k) for k in key if k is not Ellipsis)
            continue
        mask = np.asarray(_numpy_key(k)) if _is_advanced(k) else None
        if mask is not None and mask.dtype.kind == "b":
            for i, n in enumerate(mask.shape):
                if dim + i < len(shape) and n != shape[dim + i]:
                    raise IndexError(
                        f"The shape of the mask {bracketed(mask.shape)} at index {i} does not "
                        f"match the shape of the indexed tensor {bracketed(shape)} at index "
                        f"{dim + i}")
        dim += dims(k)


def _check_zero_dim(x: Any, key: Any) -> None:
    """PyTorch's errors for an int or a slice on a 0-d tensor (`loss.data[0]`, old tutorials)."""
    if x.ndim != 0 or isinstance(key, (tuple, bool, np.bool_)):
        return
    if isinstance(key, slice):
        raise IndexError("slice() cannot be applied to a 0-dim tensor.")
    if isinstance(key, list):
        raise IndexError("too many indices for tensor of dimension 0")
    if isinstance(key, (int, np.integer)):
        if key == 0:
            raise IndexError(messages.ZERO_DIM_INDEX)
        raise IndexError(f"index {key} is out of bounds for dimension 0 with size 0")


def getitem(x: Any, key: Any) -> Any:
    _check_zero_dim(x, key)
    key = _key_items(key)
    if not any(_is_advanced(k) for k in key):
        return _basic_index(x, key)
    basic, rest = _split(key)
    view = _basic_index(x, basic) if basic else x
    _check_masks(view._data.shape, rest)
    return IndexBackward0.apply(view, key=_numpy_key(rest))


def _check_index_count(x: Any, key: tuple) -> int:
    """How many dims `key` indexes; PyTorch's IndexError when that is more than `x` has."""
    n_indexed = sum(_dims_taken(k) if _is_advanced(k) and not isinstance(k, (bool, np.bool_))
                    else 1 for k in key if k is not None and k is not Ellipsis)
    if n_indexed > x.ndim:
        raise IndexError(f"too many indices for tensor of dimension {x.ndim}")
    return n_indexed


def _basic_index(x: Any, key: tuple) -> Any:
    """Apply ints, slices, None and ... one dim at a time, as PyTorch's views."""
    n_indexed = _check_index_count(x, key)
    if Ellipsis in key:
        at = key.index(Ellipsis)
        key = key[:at] + (slice(None),) * (x.ndim - n_indexed) + key[at + 1:]
    dim = 0
    result = x
    for k in key:
        if k is None:
            result = unsqueeze(result, dim)
            dim += 1
        elif isinstance(k, slice):
            size = result.shape[dim]
            start, stop, step = k.indices(size)
            if k.step is not None and k.step <= 0:
                raise ValueError("step must be greater than zero")
            if (start, stop, step) != (0, size, 1):
                result = SliceBackward0.apply(result, key=(slice(None),) * dim + (k,))
            dim += 1
        else:
            index = int(k)
            size = result.shape[dim]
            if not -size <= index < size:
                raise IndexError(
                    f"index {index} is out of bounds for dimension {dim} with size {size}"
                )
            # The trailing ... keeps a 0-d result a view (numpy would return a scalar copy).
            result = SelectBackward0.apply(result, key=(slice(None),) * dim + (index, ...))
    if result is x:  # x[:] or x[...]: still a new tensor (a view), as in PyTorch
        result = AliasBackward0.apply(x, key=())
    return result


def _is_masked_fill(value: Any, rest: tuple, accumulate: bool) -> bool:
    """Whether PyTorch's index_put_ hands the write to masked_fill_: one number's worth under a
    single boolean mask, the key's other items whole dims."""
    advanced = [k for k in rest if _is_advanced(k)]
    return (not accumulate and np.size(value._data if isinstance(value, Tensor) else value) == 1
            and len(advanced) == 1 and np.asarray(_numpy_key(advanced[0])).dtype.kind == "b"
            and all(k is Ellipsis or k == slice(None) for k in rest if not _is_advanced(k)))


def check_put_dtype(x: Any, value: Any, rest: tuple, accumulate: bool = False) -> None:
    """A tensor written at advanced indices must have x's dtype (PyTorch's index_put_), but one
    number's worth written under a single boolean mask, which PyTorch does with masked_fill_."""
    if not isinstance(value, Tensor) or value._data.dtype == x._data.dtype:
        return
    if not _is_masked_fill(value, rest, accumulate):
        raise RuntimeError(
            f"Index put requires the source and destination dtypes match, got "
            f"{_dtype.message_name(x.dtype)} for the destination and "
            f"{_dtype.message_name(value.dtype)} for the source.")


def write(target: np.ndarray, key: Any, data: Any, advanced: bool,
          accumulate: bool = False) -> None:
    """data written into target[key] (added there, with accumulate: every repeated index
    counts), or PyTorch's error for a value of a shape that does not fit."""
    try:
        if accumulate:
            np.add.at(target, key, data)
        else:
            target[key] = data
    except (ValueError, TypeError):  # (numpy's TypeError: a 2-d value under a mask)
        shape = target[key].shape
        if advanced:
            raise RuntimeError(
                f"shape mismatch: value tensor of shape {bracketed(np.shape(data))} cannot be "
                f"broadcast to indexing result of shape {bracketed(shape)}") from None
        raise RuntimeError(
            f"The expanded size of the tensor ({shape[-1] if shape else 1}) must match the "
            f"existing size ({np.shape(data)[-1]}) at non-singleton dimension "
            f"{len(shape) - 1}.  Target sizes: {bracketed(shape)}.  Tensor sizes: "
            f"{bracketed(np.shape(data))}") from None
    except IndexError as e:
        raise IndexError(str(e).replace("axis", "dimension")) from None


def check_assigned(x: Any, value: Any) -> None:
    """x[key] = value takes a tensor or a Python number (numpy's integers too, and its float64,
    a float); a list, an array, None or another numpy scalar is refused, as in PyTorch (numpy
    would have written it)."""
    if not isinstance(value, (Tensor, int, float, complex, np.integer)):
        raise TypeError(f"can't assign a {messages.type_name(value)} to a "
                        f"minigrad.{_dtype.message_name(x.dtype)}Tensor")


def _leading_ones(shape: tuple) -> int:
    """How many size-1 dims lead a written value's shape: PyTorch views them away before the
    write (so ones(1, 1, 2) fits a region of shape (2,))."""
    return next((i for i, n in enumerate(shape) if n != 1), len(shape))


def _without_leading_ones(data: np.ndarray) -> np.ndarray:
    lead = _leading_ones(data.shape)
    return data.reshape(data.shape[lead:]) if lead else data


def _check_leaf_written(x: Any, takes_view: bool) -> None:
    """PyTorch's refusal of x[key] = v on a leaf that requires grad: written through a view of
    it ("a view of a leaf"), or with advanced indices alone, x.index_put_ on x itself ("a
    leaf"). Taking the view reads x's grad_fn first, so an invalid view is refused there; a
    view made under no_grad or a piece of unbind is refused as such (x._check_inplace)."""
    marked = x._view_made_in_no_grad or x._multi_output_view
    if not takes_view and marked:
        return
    if x.is_leaf and x.requires_grad and not marked:
        raise RuntimeError(messages.LEAF_VIEW_INPLACE if takes_view else messages.LEAF_INPLACE)


def _written_view(x: Any, basic: tuple, takes_view: bool) -> Any:
    """What x[key] = v changes in place, for PyTorch's refusals: x, or where the key takes a
    view of x first, that view, which a refusal of a view made under no_grad or of a piece of
    unbind names ("Output 0 of Select is a view of a view which was created in no_grad...")."""
    if takes_view and is_grad_enabled() and (x._view_made_in_no_grad or x._multi_output_view):
        return _basic_index(x, basic)
    return x


def _write_whole(x: Any, value: Any) -> None:
    """x[...] = value and x[()] = value write x itself, no view of it, as PyTorch's: a number
    or a 0-d tensor by fill_ (FillBackward3), another tensor by copy_, its leading 1-dims
    viewed away and expanded to x's shape first (ViewBackward0, ExpandBackward0)."""
    if not isinstance(value, Tensor) or value.ndim == 0:
        x.fill_(value if isinstance(value, Tensor) else Tensor._make(np.asarray(value)))
        return
    if value.shape != x.shape:
        lead = _leading_ones(value.shape)
        value = value.view(value.shape[lead:]) if lead else value
        messages.check_expand(value, x.shape, x.shape)
        value = value.expand(x.shape)
    x.copy_(value)


def setitem(x: Any, key: Any, value: Any, accumulate: bool = False) -> None:
    """x[key] = value; with accumulate (index_put_), value is added at the advanced indices."""
    _check_zero_dim(x, key)
    key = _key_items(key)
    _check_index_count(x, key)
    check_assigned(x, value)
    if all(k is Ellipsis for k in key) and not accumulate:
        _write_whole(x, value)
        return
    # Advanced indices write into the view their key's basic part takes (see _split).
    basic, rest = _split(key) if any(_is_advanced(k) for k in key) else ((), None)
    basic_key, written_key = _numpy_key(basic), _numpy_key(key if rest is None else rest)
    view_steps = ((_Indexed, {"key": basic_key}),) if basic else ()
    written = (_Indexed, {"key": written_key})
    data = _without_leading_ones(value._data) if isinstance(value, Tensor) else value
    record = is_grad_enabled() and (x.requires_grad or
                                    (isinstance(value, Tensor) and value.requires_grad))
    takes_view = rest is None or bool(basic)
    if is_grad_enabled():
        _check_leaf_written(x, takes_view)
    _written_view(x, key if rest is None else basic, takes_view)._check_inplace(value)
    target = x._data[basic_key] if basic else x._data  # a numpy view
    if rest is not None:
        _check_masks(target.shape, rest)
        check_put_dtype(x, value, rest, accumulate)
    elif isinstance(value, Tensor):  # a copy_ into the region: value expanded to its shape
        region = target[written_key].shape
        messages.check_expand(Tensor._make(data), region, region)
    if rest is None:  # copy_'s refusals: a region in which elements share memory, or
        region = np.asarray(target[written_key])  # which shares some with value's
        memory_overlap.check(region)
        memory_overlap.check_partial(region, value)
    elif memory_overlap.has_internal_overlap(target):  # index_put_ writes it, and warns
        memory_overlap.warn_expanded(target, "index_put_", stacklevel=4)
        if _is_masked_fill(value, rest, accumulate):
            memory_overlap.warn_expanded(target, "masked_fill_", stacklevel=4)
    target = memory_overlap.writable(target, overlap_allowed=True)
    write(target, written_key, data, rest is not None, accumulate)
    x._version_counter.bump()
    if record:
        if not isinstance(value, Tensor):
            value = Tensor._make(np.asarray(value, dtype=x._data.dtype))
        value = _as_written(value, target[written_key].shape, rest is not None)
        base, chain = base_and_chain(x)
        if rest is None:  # a copy of value into the region, as PyTorch records x[key] = value
            region = (*chain, written)
            fn = CopyBackwards.apply(replay_view(base, region), value).grad_fn
        else:  # index_put_, on x itself or on the view the key's basic part takes
            if base is x and not view_steps:
                x.grad_fn = IndexPutBackward0.apply(x, value, chain=(written,),
                                                    accumulate=accumulate).grad_fn
                rebase_views(x, x)
                return
            region = (*chain, *view_steps)
            fn = IndexPutBackward0.apply(replay_view(base, region), value,
                                         chain=(written,), accumulate=accumulate).grad_fn
        rebase_history(base, region, fn)
        if base is not x:  # x is a view: it now reads from its base's new history
            x.grad_fn = view_history(base, chain)
        rebase_views(base, x)


def _as_written(value: Any, shape: tuple, advanced: bool) -> Any:
    """value as PyTorch's x[key] = value passes it on, which the graph shows: its leading
    size-1 dims viewed away (ViewBackward0) and, for a copy into a region of another shape,
    expanded to it (ExpandBackward0). A value of the region's shape, or a number, goes as is."""
    lead = _leading_ones(value.shape)
    if advanced:
        return value.view(value.shape[lead:]) if lead else value
    if value.shape == shape or value.ndim == 0:
        return value
    value = value.view(value.shape[lead:])
    return value if value.shape == shape else value.expand(shape)

