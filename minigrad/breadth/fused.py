"""A fused multiply-add, a * b + c rounded once, as PyTorch's compiled kernels compute it.

PyTorch's C++ is compiled with floating-point contraction, so `start + step * i` (linspace,
arange) or `a1 * b2 - a2 * b1` (cross) round once where numpy, which has no fused multiply-add,
rounds twice: the last bit differs. `fma` computes the once-rounded result exactly from
error-free transformations (Boldo and Melquiond, "Emulation of FMA and correctly rounded sums:
proved algorithms using rounding to odd", 2008).

    >>> import numpy as np
    >>> a = np.float64(1 + 2.0 ** -30)
    >>> float(fma(a, a, -1.0, np.dtype(np.float64)) - (a * a - 1.0))   # the bit a * a drops
    8.673617379884035e-19
"""

from __future__ import annotations

import numpy as np

_SPLITTER = 2.0 ** 27 + 1  # Veltkamp's split of a double into two 26-bit halves


def _two_sum(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """s + e == a + b exactly, s the rounded sum."""
    s = a + b
    bv = s - a
    return s, (a - (s - bv)) + (b - bv)


def _two_product(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """p + e == a * b exactly, p the rounded product (Dekker)."""
    p = a * b
    ca, cb = _SPLITTER * a, _SPLITTER * b
    ah, bh = ca - (ca - a), cb - (cb - b)
    al, bl = a - ah, b - bh
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def _sum_to_odd(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a + b rounded to odd: an inexact sum lands on the neighbour whose last bit is 1, which
    keeps enough information for a second, correct, rounding to fewer bits."""
    s, e = _two_sum(a, b)
    even = (s.view(np.int64) & 1) == 0
    return np.where((e != 0) & even, np.nextafter(s, s + e), s)


def fma(a: np.ndarray, b: np.ndarray, c: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """a * b + c rounded once into `dtype` (float64 or float32; float32 inputs are exact in
    float64, so a float32 fma is the exact value rounded to odd in float64, then to float32)."""
    a, b, c = (np.asarray(v, dtype=np.float64) for v in (a, b, c))
    with np.errstate(all="ignore"):
        p, p_error = _two_product(a, b)
        t, t_error = _two_sum(c, p)
        tail = _sum_to_odd(t_error, p_error)
        exact = t + tail if dtype == np.float64 else _sum_to_odd(t, tail)
        plain = a * b + c  # where the error terms overflow (huge operands), they are no use
    return np.where(np.isfinite(exact), exact, plain).astype(dtype)
