"""Data types, named as in PyTorch, and PyTorch's type-promotion rules.

    >>> import minigrad as torch
    >>> torch.tensor([1, 2]).dtype, torch.tensor([1.0]).dtype
    (minigrad.int64, minigrad.float32)
"""

from __future__ import annotations

from typing import Any

import numpy as np


class dtype:  # noqa: N801 - PyTorch's name
    """A tensor element type: wraps the numpy dtype that stores it."""

    __slots__ = ("name", "numpy", "is_floating_point", "is_signed", "itemsize", "_category",
                 "_message_name", "_c_name")

    def __init__(self, name: str, numpy_dtype: type, category: int, message_name: str,
                 c_name: str) -> None:
        self.name = name
        self._message_name = message_name  # how PyTorch's messages name it: "Float", "Long"
        self._c_name = c_name  # and where they use the C++ type: "float", "long int"
        self.numpy = np.dtype(numpy_dtype)
        self.is_floating_point = category == FLOAT
        self.is_signed = name not in ("uint8", "bool")
        self.itemsize = self.numpy.itemsize
        self._category = category

    def __repr__(self) -> str:
        return f"minigrad.{self.name}"

    def __reduce__(self) -> str:
        return self.name


_PY_BOOL = bool  # the builtin, which this module's `bool` dtype shadows

# Promotion works by category first (a float beats any int, an int beats bool), size second.
BOOL, INT, FLOAT = 0, 1, 2

float16 = dtype("float16", np.float16, FLOAT, "Half", "c10::Half")
float32 = dtype("float32", np.float32, FLOAT, "Float", "float")
float64 = dtype("float64", np.float64, FLOAT, "Double", "double")
uint8 = dtype("uint8", np.uint8, INT, "Byte", "unsigned char")
int8 = dtype("int8", np.int8, INT, "Char", "signed char")
int16 = dtype("int16", np.int16, INT, "Short", "short int")
int32 = dtype("int32", np.int32, INT, "Int", "int")
int64 = dtype("int64", np.int64, INT, "Long", "long int")
bool = dtype("bool", np.bool_, BOOL, "Bool", "bool")  # noqa: A001 - PyTorch's name

ALL = (float16, float32, float64, uint8, int8, int16, int32, int64, bool)
_FROM_NUMPY = {d.numpy: d for d in ALL}

_default_float = float32

# PyTorch takes Python's own types for dtypes (dtype=float, x.to(int)).
_FROM_PYTHON = {float: float64, int: int64, _PY_BOOL: bool}


def as_dtype(value: Any) -> Any:
    """Python's float, int or bool as the dtype PyTorch takes it for (float64, int64, bool);
    anything else as it is."""
    return _FROM_PYTHON.get(value, value) if isinstance(value, type) else value


def or_default(value: Any) -> dtype:
    """A layer's dtype= argument: None for the default float dtype, or as_dtype's."""
    return _default_float if value is None else as_dtype(value)


def from_numpy(np_dtype: np.dtype) -> dtype:
    """The minigrad dtype stored as `np_dtype`."""
    try:
        return _FROM_NUMPY[np.dtype(np_dtype)]
    except KeyError:
        name = f"numpy.{np.dtype(np_dtype).type.__name__}"
        if np.dtype(np_dtype).kind == "c":  # (PyTorch takes these: minigrad has no complex dtypes)
            raise TypeError(f"can't convert np.ndarray of type {name}: minigrad has no complex "
                            "dtypes.") from None
        raise TypeError(f"can't convert np.ndarray of type {name}."
                        " The only supported types are: float64, float32, float16, complex64, "
                        "complex128, int64, int32, int16, int8, uint64, uint32, uint16, uint8, "
                        "and bool.") from None


def message_name(d: dtype) -> str:
    """The dtype as PyTorch's error messages name it: 'Float', 'Double', 'Long'..."""
    return d._message_name


