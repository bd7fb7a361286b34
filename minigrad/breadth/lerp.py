"""lerp: linear interpolation from `input` towards `end`, input + weight * (end - input).

A weight given as a number is a parameter of the node (LerpBackward0); a weight tensor is an
input with a gradient of its own (LerpBackward1). Optimizers keep running averages with it
(`exp_avg.lerp_(grad, 1 - beta1)`).

    >>> import minigrad as torch
    >>> start = torch.tensor([0.0, 10.0], requires_grad=True)
    >>> torch.lerp(start, torch.tensor([1.0, 20.0]), 0.25)
    tensor([ 0.2500, 12.5000], grad_fn=<LerpBackward0>)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import messages
from .._dtype import c_type_name
from ..ops.op import Op
from ..parity import MulBackward1
from ..tensor import Tensor
from . import fused
from .broadcasting import broadcast_shape_of


def _lerp(start: np.ndarray, end: np.ndarray, weight: Any) -> np.ndarray:
    """PyTorch's kernel: one fused multiply-add from the nearer end, start + w (end - start)
    for |w| < 0.5, else end + (w - 1) (end - start), so that w = 1 gives end exactly. float16
    computes in float32, as PyTorch's does."""
    dtype = start.dtype
    opmath = np.dtype(np.float32) if dtype == np.float16 else dtype
    start, end, weight = (np.asarray(v, dtype=opmath) for v in (start, end, weight))
    small = np.abs(weight) < 0.5
    coefficient = np.where(small, weight, weight - np.asarray(1, opmath))
    if coefficient.ndim == 0 and opmath == dtype:
        # One number: x + a * y, which fast_paths.py hands to BLAS's axpy (the optimizers'
        # running averages, exp_avg.lerp_(grad, 1 - beta1), at every step).
        return fused.fused_add(start if small else end, float(coefficient), end - start)
    return fused.fma(coefficient, end - start, np.where(small, start, end), opmath).astype(dtype)


class LerpBackward0(Op):
    """lerp with a number as weight."""

    __slots__ = ("weight",)

    def forward(self, start, end, weight):
        self.weight = weight
        return _lerp(start._data, end._data, weight)

    def backward(self, grad):
        # grad times a number, as PyTorch's formula multiplies (MulBackward1 when recorded).
        return (MulBackward1.apply(grad, other=1 - self.weight),
                MulBackward1.apply(grad, other=self.weight))


class LerpBackward1(Op):
    """lerp with a tensor as weight (broadcast with input and end)."""

    saved_names = ("self", "end", "weight")

    def forward(self, start, end, weight):
        self.save_for_backward(start, end, weight)
        return _lerp(start._data, end._data, weight._data)

    def backward(self, grad):
        start, end, weight = self.saved_tensors
        return grad * (1 - weight), grad * weight, grad * (end - start)


def _check_dtype(input: Tensor, other: Tensor, name: str) -> None:
    if other.dtype is not input.dtype:
        raise RuntimeError(f"expected dtype {c_type_name(input.dtype)} for `{name}` but got "
                           f"dtype {c_type_name(other.dtype)}")


def lerp(input: Tensor, end: Tensor, weight: Any) -> Tensor:
    """input + weight * (end - input), with a number or a tensor as weight.

    input and end must have the same dtype, and so must a weight tensor unless it is 0-d.

    >>> import minigrad as torch
    >>> torch.lerp(torch.zeros(3), torch.ones(3), torch.tensor([0.0, 0.5, 1.0]))
    tensor([0.0000, 0.5000, 1.0000])
    """
    _check_dtype(input, end, "end")
    if not isinstance(weight, Tensor):
        broadcast_shape_of(input, end)
        messages.check_floating(input, "lerp_kernel_scalar")
        return LerpBackward0.apply(input, end, weight=weight)
    if weight.ndim:
        _check_dtype(input, weight, "weight")
    broadcast_shape_of(input, end, weight)
    messages.check_floating(input, "lerp_kernel_tensor")
    return LerpBackward1.apply(input, end, weight)
