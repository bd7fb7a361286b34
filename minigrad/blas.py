"""numpy's own BLAS, for one routine numpy does not offer: axpy, y += alpha * x fused.

PyTorch's `add_(other, alpha=a)` (every SGD step) computes self + a * other with a fused
multiply-add, one rounding. numpy has no fused multiply-add, and breadth/fused.py's exact
emulation makes several passes over float64 copies: on a 784x256 weight, 20x PyTorch's
update. The BLAS that numpy links (OpenBLAS in the pip wheels) has saxpy/daxpy, whose
kernels use the CPU's fused multiply-add. Whether they do on this machine is not taken on
trust: `axpy` checks the BLAS once, on numbers where one rounding and two differ, against
the emulation, and answers False (the caller then emulates) if no BLAS is found or it
rounds otherwise.

    >>> import numpy as np
    >>> y = np.ones(3, np.float32)
    >>> done = axpy(0.5, np.arange(3, dtype=np.float32), y)
    >>> y.tolist() if done else "no BLAS here that rounds once"
    [1.0, 1.5, 2.0]
"""

from __future__ import annotations

import ctypes  # numpy imports it too: loading it here costs nothing
import glob
import os
from collections.abc import Callable
from typing import Any

import numpy as np

# numpy's wheels name their OpenBLAS's symbols by build: scipy-openblas (numpy 2) prefixes
# and suffixes them, the older openblas64_ suffixes them, a plain build does neither. The
# "64_" builds take 64-bit integers (ILP64).
_NAMES = [("scipy_cblas_{}axpy64_", "c_int64"), ("cblas_{}axpy64_", "c_int64"),
          ("cblas_{}axpy", "c_int")]
_C_TYPES = {np.dtype(np.float32): ("s", "c_float"), np.dtype(np.float64): ("d", "c_double")}


def _numpy_blas() -> list[str]:
    """The BLAS libraries shipped inside numpy's wheel (Linux/Windows: numpy.libs, macOS:
    numpy/.dylibs). A numpy built against another BLAS (conda's MKL, Accelerate) has none
    here, and `axpy` then always answers False."""
    root = os.path.dirname(np.__file__)
    folders = [os.path.join(os.path.dirname(root), "numpy.libs"), os.path.join(root, ".dylibs")]
    return sorted(p for f in folders for p in glob.glob(os.path.join(f, "*openblas*")))


def _find(dtype: np.dtype) -> Callable[..., Any] | None:
    letter, c_type = _C_TYPES[dtype]
    for path in _numpy_blas():
        try:
            library = ctypes.CDLL(path)  # numpy has loaded it already: the same handle
        except OSError:
            continue
        for name, c_int in _NAMES:
            routine = getattr(library, name.format(letter), None)
            if routine is not None:
                routine.restype = None
                number, pointer = getattr(ctypes, c_int), ctypes.c_void_p
                routine.argtypes = [number, getattr(ctypes, c_type), pointer, number, pointer,
                                    number]
                return routine
    return None


def _probe(dtype: np.dtype) -> tuple[np.ndarray, np.ndarray, Any]:
    """y, x and alpha where fma(alpha, x, y) and y + round(alpha * x) differ in many elements,
    long enough for the BLAS's vector kernel, its threads and its scalar tail, and with the
    case that defeats a float64 emulation of float32 (the float64 sum lands exactly halfway
    between two floats: 1 + 2^-23 plus 2^-24 - 2^-54)."""
    rng = np.random.default_rng(0)
    y = rng.standard_normal(40_003).astype(dtype)
    x = (rng.standard_normal(40_003) * 1e3).astype(dtype)
    alpha = (1 + 2.0 ** -15) * 2.0 ** -12
    y[:3], x[:3] = 1 + 2.0 ** -23, (1 - 2.0 ** -15) * 2.0 ** -12  # alpha * x = 2^-24 - 2^-54
    return y, x, dtype.type(alpha)


_UNKNOWN = object()
_routines: dict[np.dtype, Callable[..., Any] | None] = {}  # per dtype: trusted, or None


def rounds_once(routine: Callable[..., Any], dtype: np.dtype) -> bool:
    """Whether an axpy routine gives the exact emulation's numbers on the probe."""
    from .breadth.fused import fma  # the exact emulation: the oracle

    y, x, alpha = _probe(dtype)
    want = fma(alpha, x, y, dtype)
    routine(y.size, alpha, x.ctypes.data, 1, y.ctypes.data, 1)
    return np.array_equal(y, want)


def _trusted(dtype: np.dtype) -> Callable[..., Any] | None:
    """The BLAS axpy for `dtype` if it rounds once (checked once per dtype)."""
    routine = _find(dtype) if dtype in _C_TYPES else None
    return routine if routine is not None and rounds_once(routine, dtype) else None


def axpy(alpha: float, x: np.ndarray, y: np.ndarray) -> bool:
    """y += alpha * x in place, rounded once (alpha first rounded to y's dtype), through
    numpy's BLAS. Returns False, and leaves y alone, where it cannot: no trustworthy routine,
    a dtype other than float32/float64, or arrays not contiguous and of the same shape."""
    routine = _routines.get(y.dtype, _UNKNOWN)
    if routine is _UNKNOWN:
        routine = _routines[y.dtype] = _trusted(y.dtype)
    if (routine is None or type(x) is not np.ndarray or x.dtype != y.dtype
            or x.shape != y.shape or not x.flags.c_contiguous or not y.flags.c_contiguous
            or not y.flags.writeable):
        return False
    if y.size:  # (an empty buffer has no first byte to take the address of)
        routine(y.size, alpha, _address(x), 1, _address(y), 1)
    return True


def _address(array: np.ndarray) -> int:
    """Where `array`'s numbers start. numpy's `array.ctypes.data` builds a helper object in
    Python on each call (~1 us, twice per update); ctypes reads a writable buffer's address
    in a third of that."""
    if array.flags.writeable:
        return ctypes.addressof(ctypes.c_char.from_buffer(array))
    return array.ctypes.data


def works(dtype: Any = np.float32) -> bool:
    """Whether this machine's numpy BLAS computes axpy in `dtype` with one rounding."""
    return axpy(0.0, np.zeros(1, dtype), np.zeros(1, dtype))
