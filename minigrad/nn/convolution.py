"""Convolutions (conv1d, conv2d; nn.Conv1d, nn.Conv2d) and pooling (max_pool1d/2d,
avg_pool1d/2d; nn.MaxPool1d/2d, nn.AvgPool1d/2d).

A convolution slides a small kernel over the input: each output element is the dot product of
the kernel with one window of the input (all its channels, or those of its group). So the
computation is: cut the (padded) input into windows, then one matrix product of windows and
kernels. Its gradient runs the same way back: the gradient of each window (output gradient
times kernel) is added back into the places the window was cut from (`_fold`), and the
kernel's gradient is the product of output gradient and windows.

    >>> import minigrad as torch
    >>> x = torch.arange(9.0).reshape(1, 1, 3, 3)
    >>> torch.nn.functional.conv2d(x, torch.ones(1, 1, 2, 2))
    tensor([[[[ 8., 12.],
              [20., 24.]]]])
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

from .. import _dtype
from ..breadth import formulas
from ..ops.op import Op, constant
from ..tensor import Tensor
from . import init
from .module import Module
from .parameter import add_weight_and_bias


def _tuple(value: Any, n: int) -> tuple:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,) * n


def _out_size(size: int, kernel: int, stride: int, padding: int, dilation: int,
              ceil_mode: bool = False) -> int:
    span = dilation * (kernel - 1) + 1
    if not ceil_mode:
        return (size + 2 * padding - span) // stride + 1
    out = -(-(size + 2 * padding - span) // stride) + 1
    # The last window must start inside the input or its left padding (PyTorch's rule).
    return out - 1 if (out - 1) * stride >= size + padding else out


class _Windows:
    """How windows are cut along the spatial dims: kernel, stride, padding, dilation, and the
    output size. Cutting takes the windows of a padded array; folding adds window values back
    to where they were cut from."""

    def __init__(self, spatial: tuple, kernel: tuple, stride: tuple, padding: tuple,
                 dilation: tuple, out: tuple) -> None:
        self.spatial, self.kernel, self.stride = spatial, kernel, stride
        self.padding, self.dilation, self.out = padding, dilation, out

    def _padded_shape(self, lead: tuple) -> tuple:
        # Enough room on the right for every window (ceil_mode may reach past the padding).
        return lead + tuple(max(n + 2 * p, (o - 1) * s + d * (k - 1) + 1)
                            for n, p, o, s, d, k in zip(self.spatial, self.padding, self.out,
                                                        self.stride, self.dilation,
                                                        self.kernel))

    def _offsets(self) -> list[tuple]:
        """For each kernel position, the slices of the padded input it sees in every window."""
        result = []
        for position in itertools.product(*(range(k) for k in self.kernel)):
            result.append(tuple(slice(i * d, i * d + s * (o - 1) + 1, s)
                                for i, d, s, o in zip(position, self.dilation, self.stride,
                                                      self.out)))
        return result

    def cut(self, a: np.ndarray, fill: float) -> np.ndarray:
        """(N, C, *spatial) -> (N, C, *out, K): each output position's window, flattened."""
        padded = np.full(self._padded_shape(a.shape[:2]), fill, dtype=a.dtype)
        inner = tuple(slice(p, p + n) for p, n in zip(self.padding, self.spatial))
        padded[(slice(None), slice(None)) + inner] = a
        lead = (slice(None), slice(None))
        return np.stack([padded[lead + offset] for offset in self._offsets()], axis=-1)

    def fold(self, windows: np.ndarray) -> np.ndarray:
        """The inverse of cut for gradients: each window value added back where it came from."""
        padded = np.zeros(self._padded_shape(windows.shape[:2]), dtype=windows.dtype)
        lead = (slice(None), slice(None))
        for k, offset in enumerate(self._offsets()):
            padded[lead + offset] += windows[..., k]
        inner = tuple(slice(p, p + n) for p, n in zip(self.padding, self.spatial))
        return padded[lead + inner]


class _Cut(Op):
    """The windows of x as a recorded operation (for second derivatives of convolution)."""

    __slots__ = ("windows",)

    def forward(self, x, windows):
        self.windows = windows
        return windows.cut(x._data, 0)

    def backward(self, grad):
        return _Fold.apply(grad, windows=self.windows)


