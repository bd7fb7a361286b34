"""The nodes of the backward graph: `grad_fn` objects, AccumulateGrad and saved tensors.

Every tensor made by a recorded operation points at the node that made it (`y.grad_fn`).
A node's `next_functions` lead to the nodes of its inputs, ending in `AccumulateGrad` nodes
that write into the `.grad` of leaf tensors. backward() walks these edges (engine.py).

    >>> import minigrad as torch
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> y = x ** 2
    >>> y.grad_fn.name(), y.grad_fn.next_functions[0][0].variable is x
    ('PowBackward0', True)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import messages
from . import anomaly_mode
from .grad_mode import is_grad_enabled
from .hooks import Hooks, RemovableHandle, run_tensor_hooks

if TYPE_CHECKING:
    from ..tensor import Tensor

# Nodes are numbered as they are created. Of the nodes ready to run, the engine picks the
# newest, as PyTorch's does: backward retraces the forward in reverse, and hooks run (and
# gradients are summed) in PyTorch's order.
_sequence = itertools.count()


class Node:
    """A grad_fn: a backward function plus the edges to its inputs' nodes.

    An edge in next_functions is a pair (node, output_nr): the node that made the input, and
    which of that node's outputs it was (0 unless the node made several, as unbind's does);
    (None, 0) for an input that needs no gradient.
    """

    __slots__ = ("next_functions", "_sequence_nr", "_hooks", "__weakref__")
    num_outputs = 1  # how many tensors the forward made: one gradient slot each in backward

    def _init_node(self, next_functions: tuple) -> None:
        """Join the graph. Not __init__: an op makes its node before it knows whether the
        call is recorded (ops/op.py), and only a recorded node needs its edges."""
        self.next_functions = next_functions
        self._sequence_nr = next(_sequence)
        self._hooks = None
        if anomaly_mode._enabled:  # (detect_anomaly: remember where the forward ran)
            anomaly_mode.record_forward(self)

    def _apply(self, grad_outputs: list[Tensor]) -> tuple[Tensor | None, ...]:
        """Gradients for each of next_functions, given the gradients of this node's outputs."""
        raise NotImplementedError

    def _release_variables(self) -> None:
        """Free the saved tensors once a backward without retain_graph has used them."""

    def name(self) -> str:
        return type(self).__name__

    def __repr__(self) -> str:
        return f"<{type(self).__name__} object at {hex(id(self))}>"

    def __lt__(self, other: Node) -> bool:
        # "Comes first in the engine's ready queue": the most recently created node.
        return self._sequence_nr > other._sequence_nr

    def _get_hooks(self) -> Hooks:
        if self._hooks is None:
            self._hooks = Hooks()
        return self._hooks

    def register_hook(self, fn: Callable) -> RemovableHandle:
        """fn(grad_inputs, grad_outputs) runs after this node; it may return new grad_inputs."""
        hooks = self._get_hooks().post
        hooks.append(fn)
        return RemovableHandle(hooks, fn)

    def register_prehook(self, fn: Callable) -> RemovableHandle:
        """fn(grad_outputs) runs before this node; it may return new grad_outputs."""
        hooks = self._get_hooks().pre
        hooks.append(fn)
        return RemovableHandle(hooks, fn)


class AccumulateGrad(Node):
    """The node at a leaf that requires grad: adds the incoming gradient into `variable.grad`."""

    __slots__ = ("variable",)

    def name(self) -> str:
        return "minigrad::autograd::AccumulateGrad"  # PyTorch's C++ name, torch:: there

    def __init__(self, variable: Tensor) -> None:
        self._init_node(())
        self.variable = variable
        # Leaves run as soon as they are ready, as in PyTorch (their grads are final).
        self._sequence_nr = float("inf")

    def _apply(self, grad_outputs: list[Tensor]) -> tuple:
        (grad,) = grad_outputs
        var = self.variable
        if var._backward_hooks:  # leaf.register_hook(fn): fn may replace the gradient
            grad = run_tensor_hooks(var._backward_hooks, grad)
        # The first gradient is stored as a copy, since later ones are added into it in place
        # and the incoming tensor may be shared (another branch, a hook). With create_graph
        # (the only time grad mode is on in backward) .grad has a graph: replaced, not changed.
        if is_grad_enabled():
            var._grad = recorded_copy(grad) if var._grad is None else var._grad + grad
        elif var._grad is None:
            # (fast_paths.py skips the copy when nothing else sees the gradient)
            var._grad = type(grad)._make(grad._data.copy())
        else:
            var._grad._data += grad._data
            var._grad._version_counter.bump()  # an in-place change of .grad, counted
        return ()


def recorded_copy(grad: Tensor) -> Tensor:
    """A leaf's first gradient under create_graph: a copy whose graph leads back through the
    backward pass (parity.py: PyTorch's copy records CopyBackwards, not CloneBackward0)."""
    return grad.clone()


class SavedTensor:
    """A tensor kept for backward, with the version it had when saved: changed in place
    since, it raises PyTorch's "modified by an inplace operation" error when unpacked."""

    __slots__ = ("tensor", "version", "is_output")

    def __init__(self, tensor: Tensor, is_output: bool = False) -> None:
        if tensor._inference:  # (inference_mode kept no version counter for it to check)
            raise RuntimeError(messages.INFERENCE_TENSOR_SAVED)
        # An output is stored without its grad_fn, so node -> tensor -> node is not a cycle.
        self.tensor = tensor.detach() if is_output else tensor
        self.version = tensor._version_counter.value
        self.is_output = is_output

    def unpack(self, node: Node) -> Tensor:
        tensor = self.tensor
        if tensor._version_counter.value != self.version:
            raise RuntimeError(messages.modified_by_inplace(
                tensor, node if self.is_output else tensor.grad_fn, self.version))
        if self.is_output and is_grad_enabled():
            from ..tensor import Tensor  # (here, not at the top: tensor.py imports this file)

            # Re-attach the output to its node, so a create_graph backward can go through it.
            return Tensor._make(tensor._data, grad_fn=node, version_counter=tensor._version_counter)
        return tensor


def unpack_saved(node: Node) -> tuple:
    """`saved_tensors` of a node that saves (an op, a custom Function's ctx): each saved tensor
    unpacked, so its version is checked; anything else (a number, None) as it was saved."""
    if node._saved is _FREED:
        raise RuntimeError(messages.SECOND_BACKWARD)
    return tuple([s.unpack(node) if type(s) is SavedTensor else s for s in node._saved])


# What a node's saved values become once a backward without retain_graph has used them: a
# second backward through the node then raises PyTorch's error (unpack_saved, above).
_FREED: tuple = ("freed",)


def release_saved(node: Node) -> None:
    """Free node's saved values once a backward without retain_graph has used them."""
    if node._saved:
        node._saved = _FREED
