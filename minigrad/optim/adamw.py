"""optim.AdamW: Adam with decoupled weight decay (Loshchilov & Hutter), on by default.

Adam's `weight_decay` adds `weight_decay * p` to the gradient, so the decay is rescaled by the
adaptive denominator like the gradient is. AdamW shrinks the weights directly instead, before
the Adam step: `p *= 1 - lr * weight_decay`. As in PyTorch, it is Adam with that switch set
(the parameter groups show `decoupled_weight_decay: True`) and a default decay of 0.01.

    >>> import minigrad as torch
    >>> w = torch.nn.Parameter(torch.tensor([1.0, -2.0]))
    >>> opt = torch.optim.AdamW([w], lr=0.1, weight_decay=0.5)
    >>> (w * w).sum().backward(); opt.step()
    >>> w
    Parameter containing:
    tensor([ 0.8500, -1.8000], requires_grad=True)
"""

from __future__ import annotations

from .adam import Adam
from .optimizer import ParamsT


class AdamW(Adam):
    def __init__(self, params: ParamsT, lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 1e-2, amsgrad: bool = False, *,
                 maximize: bool = False, foreach: bool | None = None, capturable: bool = False,
                 differentiable: bool = False, fused: bool | None = None) -> None:
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, foreach=foreach,
                         maximize=maximize, capturable=capturable,
                         differentiable=differentiable, fused=fused,
                         decoupled_weight_decay=True)

    def load_state_dict(self, state_dict: dict) -> None:
        super().load_state_dict(state_dict)
        for group in self.param_groups:  # a state saved by Adam still loads as AdamW
            group["decoupled_weight_decay"] = True