class _Fold(Op):
    __slots__ = ("windows",)

    def forward(self, x, windows):
        self.windows = windows
        return windows.fold(x._data)

    def backward(self, grad):
        return _Cut.apply(grad, windows=self.windows)


def _cut(x: Any, windows: _Windows) -> Any:
    return _Cut.apply(x, windows=windows) if formulas.is_tensor(x) else windows.cut(x, 0)


def _fold(x: Any, windows: _Windows) -> Any:
    return _Fold.apply(x, windows=windows) if formulas.is_tensor(x) else windows.fold(x)


def _moveaxis(x: Any, source: int, destination: int) -> Any:
    return x.movedim(source, destination) if formulas.is_tensor(x) else \
        np.moveaxis(x, source, destination)


class ConvolutionBackward0(Op):
    """out[n, o] = bias[o] + sum over the group's channels c and kernel positions k of
    weight[o, c, k] * window(n, c)[k]."""

    on_arrays = True
    __slots__ = ("stride", "padding", "dilation", "transposed", "output_padding", "groups",
                 "bias_sym_sizes_opt", "windows")
    saved_names = ("input", "weight")

    def forward(self, x, weight, bias, stride, padding, dilation, groups):
        self.save_for_backward(x, weight)
        self.stride, self.padding, self.dilation, self.groups = stride, padding, dilation, groups
        self.transposed, self.output_padding = False, (0,) * len(stride)
        self.bias_sym_sizes_opt = None if bias is None else bias._data.shape
        self.windows = _windows(x._data.shape, weight._data.shape[2:], stride, padding,
                                dilation)
        out = self._product(self.windows.cut(x._data, 0), weight._data)
        if bias is not None:
            out = out + bias._data.reshape((-1,) + (1,) * len(stride))
        return out

    def _window_rows(self, windows: Any) -> Any:
        """(N, C, *out, K) windows as (N, G, P, C/G*K): per group, one row per position."""
        n, channels = windows.shape[0], windows.shape[1]
        positions = math.prod(self.windows.out)
        per_group, kernel = channels // self.groups, math.prod(self.windows.kernel)
        w = _moveaxis(windows.reshape(n, self.groups, per_group, positions, kernel), 2, 3)
        return w.reshape(n, self.groups, positions, per_group * kernel)

    def _kernel_columns(self, weight: Any) -> Any:
        """(O, C/G, *kernel) weights as (G, C/G*K, O/G): per group, one column per output."""
        k = weight.reshape(self.groups, weight.shape[0] // self.groups, -1)
        return _moveaxis(k, 1, 2)

    def _product(self, windows: Any, weight: Any) -> Any:
        out = self._window_rows(windows) @ self._kernel_columns(weight)  # (N, G, P, O/G)
        n = windows.shape[0]
        return _moveaxis(out, 2, 3).reshape((n, weight.shape[0]) + self.windows.out)

    def backward(self, grad):
        x, weight = self.saved_tensors
        n, outs = x.shape[0], weight.shape[0]
        g = _moveaxis(grad.reshape(n, self.groups, outs // self.groups,
                                   math.prod(self.windows.out)), 2, 3)  # (N, G, P, O/G)
        d_input = d_weight = d_bias = None
        if self.needs_input_grad[0]:
            d_windows = g @ _moveaxis(self._kernel_columns(weight), 1, 2)  # (N, G, P, C/G*K)
            per_group = x.shape[1] // self.groups
            kernel = math.prod(self.windows.kernel)
            d_windows = _moveaxis(d_windows.reshape(n, self.groups, -1, per_group, kernel), 2, 3)
            d_input = _fold(d_windows.reshape((n, x.shape[1]) + self.windows.out + (kernel,)),
                            self.windows)
        if self.needs_input_grad[1]:  # (the windows are cut again rather than kept: K x x)
            rows = self._window_rows(_cut(x, self.windows))
            d_k = formulas.sum(_moveaxis(rows, 2, 3) @ g, (0,))  # (G, C/G*K, O/G)
            d_weight = _moveaxis(d_k, 1, 2).reshape(weight.shape)
        if self.needs_input_grad[2]:
            d_bias = formulas.sum(grad, (0,) + tuple(range(2, len(grad.shape))))
        return d_input, d_weight, d_bias


def _windows(shape: tuple, kernel: tuple, stride: tuple, padding: tuple, dilation: tuple,
             ceil_mode: bool = False) -> _Windows:
    spatial = shape[2:]
    out = tuple(_out_size(n, k, s, p, d, ceil_mode)
                for n, k, s, p, d in zip(spatial, kernel, stride, padding, dilation))
    return _Windows(spatial, tuple(kernel), stride, padding, dilation, out)


def _batched(input: Tensor, dims: int, name: str) -> tuple[Tensor, bool]:
    """(input with a batch dim, whether one was added): an unbatched input is one sample."""
    if input.ndim == dims + 1:
        return input.unsqueeze(0), True
    if input.ndim != dims + 2:
        raise RuntimeError(f"Expected {dims + 1}D (unbatched) or {dims + 2}D (batched) input to "
                           f"{name}, but got input of size: {list(input.shape)}")
    return input, False


def _convolution(input: Tensor, weight: Tensor, bias: Tensor | None, stride: Any, padding: Any,
                 dilation: Any, groups: int, dims: int) -> Tensor:
    name = f"conv{dims}d"
    input, unbatched = _batched(input, dims, name)
    stride, dilation = _tuple(stride, dims), _tuple(dilation, dims)
    kernel = weight.shape[2:]
    if isinstance(padding, str):
        if padding == "valid":
            padding = (0,) * dims
        elif padding == "same":
            if any(s != 1 for s in stride):
                raise RuntimeError("padding='same' is not supported for strided convolutions")
            padding = tuple(d * (k - 1) // 2 for k, d in zip(kernel, dilation))
            # (An even total is split evenly; an odd one is not supported by this shortcut.)
            if any(d * (k - 1) % 2 for k, d in zip(kernel, dilation)):
                raise NotImplementedError("padding='same' with an even kernel (minus one, times "
                                          "dilation) is not supported by minigrad")
        else:
            raise ValueError(f"Invalid padding string '{padding}', should be one of "
                             "{'valid', 'same'}")
    padding = _tuple(padding, dims)
    if input.shape[1] != weight.shape[1] * groups:
        raise RuntimeError(
            f"Given groups={groups}, weight of size {list(weight.shape)}, expected "
            f"input{list(input.shape)} to have {weight.shape[1] * groups} channels, but got "
            f"{input.shape[1]} channels instead")
    padded = tuple(n + 2 * p for n, p in zip(input.shape[2:], padding))
    spans = tuple(d * (k - 1) + 1 for k, d in zip(kernel, dilation))
    if any(s > n for s, n in zip(spans, padded)):
        raise RuntimeError(
            f"Calculated padded input size per channel: ({' x '.join(map(str, padded))}). "
            f"Kernel size: ({' x '.join(map(str, spans))}). Kernel size can't be greater than "
            "actual input size")
    out = ConvolutionBackward0.apply(input, weight, bias, stride=stride, padding=padding,
                                     dilation=dilation, groups=groups)
    return out.squeeze(0) if unbatched else out


def conv1d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1,
           padding: Any = 0, dilation: Any = 1, groups: int = 1) -> Tensor:
    return _convolution(input, weight, bias, stride, padding, dilation, groups, 1)


def conv2d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1,
           padding: Any = 0, dilation: Any = 1, groups: int = 1) -> Tensor:
    return _convolution(input, weight, bias, stride, padding, dilation, groups, 2)


