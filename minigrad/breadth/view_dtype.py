"""Tensor.view(dtype): the same bytes read as another dtype (no copy, no graph).

    >>> import minigrad as torch
    >>> torch.tensor([1.0, -2.0]).view(torch.int32)
    tensor([ 1065353216, -1073741824], dtype=minigrad.int32)

A dtype of the same size reinterprets each element; a smaller one splits each element into
several along the last dim, a larger one joins neighbours, which PyTorch allows only where the
last dim is contiguous and the sizes, offset and strides divide evenly (its messages below).
The result shares memory and version counter with the tensor but is outside the graph: it
never requires grad. x.view(*shape) is the ordinary view (ops/shape.py).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _dtype, messages
from ..ops import shape as shapes
from ..tensor import Tensor
from . import factory_arguments


def view(self: Tensor, *shape: Any, size: Any = None, dtype: Any = None) -> Tensor:
    """x.view(2, 3), x.view((2, 3)), x.view(size=(2, 3)), x.view(torch.int32), x.view(dtype=...)."""
    if not shape and size is None and dtype is None:  # (x.view() is no 0-d tensor)
        raise TypeError(f"{messages.invalid_arguments('view')}{messages.VIEW_OVERLOADS}")
    if len(shape) == 1 and isinstance(_dtype.as_dtype(shape[0]), _dtype.dtype):
        dtype = shape[0]
    if dtype is not None:
        return view_as_dtype(self, _dtype.as_dtype(dtype))
    if size is not None:
        return shapes.view(self, factory_arguments.keyword_int_list("view", "size", size))
    try:
        sizes = factory_arguments.int_list("view", "size", shape, overloads_from=1)
    except TypeError as error:  # (x.view(True, 6): fits neither overload, which PyTorch lists)
        if str(error).endswith("expected one of:"):
            raise TypeError(f"{error}{messages.VIEW_OVERLOADS}") from None
        raise
    return shapes.view(self, *sizes)


def _strides(array: np.ndarray) -> list[int]:
    """PyTorch's strides in elements (a contiguous tensor's as PyTorch lays them out, sizes
    of 0 counting as 1)."""
    if array.flags.c_contiguous:
        strides, step = [], 1
        for n in reversed(array.shape):
            strides.insert(0, step)
            step *= max(n, 1)
        return strides
    return [s // array.itemsize for s in array.strides]


def _storage_offset(array: np.ndarray) -> int:
    """Where the tensor starts in the memory it shares, in elements."""
    root = array
    while isinstance(root.base, np.ndarray):
        root = root.base
    start = array.__array_interface__["data"][0] - root.__array_interface__["data"][0]
    return start // array.itemsize


def _check(x: Tensor, dtype: Any) -> None:
    """PyTorch's conditions for viewing as a dtype of another size, in its order."""
    array, new_size = x._data, dtype.itemsize
    what = f"to view {_dtype.message_name(x.dtype)} as {_dtype.message_name(dtype)} " \
           "(different element sizes)"
    if array.ndim == 0:
        raise RuntimeError(f"self.dim() cannot be 0 {what}")
    strides = _strides(array)
    if array.itemsize > new_size:
        if strides[-1] != 1:
            raise RuntimeError(f"self.stride(-1) must be 1 {what}, but got {strides[-1]}")
        return
    ratio = new_size // array.itemsize
    if array.shape[-1] % ratio:
        raise RuntimeError(f"self.size(-1) must be divisible by {ratio} {what}, but got "
                           f"{array.shape[-1]}")
    offset = _storage_offset(array)
    if offset % ratio:
        raise RuntimeError(f"self.storage_offset() must be divisible by {ratio} {what}, but got "
                           f"{offset}")
    for d, stride in enumerate(strides[:-1]):
        if stride % ratio:
            raise RuntimeError(f"self.stride({d}) must be divisible by {ratio} {what}, but got "
                               f"{stride}")
    if strides[-1] != 1:
        raise RuntimeError(f"self.stride(-1) must be 1 {what}, but got {strides[-1]}")


def view_as_dtype(x: Tensor, dtype: Any) -> Tensor:
    if dtype.itemsize != x._data.itemsize:
        _check(x, dtype)
    return Tensor._make(x._data.view(dtype.numpy), version_counter=x._version_counter)
