"""Hooks on saved tensors: choose how the tensors kept for backward are stored.

Inside `autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook)`, every tensor a node saves
for backward is passed to pack_hook(tensor) when it is saved, and the node keeps whatever
that returns (a copy elsewhere, a file name, a list...). When backward needs the tensor,
unpack_hook(packed) must give it back. One saved tensor can also be hooked on its own:
`y.grad_fn._raw_saved_self.register_hooks(pack_hook, unpack_hook)`.

    >>> import minigrad as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> with torch.autograd.graph.saved_tensors_hooks(lambda t: t.tolist(), torch.tensor):
    ...     y = (x * x).sum()       # MulBackward0 keeps two Python lists, not tensors
    >>> y.backward(); x.grad
    tensor([2., 4.])

As in PyTorch: only the innermost pair of hooks applies; pack hooks run with grad mode off and
may not modify their input in place; nothing is packed where nothing is recorded (no_grad,
inference_mode); a hooked tensor skips the version check (the hooks own its value).

This module attaches itself to the reading path from outside: graph.SavedTensor's `__init__`
and `unpack` are wrapped the first time hooks are used (until then nothing changes, so plain
programs pay nothing), and grad_fn objects answer `_saved_<name>` (what the node keeps, as in
PyTorch: y.grad_fn._saved_self, ._saved_result, PowBackward0's ._saved_exponent) and
`_raw_saved_<name>`.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from .. import messages
from ..ops.op import Op
from ..tensor import Tensor
from . import graph
from .function import FunctionCtx
from .grad_mode import is_grad_enabled, no_grad
from .graph import _FREED, SavedTensor
from .hooks import register_multi_grad_hook

FREED_REGISTER = (
    "Calling register_hooks on a saved tensor after it has been freed. Saved intermediate "
    "values of the graph are freed when you call .backward() or autograd.grad(). Specify "
    "retain_graph=True if you need to backward through the graph a second time or if you "
    "need to access saved variables after calling backward.")
ALREADY_HOOKED = ("Calling register_hooks on a saved tensor whose hooks have already been set. "
                  "Hint: only one pair of hooks is allowed at a time.")
NONE_REGISTER = "Calling register_hooks on a saved tensor with value None is forbidden"
PACK_IN_PLACE = (
    "A saved tensor pack hook is modifying its input in place. Tensors provided as input to "
    "pack hook cannot be modified by in-place operations as this can lead to unexpected "
    "side-effects. Please open an issue if you need to perform in-place operations on the "
    "input to a pack hook.")


class _State(threading.local):
    # The (pack_hook, unpack_hook) pairs entered in this thread, innermost last; and the
    # message of disable_saved_tensors_hooks, when hooks are disabled.
    stack: tuple = ()
    disabled_message: str | None = None


_state = _State()


class saved_tensors_hooks:
    """Context manager: tensors saved for backward inside it go through pack_hook/unpack_hook.

    pack_hook(tensor) -> anything, called when a node saves the tensor (forward);
    unpack_hook(packed) -> Tensor, called when backward (or `grad_fn._saved_*`) needs it.
    """

    def __init__(self, pack_hook: Callable[[Tensor], Any],
                 unpack_hook: Callable[[Any], Tensor]) -> None:
        self.pack_hook = pack_hook
        self.unpack_hook = unpack_hook

    def __enter__(self) -> None:
        if _state.disabled_message is not None:
            raise RuntimeError(_state.disabled_message)
        _install()
        _state.stack = (*_state.stack, (self.pack_hook, self.unpack_hook))

    def __exit__(self, *args: object) -> None:
        _state.stack = _state.stack[:-1]


class save_on_cpu(saved_tensors_hooks):
    """Saved tensors are kept on the CPU and moved back to their device for backward.

    minigrad's tensors are all on the CPU already, so this keeps each one as it is (as PyTorch
    does for a graph on the CPU); `pin_memory` is accepted.
    """

    def __init__(self, pin_memory: bool = False, device_type: str = "cuda") -> None:
        def pack_to_cpu(tensor: Tensor) -> tuple:
            return (tensor.device, tensor.cpu())

        def unpack_from_cpu(packed: tuple) -> Tensor:
            device, tensor = packed
            return tensor.to(device)

        super().__init__(pack_to_cpu, unpack_from_cpu)


@contextmanager
def disable_saved_tensors_hooks(error_message: str) -> Iterator[None]:
    """Inside it, using saved tensors default hooks raises RuntimeError(error_message)."""
    if _state.stack:  # hooks already active here: they cannot be switched off under them
        raise RuntimeError(error_message)
    previous = _state.disabled_message
    _state.disabled_message = error_message
    try:
        yield
    finally:
        _state.disabled_message = previous


class _Packed:
    """What a hooked SavedTensor keeps in place of its tensor: the packed value, the unpack
    hook, and where the tensor stood in the graph (so the unpacked one is put back there)."""

    __slots__ = ("value", "unpack_hook", "grad_fn", "output_nr", "requires_grad", "accumulator",
                 "source_id")

    def __init__(self, tensor: Tensor, pack_hook: Callable, unpack_hook: Callable,
                 pack_detached: bool = False) -> None:
        version = tensor._version
        with no_grad():  # register_hooks packs the saved numbers, without their graph
            self.value = pack_hook(tensor.detach() if pack_detached else tensor)
        if tensor._version != version:
            raise RuntimeError(PACK_IN_PLACE)
        self.unpack_hook = unpack_hook
        # Which tensor was packed: an in-place op that saved its own input replaces it with a
        # copy of the old value (inplace.py), packed in its turn.
        self.source_id = id(tensor)
        self.grad_fn, self.output_nr = tensor.grad_fn, tensor._output_nr
        self.requires_grad = tensor.requires_grad
        # A leaf's gradients must still reach its .grad through the unpacked tensor: keep the
        # leaf's AccumulateGrad (made now if the graph has not reached it yet).
        self.accumulator = tensor._gradient_edge()[0] if self.grad_fn is None else None

    def unpack(self, node: Any, is_output: bool) -> Tensor:
        tensor = self.unpack_hook(self.value)
        if not isinstance(tensor, Tensor):
            raise TypeError("Output of saved tensor unpack_hook expected to be a Tensor but got "
                            f"result of type {type(tensor).__name__}")
        if is_output:  # re-attached to its node, as SavedTensor.unpack does
            if not is_grad_enabled():
                return tensor.detach()
            return Tensor._make(tensor._data, grad_fn=node,
                                version_counter=tensor._version_counter)
        if tensor.grad_fn is self.grad_fn and tensor.requires_grad == self.requires_grad:
            return tensor  # already where the saved tensor was (pack/unpack returned it)
        if self.grad_fn is not None:
            result = Tensor._make(tensor._data, grad_fn=self.grad_fn,
                                  version_counter=tensor._version_counter)
            if self.output_nr:
                result._output_nr = self.output_nr
            return result
        result = Tensor._make(tensor._data, requires_grad=self.requires_grad,
                              version_counter=tensor._version_counter)
        if self.accumulator is not None:
            result._grad_accumulator = weakref.ref(self.accumulator)
        return result


_plain_init = SavedTensor.__init__
_plain_unpack = SavedTensor.unpack


def _init(self: SavedTensor, tensor: Tensor, is_output: bool = False) -> None:
    _plain_init(self, tensor, is_output)
    if _state.stack:
        if _state.disabled_message is not None:
            raise RuntimeError(_state.disabled_message)
        pack_hook, unpack_hook = _state.stack[-1]
        self.tensor = _Packed(tensor, pack_hook, unpack_hook)


def _unpack(self: SavedTensor, node: Any) -> Tensor:
    packed = self.tensor
    if type(packed) is _Packed:
        return packed.unpack(node, self.is_output)
    return _plain_unpack(self, node)


def _install() -> None:
    """Wrap SavedTensor's save and unpack (once, on first use of any saved tensor hook)."""
    if SavedTensor.unpack is _unpack:
        return
    SavedTensor.__init__ = _init
    SavedTensor.unpack = _unpack