class _ConvNd(Module):
    dims = 2

    def __init__(self, in_channels: int, out_channels: int, kernel_size: Any, stride: Any = 1,
                 padding: Any = 0, dilation: Any = 1, groups: int = 1, bias: bool = True,
                 padding_mode: str = "zeros", device: Any = None,
                 dtype: _dtype.dtype | None = None) -> None:
        super().__init__()
        if in_channels % groups:
            raise ValueError("in_channels must be divisible by groups")
        if out_channels % groups:
            raise ValueError("out_channels must be divisible by groups")
        if padding_mode != "zeros":
            raise NotImplementedError("minigrad's convolutions pad with zeros only "
                                      "(use F.pad for other modes)")
        n = self.dims
        self.in_channels, self.out_channels, self.groups = in_channels, out_channels, groups
        self.kernel_size, self.stride = _tuple(kernel_size, n), _tuple(stride, n)
        self.padding = padding if isinstance(padding, str) else _tuple(padding, n)
        self.dilation, self.output_padding = _tuple(dilation, n), (0,) * n
        self.transposed, self.padding_mode = False, padding_mode
        add_weight_and_bias(self, (out_channels, in_channels // groups) + self.kernel_size,
                            bias, dtype)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        init.reset_weight_and_bias(self.weight, self.bias)

    def forward(self, input: Tensor) -> Tensor:
        return _convolution(input, self.weight, self.bias, self.stride, self.padding,
                            self.dilation, self.groups, self.dims)

    def extra_repr(self) -> str:
        text = (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
                f"stride={self.stride}")
        if self.padding != (0,) * self.dims:
            text += f", padding={self.padding}"
        if self.dilation != (1,) * self.dims:
            text += f", dilation={self.dilation}"
        if self.groups != 1:
            text += f", groups={self.groups}"
        if self.bias is None:
            text += ", bias=False"
        return text


class Conv1d(_ConvNd):
    """A 1-d convolution layer over (N, C, L) inputs."""

    dims = 1


class Conv2d(_ConvNd):
    """A 2-d convolution layer over (N, C, H, W) inputs."""

    dims = 2


# --- pooling ----------------------------------------------------------------------------


class MaxPool2DWithIndicesBackward0(Op):
    """The largest value of each window (the first one, on ties); the gradient goes to it."""

    on_arrays = True
    __slots__ = ("kernel_size", "stride", "padding", "dilation", "ceil_mode", "windows",
                 "choice")
    saved_names = ("self",)

    def forward(self, x, windows, maxima, choice, stride_given, ceil_mode):
        # The maxima are found by max_pool2d (which may return where they are). The stride is
        # kept as the caller gave it: () for "the kernel size", as PyTorch saves it.
        self.windows, self.choice = windows, choice
        self.kernel_size, self.stride, self.padding = windows.kernel, stride_given, windows.padding
        self.dilation, self.ceil_mode = windows.dilation, ceil_mode
        return maxima

    def backward(self, grad):
        chosen = np.zeros(self.choice.shape[:-1] + (math.prod(self.kernel_size),), bool)
        np.put_along_axis(chosen, self.choice, True, axis=-1)
        spread = formulas.unsqueeze(grad, -1) * formulas.constant(chosen, grad)
        return _fold(spread, self.windows)


def _window_maxima(data: np.ndarray, windows: _Windows) -> tuple[np.ndarray, np.ndarray]:
    """Each window's largest value (the first one on ties; nan counts as largest), and its
    position in the window."""
    cut = windows.cut(data, -np.inf)
    choice = np.argmax(cut, axis=-1)[..., None]
    return np.take_along_axis(cut, choice, axis=-1)[..., 0], choice


def _flat_indices(choice: np.ndarray, windows: _Windows) -> np.ndarray:
    """Where each window's maximum sits in its channel, as one flat index (PyTorch's)."""
    rows = np.indices(windows.out)
    kernel_pos = np.unravel_index(choice[..., 0], windows.kernel)
    flat = np.zeros(choice.shape[:-1], np.int64)
    for dim, n in enumerate(windows.spatial):
        at = rows[dim] * windows.stride[dim] + kernel_pos[dim] * windows.dilation[dim] \
            - windows.padding[dim]
        flat = flat * n + at
    return flat


class AvgPool2DBackward0(Op):
    """The mean of each window; each element gets its windows' gradients over their sizes."""

    on_arrays = True
    __slots__ = ("kernel_size", "stride", "padding", "ceil_mode", "count_include_pad",
                 "divisor_override", "windows", "divisors")
    saved_names = ("self",)

    def forward(self, x, kernel_size, stride, padding, ceil_mode, count_include_pad,
                divisor_override, stride_given):
        self.kernel_size, self.stride, self.padding = kernel_size, stride_given, padding
        self.ceil_mode, self.count_include_pad = ceil_mode, count_include_pad
        self.divisor_override = divisor_override
        ones = (1,) * len(kernel_size)
        self.windows = _windows(x._data.shape, kernel_size, stride, padding, ones, ceil_mode)
        self.divisors = self._divisors(x._data.shape[2:], stride).astype(x._data.dtype)
        return self.windows.cut(x._data, 0).sum(axis=-1) / self.divisors

    def _divisors(self, spatial: tuple, stride: tuple) -> np.ndarray:
        """Per output position: how many elements its mean is over (PyTorch's rules)."""
        if self.divisor_override:
            return np.full(self.windows.out, self.divisor_override)
        result = np.ones(self.windows.out)
        for dim, (n, k, s, p) in enumerate(zip(spatial, self.kernel_size, stride,
                                              self.padding)):
            start = np.arange(self.windows.out[dim]) * s - p
            end = np.minimum(start + k, n + p)  # a window is cut off at the end of the padding
            if not self.count_include_pad:
                start, end = np.maximum(start, 0), np.minimum(end, n)
            shape = [1] * len(spatial)
            shape[dim] = -1
            result = result * (end - start).reshape(shape)
        return result

    def backward(self, grad):
        per_element = grad / formulas.constant(self.divisors, grad)
        spread = formulas.expand(formulas.unsqueeze(per_element, -1),
                                 tuple(grad.shape) + (math.prod(self.kernel_size),))
        return _fold(spread, self.windows)


def _pool_arguments(kernel_size: Any, stride: Any, padding: Any, dims: int) -> tuple:
    kernel = _tuple(kernel_size, dims)
    stride = kernel if stride is None or stride == [] else _tuple(stride, dims)
    return kernel, stride, _tuple(padding, dims)


def _check_pooled(input: Tensor, pooled: tuple) -> None:
    """PyTorch's refusal of a pooling whose output is empty (a window larger than the image:
    nn.MaxPool2d(2) on a 1x1 map); `input` batched, `pooled` the output's shape."""
    if 0 in pooled[-2:]:
        sizes = "x".join(map(str, input.shape[1:]))
        pooled_sizes = "x".join(map(str, (input.shape[1], *pooled[-2:])))
        raise RuntimeError(f"Given input size: ({sizes}). Calculated output size: "
                           f"({pooled_sizes}). Output size is too small")


def _pooled_size(size: int, kernel: int, stride: int, padding: int, dilation: int,
                 ceil_mode: bool) -> int:
    """The length of a pooling's output along one dim (PyTorch's pooling_output_shape)."""
    pooled = (size + 2 * padding - dilation * (kernel - 1) - 1
              + (stride - 1 if ceil_mode else 0)) // stride + 1
    if ceil_mode and (pooled - 1) * stride >= size + padding:  # (a last window in padding)
        pooled -= 1
    return pooled


def max_pool2d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False, return_indices: bool = False) -> Any:
    stride_given = () if stride is None else _tuple(stride, 2)  # what PyTorch records
    kernel, stride, padding = _pool_arguments(kernel_size, stride, padding, 2)
    dilation = _tuple(dilation, 2)
    for p, k, d in zip(padding, kernel, dilation):
        if p > (d * (k - 1) + 1) // 2:
            raise RuntimeError(f"pad should be at most half of effective kernel size, but got "
                               f"pad={p}, kernel_size={k} and dilation={d}")
    input, unbatched = _batched(input, 2, "max_pool2d")
    windows = _windows(input._data.shape, kernel, stride, padding, dilation, ceil_mode)
    maxima, choice = _window_maxima(input._data, windows)
    _check_pooled(input, maxima.shape)
    out = MaxPool2DWithIndicesBackward0.apply(input, windows=windows, maxima=maxima,
                                              choice=choice, stride_given=stride_given,
                                              ceil_mode=ceil_mode)
    if unbatched:
        out = out.squeeze(0)
    if not return_indices:
        return out
    indices = constant(_flat_indices(choice, windows))
    return out, (indices.squeeze(0) if unbatched else indices)


