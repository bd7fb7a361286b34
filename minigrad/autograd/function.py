"""autograd.Function: define an operation by writing its forward and backward yourself.

    >>> import minigrad as torch
    >>> class Cube(torch.autograd.Function):
    ...     @staticmethod
    ...     def forward(ctx, x):
    ...         ctx.save_for_backward(x)
    ...         return x ** 3
    ...     @staticmethod
    ...     def backward(ctx, grad):
    ...         (x,) = ctx.saved_tensors
    ...         return grad * 3 * x ** 2
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> y = Cube.apply(x); y.backward(); y.grad_fn.name(), x.grad
    ('CubeBackward', tensor(12.))

As in PyTorch, `ctx` is the graph node itself (y.grad_fn), of a class named <Name>Backward.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._size import bracketed
from .grad_mode import is_grad_enabled, no_grad
from .graph import Node, SavedTensor, release_saved, unpack_saved
from .once_differentiable import once_differentiable  # noqa: F401 - where PyTorch has it
from .views import returned_input


class FunctionCtx(Node):
    """The node (and ctx) of one call of a custom Function: Function.apply, below, makes it and
    calls forward with it; the engine calls its _apply, which calls your backward."""

    # __dict__: forward may keep anything on ctx for backward (ctx.scale = 2), as in PyTorch.
    __slots__ = ("_saved", "_function", "needs_input_grad", "_output_meta", "_materialize",
                 "_non_differentiable", "_dirty", "_tensor_args", "__dict__")
    # Printed with its module, as PyTorch prints a Function's node (built-in nodes are not).
    __repr__ = object.__repr__

    def save_for_backward(self, *tensors: Any) -> None:
        self._saved = tuple(None if t is None else SavedTensor(t) for t in tensors)

    saved_tensors = property(unpack_saved)

    def mark_non_differentiable(self, *tensors: Any) -> None:
        """Outputs that have no gradient (indices, masks): they stay out of the graph."""
        self._non_differentiable = {id(t) for t in tensors}

    def mark_dirty(self, *tensors: Any) -> None:
        """Inputs forward changed in place and returns: they become outputs of this node."""
        self._dirty = {id(t) for t in tensors}

    def set_materialize_grads(self, value: bool) -> None:
        """False: backward is given None, not zeros, for an output no gradient reached."""
        self._materialize = value

    _release_variables = release_saved

    def _apply(self, grad_outputs: list) -> tuple:
        from ..creation import zeros  # (here, not at the top: importing it imports this file)

        if self._materialize:  # a None gradient for an unused output becomes zeros
            grad_outputs = [zeros(shape, dtype=dtype) if g is None else g
                            for g, (shape, dtype) in zip(grad_outputs, self._output_meta)]
        grads = self._function.backward(self, *grad_outputs)
        if not isinstance(grads, tuple):
            grads = (grads,)
        expected = len(self.needs_input_grad)  # one per argument of forward
        if len(grads) != expected:
            if len(grads) > expected and all(g is None for g in grads[expected:]):
                grads = grads[:expected]
            else:
                raise RuntimeError(
                    f"function {self.name()} returned an incorrect number of gradients "
                    f"(expected {expected}, got {len(grads)})")
        # Only tensor arguments are edges of the graph; other arguments' gradients are dropped.
        return tuple(self._validate(i, grads[i], meta) if self.needs_input_grad[i] else None
                     for i, meta in self._tensor_args)

    def _validate(self, index: int, grad: Any, meta: tuple) -> Any:
        """The gradient backward returned for input `index`, given the input's shape and dtype
        as a built-in op's (ops/op.py's reduce_grad). It may have the shape the input was
        broadcast to, never another (a (1, 3) gradient for a (3, 1) input is refused)."""
        from ..ops.op import reduce_grad  # (here: importing it imports this file)

        if grad is None:
            return None
        shape, dtype = meta
        if not _expands_to(shape, grad.shape):
            raise RuntimeError(
                f"Function {self.name()} returned an invalid gradient at index {index} - got "
                f"{bracketed(grad.shape)} but expected shape compatible with "
                f"{bracketed(shape)}")
        return reduce_grad(grad, shape, dtype)


def _expands_to(shape: tuple, target: tuple) -> bool:
    """Whether a tensor of `shape` broadcasts to `target` unchanged (as expand() would)."""
    try:
        return np.broadcast_shapes(shape, target) == tuple(target)
    except ValueError:  # sizes that do not broadcast at all
        return False


class _FunctionMeta(type):
    """Gives every Function subclass its own node class, named <Name>Backward."""

    def __init__(cls, name: str, bases: tuple, attrs: dict) -> None:
        super().__init__(name, bases, attrs)
        cls._backward_cls = type(f"{name}Backward", (FunctionCtx,), {
            "__slots__": (), "__module__": "minigrad.autograd.function"})


class Function(metaclass=_FunctionMeta):
    """Subclass with static forward(ctx, *args) and backward(ctx, *grads); call .apply()."""

    @staticmethod
    def forward(ctx: Any, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("You must implement the forward function for custom "
                                  "autograd.Function.")

    @staticmethod
    def backward(ctx: Any, *grad_outputs: Any) -> Any:
        raise NotImplementedError("You must implement either the backward or vjp method for "
                                  "your custom autograd.Function to use it with backward "
                                  "mode AD.")

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple, output: Any) -> None:
        """The other way to write a Function (PyTorch 2): forward(*args) computes, without a
        ctx, and setup_context(ctx, inputs, output) saves what backward needs."""
        raise NotImplementedError("setup_context is not implemented.")

    @classmethod
    def apply(cls, *args: Any, **kwargs: Any) -> Any:
        """Call forward with a new node as ctx, under no_grad (forward's own operations are
        not recorded); if a tensor argument requires grad, the node becomes the outputs'
        grad_fn, its edges those of the tensor arguments."""
        from ..tensor import Tensor  # (here: importing it imports this file)

        ctx = cls._backward_cls.__new__(cls._backward_cls)
        ctx._saved, ctx._function, ctx._materialize = (), cls, True
        ctx._non_differentiable, ctx._dirty = set(), set()
        tensors = [a if isinstance(a, Tensor) else None for a in args]
        ctx.needs_input_grad = tuple(t is not None and t.requires_grad for t in tensors)
        with no_grad():
            if cls.setup_context is Function.setup_context:
                outputs = cls.forward(ctx, *args, **kwargs)
            else:  # the PyTorch 2 style: forward without ctx, then setup_context
                outputs = cls.forward(*args, **kwargs)
                cls.setup_context(ctx, args, outputs)
        if not (is_grad_enabled() and any(ctx.needs_input_grad)):
            ctx._saved = ()  # nothing is recorded: what forward saved is let go at once
            return outputs
        ctx._tensor_args = [(i, (t._data.shape, t._data.dtype))
                            for i, t in enumerate(tensors) if t is not None]
        ctx._init_node(tuple(tensors[i]._gradient_edge() for i, _ in ctx._tensor_args))
        single = isinstance(outputs, Tensor)
        outs = (outputs,) if single else tuple(outputs)
        ctx._output_meta = [(o.shape, o.dtype) if isinstance(o, Tensor) else ((), None)
                            for o in outs]
        ctx.num_outputs = len(outs)
        linked = []
        for nr, o in enumerate(outs):
            if isinstance(o, Tensor) and id(o) not in ctx._non_differentiable:
                if any(o is t for t in tensors) and id(o) not in ctx._dirty:
                    # An input returned as-is comes back as a new tensor on its numbers (a
                    # view), which PyTorch refuses to change in place (views.py).
                    o = returned_input(o)
                o.grad_fn = ctx  # forward's output itself joins the graph, made by ctx
                if nr:  # (output 0 is the class default)
                    o._output_nr = nr
            linked.append(o)
        return linked[0] if single else tuple(linked)