class RawSavedTensor:
    """`grad_fn._raw_saved_<name>`: one saved tensor of a node, to hook on its own
    (PyTorch's torch._C._autograd.SavedTensor)."""

    __slots__ = ("_node", "_index")

    def __init__(self, node: Any, index: int) -> None:
        self._node, self._index = node, index

    def register_hooks(self, pack_hook: Callable[[Tensor], Any],
                       unpack_hook: Callable[[Any], Tensor]) -> None:
        """Pack this saved tensor now with pack_hook; backward will unpack it with unpack_hook."""
        if not (callable(pack_hook) and callable(unpack_hook)):
            raise TypeError("register_hooks(): incompatible function arguments: pack_hook and "
                            "unpack_hook must be callables")
        saved = self._node._saved
        if saved is _FREED:
            raise RuntimeError(FREED_REGISTER)
        entry = saved[self._index]
        if entry is None:
            raise RuntimeError(NONE_REGISTER)
        if type(entry.tensor) is _Packed:
            raise RuntimeError(ALREADY_HOOKED)
        _install()
        entry.tensor = _Packed(entry.tensor, pack_hook, unpack_hook, pack_detached=True)


def _saved_names(cls: type) -> tuple[str, ...]:
    """The names of an op's saved tensors, in the order of its `_saved` (see ops/op.py)."""
    return cls.saved_names + (("result",) if cls.save_output else ())


