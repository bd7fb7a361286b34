"""Normalisation layers: values brought to mean 0 and variance 1, then scaled and shifted by
a learnable weight and bias.

    y = (x - mean) / sqrt(var + eps) * weight + bias

LayerNorm takes mean and (biased) variance over each sample's last dims (normalized_shape);
BatchNorm1d over the batch, per channel (dim 1), and keeps running averages of them, which
it uses instead in eval(). The gradient accounts for every element moving the mean and the
variance it is divided by.

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
from ..breadth import formulas
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
        x, weight, bias, mean, rstd = self.saved_tensors
        dims = self._dims(len(x.shape))
        if formulas.is_tensor(grad):  # create_graph: mean and rstd depend on x too
            mean = x.mean(dims, keepdim=True)
            rstd = ((x - mean) ** 2).mean(dims, keepdim=True).add(self.eps).rsqrt()
        normalized = (x - mean) * rstd
        # What the normalised values receive; their mean and their component along the
        # normalised values are removed, which is what moving the mean and the variance undoes.
        g = grad * weight if weight is not None else grad
        d_input = _through_normalization(g, normalized, rstd, dims)
        batch = tuple(range(len(x.shape) - len(dims)))
        d_weight = formulas.sum(grad * normalized, batch) if weight is not None else None
        d_bias = formulas.sum(grad, batch) if bias is not None else None
        return d_input, d_weight, d_bias


def _through_normalization(g: Any, normalized: Any, rstd: Any, dims: tuple) -> Any:
    """The gradient of (x - mean(x)) * rstd(x) over `dims`, given g for the normalised values:
    rstd * (g - mean(g) - normalized * mean(g * normalized)). Subtracting the means is what
    moving the mean and the variance with every element undoes."""
    n = math.prod(normalized.shape[d] for d in dims)
    return rstd * (g - formulas.sum(g, dims, keepdim=True) / n
                   - normalized * formulas.sum(g * normalized, dims, keepdim=True) / n)


def layer_norm(input: Tensor, normalized_shape: Any, weight: Tensor | None = None,
               bias: Tensor | None = None, eps: float = 1e-5) -> Tensor:
    normalized_shape = _shape(normalized_shape)
    check_same_dtype(input, weight, bias)  # before the shapes, as in PyTorch
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


def _add_scale_and_shift(module: Module, shape: tuple, dtype: _dtype.dtype | None,
                         affine: bool, bias: bool) -> None:
    """The learnable weight (ones) and bias (zeros) of a normalisation layer, or None."""
    dtype = _dtype.or_default(dtype).numpy
    module.register_parameter(
        "weight", Parameter(Tensor._make(np.ones(shape, dtype))) if affine else None)
    module.register_parameter(
        "bias", Parameter(Tensor._make(np.zeros(shape, dtype))) if affine and bias else None)


def _reset_scale_and_shift(module: Module) -> None:
    """The weight back to ones and the bias to zeros, where the layer has them."""
    if module.weight is not None:
        init.ones_(module.weight)
    if module.bias is not None:
        init.zeros_(module.bias)


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
        _add_scale_and_shift(self, self.normalized_shape, dtype, elementwise_affine, bias)

    def reset_parameters(self) -> None:
        _reset_scale_and_shift(self)

    def forward(self, input: Tensor) -> Tensor:
        return layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps)

    def extra_repr(self) -> str:
        return (f"{self.normalized_shape}, eps={self.eps}, "
                f"elementwise_affine={self.elementwise_affine}, bias={self.bias is not None}")


class NativeBatchNormBackward0(Op):
    """batch_norm: per channel (dim 1), over the batch and any length dim."""

    on_arrays = True
    __slots__ = ("training", "eps")
    # (PyTorch's result1 and result2: the mean and 1 / std used, per channel.)
    saved_names = ("input", "weight", "result1", "result2")

    def forward(self, x, weight, bias, running_mean, running_var, training, momentum, eps):
        self.training, self.eps = training, eps
        data = x._data
        dims, shape = _channel_layout(data.ndim, data.shape[1])
        if training:
            # Statistics in float64, as PyTorch's CPU kernel accumulates them in double.
            wide = data.astype(np.float64)
            mean = wide.mean(axis=dims)
            var = ((wide - mean.reshape(shape)) ** 2).mean(axis=dims)
            if running_mean is not None:
                # The running averages are updated in place without a version bump: they are
                # not part of any graph (PyTorch's kernel writes them the same way).
                n = data.size // data.shape[1]
                _blend(running_mean, mean, momentum)
                _blend(running_var, var * n / (n - 1), momentum)
            invstd = 1 / np.sqrt(var + eps)
        else:
            mean = running_mean._data.astype(np.float64)
            invstd = 1 / np.sqrt(running_var._data.astype(np.float64) + eps)
        mean, invstd = mean.astype(data.dtype), invstd.astype(data.dtype)
        self.save_for_backward(x, weight, Tensor._make(mean), Tensor._make(invstd))
        # y = x * alpha + beta, PyTorch's arrangement of the scale and shift, which its kernel
        # computes with a fused multiply-add (rounded once: a centred value may come out as
        # 1e-16 rather than 0, and print so). A wider type does the same here.
        alpha = invstd * weight._data if weight is not None else invstd
        beta = (bias._data if bias is not None else 0) - mean * alpha
        wide = np.longdouble if data.dtype == np.float64 else np.float64
        fused = data.astype(wide) * alpha.reshape(shape) + beta.reshape(shape).astype(wide)
        return fused.astype(data.dtype)

    def backward(self, grad):
        x, weight, mean, invstd = self.saved_tensors
        dims, shape = _channel_layout(len(x.shape), x.shape[1])
        if self.training and formulas.is_tensor(grad):  # create_graph: they depend on x
            mean = x.mean(dims)
            invstd = ((x - mean.reshape(shape)) ** 2).mean(dims).add(self.eps).rsqrt()
        mean, invstd = mean.reshape(shape), invstd.reshape(shape)
        normalized = (x - mean) * invstd
        g = grad * weight.reshape(shape) if weight is not None else grad
        # In eval() the statistics are constants: only the scaling remains.
        d_input = _through_normalization(g, normalized, invstd, dims) if self.training \
            else g * invstd
        d_weight = formulas.sum(grad * normalized, dims) if weight is not None else None
        d_bias = formulas.sum(grad, dims) if self.needs_input_grad[2] else None
        return d_input, d_weight, d_bias


def check_same_dtype(input: Tensor, *params: Tensor | None) -> None:
    """PyTorch's CPU normalisations (layer, batch, group, instance) refuse a weight, bias or
    running statistic of another dtype than a float32 or float64 input: a model moved to
    double and fed float data, say. The first parameter given decides the message: of another
    dtype, it is "mixed dtype"; of the input's, a later one of another dtype is named."""
    kind = input.dtype
    given = [p.dtype for p in params if p is not None]
    if kind not in (_dtype.float32, _dtype.float64) or all(d is kind for d in given):
        return  # (half-precision inputs may take float32 parameters)
    if given[0] is not kind:
        raise RuntimeError("mixed dtype (CPU): expect parameter to have scalar type of Float"
                           if kind is _dtype.float32 else
                           "mixed dtype (CPU): all inputs must share same datatype.")
    other = next(d for d in given if d is not kind)
    raise RuntimeError(f"expected scalar type {_dtype.message_name(kind)} but found "
                       f"{_dtype.message_name(other)}")


