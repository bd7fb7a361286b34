"""Calling a module that has hooks: Module.__call__ comes here when any hook is registered.

In PyTorch's order: forward pre-hooks (may replace the arguments), the full backward hooks'
wrapping of the inputs (backward_hook.py), forward, forward hooks (may replace the output), the
wrapping of the outputs, and the deprecated backward hooks on forward's last node. If forward
or a hook raises, the forward hooks registered with always_call=True that have not run yet
still run (with output None), and the error goes on.

    >>> import minigrad as torch
    >>> layer = torch.nn.Linear(2, 1)
    >>> _ = layer.register_forward_hook(lambda m, args, out: print("ran, output", out),
    ...                                 always_call=True)
    >>> try:
    ...     layer(torch.ones(3))
    ... except RuntimeError:
    ...     print("forward failed")
    ran, output None
    forward failed
"""

from __future__ import annotations

import warnings
from typing import Any

from ..tensor import Tensor
from .backward_hook import BackwardHook, hook_last_node


def call_with_hooks(module: Any, args: tuple, kwargs: dict) -> Any:
    """module(*args, **kwargs) with its hooks."""
    output = None
    called: set[int] = set()  # the always_call forward hooks that have run
    try:
        for hook, with_kwargs in list(module._forward_pre_hooks):
            if with_kwargs:
                result = hook(module, args, kwargs)
                if result is not None:
                    if not (isinstance(result, tuple) and len(result) == 2):
                        raise RuntimeError(
                            "forward pre-hook must return None or a tuple of (new_args, "
                            f"new_kwargs), but got {result}.")
                    args, kwargs = result
            else:
                result = hook(module, args)
                if result is not None:  # new positional arguments (one value is one argument)
                    args = result if isinstance(result, tuple) else (result,)
        backward_hook = None
        full_hooks = module._backward_hooks if module._is_full_backward_hook else []
        if full_hooks or module._backward_pre_hooks:
            backward_hook = BackwardHook(module, list(full_hooks),
                                         list(module._backward_pre_hooks))
            args = backward_hook.setup_input_hook(args)
        output = module.forward(*args, **kwargs)
        for entry in list(module._forward_hooks):
            hook, with_kwargs, always_call = entry
            if always_call:
                called.add(id(entry))
            result = hook(module, args, kwargs, output) if with_kwargs else \
                hook(module, args, output)
            if result is not None:
                output = result
        if backward_hook is not None:
            if not isinstance(output, (Tensor, tuple)):
                warnings.warn("For backward hooks to be called, module output should be a Tensor "
                              f"or a tuple of Tensors but received {type(output)}", stacklevel=3)
            output = backward_hook.setup_output_hook(output)
        if module._is_full_backward_hook is False and module._backward_hooks:
            hook_last_node(module, list(module._backward_hooks), args, output)
        return output
    except Exception:
        for entry in list(module._forward_hooks):
            hook, with_kwargs, always_call = entry
            if always_call and id(entry) not in called:
                try:
                    result = hook(module, args, kwargs, output) if with_kwargs else \
                        hook(module, args, output)
                    if result is not None:
                        output = result
                except Exception as error:
                    warnings.warn("module forward hook with ``always_call=True`` raised an "
                                  "exception that was silenced as another error was raised in "
                                  f"forward: {error}", stacklevel=3)
        raise
