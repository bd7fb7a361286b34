"""`@once_differentiable`: a custom Function's backward that runs, but is never differentiated.

Put it under `@staticmethod` on a backward that autograd cannot follow (one written with
numpy, say). That backward then runs under no_grad. When a graph of the backward pass was
asked for (`create_graph=True`, with an incoming gradient that requires grad), its results
come out of an `Error` node instead, so that differentiating them again raises rather than
giving a second derivative of zero without a word.

    >>> import minigrad as torch
    >>> from minigrad.autograd.function import once_differentiable
    >>> class Cube(torch.autograd.Function):
    ...     @staticmethod
    ...     def forward(ctx, x):
    ...         ctx.save_for_backward(x)
    ...         return x ** 3
    ...     @staticmethod
    ...     @once_differentiable
    ...     def backward(ctx, grad):
    ...         (x,) = ctx.saved_tensors
    ...         return 3 * x ** 2 * grad
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> y = Cube.apply(x)
    >>> (g,) = torch.autograd.grad(y * y, x, create_graph=True)
    >>> g
    tensor(192., grad_fn=<Error>)
    >>> g.backward()
    Traceback (most recent call last):
    ...
    RuntimeError: trying to differentiate twice a function that was marked with @once_differentiable
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .grad_mode import is_grad_enabled, no_grad
from .graph import Node

MESSAGE = "trying to differentiate twice a function that was marked with @once_differentiable"


class Error(Node):
    """The node a once-differentiable backward's results come out of: its backward raises."""

    __slots__ = ("num_outputs",)

    def name(self) -> str:
        return "minigrad::autograd::Error"

    def _apply(self, grad_outputs: list) -> tuple:
        raise RuntimeError(MESSAGE)


def once_differentiable(backward: Callable) -> Callable:  # PyTorch's name for the decorator
    @functools.wraps(backward)
    def run_once(ctx: Any, *grads: Any) -> Any:
        with no_grad():
            results = backward(ctx, *grads)
        if is_grad_enabled() and any(getattr(g, "requires_grad", False) for g in grads):
            return _behind_error(results)
        return results
    return run_once


def _behind_error(results: Any) -> Any:
    """The results as outputs of one Error node. Its edges lead to detached copies of them
    that require grad, as PyTorch's do: a graph, but one that stops where it could only lie."""
    from ..tensor import Tensor  # (here, not at the top: importing it imports this file)

    single = not isinstance(results, tuple)
    results = (results,) if single else results
    leaves = [r.detach().requires_grad_() if isinstance(r, Tensor) else r for r in results]
    node = Error.__new__(Error)
    node._init_node(tuple(leaf._gradient_edge() if isinstance(leaf, Tensor) else (None, 0)
                          for leaf in leaves))
    node.num_outputs = len(leaves)
    outputs = []
    for nr, leaf in enumerate(leaves):
        if isinstance(leaf, Tensor):
            leaf = Tensor._make(leaf._data, grad_fn=node)
            if nr:  # (output 0 is the class default)
                leaf._output_nr = nr
        outputs.append(leaf)
    return outputs[0] if single else tuple(outputs)
