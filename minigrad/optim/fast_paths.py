"""Speed: the optimizers' overrides (minigrad/fast_paths.py's item 9), installed when
minigrad.optim is first loaded.

A training step's update and zero_grad reach each parameter through small calls (.grad's
property and setter, add_'s wrapper and argument checks, reset_grad): ~10 Python calls per
parameter, as many as a recorded operation makes. These take the everyday case straight to
the arrays (the same numbers, through the same fused_add) and leave every other case
(momentum, weight decay, maximize, a tensor lr, a non-leaf or a Tensor subclass as
parameter) to the readable code. What they buy (callgrind, one BLAS thread, counted only
inside the runs): micrograd's demo step 3,085.7k -> 3,014.4k instructions (-2.3%; 729 ->
662 Python calls), the MLP 784-256-10 step 17,007.9k -> 16,956.5k (-0.3%; 318 -> 273).
"""

from __future__ import annotations

from typing import Any

from ..autograd.grad_mode import _state as _grad_mode
from ..breadth import fused
from ..nn.module import reset_grad
from ..nn.parameter import Parameter
from ..overrides import override
from ..tensor import Tensor
from .optimizer import Optimizer
from .sgd import SGD

_PLAIN = (Tensor, Parameter)  # whose .grad and add_ are minigrad's own
_readable_zero_grad = Optimizer.zero_grad
_readable_sgd_update = SGD._update


@override(Optimizer, "zero_grad", "speed")
def _zero_grad_lean(self: Optimizer, set_to_none: bool = True) -> None:
    """A leaf's .grad set to None directly: .grad's getter warns only for a non-leaf, and its
    setter checks only a gradient that is not None."""
    if not set_to_none:
        return _readable_zero_grad(self, set_to_none)
    for group in self.param_groups:
        for param in group["params"]:
            if param.grad_fn is None and type(param) in _PLAIN:
                param._grad = None
            else:
                reset_grad(param, True)
    return None


@override(SGD, "_update", "speed")
def _sgd_update_lean(self: SGD, group: dict[str, Any]) -> None:
    """Plain SGD (a number for lr; no momentum, weight decay or maximize): each parameter's
    data + (-lr) * grad, written in place as add_ writes it under no_grad."""
    lr = group["lr"]
    if (group["momentum"] or group["weight_decay"] or group["maximize"] or _grad_mode.enabled
            or type(lr) is not float and type(lr) is not int):
        return _readable_sgd_update(self, group)
    for param in group["params"]:
        grad = param._grad
        if param.grad_fn is not None or type(param) not in _PLAIN:
            _readable_sgd_update(self, {**group, "params": [param]})
        elif grad is not None:
            data, grad_data = param._data, grad._data
            if data.dtype.kind == "f" and grad_data.dtype == data.dtype \
                    and grad_data.shape == data.shape:
                try:
                    fused.fused_add(data, -lr, grad_data, out=data)
                    param._version_counter.bump()
                    continue
                except ValueError:  # numpy's read-only view of an expanded tensor
                    pass
            param.add_(grad, alpha=-lr)  # what add_ does with it (promotes, refuses...)
    return None