def _channel_layout(ndim: int, channels: int) -> tuple[tuple, tuple]:
    """The dims a channel's statistics run over, and the shape that broadcasts them back."""
    return (0, *range(2, ndim)), (1, channels) + (1,) * (ndim - 2)


def _blend(running: Tensor, value: np.ndarray, momentum: float) -> None:
    running._data[...] = momentum * value + (1 - momentum) * running._data


def batch_norm(input: Tensor, running_mean: Tensor | None, running_var: Tensor | None,
               weight: Tensor | None = None, bias: Tensor | None = None,
               training: bool = False, momentum: float = 0.1, eps: float = 1e-5) -> Tensor:
    channels = input.shape[1] if input.dim() > 1 else 0
    if training and input.numel() // max(channels, 1) <= 1:
        raise ValueError("Expected more than 1 value per channel when training, got input "
                         f"size {input.size()}")
    for name, t in (("running_mean", running_mean), ("running_var", running_var),
                    ("weight", weight), ("bias", bias)):
        if t is not None and t.numel() != channels:
            raise RuntimeError(f"{name} should contain {channels} elements not {t.numel()}")
    if not training and (running_mean is None or running_var is None):
        raise RuntimeError("running_mean and running_var must be defined in evaluation mode")
    check_same_dtype(input, weight, bias, running_mean, running_var)
    return NativeBatchNormBackward0.apply(
        input, weight, bias, running_mean=running_mean, running_var=running_var,
        training=training, momentum=momentum, eps=eps)


class _NormBase(Module):
    """What BatchNorm and InstanceNorm share: num_features channels, an optional per-channel
    weight and bias (affine), and optional running averages of the mean and variance."""

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float | None = 0.1,
                 affine: bool = True, track_running_stats: bool = True, bias: bool = True,
                 dtype: _dtype.dtype | None = None) -> None:
        super().__init__()
        self.num_features, self.eps, self.momentum = num_features, eps, momentum
        self.affine, self.track_running_stats = affine, track_running_stats
        _add_scale_and_shift(self, (num_features,), dtype, affine, bias)
        dtype = _dtype.or_default(dtype).numpy
        stats = track_running_stats
        self.register_buffer("running_mean", Tensor._make(np.zeros(num_features, dtype))
                             if stats else None)
        self.register_buffer("running_var", Tensor._make(np.ones(num_features, dtype))
                             if stats else None)
        self.register_buffer("num_batches_tracked", Tensor._make(np.array(0, np.int64))
                             if stats else None)

    def reset_running_stats(self) -> None:
        if self.track_running_stats:
            init.zeros_(self.running_mean)
            init.ones_(self.running_var)
            init.zeros_(self.num_batches_tracked)

    def extra_repr(self) -> str:
        return (f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, "
                f"affine={self.affine}, bias={self.bias is not None}, "
                f"track_running_stats={self.track_running_stats}")


class BatchNorm1d(_NormBase):
    """Normalises each channel over the batch: input (N, C) or (N, C, L).

    While training it uses the batch's statistics and updates running averages (momentum, or
    a plain average of all batches for momentum=None); in eval() it uses those averages.
    """

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float | None = 0.1,
                 affine: bool = True, track_running_stats: bool = True, bias: bool = True,
                 device: Any = None, dtype: _dtype.dtype | None = None) -> None:
        super().__init__(num_features, eps, momentum, affine, track_running_stats, bias, dtype)

    def forward(self, input: Tensor) -> Tensor:
        if input.dim() not in (2, 3):
            raise ValueError(f"expected 2D or 3D input (got {input.dim()}D input)")
        factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats:
            self.num_batches_tracked.add_(1)
            if self.momentum is None:  # a plain average over every batch so far
                factor = 1.0 / float(self.num_batches_tracked.item())
        # Batch statistics while training, or always when there are no running ones.
        use_batch = self.training or self.running_mean is None
        tracked = not self.training or self.track_running_stats
        return batch_norm(input, self.running_mean if tracked else None,
                          self.running_var if tracked else None, self.weight, self.bias,
                          use_batch, factor, self.eps)
