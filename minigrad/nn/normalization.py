"""nn.LayerNorm: each sample normalised over its last dims to mean 0 and variance 1, then
scaled and shifted by learnable weight and bias (elementwise_affine).

    y = (x - mean) / sqrt(var + eps) * weight + bias

with mean and the (biased) variance taken over normalized_shape, the last dims of x. Its
gradient has to account for every element moving the mean and the variance it is divided by.

    >>> import minigrad as torch
    >>> norm = torch.nn.LayerNorm(2)
    >>> norm(torch.tensor([[1.0, 3.0]]))
    tensor([[-1.0000,  1.0000]], grad_fn=<NativeLayerNormBackward0>)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import _dtype
from ..ops import formulas
from ..ops.op import Op
from ..tensor import Tensor
from . import init
from .module import Module
from .parameter import Parameter


class NativeLayerNormBackward0(Op):
    """The normalisation, scale and shift in one node, as PyTorch records layer_norm."""

    on_arrays = True
    __slots__ = ("normalized_shape", "eps")
    # input, weight, bias, then the per-sample mean and 1 / std (PyTorch's result1, result2).
    saved_names = ("input", "weight", "bias", "result1", "result2")

    def forward(self, x, weight, bias, normalized_shape, eps):
        self.normalized_shape, self.eps = normalized_shape, eps
        data = x._data
        dims = self._dims(data.ndim)
        mean = np.mean(data, axis=dims, keepdims=True)
        centered = data - mean
        rstd = 1 / np.sqrt(np.mean(centered * centered, axis=dims, keepdims=True) + eps)
        self.save_for_backward(x, weight, bias, Tensor._make(mean), Tensor._make(rstd))
        y = centered * rstd
        if weight is not None:
            y = y * weight._data
        if bias is not None:
            y = y + bias._data
        return y

    def _dims(self, ndim: int) -> tuple:
        return tuple(range(ndim - len(self.normalized_shape), ndim))

    def backward(self, grad):
        x, weight, bias, mean, rstd = self.saved_like(grad)
        dims = self._dims(len(x.shape))
        if formulas.is_tensor(grad):  # create_graph: mean and rstd depend on x too
            mean = x.mean(dims, keepdim=True)
            rstd = ((x - mean) ** 2).mean(dims, keepdim=True).add(self.eps).rsqrt()
        normalized = (x - mean) * rstd
        # What the normalised values receive; their mean and their component along the
        # normalised values are removed, which is what moving the mean and the variance undoes.
        g = grad * weight if weight is not None else grad
        n = math.prod(self.normalized_shape)
        d_input = rstd * (g - formulas.sum(g, dims, keepdim=True) / n
                          - normalized * formulas.sum(g * normalized, dims, keepdim=True) / n)
        batch = tuple(range(len(x.shape) - len(dims)))
        d_weight = formulas.sum(grad * normalized, batch) if weight is not None else None
        d_bias = formulas.sum(grad, batch) if bias is not None else None
        return d_input, d_weight, d_bias


def layer_norm(input: Tensor, normalized_shape: Any, weight: Tensor | None = None,
               bias: Tensor | None = None, eps: float = 1e-5) -> Tensor:
    normalized_shape = _shape(normalized_shape)
    if tuple(input.shape[input.dim() - len(normalized_shape):]) != normalized_shape \
            or input.dim() < len(normalized_shape):
        raise RuntimeError(
            f"Given normalized_shape={list(normalized_shape)}, expected input with shape "
            f"[*, {', '.join(map(str, normalized_shape))}], but got input of size"
            f"{list(input.shape)}")
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None and tuple(t.shape) != normalized_shape:
            raise RuntimeError(
                f"Expected {name} to be of same shape as normalized_shape, but got {name} of "
                f"shape {list(t.shape)} and normalized_shape = {list(normalized_shape)}")
    return NativeLayerNormBackward0.apply(input, weight, bias,
                                          normalized_shape=normalized_shape, eps=eps)


def _shape(normalized_shape: Any) -> tuple:
    if isinstance(normalized_shape, int):
        return (normalized_shape,)
    return tuple(normalized_shape)


class LayerNorm(Module):
    """Normalises over the last dims (normalized_shape); weight starts at 1, bias at 0."""

    def __init__(self, normalized_shape: Any, eps: float = 1e-5,
                 elementwise_affine: bool = True, bias: bool = True, device: Any = None,
                 dtype: _dtype.dtype | None = None) -> None:
        super().__init__()
        self.normalized_shape = _shape(normalized_shape)
        self.eps, self.elementwise_affine = eps, elementwise_affine
        dtype = dtype or _dtype.get_default_dtype()
        if elementwise_affine:
            self.weight = Parameter(Tensor._make(np.ones(self.normalized_shape, dtype.numpy)))
            if bias:
                self.bias = Parameter(Tensor._make(np.zeros(self.normalized_shape,
                                                            dtype.numpy)))
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)

    def reset_parameters(self) -> None:
        if self.elementwise_affine:
            init.ones_(self.weight)
            if self.bias is not None:
                init.zeros_(self.bias)

    def forward(self, input: Tensor) -> Tensor:
        return layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps)

    def extra_repr(self) -> str:
        return (f"{self.normalized_shape}, eps={self.eps}, "
                f"elementwise_affine={self.elementwise_affine}, bias={self.bias is not None}")
