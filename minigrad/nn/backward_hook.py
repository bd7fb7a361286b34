"""Module backward hooks: hook(module, grad_input, grad_output) once a module's gradients are known.

As PyTorch does it: Module.__call__ passes the tensors going into forward, and those coming
out, through an identity autograd Function (BackwardHookFunction, so both show up in the graph
as BackwardHookFunctionBackward). A hook on the output node catches the gradients of the
outputs (and lets the pre-hooks replace them); a hook on the input node, reached later in the
same backward, has the gradients of the inputs and calls the user's hooks with both.

    >>> import minigrad as torch
    >>> layer = torch.nn.Linear(2, 1)
    >>> seen = []
    >>> _ = layer.register_full_backward_hook(lambda m, gin, gout: seen.append(gout[0].shape))
    >>> layer(torch.ones(3, 2, requires_grad=True)).sum().backward()
    >>> seen
    [minigrad.Size([3, 1])]

The deprecated Module.register_backward_hook is older and simpler (hook_last_node below): its
hook goes on the node of the last operation of forward, so it sees that node's gradients, not
necessarily the module's inputs' (PyTorch warns when they differ).
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any

from ..autograd.function import Function
from ..autograd.grad_mode import is_grad_enabled
from ..tensor import Tensor

NO_INPUT_GRAD_WARNING = (
    "Full backward hook is firing when gradients are computed with respect to module outputs "
    "since no inputs require gradients. See https://docs.pytorch.org/docs/main/generated/"
    "torch.nn.Module.html#torch.nn.Module.register_full_backward_hook for more details."
)


class BackwardHookFunction(Function):
    """The identity, as a graph node a hook can be attached to."""

    @staticmethod
    def forward(ctx: Any, *args: Tensor) -> tuple:
        ctx.mark_non_differentiable(*[arg for arg in args if not arg.requires_grad])
        return args

    @staticmethod
    def backward(ctx: Any, *grads: Any) -> tuple:
        return grads


class BackwardHook:
    """The backward hooks of one call of a module."""

    def __init__(self, module: Any, hooks: list[Callable], pre_hooks: list[Callable]) -> None:
        self.module, self.hooks, self.pre_hooks = module, hooks, pre_hooks
        self.grad_outputs: tuple | None = None
        self.n_inputs = self.n_outputs = 0
        self.input_positions: list[int] | None = None  # where the tensors are, among the values
        self.output_positions: list[int] | None = None

    def setup_input_hook(self, args: tuple) -> tuple:
        self.n_inputs = len(args)
        args, self.input_positions = _wrap(args, self._on_input_gradients)
        return args

    def setup_output_hook(self, result: Any) -> Any:
        single = not isinstance(result, tuple)
        values = (result,) if single else result
        self.n_outputs = len(values)
        values, self.output_positions = _wrap(values, self._on_output_gradients)
        return values[0] if single else values

    def _on_output_gradients(self, _grad_inputs: tuple, grad_outputs: tuple) -> tuple | None:
        """The module's outputs have their gradients: keep them (pre-hooks may replace them)."""
        self.grad_outputs = _spread(self.output_positions, grad_outputs, self.n_outputs)
        for pre_hook in self.pre_hooks:
            result = pre_hook(self.module, self.grad_outputs)
            if result is not None:
                if len(result) != len(self.grad_outputs):
                    raise RuntimeError(
                        "Backward pre hook returned an invalid number of grad_output, got "
                        f"{len(result)}, but expected {len(self.grad_outputs)}")
                self.grad_outputs = result
        chosen = self.grad_outputs
        if self.input_positions is None:  # no input requires grad: call the hooks now
            warnings.warn(NO_INPUT_GRAD_WARNING, UserWarning, stacklevel=2)
            grad_inputs = (None,) * self.n_inputs
            for hook in self.hooks:
                result = hook(self.module, grad_inputs, self.grad_outputs)
                if result is not None and not (isinstance(result, tuple)
                                               and all(g is None for g in result)):
                    raise RuntimeError("Backward hook for Modules where no input requires "
                                       "gradient should always return None or None for all "
                                       "gradients.")
            self.grad_outputs = None
        return tuple(chosen[i] for i in self.output_positions)

    def _on_input_gradients(self, grad_inputs: tuple, _grad_outputs: tuple) -> tuple | None:
        """The module's inputs have their gradients: call the hooks with both."""
        if self.grad_outputs is None:  # this backward did not come through the outputs
            return None
        grads = _spread(self.input_positions, grad_inputs, self.n_inputs)
        for hook in self.hooks:
            result = hook(self.module, grads, self.grad_outputs)
            if result is None:
                continue
            if len(result) != len(grads):
                raise RuntimeError("Backward hook returned an invalid number of grad_input, got "
                                   f"{len(result)}, but expected {len(grads)}")
            grads = result
        self.grad_outputs = None
        return tuple(grads[i] for i in self.input_positions)


