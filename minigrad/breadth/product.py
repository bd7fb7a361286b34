"""Products: prod (of all elements, or along a dim) and cumprod, the running product.

The derivative of a product with respect to one of its factors is the product of all the
other factors. Where no factor is zero that is simply result / x. A zero factor makes that
0 / 0, so then the other factors are multiplied out instead: the product of those before x
times the product of those after it (both running products), as PyTorch does.

    >>> import minigrad as torch
    >>> x = torch.tensor([2.0, 3.0, 4.0], requires_grad=True)
    >>> x.prod().backward()
    >>> x.grad                       # 3 * 4, 2 * 4, 2 * 3
    tensor([12.,  8.,  6.])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..autograd.grad_mode import is_grad_enabled
from ..ops.dims import normalize_dim
from ..ops.op import Op, constant
from ..ops.reduction import sum_dtype
from .join import cat
from .reductions import running


class ProdBackward0(Op):
    """prod() of all elements (integers and bools multiply as int64, as in PyTorch)."""

    save_output = True
    saved_names = ("self",)

    def forward(self, x):
        self.save_for_backward(x)
        return np.asarray(np.prod(x._data, dtype=sum_dtype(x)))

    def backward(self, grad):
        x, result = self.saved_tensors
        if x.ndim == 0:
            return grad
        zeros = np.count_nonzero(x._data == 0)
        if zeros == 0:
            return grad * (result / x)
        if zeros > 1 and not is_grad_enabled():  # (create_graph takes the long way below)
            return constant(np.zeros_like(x._data))  # each product of the others has a zero
        return (grad * _others_product(x.reshape(-1), 0)).reshape(x.shape)


class ProdBackward1(Op):
    """prod(dim, keepdim): the product of each slice along dim."""

    __slots__ = ("dim", "keepdim")
    save_output = True
    saved_names = ("self",)

    def forward(self, x, dim, keepdim):
        self.save_for_backward(x)
        self.dim, self.keepdim = dim, keepdim
        return np.asarray(np.prod(x._data, axis=dim if x._data.ndim else None,
                                  keepdims=keepdim and x._data.ndim > 0, dtype=sum_dtype(x)))

    def backward(self, grad):
        x, result = self.saved_tensors
        if x.ndim == 0:
            return grad
        if not self.keepdim:
            grad, result = grad.unsqueeze(self.dim), result.unsqueeze(self.dim)
        # One zero anywhere sends every slice the long way, as in PyTorch (same rounding).
        if not np.any(x._data == 0):
            return grad * (result / x)
        return grad * _others_product(x, self.dim)


class CumprodBackward0(Op):
    """The running product along dim: out[i] = x[0] * ... * x[i]."""

    __slots__ = ("dim",)
    save_output = True
    saved_names = ("self",)

    def forward(self, x, dim):
        self.save_for_backward(x)
        self.dim = dim
        if x._data.ndim == 0:
            return x._data.astype(sum_dtype(x))
        return running(np.cumprod, x._data, dim, sum_dtype(x))

    def backward(self, grad):
        x, result = self.saved_tensors
        dim = self.dim
        if x.numel() <= 1 or x.shape[dim] == 1:
            return grad
        # x[i] is a factor of every out[j] with j >= i: d out[j] / d x[i] = out[j] / x[i].
        if not np.any(x._data == 0):
            return (grad * result).flip(dim).cumsum(dim).flip(dim) / x
        # With zeros, out[j] / x[i] is not defined; it is the product of x[k] for k <= j but
        # k != i: before(i) * x[i+1] * ... * x[j]. Summed over j >= i, from the end:
        # total(i) = grad[i] + x[i+1] * total(i+1), and the gradient is before(i) * total(i),
        # written slice by slice (so a create_graph gradient is CopySlices, as in PyTorch).
        before = _before(x, dim)
        grad_input = constant(np.zeros_like(x._data))
        total = grad[_at(dim, -1)]
        for i in range(x.shape[dim] - 1, -1, -1):
            if i < x.shape[dim] - 1:
                total = grad[_at(dim, i)] + x[_at(dim, i + 1)] * total
            grad_input[_at(dim, i)] = before[_at(dim, i)] * total
        return grad_input


def _at(dim: int, index: Any) -> tuple:
    """The indexing key that takes `index` (an int or a slice) along `dim`."""
    return (slice(None),) * dim + (index,)


def _before(x: Any, dim: int) -> Any:
    """The product of the elements before each element along dim (1 for the first)."""
    shape = list(x.shape)
    shape[dim] = 1
    ones = constant(np.ones(shape, dtype=x._data.dtype))
    return cat([ones, x[_at(dim, slice(0, -1))]], dim).cumprod(dim)


def _others_product(x: Any, dim: int) -> Any:
    """For each element, the product of all the other elements of its slice along dim."""
    after = _before(x.flip(dim), dim).flip(dim)
    return _before(x, dim) * after


def prod(input: Any, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Any:
    if dtype is not None:
        input = input.to(dtype)
    if dim is None:
        return ProdBackward0.apply(input)
    return ProdBackward1.apply(input, dim=normalize_dim(dim, input.ndim), keepdim=keepdim)


def cumprod(input: Any, dim: int, *, dtype: Any = None) -> Any:
    if dtype is not None:
        input = input.to(dtype)
    return CumprodBackward0.apply(input, dim=normalize_dim(dim, input.ndim))
