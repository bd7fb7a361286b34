"""autograd.backward and autograd.grad: the two ways to start the backward engine.

    >>> import minigrad as torch
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> (dx,) = torch.autograd.grad(x ** 3, x, create_graph=True)
    >>> dx, torch.autograd.grad(dx, x)
    (tensor(12., grad_fn=<MulBackward0>), (tensor(12.),))
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

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


def _inputs_tuple(inputs: Any, caller: str) -> tuple:
    """`inputs` as a tuple: a tensor, a sequence of them, or a dict (its values, as in
    PyTorch, which then returns autograd.grad's gradients under the same keys)."""
    if type(inputs) is dict:
        return tuple(inputs.values())
    if isinstance(inputs, Mapping):
        raise TypeError(f"`inputs` argument to `{caller}()` must be a dict, not "
                        f"{type(inputs).__name__}. Other Mapping types are not supported.")
    return _as_tuple(inputs)


def _make_grads(outputs: tuple, gradients: Any) -> list[Tensor | None]:
    """The gradient each output's pass starts from (None: engine.roots makes a scalar's 1),
    checked in PyTorch's order, so the same mistake gets the same error.

    >>> import minigrad as torch
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> _make_grads((x * x,), None)
    Traceback (most recent call last):
    RuntimeError: grad can be implicitly created only for scalar outputs
    """
    if gradients is None:
        gradients = (None,) * len(outputs)
    elif isinstance(gradients, _tensor.Tensor):
        gradients = (gradients,)
    starts = []  # zip pairs them: a count that differs is caught below, as PyTorch's engine does
    for i, (out, grad) in enumerate(zip(outputs, tuple(gradients))):
        if isinstance(grad, _tensor.Tensor):
            if grad.shape != out.shape:
                raise RuntimeError(messages.GRAD_SHAPE_MISMATCH.format(i, grad.shape, i,
                                                                       out.shape))
        elif grad is not None:  # a float or a list of numbers: PyTorch wants a tensor
            raise TypeError(messages.NOT_A_GRADIENT.format(type(grad).__name__))
        elif out.requires_grad:  # nothing given: only a scalar has an obvious start, 1
            if out.numel() != 1:
                raise RuntimeError(messages.IMPLICIT_GRAD_NOT_SCALAR)
            if not out.dtype.is_floating_point:
                raise RuntimeError(messages.IMPLICIT_GRAD_NOT_REAL.format(out.dtype))
        starts.append(grad)
    if len(starts) != len(outputs):
        raise RuntimeError(messages.GRADS_COUNT.format(len(outputs), len(starts)))
    for i, out in enumerate(outputs):
        if not out.requires_grad:
            raise RuntimeError(messages.ROOT_NOT_REQUIRING_GRAD.format(i))
    return starts


def backward(
    tensors: Tensor | Sequence[Tensor],
    grad_tensors: Tensor | Sequence[Tensor | None] | None = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    inputs: Tensor | Sequence[Tensor] | None = None,
) -> None:
    """Accumulate the gradients of `tensors` into the .grad of the leaves of their graph."""
    targets = () if inputs is None else _inputs_tuple(inputs, "backward")
    if inputs is not None and not targets:
        raise RuntimeError(messages.EMPTY_INPUTS.format("backward"))
    outputs = _as_tuple(tensors)
    roots = engine.roots(outputs, _make_grads(outputs, grad_tensors))
    if retain_graph is None:
        retain_graph = create_graph
    # With inputs, only these tensors receive .grad. PyTorch's engine has each of them
    # retain_grad() (so a tensor that does not require grad is refused with that method's
    # error, and a non-leaf one gets its .grad from the retain_grad hook, as it runs); the
    # leaves' gradients are captured at their edges and accumulated after the run.
    for t in targets:
        t.retain_grad()
    capture = [t._gradient_edge() for t in targets]
    with graph_task.running(roots, capture, is_grad=False) as task:
        grads = engine.run_backward(roots, retain_graph, create_graph, task if capture else None)
        if targets:
            with set_grad_enabled(create_graph):
                for t, g in zip(targets, grads):
                    # (accumulated exactly as the engine's leaves are)
                    if g is not None and t.grad_fn is None:
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
    only_inputs: bool = True,
    allow_unused: bool | None = None,
    materialize_grads: bool = False,
) -> tuple[Tensor | None, ...] | dict[str, Tensor | None]:
    """The gradients of `outputs` with respect to `inputs`, returned (not stored in .grad);
    under the same keys when `inputs` is a dict."""
    if materialize_grads and allow_unused is False:
        raise ValueError(messages.MATERIALIZE_NOT_ALLOW_UNUSED)
    if allow_unused is None:
        allow_unused = materialize_grads
    outputs, given = _as_tuple(outputs), inputs
    inputs = _inputs_tuple(given, "grad")
    if not inputs:
        raise RuntimeError(messages.EMPTY_INPUTS.format("grad"))
    if not only_inputs:
        warnings.warn(messages.ONLY_INPUTS_DEPRECATED, FutureWarning, stacklevel=2)
    roots = engine.roots(outputs, _make_grads(outputs, grad_outputs))
    for t in inputs:
        if not t.requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    if retain_graph is None:
        retain_graph = create_graph
    capture = [t._gradient_edge() for t in inputs]
    with graph_task.running(roots, capture, is_grad=True) as task:
        grads = engine.run_backward(roots, retain_graph, create_graph, task)
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
            if materialize_grads:  # a leaf of the gradient's graph under create_graph
                g = _creation.zeros_like(t, requires_grad=create_graph)
        result.append(g)
    if type(given) is dict:
        return dict(zip(given.keys(), result, strict=True))
    return tuple(result)