def c_type_name(d: dtype) -> str:
    """The C++ type some PyTorch messages name instead: 'float', 'double', 'long int'..."""
    return d._c_name


def to_numpy(d: dtype) -> np.dtype:
    return d.numpy


def get_default_dtype() -> dtype:
    return _default_float


def set_default_dtype(d: dtype) -> None:
    global _default_float
    if not isinstance(d, dtype):  # (float too: PyTorch takes Python's types for dtypes elsewhere)
        raise TypeError("invalid dtype object: only floating-point types are supported as the "
                        "default type")
    if not d.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    _default_float = d


def promote_types(a: dtype, b: dtype) -> dtype:
    """PyTorch's promote_types: the higher category wins; within one, the wider type."""
    if a is b:
        return a
    if a._category != b._category:
        return a if a._category > b._category else b
    return _FROM_NUMPY[np.promote_types(a.numpy, b.numpy)]


def number_as(value: object, np_dtype: np.dtype, checked: bool = False) -> np.ndarray:
    """A Python number as a 0-d array of np_dtype.

    In arithmetic an integer outside an integer dtype's range wraps around, as in PyTorch
    (uint8 + 300 adds 44); numpy would raise. checked=True is for filling a tensor (full,
    fill_, masked_fill): then it must fit, as PyTorch checks, except that negative numbers
    may wrap into an unsigned dtype (uint8: -1 -> 255).
    """
    integer = np.dtype(np_dtype).kind in "iu"
    if type(value) is int and integer:
        if not -2**63 <= value < 2**64:
            raise ValueError("Overflow when unpacking long long")
        if checked and not in_range(value, np.dtype(np_dtype)):
            raise _overflow(np_dtype)
        return np.array(value & 0xFFFFFFFFFFFFFFFF, dtype=np.uint64).astype(np_dtype)
    if checked and integer and isinstance(value, (float, np.floating)) \
            and not (np.isfinite(value) and in_range(value, np.dtype(np_dtype))):
        raise _overflow(np_dtype)  # (nan and inf too, where numpy's ValueError says so)
    return np.array(value, dtype=np_dtype)


def _overflow(np_dtype: np.dtype) -> RuntimeError:
    """PyTorch's error for a number an integer tensor cannot hold, naming its C++ type."""
    name = "int" if np.dtype(np_dtype) == np.int32 else f"{np.dtype(np_dtype).name}_t"
    return RuntimeError(f"value cannot be converted to type {name} without overflow")


def in_range(value: Any, np_dtype: np.dtype) -> Any:
    """PyTorch's range check (elementwise for arrays): unsigned types take -max..max."""
    info = np.iinfo(np_dtype)
    low = -int(info.max) if np_dtype.kind == "u" else int(info.min)
    return (value >= low) & (value <= int(info.max))


def scalar_dtype(value: object) -> dtype:
    """The dtype a Python number becomes on its own: bool, int64 or the default float."""
    if isinstance(value, (_PY_BOOL, np.bool_)):
        return bool
    if isinstance(value, (int, np.integer)):
        return int64
    return _default_float


def result_type(*operands: object) -> dtype:
    """PyTorch's result_type for tensors and Python numbers.

    Tensors with dimensions decide first; a zero-dim tensor or a Python number only wins when
    it is of a higher category (so `int_tensor * 2.5` is float32, `float16_tensor * 2.0` float16).
    """
    dimmed = zero_dim = number = None
    for x in operands:
        if hasattr(x, "_data"):
            d = from_numpy(x._data.dtype)
            if x._data.ndim:
                dimmed = d if dimmed is None else promote_types(dimmed, d)
            else:
                zero_dim = d if zero_dim is None else promote_types(zero_dim, d)
        else:
            d = scalar_dtype(x)
            number = d if number is None else promote_types(number, d)
    result = dimmed
    for d in (zero_dim, number):
        if d is not None and (result is None or d._category > result._category):
            result = d
    return result
