"""The C library's maths functions, called one number at a time, as PyTorch's scalar loops do.

PyTorch's CPU kernels handle an input shorter than one vector register (16 float32 or 8 float64
numbers, the width of an AVX-512 register) with a plain loop that calls the C library for each
number. numpy instead calls its own vectorised versions, and on a machine with AVX-512 those are
Intel's SVML, which can differ from the C library in the last bit: a program printing a handful
of angles would print different digits on different machines. For such short inputs minigrad
calls the C library too, so it prints PyTorch's numbers on every machine. Longer inputs go to
numpy: PyTorch's vectorised loop (SLEEF's) is neither numpy's nor the C library's, and calling C
once per number would be slow.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
from collections.abc import Callable

import numpy as np

SCALAR_LOOP_SIZE = {np.dtype(np.float32): 16, np.dtype(np.float64): 8}


def _c_function(name: str) -> Callable[[float, float], float] | None:
    """libm's float function `name` (e.g. atan2f), or None where there is no C library to load."""
    path = ctypes.util.find_library("m")
    try:
        function = getattr(ctypes.CDLL(path), name)
    except (OSError, AttributeError, TypeError):
        return None
    function.restype = ctypes.c_float
    function.argtypes = (ctypes.c_float, ctypes.c_float)
    return function


# Python's math module is the C library's double precision; float32 needs the C function itself.
_ATAN2 = {np.dtype(np.float64): math.atan2, np.dtype(np.float32): _c_function("atan2f")}


def arctan2(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """np.arctan2(y, x) for arrays of one float dtype, through the C library below PyTorch's
    scalar-loop size."""
    one_number = _ATAN2.get(y.dtype)
    y, x = np.broadcast_arrays(y, x)
    if one_number is None or y.size >= SCALAR_LOOP_SIZE[y.dtype]:
        return np.arctan2(y, x)
    angles = [one_number(float(a), float(b)) for a, b in zip(y.flat, x.flat)]
    return np.array(angles, dtype=y.dtype).reshape(y.shape)