def avg_pool2d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               ceil_mode: bool = False, count_include_pad: bool = True,
               divisor_override: int | None = None) -> Tensor:
    stride_given = () if stride is None else _tuple(stride, 2)  # what PyTorch records
    kernel, stride, padding = _pool_arguments(kernel_size, stride, padding, 2)
    for p, k in zip(padding, kernel):
        if p > k // 2:
            raise RuntimeError("pad should be smaller than or equal to half of kernel size, but "
                               f"got padW = {p}, padH = {p}, kW = {k}, kH = {k}")
    input, unbatched = _batched(input, 2, "avg_pool2d")
    out = AvgPool2DBackward0.apply(input, kernel_size=kernel, stride=stride, padding=padding,
                                   ceil_mode=ceil_mode, count_include_pad=count_include_pad,
                                   divisor_override=divisor_override, stride_given=stride_given)
    _check_pooled(input, out.shape)
    return out.squeeze(0) if unbatched else out


def max_pool1d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False, return_indices: bool = False) -> Any:
    """max_pool2d over a height of 1, as PyTorch computes it (grad_fn SqueezeBackward1)."""
    kernel, stride, padding = _pool_arguments(kernel_size, stride, padding, 1)
    pooled = _pooled_size(input.shape[-1], kernel[0], stride[0], padding[0],
                          _tuple(dilation, 1)[0], ceil_mode)
    if pooled <= 0:  # (PyTorch's 1-d kernel says it its own way)
        raise RuntimeError(f"max_pool1d() Invalid computed output size: {pooled}")
    out = max_pool2d(input.unsqueeze(-2), (1,) + kernel, (1,) + stride, (0,) + padding,
                     (1,) + _tuple(dilation, 1), ceil_mode, return_indices)
    if return_indices:
        return out[0].squeeze(-2), out[1].squeeze(-2)
    return out.squeeze(-2)


