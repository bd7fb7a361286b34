"""Building blocks for backward formulas that run on numpy arrays as well as on Tensors.

A backward without create_graph records nothing, so a breadth op whose formula needs only
arithmetic and these helpers says `on_arrays = True` and then computes it on numpy arrays
(fast_paths.py). With create_graph the very same formula runs on Tensors, and is recorded.
Each helper does on an array what the Tensor method of the same name does.

    >>> import numpy as np
    >>> import minigrad as torch
    >>> sum_to_size(np.ones((2, 3)), (3,)), sum_to_size(torch.ones(2, 3), (3,))
    (array([2., 2., 2.]), tensor([2., 2., 2.]))
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..ops import op
from ..tensor import Tensor


def is_tensor(x: Any) -> bool:
    return isinstance(x, Tensor)


def t(x: Any) -> Any:
    return x.t() if is_tensor(x) else x.T


def exp(x: Any) -> Any:
    return x.exp() if is_tensor(x) else np.exp(x)


def reciprocal(x: Any) -> Any:
    return x.reciprocal() if is_tensor(x) else 1 / x


def unsqueeze(x: Any, dim: int) -> Any:
    return x.unsqueeze(dim) if is_tensor(x) else np.expand_dims(x, dim)


def expand(x: Any, shape: tuple) -> Any:
    return x.expand(shape) if is_tensor(x) else np.broadcast_to(x, shape)


def sum(x: Any, dims: tuple, keepdim: bool = False) -> Any:  # noqa: A001 - Tensor.sum
    # Over no dims there is nothing to add up (Tensor.sum(dim=()) would take every dim).
    if isinstance(dims, tuple) and not dims:
        return x
    if is_tensor(x):
        return x.sum(dim=dims, keepdim=keepdim)
    return np.add.reduce(x, axis=dims, keepdims=keepdim)  # np.sum, minus its Python wrapper


def keep_reduced_dims(value: Any, dims: tuple, keepdim: bool) -> Any:
    """A reduction's result (or its gradient) with the reduced dims back as size 1, so that it
    broadcasts against the input (a no-op when the reduction kept them)."""
    if not keepdim:
        for d in dims:
            value = unsqueeze(value, d)
    return value


def clamp(x: Any, low: Any, high: Any) -> Any:
    return x.clamp(low, high) if is_tensor(x) else np.clip(x, low, high)


def zeros_like(x: Any) -> Any:
    """The gradient of an input that no longer matters. Zeros, as PyTorch gives: `x * 0` would
    give -0.0 where x is negative (printed "-0.") and nan where it is inf."""
    return constant(np.zeros_like(x._data if is_tensor(x) else x), x)


def promoted(x: Any, grad: Any) -> Any:
    """x as PyTorch's type promotion takes it in an operation with `grad` (whose dtype is the
    op's result's, and whose dims are the broadcast ones). numpy widens alike but for an
    integer array (int64 beside float32 gives float64) and a zero-dim float array wider than
    grad (PyTorch does not let a zero-dim tensor widen one with dims): those take grad's dtype.
    Tensors are left as they are: minigrad's arithmetic promotes them as PyTorch does."""
    if is_tensor(x) or x.dtype == grad.dtype:
        return x
    return x.astype(grad.dtype)


def masked_fill(x: Any, mask: Any, value: Any) -> Any:
    if is_tensor(x):
        return x.masked_fill(mask, value)
    return _zero_where(x, mask) if value == 0 else np.where(mask, value, x)


def _zero_where(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """x with +0.0 where mask is True: a gradient that stops there (relu, clamp...).

    np.where branches on every element, and a mask such as relu's is a coin toss to the CPU's
    branch predictor: on a 128x256 gradient it takes ~130 us, multiplying ~15 us. Multiplying
    the numbers by 0 would give -0.0 for negative ones and nan for inf; multiplying their bit
    patterns, read as integers, by 0 or 1 gives exactly +0.0 or the number as it was.
    """
    return (x.view(_SIGNED_INT[x.itemsize]) * ~mask).view(x.dtype)


# The integer type of each float's width: np.dtype(f"i{size}") parses its string every call,
# ~1.3 us inside the demo step (3 relu backward nodes), as long as the multiplication itself.
_SIGNED_INT = {size: np.dtype(f"i{size}") for size in (2, 4, 8)}


def constant(array: np.ndarray, like: Any) -> Any:
    """`array` (a mask or factor of a formula) as the same kind of value as `like`."""
    return Tensor._make(array) if is_tensor(like) else array


def sum_to_size(grad: Any, shape: tuple) -> Any:
    """Sum `grad` down to `shape`, which it was broadcast from (ops/op.py's sum_to_size)."""
    if is_tensor(grad):
        return op.sum_to_size(grad, shape)
    lead = grad.ndim - len(shape)
    kept = tuple(lead + i for i, n in enumerate(shape) if n == 1 and grad.shape[lead + i] != 1)
    if not kept:  # only leading dims were added (a bias broadcast over a batch): one sum
        return np.add.reduce(grad, axis=tuple(range(lead))) if lead else grad
    grad = np.add.reduce(grad, axis=tuple(range(lead)) + kept, keepdims=True)
    return grad.reshape(shape) if lead else grad


def column_major(array: np.ndarray) -> bool:
    """PyTorch's test for a column-major matrix, such as the weight.t() of a Linear layer."""
    return array.strides == (array.itemsize, array.itemsize * array.shape[0])


def mat1_grad(grad: Any, mat2: Any, is_column_major: bool) -> Any:
    """d(mat1 @ mat2)/d(mat1) = grad @ mat2.T, laid out in memory as mat1 is (see mat2_grad)."""
    return t(mat2 @ t(grad)) if is_column_major else grad @ t(mat2)


def mat2_grad(grad: Any, mat1: Any, is_column_major: bool) -> Any:
    """d(mat1 @ mat2)/d(mat2) = mat1.T @ grad, laid out in memory as mat2 is.

    A Linear layer multiplies by weight.t(), a column-major view of the weight. Computed as
    (grad.T @ mat1).T, its gradient is column-major too, so once TBackward0 has transposed it
    back it is row-major like the weight, and AccumulateGrad copies it straight instead of
    transposing it on the way (several times slower). PyTorch's mm backward does the same.
    """
    return t(t(grad) @ mat1) if is_column_major else t(mat1) @ grad
