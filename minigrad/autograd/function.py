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
ctx's other methods attach themselves from function_ctx.py.
"""

from __future__ import annotations

from typing import Any

from .. import messages
from .grad_mode import is_grad_enabled, no_grad
from .graph import Node, SavedTensor, release_saved, unpack_saved
from .once_differentiable import once_differentiable  # noqa: F401 - where PyTorch has it
from .views import returned_input


class FunctionCtx(Node):
    """The node (and ctx) of one call of a custom Function: Function.apply makes it for
    forward; the engine's call of its _apply calls your backward."""

    # __dict__: forward may keep anything on ctx for backward (ctx.scale = 2), as in PyTorch.
    __slots__ = ("_saved", "_function", "needs_input_grad", "_output_meta", "_tensor_args",
                 "__dict__")

    def save_for_backward(self, *tensors: Any) -> None:
        self._saved = tuple(None if t is None else SavedTensor(t) for t in tensors)

    saved_tensors = property(unpack_saved)

    _release_variables = release_saved

    def _apply(self, grad_outputs: list) -> tuple:
        grads = self._function.backward(self, *self._materialized(grad_outputs))
        grads = self._counted(grads if isinstance(grads, tuple) else (grads,))
        # Only tensor arguments are edges of the graph; other arguments' gradients are dropped.
        return tuple(self._validate(i, grads[i], meta) if self.needs_input_grad[i] else None
                     for i, meta in self._tensor_args)

    def _counted(self, grads: tuple) -> tuple:
        """One gradient per argument of forward (function_ctx.py: PyTorch's check of it)."""
        return grads

    def _materialized(self, grad_outputs: list) -> list:
        """A None gradient, for an output no gradient reached, as zeros of the output's shape."""
        from ..creation import zeros  # (here, not at the top: importing it imports this file)

        return [zeros(shape, dtype=dtype) if g is None else g
                for g, (shape, dtype) in zip(grad_outputs, self._output_meta)]

    def _validate(self, index: int, grad: Any, meta: tuple) -> Any:
        """Input `index`'s gradient given its shape and dtype, as an op's (reduce_grad)."""
        from ..ops.op import reduce_grad  # (here: importing it imports this file)

        return None if grad is None else reduce_grad(grad, *meta)

    def _output(self, output: Any, nr: int, inputs: list) -> Any:
        """forward's output `nr` (a tensor) joins the graph, made by this node."""
        if any(output is t for t in inputs):  # an input returned as-is: a view of it (views.py)
            output = returned_input(output)
        output.grad_fn = self
        if nr:  # (output 0 is the class default)
            output._output_nr = nr
        return output


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
        raise NotImplementedError(messages.FUNCTION_WITHOUT_FORWARD)

    @staticmethod
    def backward(ctx: Any, *grad_outputs: Any) -> Any:
        raise NotImplementedError(messages.FUNCTION_WITHOUT_BACKWARD)

    @classmethod
    def _forward(cls, ctx: Any, args: tuple, kwargs: dict) -> Any:
        """forward(ctx, *args) (function_ctx.py: PyTorch 2's forward without ctx)."""
        return cls.forward(ctx, *args, **kwargs)

    @classmethod
    def apply(cls, *args: Any, **kwargs: Any) -> Any:
        """Call forward with a new node as ctx, under no_grad; if a tensor argument requires
        grad, the node becomes the outputs' grad_fn, its edges the tensor arguments'."""
        from ..tensor import Tensor  # (here: importing it imports this file)

        ctx = cls._backward_cls.__new__(cls._backward_cls)
        ctx._saved, ctx._function = (), cls
        tensors = [a if isinstance(a, Tensor) else None for a in args]
        ctx.needs_input_grad = tuple(t is not None and t.requires_grad for t in tensors)
        with no_grad():
            outputs = cls._forward(ctx, args, kwargs)
        if not (is_grad_enabled() and any(ctx.needs_input_grad)):
            ctx._saved = ()  # nothing is recorded: what forward saved is let go at once
            return outputs
        ctx._tensor_args = [(i, (t._data.shape, t._data.dtype))
                            for i, t in enumerate(tensors) if t is not None]
        ctx._init_node(tuple(tensors[i]._gradient_edge() for i, _ in ctx._tensor_args))
        single = not isinstance(outputs, tuple)  # (only a tuple is several outputs)
        outs = (outputs,) if single else outputs
        ctx._output_meta = [(o.shape, o.dtype) if isinstance(o, Tensor) else ((), None)
                            for o in outs]
        ctx.num_outputs = len(outs)
        linked = [ctx._output(o, nr, tensors) if isinstance(o, Tensor) else o
                  for nr, o in enumerate(outs)]
        return linked[0] if single else tuple(linked)