def avg_pool1d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
               ceil_mode: bool = False, count_include_pad: bool = True) -> Tensor:
    kernel, stride, padding = _pool_arguments(kernel_size, stride, padding, 1)
    return avg_pool2d(input.unsqueeze(-2), (1,) + kernel, (1,) + stride, (0,) + padding,
                      ceil_mode, count_include_pad).squeeze(-2)


class _Pool(Module):
    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0,
                 ceil_mode: bool = False) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if stride is not None else kernel_size
        self.padding, self.ceil_mode = padding, ceil_mode


class MaxPool1d(_Pool):
    function = staticmethod(max_pool1d)

    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0, dilation: Any = 1,
                 return_indices: bool = False, ceil_mode: bool = False) -> None:
        super().__init__(kernel_size, stride, padding, ceil_mode)
        self.dilation, self.return_indices = dilation, return_indices

    def forward(self, input: Tensor) -> Any:
        return self.function(input, self.kernel_size, self.stride, self.padding, self.dilation,
                             self.ceil_mode, self.return_indices)

    def extra_repr(self) -> str:
        return (f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}, "
                f"dilation={self.dilation}, ceil_mode={self.ceil_mode}")


class MaxPool2d(MaxPool1d):
    function = staticmethod(max_pool2d)


class _AvgPool(_Pool):
    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0,
                 ceil_mode: bool = False, count_include_pad: bool = True) -> None:
        super().__init__(kernel_size, stride, padding, ceil_mode)
        self.count_include_pad = count_include_pad

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class AvgPool1d(_AvgPool):
    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0,
                 ceil_mode: bool = False, count_include_pad: bool = True) -> None:
        # PyTorch's AvgPool1d keeps its sizes as 1-tuples.
        super().__init__(_tuple(kernel_size, 1), None if stride is None else _tuple(stride, 1),
                         _tuple(padding, 1), ceil_mode, count_include_pad)

    def forward(self, input: Tensor) -> Tensor:
        return avg_pool1d(input, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                          self.count_include_pad)


class AvgPool2d(_AvgPool):
    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0,
                 ceil_mode: bool = False, count_include_pad: bool = True,
                 divisor_override: int | None = None) -> None:
        super().__init__(kernel_size, stride, padding, ceil_mode, count_include_pad)
        self.divisor_override = divisor_override

    def forward(self, input: Tensor) -> Tensor:
        return avg_pool2d(input, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                          self.count_include_pad, self.divisor_override)
