"""Ops with two outputs and one node, as PyTorch records var_mean, std_mean and aminmax.

The op's forward returns the first output and appends the second to `seconds`; both outputs
then point at the one node (the second as its output 1), whose backward receives the pair of
their gradients (None for an output that got none).

    >>> import minigrad as torch
    >>> x = torch.tensor([1.0, 2.0, 6.0], requires_grad=True)
    >>> low, high = torch.aminmax(x)
    >>> low, high, low.grad_fn is high.grad_fn
    (tensor(1., grad_fn=<AminmaxBackward0>), tensor(6., grad_fn=<AminmaxBackward0>), True)
"""

from __future__ import annotations

from typing import Any

from ..ops.op import Op
from ..tensor import Tensor


class TwoOutputs(Op):
    __slots__ = ()
    num_outputs = 2

    @classmethod
    def apply_pair(cls, *inputs: Any, **params: Any) -> tuple[Tensor, Tensor]:
        seconds: list = []
        first = cls.apply(*inputs, seconds=seconds, **params)
        second = Tensor._make(seconds[0])
        if first.grad_fn is not None:  # recorded: the second output is the node's output 1
            second.grad_fn, second._output_nr = first.grad_fn, 1
        return first, second

    def _apply(self, grad_outputs: list) -> tuple:
        return Op._apply(self, [tuple(grad_outputs)])
