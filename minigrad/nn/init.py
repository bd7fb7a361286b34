"""nn.init: fill a tensor in place with initial values, without recording a graph.

    >>> import minigrad as torch
    >>> w = torch.empty(2, 3)
    >>> torch.nn.init.zeros_(w)
    tensor([[0., 0., 0.],
            [0., 0., 0.]])
"""

from __future__ import annotations

import math
import warnings

import numpy as np

from ..autograd.grad_mode import no_grad
from ..breadth.selection import where
from ..creation import randperm
from ..random import Generator
from ..tensor import Tensor


def uniform_(tensor: Tensor, a: float = 0.0, b: float = 1.0,
             generator: Generator | None = None) -> Tensor:
    """Fill `tensor` with numbers drawn uniformly from [a, b): `tensor.uniform_(a, b)`.

    >>> import minigrad as torch
    >>> w = uniform_(torch.empty(1000), -0.5, 0.5)
    >>> bool(w.min() >= -0.5), bool(w.max() < 0.5)
    (True, True)
    """
    with no_grad():
        return tensor.uniform_(a, b, generator=generator)


def normal_(tensor: Tensor, mean: float = 0.0, std: float = 1.0,
            generator: Generator | None = None) -> Tensor:
    """Fill `tensor` with numbers drawn from N(mean, std^2): `tensor.normal_(mean, std)`."""
    with no_grad():
        return tensor.normal_(mean, std, generator=generator)


def zeros_(tensor: Tensor) -> Tensor:
    with no_grad():
        return tensor.zero_()


def ones_(tensor: Tensor) -> Tensor:
    with no_grad():
        return tensor.fill_(1.0)


def constant_(tensor: Tensor, val: float) -> Tensor:
    with no_grad():
        return tensor.fill_(val)


def _calculate_fan_in_and_fan_out(tensor: Tensor) -> tuple[int, int]:
    if tensor.dim() < 2:
        raise ValueError(
            "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions"
        )
    receptive_field = math.prod(tensor.shape[2:])
    return tensor.shape[1] * receptive_field, tensor.shape[0] * receptive_field


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """The factor PyTorch scales initial weights by for the given nonlinearity."""
    if nonlinearity in ("linear", "conv1d", "conv2d", "conv3d", "sigmoid"):
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        slope = 0.01 if param is None else param
        return math.sqrt(2.0 / (1 + slope**2))
    raise ValueError(f"Unsupported nonlinearity {nonlinearity}")


def _zero_element_no_op(tensor: Tensor) -> bool:
    """PyTorch's kaiming initialisers leave a tensor with a zero size alone, with a warning
    (nn.Linear(0, 3) is then built, not a division by a fan of zero), before checking mode."""
    if 0 in tensor.shape:
        warnings.warn("Initializing zero-element tensors is a no-op", stacklevel=3)
        return True
    return False


def _kaiming_std(tensor: Tensor, a: float, mode: str, nonlinearity: str) -> float:
    """He initialisation's standard deviation: gain / sqrt(fan), fan_in or fan_out."""
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(f"Mode {mode} not supported, please use one of fan_in, fan_out")
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    fan = fan_in if mode == "fan_in" else fan_out
    return calculate_gain(nonlinearity, a) / math.sqrt(fan)


def kaiming_uniform_(tensor: Tensor, a: float = 0.0, mode: str = "fan_in",
                     nonlinearity: str = "leaky_relu",
                     generator: Generator | None = None) -> Tensor:
    """He initialisation: uniform in +-sqrt(3) * std, std = gain / sqrt(fan).

    nn.Linear uses it with a=sqrt(5), which gives exactly +-1/sqrt(in_features).
    """
    if _zero_element_no_op(tensor):
        return tensor
    bound = math.sqrt(3.0) * _kaiming_std(tensor, a, mode, nonlinearity)
    return uniform_(tensor, -bound, bound, generator)


def kaiming_normal_(tensor: Tensor, a: float = 0.0, mode: str = "fan_in",
                    nonlinearity: str = "leaky_relu",
                    generator: Generator | None = None) -> Tensor:
    """He initialisation: N(0, std^2), std = gain / sqrt(fan)."""
    if _zero_element_no_op(tensor):
        return tensor
    return normal_(tensor, 0.0, _kaiming_std(tensor, a, mode, nonlinearity), generator)


