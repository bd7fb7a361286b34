"""Operators give way to the other operand, as Python's protocol asks and PyTorch's operators do.

`x + y` runs `x.add(y)` (_tensor_methods.py). Where that method cannot take `y` (a list, a
string, None) and raises a TypeError, PyTorch's operator returns NotImplemented instead, so
Python asks `y` next and, if `y` cannot either, says so in its own words:

    >>> import minigrad as torch
    >>> torch.ones(2) + [1.0]
    Traceback (most recent call last):
    TypeError: unsupported operand type(s) for +: 'Tensor' and 'list'
    >>> torch.ones(2) == None     # (write `is None`: this compares a tensor with None)
    False
    >>> torch.tensor(2) * [1, 2]  # a list times an int: the list repeated
    [1, 2, 1, 2]

A numpy array as the other operand is numpy's to compute then (on the tensor's numbers, through
`__array__`); numpy hands its result back through `Tensor.__array_wrap__`, a tensor again, as
it does for any numpy function given a tensor (`np.exp(t)`):

    >>> import numpy as np
    >>> torch.ones(2) + np.ones(2)
    tensor([2., 2.], dtype=minigrad.float64)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

# Every binary operator of Tensor, reflected and in-place ones included.
BINARY = tuple(f"__{prefix}{name}__" for name in (
    "add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and", "or", "xor")
    for prefix in ("", "r", "i")) + ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__")


def giving_way(method: Callable) -> Callable:
    """`method` as an operator: NotImplemented where it raises a TypeError."""

    @functools.wraps(method)
    def operator(self: Any, other: Any) -> Any:
        try:
            return method(self, other)
        except TypeError:
            return NotImplemented

    return operator


def array_wrap(self: Any, array: np.ndarray, context: Any = None,
               return_scalar: bool = False) -> Any:
    """What numpy computed for a tensor (`np.exp(t)`, `t + array`), as a tensor; a bool result
    as uint8, as PyTorch's __array_wrap__ makes it."""
    if array.dtype == np.bool_:
        array = array.astype(np.uint8)
    return type(self)._make(np.asarray(array))


def install(tensor: type) -> None:
    """Make Tensor's binary operators give way, and numpy's results on tensors tensors."""
    for name in BINARY:
        method = getattr(tensor, name, None)
        if method is not None and method is not getattr(object, name, None):
            setattr(tensor, name, giving_way(method))
    tensor.__array_wrap__ = array_wrap
