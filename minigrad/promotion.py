"""Type promotion: the operands of a binary op brought to one dtype, by PyTorch's rules.

`int_tensor * 2.5` is float32, `float32 + float64` float64, `x * 2` keeps x's dtype (a Python
number is a "wrapped number"). The reading path's arithmetic (ops/arithmetic.py) calls
`promote` before it records an op; comparisons, where, clamp's tensor bounds... call it too.

    >>> import minigrad as torch
    >>> a, b = promote(torch.tensor([1, 2]), 2.5)
    >>> a.dtype, b.dtype
    (minigrad.float32, minigrad.float32)
"""

from __future__ import annotations

from numbers import Number
from typing import Any

import numpy as np

from ._dtype import number_as, result_type
from .tensor import Tensor


def promote(a: Any, b: Any) -> tuple[Tensor, Tensor]:
    """Both operands as tensors of their common dtype (PyTorch's type promotion rules).
    One that requires grad is cast only to a narrower type (a 0-d float64 beside a float32
    vector): numpy widens it itself, with no cast node that PyTorch's graph lacks."""
    if isinstance(a, Tensor) and isinstance(b, Tensor) and a._data.dtype == b._data.dtype:
        return a, b  # the everyday case: nothing to promote
    dt = result_type(a, b)
    return _as(a, dt), _as(b, dt)


def _as(x: Any, dt: Any) -> Tensor:
    """x as a tensor of dtype `dt`, as promote says."""
    if isinstance(x, Tensor):
        if x._data.dtype == dt.numpy:
            return x
        if x.requires_grad:
            return x if np.promote_types(x._data.dtype, dt.numpy) == dt.numpy else x.to(dt)
        return Tensor._make(x._data.astype(dt.numpy))
    if not isinstance(x, (Number, np.generic)):
        raise TypeError(f"unsupported operand type: '{type(x).__name__}'")
    return Tensor._make(number_as(x, dt.numpy))  # (an int out of range wraps around)


def is_wrapped_number(a: Any, b: Any) -> bool:
    """Whether `a (op) b` is a floating tensor with a Python number (x * 2): PyTorch's
    "wrapped number", an input with no edge, in the tensor's dtype, as numpy computes it."""
    return (type(b) is float or type(b) is int) and isinstance(a, Tensor) \
        and a._data.dtype.kind == "f"
