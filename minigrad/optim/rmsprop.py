"""optim.RMSprop: divide each gradient by a running root mean square of its recent values.

For each parameter p with gradient g (PyTorch's rule, step for step):

    g = g + weight_decay * p                           (if weight_decay)
    v = alpha * v + (1 - alpha) * g * g                the running mean of g^2
    m = m + (1 - alpha) * (g - m); v - m^2 below       (centered: the variance instead)
    buf = momentum * buf + g / (sqrt(v) + eps); p = p - lr * buf      (momentum)
    p = p - lr * g / (sqrt(v) + eps)                   (otherwise)

    >>> import minigrad as torch
    >>> w = torch.nn.Parameter(torch.tensor([1.0, -2.0]))
    >>> opt = torch.optim.RMSprop([w], lr=0.01)
    >>> (w * w).sum().backward(); opt.step()
    >>> w
    Parameter containing:
    tensor([ 0.9000, -1.9000], requires_grad=True)
"""

from __future__ import annotations

from typing import Any

from ..creation import tensor, zeros_like
from .optimizer import Optimizer, ParamsT, check_non_negative, check_unsupported


class RMSprop(Optimizer):
    def __init__(self, params: ParamsT, lr: float = 1e-2, alpha: float = 0.99,
                 eps: float = 1e-8, weight_decay: float = 0, momentum: float = 0,
                 centered: bool = False, capturable: bool = False, foreach: bool | None = None,
                 maximize: bool = False, differentiable: bool = False) -> None:
        check_non_negative(lr=lr, eps=eps, momentum=momentum, weight_decay=weight_decay,
                           alpha=alpha)
        check_unsupported(capturable=capturable, differentiable=differentiable)
        defaults = dict(lr=lr, momentum=momentum, alpha=alpha, eps=eps, centered=centered,
                        weight_decay=weight_decay, capturable=capturable, foreach=foreach,
                        maximize=maximize, differentiable=differentiable)
        super().__init__(params, defaults)

    def _update(self, group: dict[str, Any]) -> None:
        lr, alpha, eps = group["lr"], group["alpha"], group["eps"]
        momentum, centered = group["momentum"], group["centered"]
        weight_decay = group["weight_decay"]
        for param, grad in self._gradients(group):
            state = self.state[param]
            if not state:
                state["step"] = tensor(0.0)
                state["square_avg"] = zeros_like(param)
                if momentum > 0:
                    state["momentum_buffer"] = zeros_like(param)
                if centered:
                    state["grad_avg"] = zeros_like(param)
            state["step"].add_(1)
            if weight_decay != 0:
                grad = grad.add(param, alpha=weight_decay)
            # In PyTorch's order of float32 operations (its addcmul_, lerp_ and addcdiv_).
            square_avg = state["square_avg"]
            square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
            if centered:
                grad_avg = state["grad_avg"]
                grad_avg.lerp_(grad, 1 - alpha)
                avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt().add_(eps)
            else:
                avg = square_avg.sqrt().add_(eps)
            if momentum > 0:
                buf = state["momentum_buffer"]
                buf.mul_(momentum).add_(grad / avg)
                param.add_(buf, alpha=-lr)
            else:
                param.add_(grad * -lr / avg)