def _xavier_std(tensor: Tensor, gain: float) -> float:
    """Glorot initialisation's standard deviation: gain * sqrt(2 / (fan_in + fan_out))."""
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    return gain * math.sqrt(2.0 / float(fan_in + fan_out))


def xavier_uniform_(tensor: Tensor, gain: float = 1.0,
                    generator: Generator | None = None) -> Tensor:
    """Glorot initialisation: uniform in +-sqrt(3) * std."""
    bound = math.sqrt(3.0) * _xavier_std(tensor, gain)
    return uniform_(tensor, -bound, bound, generator)


def xavier_normal_(tensor: Tensor, gain: float = 1.0,
                   generator: Generator | None = None) -> Tensor:
    """Glorot initialisation: N(0, std^2)."""
    return normal_(tensor, 0.0, _xavier_std(tensor, gain), generator)


def reset_weight_and_bias(weight: Tensor, bias: Tensor | None) -> None:
    """PyTorch's recipe for Linear and Conv layers: kaiming_uniform_ with a=sqrt(5) gives the
    weight +-1/sqrt(fan_in), and the bias the same bound."""
    kaiming_uniform_(weight, a=math.sqrt(5))
    if bias is not None:
        fan_in, _ = _calculate_fan_in_and_fan_out(weight)
        bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
        uniform_(bias, -bound, bound)


def eye_(tensor: Tensor) -> Tensor:
    """Fill a 2-d `tensor` with the identity matrix (ones on the diagonal, zeros elsewhere).

    >>> import minigrad as torch
    >>> eye_(torch.empty(2, 3))
    tensor([[1., 0., 0.],
            [0., 1., 0.]])
    """
    if tensor.dim() != 2:
        raise ValueError("Only tensors with 2 dimensions are supported")
    with no_grad():
        tensor.zero_()
        tensor._data[tuple(np.diag_indices(min(tensor.shape)))] = 1
    return tensor


