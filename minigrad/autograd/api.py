"""autograd.backward and autograd.grad: the two ways to start the backward engine.

    >>> import minigrad as torch
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> (dx,) = torch.autograd.grad(x ** 3, x, create_graph=True)
    >>> dx, torch.autograd.grad(dx, x)
    (tensor(12., grad_fn=<MulBackward0>), (tensor(12.),))
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import creation as _creation
from .. import messages
from .. import tensor as _tensor
from . import engine, graph_task
from .grad_mode import set_grad_enabled
from .hooks import accumulate_grad, run_tensor_hooks

if TYPE_CHECKING:
    from ..tensor import Tensor

_warned_create_graph = False


def _as_tuple(x: Any) -> tuple:
    if x is None:
        return ()
    return (x,) if isinstance(x, _tensor.Tensor) else tuple(x)


def _roots(outputs: tuple, grad_outputs: tuple) -> list:
    """Pair each output's graph edge with its starting gradient (ones for a scalar)."""
    roots = []
    grad_outputs = grad_outputs or (None,) * len(outputs)
    if len(grad_outputs) != len(outputs):
        raise RuntimeError(f"got {len(grad_outputs)} tensors and {len(outputs)} gradients")
    for i, (out, grad) in enumerate(zip(outputs, grad_outputs)):
        if not out.requires_grad:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn")
        if grad is None:
            if out.numel() != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            grad = _tensor.Tensor._make(np.ones_like(out._data))
        elif grad.shape != out.shape:
            raise RuntimeError(
                f"Mismatch in shape: grad_output[{i}] has a shape of {grad.shape!r} and "
                f"output[{i}] has a shape of {out.shape!r}.")
        roots.append((out._edge(), grad))
    return roots


def backward(
    tensors: Tensor | Sequence[Tensor],
    grad_tensors: Tensor | Sequence[Tensor | None] | None = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    inputs: Tensor | Sequence[Tensor] | None = None,
) -> None:
    """Accumulate the gradients of `tensors` into the .grad of the leaves of their graph."""
    outputs = _as_tuple(tensors)
    roots = _roots(outputs, _as_tuple(grad_tensors))
    if retain_graph is None:
        retain_graph = create_graph
    # With inputs, only these tensors receive .grad: capture at their edges, then accumulate.
    targets = _as_tuple(inputs)
    capture = [t._edge() for t in targets]
    with graph_task.running(roots, capture, is_grad=False):
        grads = engine.run_backward(roots, retain_graph, create_graph, capture)
        if targets:
            with set_grad_enabled(create_graph):
                for t, g in zip(targets, grads):
                    if g is not None:  # accumulated exactly as the engine's leaves are
                        accumulate_grad(t, g)
    global _warned_create_graph
    if create_graph and not _warned_create_graph:  # once per process, after a backward that
        _warned_create_graph = True                # went through, as PyTorch's engine warns
        warnings.warn(messages.CREATE_GRAPH, UserWarning, stacklevel=3)


def grad(
    outputs: Tensor | Sequence[Tensor],
    inputs: Tensor | Sequence[Tensor],
    grad_outputs: Tensor | Sequence[Tensor | None] | None = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    allow_unused: bool | None = None,
    materialize_grads: bool = False,
) -> tuple[Tensor | None, ...]:
    """The gradients of `outputs` with respect to `inputs`, returned (not stored in .grad)."""
    outputs, inputs = _as_tuple(outputs), _as_tuple(inputs)
    roots = _roots(outputs, _as_tuple(grad_outputs))
    for t in inputs:
        if not t.requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    if retain_graph is None:
        retain_graph = create_graph
    if allow_unused is None:
        allow_unused = materialize_grads
    capture = [t._edge() for t in inputs]
    with graph_task.running(roots, capture, is_grad=True):
        grads = engine.run_backward(roots, retain_graph, create_graph, capture)
        # A leaf's own hooks (register_hook) see, and may replace, its gradient here too.
        with set_grad_enabled(create_graph):
            grads = [run_tensor_hooks(t._backward_hooks, g)
                     if g is not None and t.grad_fn is None else g for t, g in zip(inputs, grads)]
    result = []
    for i, (t, g) in enumerate(zip(inputs, grads)):
        if g is None:
            if not allow_unused:
                raise RuntimeError(
                    f"The differentiated Tensor at index {i} appears to not have been used in "
                    "the graph. Set allow_unused=True if this is the desired behavior.")
            if materialize_grads:
                g = _creation.zeros_like(t)
        result.append(g)
    return tuple(result)
