"""Making tensors: tensor(), zeros/ones/full, arange/linspace/eye, rand/randn, *_like.

    >>> import minigrad as torch
    >>> torch.tensor([1, 2]), torch.tensor([1.0, 2]), torch.zeros(2, dtype=torch.float64)
    (tensor([1, 2]), tensor([1., 2.]), tensor([0., 0.], dtype=minigrad.float64))
"""

from __future__ import annotations

import math
import warnings
from numbers import Number
from typing import Any

import numpy as np

from . import _dtype
from .random import default_generator
from .tensor import Tensor

COPY_CONSTRUCT_WARNING = (
    "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or "
    "sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor)."
)


def _finish(data: np.ndarray, dtype: Any, requires_grad: bool) -> Tensor:
    if dtype is not None:
        data = data.astype(dtype.numpy, copy=False)
    t = Tensor._make(data)
    if requires_grad:
        if not t.dtype.is_floating_point:
            raise RuntimeError(
                "Only Tensors of floating point and complex dtype can require gradients")
        t._requires_grad = True
    return t


def _infer(data: Any) -> np.ndarray:
    """Python data as an array of PyTorch's inferred dtype (int64, default float or bool)."""
    if isinstance(data, np.ndarray):
        return data.copy()
    if isinstance(data, np.generic):
        return np.asarray(data)
    array = np.array(data)
    if array.dtype == object:
        array = np.array(_unwrap(data))
    kind = array.dtype.kind
    if kind == "b":
        return array
    if kind in "iu":
        return array.astype(np.int64)
    if kind == "f":
        return array.astype(_dtype.get_default_dtype().numpy)
    raise TypeError(f"Could not infer dtype of {type(data).__name__}")


def _unwrap(data: Any) -> Any:
    if isinstance(data, Tensor):
        return data.item() if data.ndim == 0 else data.tolist()
    if isinstance(data, (list, tuple)):
        return [_unwrap(d) for d in data]
    return data


def tensor(data: Any, *, dtype: Any = None, device: Any = None, requires_grad: bool = False
           ) -> Tensor:
    """A new leaf tensor holding a copy of `data` (nested lists, numbers or an array)."""
    if isinstance(data, Tensor):
        warnings.warn(COPY_CONSTRUCT_WARNING, UserWarning, stacklevel=2)
        array = data._data.copy()
    elif isinstance(data, (list, tuple)) and any(isinstance(d, Tensor) for d in data):
        array = _infer(_unwrap(data))
        dtypes = {d.dtype for d in data if isinstance(d, Tensor)}
        if dtype is None and len(dtypes) == 1:
            dtype = dtypes.pop()
    else:
        array = _infer(data)
    return _finish(array, dtype, requires_grad)


def as_tensor(data: Any, dtype: Any = None, device: Any = None) -> Tensor:
    if isinstance(data, Tensor) and (dtype is None or data.dtype is dtype):
        return data
    if isinstance(data, np.ndarray) and (dtype is None or data.dtype == dtype.numpy):
        return from_numpy(data)
    return tensor(data, dtype=dtype)


def from_numpy(array: np.ndarray) -> Tensor:
    """A tensor sharing memory with a numpy array."""
    _dtype.from_numpy(array.dtype)  # raises for unsupported dtypes
    return Tensor._make(array)


def _size(size: tuple) -> tuple:
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = tuple(size[0])
    return tuple(int(n) for n in size)


def _filled(fill: Any, size: tuple, dtype: Any, requires_grad: bool) -> Tensor:
    dtype = dtype or _dtype.get_default_dtype()
    return _finish(np.full(_size(size), fill, dtype=dtype.numpy), None, requires_grad)


def zeros(*size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False
          ) -> Tensor:
    return _filled(0, size, dtype, requires_grad)


def ones(*size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False
         ) -> Tensor:
    return _filled(1, size, dtype, requires_grad)


def empty(*size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False
          ) -> Tensor:
    return _filled(0, size, dtype, requires_grad)


