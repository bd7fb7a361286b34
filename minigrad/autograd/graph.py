"""The nodes of the backward graph: `grad_fn` objects, AccumulateGrad and saved tensors.

A node's `next_functions` lead to the nodes of its inputs, ending in the `AccumulateGrad`
nodes that write into leaves' `.grad`. backward() walks these edges (engine.py).

    >>> import minigrad as torch
    >>> x = torch.tensor(3.0, requires_grad=True)
    >>> y = x ** 2
    >>> y.grad_fn.name(), y.grad_fn.next_functions[0][0].variable is x
    ('PowBackward0', True)
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from .. import messages
from . import hooks
from .grad_mode import is_grad_enabled

if TYPE_CHECKING:
    from ..tensor import Tensor

# Nodes are numbered as they are created: the engine runs the newest ready node first, as
# PyTorch's does, so hooks run (and gradients are summed) in PyTorch's order.
_sequence = itertools.count()


class Node:
    """A grad_fn: a backward function plus the edges to its inputs' nodes. An edge is a pair
    (node, output_nr): the input's node and which of its outputs the input was (0 unless it
    made several, as unbind's); (None, 0) for an input that needs no gradient."""

    __slots__ = ("next_functions", "_sequence_nr", "_hooks", "__weakref__")
    num_outputs = 1  # how many tensors the forward made: one gradient slot each in backward

    def _init_node(self, next_functions: tuple) -> None:
        """Join the graph. Not __init__: an op makes its node before it knows whether the
        call is recorded (ops/op.py), and only a recorded node needs its edges. (Anomaly
        detection wraps it while it is on: anomaly_mode.py.)"""
        self.next_functions = next_functions
        self._sequence_nr = next(_sequence)
        self._hooks = None

    def _apply(self, grad_outputs: list[Tensor]) -> tuple[Tensor | None, ...]:
        """Gradients for each of next_functions, given the gradients of this node's outputs."""
        raise NotImplementedError

    def _release_variables(self) -> None:
        """Free the saved tensors (release_saved, below)."""

    def name(self) -> str:
        return type(self).__name__

    def __repr__(self) -> str:
        return f"<{type(self).__name__} object at {hex(id(self))}>"

    def __lt__(self, other: Node) -> bool:
        # "Comes first in the engine's ready queue": the most recently created node.
        return self._sequence_nr > other._sequence_nr

    # A node's hooks (lesson 04), kept in autograd/hooks.py.
    _get_hooks = hooks.node_hooks
    register_hook = hooks.register_hook
    register_prehook = hooks.register_prehook


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
            grad = hooks.run_tensor_hooks(var._backward_hooks, grad)
        # The first gradient is stored as a copy: later ones are added into it in place, and
        # the incoming tensor may be shared. Under create_graph .grad has a graph: replaced.
        if is_grad_enabled():
            var._grad = recorded_copy(grad) if var._grad is None else var._grad + grad
        elif var._grad is None:
            var._grad = type(grad)._make(grad._data.copy())
        else:
            var._grad._data += grad._data
            var._grad._version_counter.bump()  # an in-place change of .grad, counted
        return ()


def recorded_copy(grad: Tensor) -> Tensor:
    """A leaf's first gradient under create_graph: a copy recorded in the graph (parity.py
    records PyTorch's CopyBackwards)."""
    return grad.clone()


class SavedTensor:
    """A tensor kept for backward, with its version then: changed in place since, unpacking
    it raises PyTorch's "modified by an inplace operation" error."""

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
            from ..tensor import Tensor  # (here: tensor.py imports this file)

            # Re-attached to its node, so a create_graph backward can go through it.
            return Tensor._make(tensor._data, grad_fn=node, version_counter=tensor._version_counter)
        return tensor


def unpack_saved(node: Node) -> tuple:
    """`saved_tensors` of an op or a custom Function's ctx: each saved tensor unpacked (its
    version checked); anything else (a number, None) as it was saved."""
    if node._saved is _FREED:
        raise RuntimeError(messages.SECOND_BACKWARD)
    return tuple([s.unpack(node) if type(s) is SavedTensor else s for s in node._saved])


# Saved values once freed: a second backward through the node raises (unpack_saved, above).
_FREED: tuple = ("freed",)


def release_saved(node: Node) -> None:
    """Free node's saved values once a backward without retain_graph has used them."""
    if node._saved:
        node._saved = _FREED
