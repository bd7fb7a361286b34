"""Bitwise operations on integer and bool tensors: & | ^ ~ << >>, outside the graph.

`a & b` is bitwise_and (on bool tensors: and), with PyTorch's type promotion (a bool tensor
with a Python int gives int64). Floating tensors have no bits to combine: PyTorch raises
NotImplementedError naming its kernel, and TypeError for `~x`. Shifting by a negative amount or
by the type's width or more gives 0 (right shift of a negative number: -1), as in PyTorch.

    >>> import minigrad as torch
    >>> a = torch.tensor([12, 10, -3])
    >>> a & 6, a | 1, a ^ a
    (tensor([4, 2, 4]), tensor([13, 11, -3]), tensor([0, 0, 0]))
    >>> ~a, a << 2, a >> 1
    (tensor([-13, -11,   2]), tensor([ 48,  40, -12]), tensor([ 6,  5, -2]))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .. import _dtype, messages
from ..ops.arithmetic import promote
from ..ops.op import constant
from ..tensor import Tensor


def _not_implemented(kernel: str, dtype: Any) -> NotImplementedError:
    return messages.not_implemented(f"{kernel}_cpu", dtype)


def _binary(kernel: str, combine: Callable, bool_ok: bool = True) -> Callable:
    def op(input: Any, other: Any) -> Tensor:
        a, b = promote(input, other)
        if a.dtype.is_floating_point or (a.dtype is _dtype.bool and not bool_ok):
            raise _not_implemented(kernel, a.dtype)
        messages.check_broadcast(a, b)
        return constant(np.asarray(combine(a._data, b._data)))

    return op


def _shift_left(a: np.ndarray, s: np.ndarray) -> np.ndarray:
    bits = a.dtype.itemsize * 8
    valid = (s >= 0) & (s < bits)
    shifted = np.left_shift(a, np.where(valid, s, 0).astype(a.dtype))
    return np.where(valid, shifted, 0).astype(a.dtype)


def _shift_right(a: np.ndarray, s: np.ndarray) -> np.ndarray:
    bits = a.dtype.itemsize * 8
    valid = (s >= 0) & (s < bits)
    shifted = np.right_shift(a, np.where(valid, s, 0).astype(a.dtype))
    return np.where(valid, shifted, np.where(a < 0, -1, 0)).astype(a.dtype)


bitwise_and = _binary("bitwise_and", np.bitwise_and)
bitwise_or = _binary("bitwise_or", np.bitwise_or)
bitwise_xor = _binary("bitwise_xor", np.bitwise_xor)
bitwise_left_shift = _binary("lshift", _shift_left, bool_ok=False)
bitwise_right_shift = _binary("rshift", _shift_right, bool_ok=False)
for _op, _name in ((bitwise_and, "bitwise_and"), (bitwise_or, "bitwise_or"),
                   (bitwise_xor, "bitwise_xor"), (bitwise_left_shift, "bitwise_left_shift"),
                   (bitwise_right_shift, "bitwise_right_shift")):
    _op.__name__ = _op.__qualname__ = _name


def bitwise_not(input: Tensor) -> Tensor:
    if input.dtype.is_floating_point:
        raise _not_implemented("bitwise_not", input.dtype)
    return constant(np.asarray(~input._data))


def invert(input: Tensor) -> Tensor:
    """`~x`: bitwise_not, but a floating tensor is a TypeError (Python's operator protocol)."""
    if input.dtype.is_floating_point:
        raise TypeError("~ (operator.invert) is only implemented on integer and Boolean-type "
                        "tensors")
    return bitwise_not(input)


def _reflected(op: Callable) -> Callable:
    """`2 << t` is op(2, t): the number on the left."""
    def reflected(self: Tensor, other: Any) -> Tensor:
        return op(other, self)

    return reflected


class BitwiseMethods:
    """The methods and operators copied onto Tensor (never instantiated itself)."""

    bitwise_and = __and__ = __rand__ = bitwise_and
    bitwise_or = __or__ = __ror__ = bitwise_or
    bitwise_xor = __xor__ = __rxor__ = bitwise_xor
    bitwise_left_shift = __lshift__ = bitwise_left_shift
    bitwise_right_shift = __rshift__ = bitwise_right_shift
    __rlshift__ = _reflected(bitwise_left_shift)
    __rrshift__ = _reflected(bitwise_right_shift)
    bitwise_not = bitwise_not
    __invert__ = invert

    def bitwise_and_(self, other: Any) -> Tensor:
        return self._inplace_op(bitwise_and, other)

    def bitwise_or_(self, other: Any) -> Tensor:
        return self._inplace_op(bitwise_or, other)

    def bitwise_xor_(self, other: Any) -> Tensor:
        return self._inplace_op(bitwise_xor, other)

    def bitwise_left_shift_(self, other: Any) -> Tensor:
        return self._inplace_op(bitwise_left_shift, other)

    def bitwise_right_shift_(self, other: Any) -> Tensor:
        return self._inplace_op(bitwise_right_shift, other)

    def bitwise_not_(self) -> Tensor:
        return self._inplace_op(bitwise_not)

    __iand__ = bitwise_and_
    __ior__ = bitwise_or_
    __ixor__ = bitwise_xor_
    __ilshift__ = bitwise_left_shift_
    __irshift__ = bitwise_right_shift_
