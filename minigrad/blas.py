"""numpy's own BLAS, for one routine numpy does not offer: axpy, y += alpha * x fused.

PyTorch's `add_(other, alpha=a)` (every SGD step) computes self + a * other with a fused
multiply-add, one rounding. numpy has no fused multiply-add, and breadth/fused.py's exact
emulation makes several passes over float64 copies: on a 784x256 weight, 20x PyTorch's
update. The BLAS that numpy links (OpenBLAS in the pip wheels) has saxpy/daxpy, whose
vector kernels use the CPU's fused multiply-add. Where they do is not taken on trust, as
they do not everywhere: on an AVX-512 CPU, OpenBLAS's saxpy rounds twice in the last
n % 32 elements of each thread's share (daxpy: n % 16). So `axpy` checks the routine once on
random numbers against the emulation, and then each layout it is asked to run (length, where
x and y start in a cache line, BLAS threads) once, on numbers where one rounding and two
differ at every position; it answers False (the caller then emulates) where any position
rounds twice, or no BLAS is found.

Small arrays (biases, small layers; 16 elements are all tail there) run in scratch instead:
x and y are copied into two line-aligned buffers of a padded length (zeros past n), the axpy
runs over that length, and y's part is copied back. The padded length is the shortest of n
and its multiples of a few vector blocks where the probe finds the first n positions all
rounding once, so a tail that rounds twice falls in the padding. Up to COPIES_CHEAPER elements
they always do (three copies cost less than reading two addresses through ctypes, which the
layout in place needs); up to SCRATCH_MAX, where their layout in place rounds twice. A BLAS
call releases the GIL, so each Python thread has its own buffers.

    >>> import numpy as np
    >>> y = np.ones(64, np.float32)
    >>> done = axpy(0.5, np.arange(64, dtype=np.float32), y)
    >>> y[:3].tolist() if done else "no BLAS here that rounds once"
    [1.0, 1.5, 2.0]
"""

from __future__ import annotations

import ctypes  # numpy imports it too: loading it here costs nothing
import glob
import math
import os
import threading
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

# numpy's wheels name their OpenBLAS's symbols by build: scipy-openblas (numpy 2) prefixes
# and suffixes them, the older openblas64_ suffixes them, a plain build does neither. The
# "64_" builds take 64-bit integers (ILP64). With each axpy: how that build tells its threads.
_NAMES = [("scipy_cblas_{}axpy64_", "c_int64", "scipy_openblas_get_num_threads64_"),
          ("cblas_{}axpy64_", "c_int64", "openblas_get_num_threads64_"),
          ("cblas_{}axpy", "c_int", "openblas_get_num_threads")]
_C_TYPES = {np.dtype(np.float32): ("s", "c_float"), np.dtype(np.float64): ("d", "c_double")}


def _numpy_blas() -> list[str]:
    """The BLAS libraries shipped inside numpy's wheel (Linux/Windows: numpy.libs, macOS:
    numpy/.dylibs). A numpy built against another BLAS (conda's MKL, Accelerate) has none
    here, and `axpy` then always answers False."""
    root = os.path.dirname(np.__file__)
    folders = [os.path.join(os.path.dirname(root), "numpy.libs"), os.path.join(root, ".dylibs")]
    return sorted(p for f in folders for p in glob.glob(os.path.join(f, "*openblas*")))


class _Routine(NamedTuple):
    axpy: Callable[..., Any]
    threads: Callable[[], int]  # the BLAS's current thread count (they split the work)
    # The C integer type of its counts and strides: one made in it once (a padded length, the
    # stride 1) passes as it is, where ctypes converts a Python int at each call (~0.05 us).
    number: Callable[[int], Any] = int
    one: Any = 1


def _find(dtype: np.dtype) -> _Routine | None:
    letter, c_type = _C_TYPES[dtype]
    for path in _numpy_blas():
        try:
            library = ctypes.CDLL(path)  # numpy has loaded it already: the same handle
        except OSError:
            continue
        for name, c_int, threads in _NAMES:
            routine = getattr(library, name.format(letter), None)
            if routine is not None:
                routine.restype = None
                number, pointer = getattr(ctypes, c_int), ctypes.c_void_p
                routine.argtypes = [number, getattr(ctypes, c_type), pointer, number, pointer,
                                    number]
                count = getattr(library, threads, None)
                if count is not None:
                    count.restype, count.argtypes = ctypes.c_int, []
                return _Routine(routine, count or (lambda: 0), number, number(1))
    return None


def _probe(dtype: np.dtype) -> tuple[np.ndarray, np.ndarray, Any]:
    """y and x of random numbers, and alpha, where fma(alpha, x, y) and y + round(alpha * x)
    differ in many elements, long enough for the BLAS's vector kernel and its threads."""
    rng = np.random.default_rng(0)
    y = rng.standard_normal(40_003).astype(dtype)
    x = (rng.standard_normal(40_003) * 1e3).astype(dtype)
    return y, x, dtype.type(_halfway(dtype)[2])