def _saved_value(node: Any, index: int) -> Any:
    """`grad_fn._saved_<name>`. Once saved tensor hooks are in use (_install), it unpacks only
    that tensor, so its unpack hook runs once; before, it reads saved_tensors, which checks
    them all. (Decided when read, so an op class made after the hooks' first use, nn's,
    loaded on first use, does the same.)"""
    if SavedTensor.unpack is not _unpack:
        return wrapped_number(node.saved_tensors[index])
    if node._saved is _FREED:
        raise RuntimeError(messages.SECOND_BACKWARD)
    entry = node._saved[index]
    return wrapped_number(entry.unpack(node) if type(entry) is SavedTensor else entry)


def _raw_saved(node: Any, name: str, index: int) -> RawSavedTensor:
    """`grad_fn._raw_saved_<name>`, where the op saved a tensor (or None) under that name."""
    saved = node._saved
    if saved is _FREED or (index < len(saved) and
                           (saved[index] is None or type(saved[index]) is SavedTensor)):
        return RawSavedTensor(node, index)
    raise AttributeError(f"'{type(node).__name__}' object has no attribute '_raw_saved_{name}'")


def wrapped_number(value: Any) -> Any:
    """A saved Python number shown as PyTorch shows it: tensor(2) (int64), tensor(0.5) (float64)."""
    if type(value) is int or type(value) is float:
        return Tensor._make(np.array(value))
    return value


def _add_saved_attributes(op: type) -> None:
    """Give an op class `_saved_<name>` and `_raw_saved_<name>` properties per saved name, and
    `_saved_<slot>` per slot of its own, unless the class writes that one itself (a value
    PyTorch shows otherwise than the op keeps it: a loss's reduction as a number). (Properties,
    not an Op.__getattr__: a class with __getattr__ makes every attribute read of every node
    slower.)"""
    for index, name in enumerate(_saved_names(op)):
        setattr(op, f"_saved_{name}", property(lambda node, i=index: _saved_value(node, i)))
        setattr(op, f"_raw_saved_{name}",
                property(lambda node, name=name, index=index: _raw_saved(node, name, index)))
    for slot in op.__dict__.get("__slots__", ()):
        if f"_saved_{slot}" not in op.__dict__:
                setattr(op, f"_saved_{slot}", property(lambda node, slot=slot: getattr(node, slot)))


def _every_op() -> list[type]:
    ops = [Op]
    for op in ops:
        ops.extend(op.__subclasses__())
    return ops


def _init_subclass(cls: type, **kwargs: Any) -> None:
    super(Op, cls).__init_subclass__(**kwargs)
    _add_saved_attributes(cls)  # ops defined later (nn's, loaded on first use) get them too


for _op in _every_op()[1:]:  # Op's subclasses (Op's own slots are no saved values)
    _add_saved_attributes(_op)
Op.__init_subclass__ = classmethod(_init_subclass)


def _raw_saved_tensors(ctx: FunctionCtx) -> tuple[RawSavedTensor, ...]:
    """A custom Function's node: one RawSavedTensor per tensor given to save_for_backward."""
    if ctx._saved is _FREED:
        raise RuntimeError(messages.SECOND_BACKWARD)
    return tuple(RawSavedTensor(ctx, i) for i in range(len(ctx._saved)))


FunctionCtx._raw_saved_tensors = property(_raw_saved_tensors)
graph.saved_tensors_hooks = saved_tensors_hooks
graph.save_on_cpu = save_on_cpu
graph.disable_saved_tensors_hooks = disable_saved_tensors_hooks
graph.register_multi_grad_hook = register_multi_grad_hook
