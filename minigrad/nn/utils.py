"""nn.utils: clipping gradients before the optimizer's step, as torch.nn.utils does.

A training step whose gradients blow up (a bad batch, a too-large learning rate) can be tamed
by rescaling them: clip_grad_norm_ scales all gradients together so that their joint norm is
at most max_norm, and returns the norm they had (worth printing while training);
clip_grad_value_ clamps every element.

    >>> import minigrad as torch
    >>> w = torch.nn.Parameter(torch.tensor([3.0, 4.0]))
    >>> (w * w).sum().backward()            # w.grad = 2 * w = [6, 8], norm 10
    >>> torch.nn.utils.clip_grad_norm_([w], max_norm=1.0)
    tensor(10.)
    >>> w.grad
    tensor([0.6000, 0.8000])
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from ..autograd.grad_mode import no_grad
from ..breadth.join import stack
from ..creation import tensor
from ..tensor import Tensor

__all__ = ["clip_grad_norm_", "clip_grad_value_"]


def _grads(parameters: Tensor | Iterable[Tensor]) -> list[Tensor]:
    params = [parameters] if isinstance(parameters, Tensor) else list(parameters)
    return [p.grad for p in params if p.grad is not None]


def clip_grad_norm_(parameters: Tensor | Iterable[Tensor], max_norm: float,
                    norm_type: float | str = 2.0, error_if_nonfinite: bool = False,
                    foreach: bool | None = None) -> Tensor:
    """Scale the gradients in place so that their joint norm is at most max_norm.

    The joint norm is the norm of all gradients as one vector (the norm of their norms).
    Returns it, measured before clipping.
    """
    max_norm, norm_type = float(max_norm), float(norm_type)  # ("inf" too, as PyTorch takes)
    grads = _grads(parameters)
    if not grads:
        return tensor(0.0)
    with no_grad():
        total = stack([g.norm(norm_type) for g in grads]).norm(norm_type)
        if error_if_nonfinite and not math.isfinite(total.item()):
            raise RuntimeError(
                f"The total norm of order {norm_type} for gradients from `parameters` is "
                "non-finite, so it cannot be clipped. To disable this error and scale the "
                "gradients by the non-finite norm anyway, set `error_if_nonfinite=False`")
        # The small epsilon keeps a zero norm from dividing by zero; a factor above 1 would
        # scale gradients up, so it is capped there (gradients below the limit are unchanged).
        factor = (max_norm / (total + 1e-6)).clamp(max=1.0)
        with np.errstate(invalid="ignore"):  # an inf norm gives inf * 0 = nan, silently
            for g in grads:
                g.mul_(factor)
    return total


def clip_grad_value_(parameters: Tensor | Iterable[Tensor], clip_value: float,
                     foreach: bool | None = None) -> None:
    """Clamp every gradient element into [-clip_value, clip_value], in place."""
    with no_grad():
        for g in _grads(parameters):
            g.clamp_(-clip_value, clip_value)