def full(size: Any, fill_value: Any, *, dtype: Any = None, device: Any = None,
         requires_grad: bool = False) -> Tensor:
    if isinstance(fill_value, Tensor):
        fill_value = fill_value.item()
    return _filled(fill_value, (size,), dtype or _dtype.scalar_dtype(fill_value), requires_grad)


def zeros_like(input: Tensor, *, dtype: Any = None, device: Any = None,
               requires_grad: bool = False) -> Tensor:
    return _filled(0, (input.shape,), dtype or input.dtype, requires_grad)


def ones_like(input: Tensor, *, dtype: Any = None, device: Any = None,
              requires_grad: bool = False) -> Tensor:
    return _filled(1, (input.shape,), dtype or input.dtype, requires_grad)


def empty_like(input: Tensor, *, dtype: Any = None, device: Any = None,
               requires_grad: bool = False) -> Tensor:
    return _filled(0, (input.shape,), dtype or input.dtype, requires_grad)


def full_like(input: Tensor, fill_value: Any, *, dtype: Any = None, device: Any = None,
              requires_grad: bool = False) -> Tensor:
    return _filled(fill_value, (input.shape,), dtype or input.dtype, requires_grad)


def arange(start: Number, end: Number | None = None, step: Number = 1, *, dtype: Any = None,
           device: Any = None, requires_grad: bool = False) -> Tensor:
    if end is None:
        start, end = 0, start
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if dtype is None:
        ints = all(isinstance(v, (int, np.integer)) for v in (start, end, step))
        dtype = _dtype.int64 if ints else _dtype.get_default_dtype()
    n = max(math.ceil((end - start) / step), 0)
    data = (start + np.arange(n, dtype=np.float64) * step) if dtype.is_floating_point else \
        np.arange(start, end, step)
    return _finish(np.asarray(data).astype(dtype.numpy), None, requires_grad)


def linspace(start: Number, end: Number, steps: int, *, dtype: Any = None, device: Any = None,
             requires_grad: bool = False) -> Tensor:
    dtype = dtype or _dtype.get_default_dtype()
    data = np.linspace(start, end, int(steps), dtype=np.float64)
    return _finish(data.astype(dtype.numpy), None, requires_grad)


def eye(n: int, m: int | None = None, *, dtype: Any = None, device: Any = None,
        requires_grad: bool = False) -> Tensor:
    dtype = dtype or _dtype.get_default_dtype()
    return _finish(np.eye(n, m, dtype=dtype.numpy), None, requires_grad)


def rand(*size: Any, generator: Any = None, dtype: Any = None, device: Any = None,
         requires_grad: bool = False) -> Tensor:
    """Uniform samples in [0, 1)."""
    dtype = dtype or _dtype.get_default_dtype()
    rng = (generator or default_generator).rng
    return _finish(rng.random(_size(size)).astype(dtype.numpy), None, requires_grad)


def randn(*size: Any, generator: Any = None, dtype: Any = None, device: Any = None,
          requires_grad: bool = False) -> Tensor:
    """Standard normal samples."""
    dtype = dtype or _dtype.get_default_dtype()
    rng = (generator or default_generator).rng
    return _finish(rng.standard_normal(_size(size)).astype(dtype.numpy), None, requires_grad)


def randint(low: int, high: int | None = None, size: Any = None, *, generator: Any = None,
            dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    if high is None:
        low, high = 0, low
    rng = (generator or default_generator).rng
    data = rng.integers(low, high, size=_size((size,)))
    return _finish(data.astype((dtype or _dtype.int64).numpy), None, requires_grad)


def randperm(n: int, *, generator: Any = None, dtype: Any = None, device: Any = None,
             requires_grad: bool = False) -> Tensor:
    rng = (generator or default_generator).rng
    return _finish(rng.permutation(n).astype((dtype or _dtype.int64).numpy), None, requires_grad)


def rand_like(input: Tensor, *, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    return rand(input.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


def randn_like(input: Tensor, *, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    return randn(input.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


def normal(mean: float, std: float, size: Any, *, generator: Any = None) -> Tensor:
    rng = (generator or default_generator).rng
    data = rng.normal(mean, std, _size((size,)))
    return _finish(data.astype(_dtype.get_default_dtype().numpy), None, False)