def dirac_(tensor: Tensor, groups: int = 1) -> Tensor:
    """Fill a conv weight (3-, 4- or 5-d) so that the convolution passes its input through:
    output channel d of each group takes input channel d at the kernel's centre.

    >>> import minigrad as torch
    >>> dirac_(torch.empty(2, 2, 3))
    tensor([[[0., 1., 0.],
             [0., 0., 0.]],
    <BLANKLINE>
            [[0., 0., 0.],
             [0., 1., 0.]]])
    """
    if tensor.dim() not in (3, 4, 5):
        raise ValueError("Only tensors with 3, 4, or 5 dimensions are supported")
    if tensor.shape[0] % groups != 0:
        raise ValueError("dim 0 must be divisible by groups")
    per_group = tensor.shape[0] // groups
    centre = tuple(k // 2 for k in tensor.shape[2:])
    with no_grad():
        tensor.zero_()
        for g in range(groups):
            for d in range(min(per_group, tensor.shape[1])):
                tensor._data[(g * per_group + d, d) + centre] = 1
    return tensor


def orthogonal_(tensor: Tensor, gain: float = 1.0, generator: Generator | None = None) -> Tensor:
    """Fill `tensor` (2 or more dims, flattened to rows x the rest) with a (semi-)orthogonal
    matrix times `gain`: the Q of a QR decomposition of standard normal numbers.

    The normal numbers are PyTorch's (drawn into a rows x cols matrix); the QR is numpy's
    LAPACK, which may differ from PyTorch's in the last bits.

    >>> import minigrad as torch
    >>> w = orthogonal_(torch.empty(3, 3))
    >>> (w @ w.T).round(decimals=4).abs()
    tensor([[1., 0., 0.],
            [0., 1., 0.],
            [0., 0., 1.]])
    """
    if tensor.dim() < 2:
        raise ValueError("Only tensors with 2 or more dimensions are supported")
    if tensor.numel() == 0:
        return tensor
    rows = tensor.shape[0]
    cols = tensor.numel() // rows
    with no_grad():
        flat = tensor.new_empty((rows, cols)).normal_(0, 1, generator=generator)._data
        # QR needs at least as many rows as columns: a wide matrix is decomposed transposed.
        wide = rows < cols
        q, r = np.linalg.qr(flat.T if wide else flat)
        # Signs from R's diagonal make the decomposition unique, so Q is uniformly random.
        q = q * np.sign(np.diagonal(r))
        tensor._data[...] = (q.T if wide else q).reshape(tensor.shape)
        return tensor.mul_(gain)


def sparse_(tensor: Tensor, sparsity: float, std: float = 0.01,
            generator: Generator | None = None) -> Tensor:
    """Fill a 2-d `tensor` from N(0, std^2), then zero ceil(sparsity * rows) random rows of
    each column (a fresh randperm per column, as PyTorch draws them).

    >>> import minigrad as torch
    >>> w = sparse_(torch.empty(4, 3), sparsity=0.5)
    >>> (w == 0).sum(0)
    tensor([2, 2, 2])
    """
    if tensor.dim() != 2:
        raise ValueError("Only tensors with 2 dimensions are supported")
    rows, cols = tensor.shape
    zeros = int(math.ceil(sparsity * rows))
    with no_grad():
        tensor.normal_(0, std, generator=generator)
        for col in range(cols):
            tensor._data[randperm(rows, generator=generator)._data[:zeros], col] = 0
    return tensor


def trunc_normal_(tensor: Tensor, mean: float = 0.0, std: float = 1.0, a: float = -2.0,
                  b: float = 2.0, generator: Generator | None = None) -> Tensor:
    """Fill `tensor` from N(mean, std^2) truncated to [a, b], by rejection as PyTorch 2.13
    draws it (so the very numbers after manual_seed): when [a, b] holds more than 30% of the
    distribution, normal numbers outside it are drawn again; otherwise uniform numbers in
    [a, b] are kept with probability pdf(x) / the pdf's peak in [a, b], and the rest drawn
    again. Each round draws for the whole tensor, as PyTorch does.

    >>> import minigrad as torch
    >>> w = trunc_normal_(torch.empty(1000), std=0.02, a=-0.04, b=0.04)
    >>> bool(w.min() >= -0.04), bool(w.max() <= 0.04)
    (True, True)
    """
    if mean < a - 2 * std or mean > b + 2 * std:
        warnings.warn("mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The "
                      "distribution of values may be incorrect.", stacklevel=2)

    def cdf(x: float) -> float:
        return (1.0 + math.erf((x - mean) / std / math.sqrt(2.0))) / 2.0

    with no_grad():
        if cdf(b) - cdf(a) > 0.3:
            return _redraw_outside(tensor, mean, std, a, b, generator)
        return _accept_by_density(tensor, mean, std, a, b, generator)


def _redraw_outside(tensor: Tensor, mean: float, std: float, a: float, b: float,
                    generator: Generator | None) -> Tensor:
    # The bounds as the tensor's dtype holds them, so that what is kept lies within them.
    low, high = (tensor._data.dtype.type(bound).item() for bound in (a, b))
    result = tensor.normal_(mean, std, generator=generator)
    while True:
        outside = (result < low) | (result > high)
        if not outside.any():
            break
        result = where(outside, tensor.new_empty(tensor.shape).normal_(mean, std,
                                                                       generator=generator),
                       result)
    if result is not tensor:
        tensor.copy_(result)
    return tensor


def _accept_by_density(tensor: Tensor, mean: float, std: float, a: float, b: float,
                       generator: Generator | None) -> Tensor:
    peak = max(a, min(mean, b))  # where the density is highest within [a, b]
    log_peak = -0.5 * ((peak - mean) / std) ** 2

    def rejected(candidates: Tensor) -> Tensor:
        """log(u) > log(pdf(x) / pdf(peak)), u uniform: the candidates to draw again."""
        log_ratio = candidates.sub(mean).div_(std).pow_(2).mul_(-0.5).sub_(log_peak)
        return tensor.new_empty(tensor.shape).uniform_(generator=generator).log_() > log_ratio

    result = tensor.uniform_(a, b, generator=generator)
    pending = rejected(result)
    while pending.any():
        candidates = tensor.new_empty(tensor.shape).uniform_(a, b, generator=generator)
        result = where(pending, candidates, result)
        pending = where(pending, rejected(candidates), pending)
    if result is not tensor:
        tensor.copy_(result)
    return tensor