def _wrap(values: tuple, on_gradients: Callable) -> tuple[tuple, list[int] | None]:
    """Pass the tensors among `values` through one BackwardHookFunction, hooked by on_gradients.

    Nothing is wrapped (positions None) when no tensor requires grad or grad mode is off.
    """
    positions = [i for i, v in enumerate(values) if isinstance(v, Tensor)]
    if not (is_grad_enabled() and any(values[i].requires_grad for i in positions)):
        return values, None
    wrapped = BackwardHookFunction.apply(*[values[i] for i in positions])
    node = next(t.grad_fn for t in wrapped if t.grad_fn is not None)
    node.register_hook(on_gradients)
    values = list(values)
    for i, tensor in zip(positions, wrapped):
        values[i] = tensor
    return tuple(values), positions


def _spread(positions: list[int], grads: tuple, size: int) -> tuple:
    """The gradients of the tensors, at their places among all `size` values (None elsewhere)."""
    spread: list[Any] = [None] * size
    for i, grad in zip(positions, grads):
        spread[i] = grad
    return tuple(spread)


NON_FULL = "Using a non-full backward hook when "
NON_FULL_END = (" is deprecated and will be removed in future versions. This hook will be "
                "missing some ")
USE_FULL = " Please use register_full_backward_hook to get the documented behavior."


def hook_last_node(module: Any, hooks: list[Callable], args: tuple, result: Any) -> None:
    """Module.register_backward_hook's hooks go on the grad_fn of forward's (first) output:
    hook(module, grad_input, grad_output) with that node's gradients."""
    tensor = result
    while not isinstance(tensor, Tensor):
        tensor = next(v for v in tensor.values() if isinstance(v, Tensor)) \
            if isinstance(tensor, dict) else tensor[0]
    node = tensor.grad_fn
    if node is None:
        return
    for hook in hooks:
        node.register_hook(functools.wraps(hook)(functools.partial(_call_with_module, hook,
                                                                    module)))
    _warn_if_not_the_module(args, result, node)


def _call_with_module(hook: Callable, module: Any, grad_input: tuple, grad_output: tuple
                      ) -> Any:
    return hook(module, grad_input, grad_output)


def _warn_if_not_the_module(inputs: Any, result: Any, node: Any) -> None:
    """PyTorch's FutureWarnings where the last node's gradients are not the module's."""
    outputs = (result,) if isinstance(result, Tensor) else result
    inputs = (inputs,) if isinstance(inputs, Tensor) else inputs
    for values, kind, missing in ((outputs, "return", "grad_output"),
                                  (inputs, "take as input", "grad_input")):
        if not (isinstance(values, tuple) and all(isinstance(v, Tensor) for v in values)):
            warnings.warn(
                f"Using non-full backward hooks on a Module that does not {kind} a "
                f"single Tensor or a tuple of Tensors{NON_FULL_END}of the {missing}."
                f"{USE_FULL}", FutureWarning, stacklevel=3)
            return
    out_nodes = {out.grad_fn for out in outputs if out.grad_fn is not None}
    if not out_nodes or (len(out_nodes) == 1 and node not in out_nodes):
        message = f"{NON_FULL}outputs are nested in python data structure{NON_FULL_END}" \
                  "grad_output."
    elif len(out_nodes) > 1:
        message = (f"{NON_FULL}outputs are generated by different autograd Nodes{NON_FULL_END}"
                   f"grad_output.{USE_FULL}")
    elif {i.grad_fn for i in inputs if i.grad_fn is not None} != \
            {child for child, _ in node.next_functions}:
        message = (f"{NON_FULL}the forward contains multiple autograd Nodes{NON_FULL_END}"
                   f"grad_input.{USE_FULL}")
    else:
        return
    warnings.warn(message, FutureWarning, stacklevel=3)
