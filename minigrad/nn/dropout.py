"""Dropout: while training, zero each element with probability p and scale the rest by
1 / (1 - p), so the expected value is unchanged; in eval mode, the identity.

As in PyTorch, the mask is `empty_like(input).bernoulli_(1 - p).div_(1 - p)` (so a seeded run
drops PyTorch's elements) and is recorded as a multiplication (MulBackward0, whose
`_saved_other` is the mask), so the gradient flows only through the kept elements.

    >>> import minigrad as torch
    >>> drop = torch.nn.Dropout(p=0.5)
    >>> x = torch.ones(6)
    >>> sorted(set(drop(x).tolist())) in ([0.0, 2.0], [0.0], [2.0])
    True
    >>> drop.eval()(x) is x
    True
"""

from __future__ import annotations

import numpy as np

from .._dtype import message_name
from ..autograd.grad_mode import no_grad
from ..creation import empty_like
from ..tensor import Tensor
from .module import Module


def _check_probability(p: float) -> None:
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")


def dropout(input: Tensor, p: float = 0.5, training: bool = True,
            inplace: bool = False) -> Tensor:
    """input with each element zeroed with probability p, the others scaled by 1 / (1 - p)."""
    _check_probability(p)
    if not training or p == 0:
        return input
    if not input.dtype.is_floating_point:
        raise RuntimeError(f"result type Float can't be cast to the desired output type "
                           f"{message_name(input.dtype)}")
    if p == 1:
        mask = Tensor._make(np.zeros(input._data.shape, dtype=input._data.dtype))
    else:
        with no_grad():
            mask = empty_like(input).bernoulli_(1 - p).div_(1 - p)
    return input.mul_(mask) if inplace else input * mask


class Dropout(Module):
    """Randomly zeroes elements while training (regularisation); the identity in eval()."""

    def __init__(self, p: float = 0.5, inplace: bool = False) -> None:
        super().__init__()
        _check_probability(p)
        self.p, self.inplace = p, inplace

    def forward(self, input: Tensor) -> Tensor:
        return dropout(input, self.p, self.training, self.inplace)

    def extra_repr(self) -> str:
        return f"p={self.p}, inplace={self.inplace}"