def _halfway(dtype: np.dtype) -> tuple[float, float, float]:
    """y, x and alpha where y + alpha * x rounded once is y itself (alpha * x is just under
    half of y's last place), but rounding alpha * x first, or the sum to float64 first (for
    float32), lands exactly halfway, and ties to even then gives y's upper neighbour. For
    float32: 1 + 2^-23 plus 2^-24 - 2^-54."""
    p = np.finfo(dtype).nmant + 1  # bits of precision: 24, 53
    k = {24: 15, 53: 27}[p]  # alpha * x = 2^-p (1 - 2^-2k): 2k > p, and p + 2k > 53
    return 1 + 2.0 ** (1 - p), (1 - 2.0 ** -k) * 2.0 ** (p // 2 - p), \
        (1 + 2.0 ** -k) * 2.0 ** -(p // 2)


LINE = 64  # bytes: the widest vector a kernel aligns to (AVX-512)


def _laid_out(dtype: np.dtype, n: int, offset: int, value: float) -> np.ndarray:
    """n copies of value starting ``offset`` bytes into a LINE-byte line, as an array to
    probe with would have to."""
    size = np.dtype(dtype).itemsize
    buffer = np.full(n + LINE // size, value, dtype)
    start = ((offset - buffer.ctypes.data) % LINE) // size
    return buffer[start:start + n]


def _fused_positions(routine: _Routine, dtype: np.dtype, n: int, x_offset: int,
                     y_offset: int) -> np.ndarray:
    """Where the routine rounds once in an n-element axpy whose x and y start ``x_offset``
    and ``y_offset`` bytes into a cache line, with the BLAS's threads as they are now: a
    kernel's vector body, its tail and each thread's share may take different instructions,
    but the same ones for other numbers."""
    y_value, x_value, alpha = _halfway(dtype)
    y, x = _laid_out(dtype, n, y_offset, y_value), _laid_out(dtype, n, x_offset, x_value)
    routine.axpy(n, alpha, x.ctypes.data, 1, y.ctypes.data, 1)
    return y == dtype.type(y_value)


def rounds_once(routine: _Routine | Callable[..., Any], dtype: np.dtype) -> bool:
    """Whether an axpy routine gives the exact emulation's numbers on the probe wherever it
    rounds once (in its vector body at least; the layouts it rounds twice in are refused one
    by one)."""
    from .breadth.fused import fma  # the exact emulation: the oracle

    if not isinstance(routine, _Routine):
        routine = _Routine(routine, lambda: 0)
    y, x, alpha = _probe(dtype)
    want = fma(alpha, x, y, dtype)
    fused = _fused_positions(routine, dtype, y.size, x.ctypes.data % LINE,
                             y.ctypes.data % LINE)
    routine.axpy(y.size, alpha, x.ctypes.data, 1, y.ctypes.data, 1)
    return bool(fused.any()) and np.array_equal(y[fused], want[fused])


_UNKNOWN = object()
_routines: dict[np.dtype, _Routine | None] = {}  # per dtype: trusted, or None
# (dtype, n, x's and y's offsets in a cache line, threads) -> rounds once at every position
_layouts: dict[tuple[np.dtype, int, int, int, int], bool] = {}
MAX_LAYOUTS = 4096  # a training loop uses a handful; past this the record starts again


def _trusted(dtype: np.dtype) -> _Routine | None:
    """The BLAS axpy for `dtype` if it rounds once (checked once per dtype)."""
    routine = _find(dtype) if dtype in _C_TYPES else None
    return routine if routine is not None and rounds_once(routine, dtype) else None


def _routine(dtype: np.dtype) -> _Routine | None:
    routine = _routines.get(dtype, _UNKNOWN)
    if routine is _UNKNOWN:
        routine = _routines[dtype] = _trusted(dtype)
    return routine  # type: ignore[return-value]


def axpy(alpha: float, x: np.ndarray, y: np.ndarray) -> bool:
    """y += alpha * x in place, rounded once (alpha first rounded to y's dtype), through
    numpy's BLAS. Returns False, and leaves y alone, where it cannot: no trustworthy routine,
    a layout it rounds twice in, a dtype other than float32/float64, or arrays not
    contiguous, aligned and of the same shape."""
    routine = _routines.get(y.dtype, _UNKNOWN)
    if routine is _UNKNOWN:
        routine = _routine(y.dtype)
    if routine is None or type(x) is not np.ndarray or x.dtype != y.dtype or x.shape != y.shape:
        return False
    x_flags, y_flags = x.flags, y.flags  # (each `.flags` builds a new object: read it once)
    if not (x_flags.c_contiguous and x_flags.aligned and y_flags.c_contiguous
            and y_flags.aligned and y_flags.writeable):
        return False
    if y.size <= COPIES_CHEAPER:
        return y.size == 0 or _in_scratch(routine, alpha, x, y)
    return _in_place(routine, alpha, x, y) or (y.size <= SCRATCH_MAX
                                              and _in_scratch(routine, alpha, x, y))


def _in_place(routine: _Routine, alpha: float, x: np.ndarray, y: np.ndarray) -> bool:
    """axpy on the arrays themselves, if their layout rounds once everywhere."""
    x_at, y_at = _address(x), _address(y)
    layout = (y.dtype, y.size, x_at % LINE, y_at % LINE, routine.threads())
    fused = _layouts.get(layout)
    if fused is None:
        if len(_layouts) >= MAX_LAYOUTS:
            _layouts.clear()
        _layouts[layout] = fused = bool(_fused_positions(routine, *layout[:4]).all())
    if fused:
        routine.axpy(y.size, alpha, x_at, routine.one, y_at, routine.one)
    return fused


def _address(array: np.ndarray) -> int:
    """Where `array`'s numbers start. numpy's `array.ctypes.data` builds a helper object in
    Python on each call (~0.7 us, twice per update); ctypes reads a writable buffer's address
    in a third of that."""
    if array.flags.writeable:
        return ctypes.addressof(ctypes.c_char.from_buffer(array))
    return array.ctypes.data


# Small arrays, in padded scratch buffers (see the module docstring). Lengths in elements:
# up to COPIES_CHEAPER always (measured: three copies cost less than reading two addresses,
# ~0.4 us); up to SCRATCH_MAX where the layout in place rounds twice. Above, a layout whose
# tail rounds twice is emulated by the caller (the kernels' bodies round once).
COPIES_CHEAPER = 2048
SCRATCH_MAX = 4096
_BLOCKS = (16, 32, 64)  # elements: padded lengths are multiples of one (a kernel's unrolling)
# (dtype, n, threads) -> the shortest padded length that rounds once in [0, n), or 0 if none
# (n up to SCRATCH_MAX: a bounded record)
_padded: dict[tuple[np.dtype, int, int], int] = {}


class _Scratch(NamedTuple):
    """Two line-aligned buffers of the padded length, zeros past the array's n elements."""
    length: Any  # the padded length, in the routine's C integer type
    x: np.ndarray  # the buffers' first n elements, in the arrays' shape: copies are one call
    y: np.ndarray
    x_at: int
    y_at: int
    largest: float  # |alpha| up to the dtype's largest number: 0 * alpha leaves the padding 0


class _PerThread(threading.local):
    """Each Python thread's own scratch: ctypes lets go of the GIL during the BLAS call, and
    another thread must not copy its numbers into buffers this one is computing in."""

    def __init__(self) -> None:
        self.scratch: dict[tuple[np.dtype, tuple[int, ...], int], _Scratch | None] = {}


_per_thread = _PerThread()
MAX_SCRATCH = 64  # buffers per thread: a model has a handful of small shapes


def _in_scratch(routine: _Routine, alpha: float, x: np.ndarray, y: np.ndarray) -> bool:
    """axpy on copies of x and y padded to a length that rounds once, y's part copied back;
    False where no padded length rounds once, or alpha is not finite in y's dtype."""
    buffers = _per_thread.scratch
    key = (y.dtype, y.shape, routine.threads())
    scratch = buffers.get(key, _UNKNOWN)
    if scratch is _UNKNOWN:
        if len(buffers) >= MAX_SCRATCH:
            buffers.clear()
        scratch = buffers[key] = _new_scratch(routine, *key)
    if scratch is None or not abs(alpha) <= scratch.largest:  # (a NaN alpha fails too)
        return False
    scratch.x[...] = x
    scratch.y[...] = y
    routine.axpy(scratch.length, alpha, scratch.x_at, routine.one, scratch.y_at, routine.one)
    y[...] = scratch.y
    return True


def _new_scratch(routine: _Routine, dtype: np.dtype, shape: tuple[int, ...], threads: int
                 ) -> _Scratch | None:
    """This thread's buffers for arrays of `shape`, or None where no padded length rounds
    once (the length is probed once per dtype, n and threads, for all Python threads)."""
    n = math.prod(shape)
    length = _padded.get((dtype, n, threads))
    if length is None:
        length = _padded[(dtype, n, threads)] = _padded_length(routine, dtype, n)
    if not length:
        return None
    x, y = _laid_out(dtype, length, 0, 0), _laid_out(dtype, length, 0, 0)
    return _Scratch(routine.number(length), x[:n].reshape(shape), y[:n].reshape(shape),
                    x.ctypes.data, y.ctypes.data, float(np.finfo(dtype).max))


def _padded_length(routine: _Routine, dtype: np.dtype, n: int) -> int:
    """The shortest of n and its multiples of the blocks where the routine, on line-aligned
    x and y with the BLAS's threads as they are now, rounds once at each of the first n
    positions; 0 if none does."""
    for length in sorted({n, *(-(-n // block) * block for block in _BLOCKS)}):
        if _fused_positions(routine, dtype, length, 0, 0)[:n].all():
            return length
    return 0


def works(dtype: Any = np.float32) -> bool:
    """Whether this machine's numpy BLAS has an axpy in `dtype` that rounds once (in its
    vector body at least: a layout it rounds twice in is refused when it comes)."""
    return _routine(np.dtype(dtype)) is not None
