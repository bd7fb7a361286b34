"""optim.Adam: adaptive moment estimation (with optional AMSGrad and weight decay).

For each parameter p with gradient g, at step t (PyTorch's rule, step for step):

    g = g + weight_decay * p                     (or p *= 1 - lr * weight_decay, decoupled)
    m = m + (1 - beta1) * (g - m)                the running mean of g
    v = beta2 * v + (1 - beta2) * g * g          the running mean of g^2
    v_max = max(v_max, v)                        (amsgrad: normalise by the largest v so far)
    p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)

    >>> import minigrad as torch
    >>> w = torch.nn.Parameter(torch.tensor([1.0, -2.0]))
    >>> opt = torch.optim.Adam([w], lr=0.1)
    >>> (w * w).sum().backward(); opt.step()
    >>> w
    Parameter containing:
    tensor([ 0.9000, -1.9000], requires_grad=True)
"""

from __future__ import annotations

import math
from typing import Any

from ..creation import tensor, zeros_like
from ..tensor import Tensor
from .optimizer import Optimizer, ParamsT, check_non_negative, check_unsupported


class Adam(Optimizer):
    def __init__(self, params: ParamsT, lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0, amsgrad: bool = False, *,
                 foreach: bool | None = None, maximize: bool = False, capturable: bool = False,
                 differentiable: bool = False, fused: bool | None = None,
                 decoupled_weight_decay: bool = False) -> None:
        check_non_negative(lr=lr, eps=eps)
        for index in (0, 1):  # (by index, as PyTorch reads them: betas=0.9 is not subscriptable)
            if not 0.0 <= betas[index] < 1.0:
                raise ValueError(f"Invalid beta parameter at index {index}: {betas[index]}")
        check_non_negative(weight_decay=weight_decay)
        if not any(all(isinstance(beta, kind) for beta in betas[:2]) for kind in (float, Tensor)):
            raise ValueError("betas must be either both floats or both Tensors")  # (0, 0.99)
        check_unsupported(capturable=capturable, differentiable=differentiable, fused=fused)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                        amsgrad=amsgrad, maximize=maximize, foreach=foreach,
                        capturable=capturable, differentiable=differentiable, fused=fused,
                        decoupled_weight_decay=decoupled_weight_decay)
        super().__init__(params, defaults)

    def _update(self, group: dict[str, Any]) -> None:
        lr, (beta1, beta2), eps = group["lr"], group["betas"], group["eps"]
        weight_decay, amsgrad = group["weight_decay"], group["amsgrad"]
        for param, grad in self._gradients(group):
            state = self.state[param]
            if not state:
                # The step count is a float32 tensor, as in PyTorch's state_dict.
                state["step"] = tensor(0.0)
                state["exp_avg"] = zeros_like(param)
                state["exp_avg_sq"] = zeros_like(param)
                if amsgrad:
                    state["max_exp_avg_sq"] = zeros_like(param)
            state["step"].add_(1)
            if weight_decay != 0:
                if group["decoupled_weight_decay"]:
                    param.mul_(1 - lr * weight_decay)
                else:
                    grad = grad.add(param, alpha=weight_decay)
            exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
            # In PyTorch's order of float32 operations: lerp_, then mul_ and addcmul_.
            exp_avg.lerp_(grad, 1 - beta1)
            exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
            step = state["step"].item()
            step_size = lr / (1 - beta1**step)
            bias_correction2_sqrt = math.sqrt(1 - beta2**step)
            second_moment = exp_avg_sq
            if amsgrad:
                second_moment = state["max_exp_avg_sq"]
                second_moment.copy_(second_moment.maximum(exp_avg_sq))
            denom = second_moment.sqrt() / bias_correction2_sqrt + eps
            param.add_(exp_avg * -step_size / denom)
