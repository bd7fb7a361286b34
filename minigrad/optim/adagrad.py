"""optim.Adagrad: each parameter's step shrinks with the sum of its squared gradients so far.

For each parameter p with gradient g, at step t (PyTorch's rule, step for step):

    g = g + weight_decay * p                        (if weight_decay)
    s = s + g * g                                   the running sum (starts at
                                                    initial_accumulator_value)
    p = p - lr / (1 + (t - 1) * lr_decay) * g / (sqrt(s) + eps)

    >>> import minigrad as torch
    >>> w = torch.nn.Parameter(torch.tensor([1.0, -2.0]))
    >>> opt = torch.optim.Adagrad([w], lr=0.1)
    >>> (w * w).sum().backward(); opt.step()
    >>> w
    Parameter containing:
    tensor([ 0.9000, -1.9000], requires_grad=True)
"""

from __future__ import annotations

from typing import Any

from ..creation import full_like, tensor
from .optimizer import Optimizer, ParamsT, check_non_negative, check_unsupported


class Adagrad(Optimizer):
    def __init__(self, params: ParamsT, lr: float = 1e-2, lr_decay: float = 0,
                 weight_decay: float = 0, initial_accumulator_value: float = 0,
                 eps: float = 1e-10, foreach: bool | None = None, *, maximize: bool = False,
                 differentiable: bool = False, fused: bool | None = None) -> None:
        check_non_negative(lr=lr, lr_decay=lr_decay, weight_decay=weight_decay,
                           initial_accumulator_value=initial_accumulator_value, eps=eps)
        check_unsupported(differentiable=differentiable, fused=fused)
        defaults = dict(lr=lr, lr_decay=lr_decay, eps=eps, weight_decay=weight_decay,
                        initial_accumulator_value=initial_accumulator_value, foreach=foreach,
                        maximize=maximize, differentiable=differentiable, fused=fused)
        super().__init__(params, defaults)
        # As in PyTorch, the state exists from the start (the sum's initial value is an option).
        for group in self.param_groups:
            for param in group["params"]:
                self.state[param]["step"] = tensor(0.0)
                self.state[param]["sum"] = full_like(param, initial_accumulator_value)

    def _update(self, group: dict[str, Any]) -> None:
        lr, lr_decay, eps = group["lr"], group["lr_decay"], group["eps"]
        weight_decay = group["weight_decay"]
        for param, grad in self._gradients(group):
            state = self.state[param]
            state["step"].add_(1)
            if weight_decay != 0:
                grad = grad.add(param, alpha=weight_decay)
            step_lr = lr / (1 + (state["step"].item() - 1) * lr_decay)
            state["sum"].addcmul_(grad, grad, value=1)
            std = state["sum"].sqrt().add_(eps)
            param.add_(grad * -step_lr / std)
