"""A fused multiply-add, a * b + c rounded once, as PyTorch's compiled kernels compute it.

PyTorch's C++ is compiled with floating-point contraction, so `start + step * i` (linspace,
arange), `a1 * b2 - a2 * b1` (cross), `x + alpha * y` (add with alpha, add_, addcmul, the
optimizers' updates) or `low + u * (high - low)` (uniform_) round once where numpy, which has
no fused multiply-add, rounds twice: the last bit differs, and an optimizer's parameters drift
apart from PyTorch's step by step. `fma` computes the once-rounded result exactly from
error-free transformations (Boldo and Melquiond, "Emulation of FMA and correctly rounded sums:
proved algorithms using rounding to odd", 2008).

    >>> import numpy as np
    >>> a = np.float64(1 + 2.0 ** -30)
    >>> float(fma(a, a, -1.0, np.dtype(np.float64)) - (a * a - 1.0))   # the bit a * a drops
    8.673617379884035e-19
"""

from __future__ import annotations

import math
from typing import Any

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
    # Towards e's side: not towards s + e, which rounds back to s (|e| is under half an ulp).
    return np.where((e != 0) & even, np.nextafter(s, np.copysign(np.inf, e)), s)


def fma(a: Any, b: Any, c: Any, dtype: np.dtype) -> np.ndarray:
    """a * b + c rounded once into `dtype` (float64, float32 or float16; narrower inputs are
    exact in float64, so a narrow fma is the exact value rounded to odd in float64, then to
    `dtype`)."""
    if np.dtype(dtype) == np.float32 and all(np.asarray(v).dtype == np.float32 for v in (a, b, c)):
        return fma_float32(a, b, c)
    return _in_slices(lambda x, y, z: _fma_exact(x, y, z, dtype),
                      *(np.asarray(v, dtype=np.float64) for v in (a, b, c)), dtype=dtype)


def _fma_exact(a: np.ndarray, b: np.ndarray, c: np.ndarray, dtype: np.dtype) -> np.ndarray:
    with np.errstate(all="ignore"):
        p, p_error = _two_product(a, b)
        t, t_error = _two_sum(c, p)
        tail = _sum_to_odd(t_error, p_error)
        exact = t + tail if dtype == np.float64 else _sum_to_odd(t, tail)
        plain = a * b + c  # where the error terms overflow (huge operands), they are no use
        # (beyond a narrow dtype's range the cast gives inf, silently, as PyTorch does)
        return np.where(np.isfinite(exact), exact, plain).astype(dtype)


def fma_float32(a: Any, b: Any, c: Any) -> np.ndarray:
    """float32 a * b + c rounded once: the quick way (random sampling runs it on millions of
    numbers, the optimizers' addcmul_ on every parameter at every step)."""
    return _in_slices(_fma_float32, *(np.asarray(v, np.float32) for v in (a, b, c)),
                      dtype=np.float32)


_SLICE = 1 << 15  # 32k elements: 256 KB of float64, well inside the CPU's cache


def _in_slices(kernel: Any, a: np.ndarray, b: np.ndarray, c: np.ndarray,
               dtype: Any) -> np.ndarray:
    """kernel(a, b, c) over the broadcast shape, _SLICE elements at a time when it is large.

    The kernels make several float64 temporaries of their inputs' size. On a whole 784x256
    weight (1.6 MB each) those went back to the operating system at every call and were
    faulted in again at the next: ~1,000 page faults, two thirds of addcmul_'s time. Slices
    stay in the cache instead."""
    shapes = {v.shape for v in (a, b, c) if v.ndim}
    # One shape, numbers aside (an optimizer's update): no broadcasting to work out (1.2 us).
    shape = shapes.pop() if len(shapes) == 1 else np.broadcast_shapes(a.shape, b.shape, c.shape)
    size = math.prod(shape)
    if size <= _SLICE:
        return kernel(a, b, c)
    # Flat views (numbers stay numbers); a broadcast or strided operand is copied flat first.
    a, b, c = (v if v.ndim == 0 else np.broadcast_to(v, shape).reshape(-1) for v in (a, b, c))
    out = np.empty(size, dtype)
    for start in range(0, size, _SLICE):
        part = slice(start, start + _SLICE)
        out[part] = kernel(*(v if v.ndim == 0 else v[part] for v in (a, b, c)))
    return out.reshape(shape)


def _fma_float32(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """fma_float32 in one go. The float64 product of two floats is exact, so the float64 sum is
    the only rounding before the last one; two roundings differ from one only where the first
    lands exactly halfway between two floats, and there the sum's lost error decides the side."""
    product = np.multiply(a, b, dtype=np.float64)
    total = np.asarray(np.add(product, c, dtype=np.float64))
    # Halfway between two floats: of the 29 bits float32 drops, only the first is set. They
    # sit in the low 32-bit word of each float64, so only those words are looked at.
    low_word = 0 if np.little_endian else 1
    low_words = total.reshape(-1).view(np.uint32)[low_word::2]
    halfway = (low_words & 0x1FFFFFFF) == 0x10000000
    if halfway.any():
        halfway = halfway.reshape(total.shape)
        p, t, cc = (np.broadcast_to(v, total.shape)[halfway] for v in (product, total, c))
        _, error = _two_sum(p, cc.astype(np.float64))
        total[halfway] = np.where(error != 0, np.nextafter(t, np.copysign(np.inf, error)), t)
    return total.astype(np.float32)


def tanh_backward(grad: Any, y: Any) -> np.ndarray:
    """tanh's gradient grad * (1 - y * y), from its output y, with 1 - y * y rounded once, as
    PyTorch's kernel rounds it (numpy's two roundings differ in the last bit for about 30% of
    float64 values)."""
    y = np.asarray(y)
    return grad * fma(-y, y, np.ones((), y.dtype), y.dtype)


def fused_add(x: np.ndarray, alpha: Any, y: Any, out: np.ndarray | None = None) -> np.ndarray:
    """x + alpha * y in x's dtype, rounded once (alpha, a number or an array, first rounded to
    that dtype, as PyTorch's kernels take it); integers compute as they are, and bools with
    alpha as a bool too, x or (alpha and y) (an int alpha would make numpy's result int64).
    With `out`, the result is written there (an in-place add_ passes x itself)."""
    if x.dtype.kind == "b":
        result = x + np.bool_(alpha) * y
    elif x.dtype.kind != "f":
        result = x + alpha * y
    else:
        result = fma(np.asarray(alpha, dtype=x.dtype), np.asarray(y, dtype=x.dtype), x, x.dtype)
    if out is None:
        return result
    out[...] = result
    return out
