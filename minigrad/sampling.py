"""From the generator's words to numbers: PyTorch's CPU recipes, reproduced bit for bit.

Each function takes a Generator (minigrad/random.py) and returns a numpy array; the tensor
functions (rand, randn, x.uniform_() ... in creation.py and breadth/random_fills.py) call them.
The recipes are PyTorch's ATen CPU kernels (DistributionTemplates.h, TransformationHelper.h,
DistributionsHelper.h); where the last bit depends on how the kernel was compiled, it was
checked against PyTorch 2.13's CPU wheel on an x86-64 machine with AVX2/AVX-512 and FMA:

- a float32 uniform keeps 24 bits of one 32-bit word, a float64 one 53 bits of a 64-bit draw;
  `from + x * (to - from)` is one fused multiply-add (the compiler fuses it);
- randn of 16 or more contiguous float32 numbers is Box-Muller on blocks of 16 with PyTorch's
  AVX2 log/sin/cos (Cephes polynomials, again with fused multiply-adds), float64 the same with
  the C library's log/sin/cos; below 16 numbers (or on a strided view) it is one float64
  Box-Muller per pair, whose second value waits in the generator for the next call;
- integers keep the word's remainder modulo the range (two words per number once the range
  reaches 2**28);
- bernoulli and exponential compare or transform a 53-bit uniform (PyTorch can use Intel MKL
  for these; the 2.13 wheel measured here does not).

Python's `math` functions are the C library's, the ones PyTorch calls, which numpy's own
vectorised log/sin/cos are not to the last bit: the float64 paths use `math`.
"""

from __future__ import annotations

import math

import numpy as np

from .breadth.fused import fma, fma_float32
from .random import Generator

f32 = np.float32
_CHUNK = 1 << 16  # numbers transformed at a time (a multiple of 16)
_BITS = {np.dtype(np.float32): 24, np.dtype(np.float64): 53}  # std::numeric_limits<T>::digits


def _libm(function, values: np.ndarray) -> np.ndarray:
    """The C library's function on each element (what a C++ `std::log(double)` calls)."""
    return np.fromiter(map(function, values.tolist()), np.float64, values.size)


def _scale_shift(x: np.ndarray, std, mean) -> np.ndarray:
    """x * std + mean rounded once (PyTorch's fused multiply-add); x itself for N(0, 1)."""
    if std == 1 and mean == 0:
        return x
    return fma_float32(x, std, mean) if x.dtype == np.float32 else fma(x, std, mean, np.float64)


def uniform(gen: Generator, n: int, dtype: np.dtype, low: float = 0.0,
            high: float = 1.0) -> np.ndarray:
    """uniform_real_distribution: [low, high) from the word's low 24 (float32) or 53 bits."""
    dtype = np.dtype(dtype)
    if dtype == np.float16:  # drawn as float32, then rounded, as PyTorch's float16
        return uniform(gen, n, np.float32, low, high).astype(np.float16)
    bits = _BITS[dtype]
    words = gen.random(n) if bits == 24 else gen.random64(n)
    x = (words & np.uint64((1 << bits) - 1)).astype(dtype) * dtype.type(2.0 ** -bits)
    low, high = dtype.type(low), dtype.type(high)
    if (low, high) == (0, 1):
        return x
    return fma_float32(x, high - low, low) if bits == 24 else fma(x, high - low, low, np.float64)


# ---- normal --------------------------------------------------------------------------------

def normal(gen: Generator, n: int, dtype: np.dtype, mean: float = 0.0, std: float = 1.0,
           contiguous: bool = True) -> np.ndarray:
    """PyTorch's normal_ kernel: block Box-Muller for 16+ contiguous numbers, else pairwise."""
    dtype = np.dtype(dtype)
    if n < 16 or not contiguous:
        return _normal_pairs(gen, n, mean, std).astype(dtype)
    if dtype == np.float16:
        # PyTorch's float16 kernel works in float32 on whole blocks of 16 (n rounded up) and
        # puts the last block over the last 16 places (measured: numbers and words drawn).
        blocks = normal(gen, -(-n // 16) * 16, np.float32, mean, std)
        whole = n - n % 16
        data = np.empty(n, np.float32)
        data[:whole], data[n - 16:] = blocks[:whole], blocks[-16:]
        return data.astype(np.float16)
    fill16 = _box_muller_16_float32 if dtype == np.float32 else _box_muller_16_float64
    mean, std = dtype.type(mean), dtype.type(std)
    # normal_fill: n uniforms, Box-Muller on each block of 16 (u[0:8] give the radii, u[8:16]
    # the angles); a last partial block is redone on 16 fresh uniforms over the last 16 places.
    data = uniform(gen, n, dtype)
    whole = n - n % 16
    for start in range(0, whole, _CHUNK):  # in pieces that stay in the CPU's cache: 3x faster
        piece = slice(start, min(start + _CHUNK, whole))
        data[piece] = fill16(data[piece], mean, std)
    if n % 16:
        data[n - 16:] = fill16(uniform(gen, 16, dtype), mean, std)
    return data


def _normal_pairs(gen: Generator, n: int, mean: float, std: float) -> np.ndarray:
    """normal_distribution<double>: one Box-Muller per two 53-bit uniforms u1 (angle) and u2
    (radius), r * cos first; r * sin is cached in the generator for the next number drawn."""
    values = []
    if n and gen.next_double_normal_sample is not None:
        values.append(gen.next_double_normal_sample)
        gen.next_double_normal_sample = None
    pairs = (n - len(values) + 1) // 2
    if pairs:
        u = uniform(gen, 2 * pairs, np.float64)
        radius = np.sqrt(-2.0 * _libm(math.log1p, -u[1::2]))
        theta = 2.0 * math.pi * u[0::2]
        cos, sin = radius * _libm(math.cos, theta), radius * _libm(math.sin, theta)
        values.extend(np.stack([cos, sin], 1).reshape(-1).tolist())
        if len(values) > n:
            gen.next_double_normal_sample = values.pop()
    return _scale_shift(np.array(values, np.float64), std, mean)


def _box_muller_16_float64(u: np.ndarray, mean: np.float64, std: np.float64) -> np.ndarray:
    """normal_fill_16<double>: radius from 1 - u[0:8], angle from u[8:16], per block of 16."""
    blocks = u.reshape(-1, 2, 8)
    radius = np.sqrt(-2.0 * _libm(math.log, 1.0 - blocks[:, 0].reshape(-1)))
    theta = 2.0 * math.pi * blocks[:, 1].reshape(-1)
    cos = _scale_shift(radius * _libm(math.cos, theta), std, mean).reshape(-1, 8)
    sin = _scale_shift(radius * _libm(math.sin, theta), std, mean).reshape(-1, 8)
    return np.stack([cos, sin], 1).reshape(-1)


def _box_muller_16_float32(u: np.ndarray, mean: np.float32, std: np.float32) -> np.ndarray:
    """normal_fill_16_AVX2: the same on 8 float32 lanes with avx_mathfun's log and sincos."""
    blocks = u.reshape(-1, 2, 8)
    radius = np.sqrt(f32(-2) * _log_avx(f32(1) - blocks[:, 0]))
    sin, cos = _sincos_avx(f32(2.0 * math.pi) * blocks[:, 1])
    return np.stack([_scale_shift(radius * cos, std, mean),
                     _scale_shift(radius * sin, std, mean)], 1).reshape(-1)


# Cephes' single-precision log and sin/cos, as Julien Pommier's avx_mathfun.h evaluates them
# in PyTorch (compiled with each `a * b + c` fused into one FMA, as the measured bits show).
_LOG_POLYNOMIAL = (7.0376836292E-2, -1.1514610310E-1, 1.1676998740E-1, -1.2420140846E-1,
                   1.4249322787E-1, -1.6668057665E-1, 2.0000714765E-1, -2.4999993993E-1,
                   3.3333331174E-1)
_COS_POLYNOMIAL = (2.443315711809948E-005, -1.388731625493765E-003, 4.166664568298827E-002)
_SIN_POLYNOMIAL = (-1.9515295891E-4, 8.3321608736E-3, -1.6666654611E-1)


def _horner(coefficients: tuple, x: np.ndarray) -> np.ndarray:
    y = np.full_like(x, f32(coefficients[0]))
    for c in coefficients[1:]:
        y = fma_float32(y, x, f32(c))
    return y


def _log_avx(x: np.ndarray) -> np.ndarray:
    """log256_ps for x in (0, 1]: x = m * 2**e with m in [sqrt(1/2), sqrt(2)), a polynomial
    in m - 1, plus e * log(2) in two parts."""
    bits = x.view(np.int32)
    exponent = ((bits >> 23) - 0x7F).astype(np.float32) + f32(1)
    m = ((bits & ~0x7F800000) | f32(0.5).view(np.int32)).view(np.float32)  # in [0.5, 1)
    small = m < f32(0.707106781186547524)
    exponent = exponent - small.astype(np.float32)
    m = (m - f32(1)) + np.where(small, m, f32(0))
    z = m * m
    y = _horner(_LOG_POLYNOMIAL, m) * m
    y = fma_float32(y, z, exponent * f32(-2.12194440e-4))
    y = y - z * f32(0.5)
    return fma_float32(exponent, f32(0.693359375), m + y)


def _sincos_avx(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """sincos256_ps for x >= 0: reduce by multiples of pi/4 (in three parts), then one of two
    polynomials per octant, signs from the octant."""
    octant = (x * f32(1.27323954473516)).astype(np.int32)  # x * 4 / pi, truncated
    octant = (octant + 1) & ~1
    y = octant.astype(np.float32)
    for part in (-0.78515625, -2.4187564849853515625e-4, -3.77489497744594108e-8):
        x = fma_float32(y, f32(part), x)
    z = x * x
    cos_poly = fma_float32(_horner(_COS_POLYNOMIAL, z) * z, z, -(z * f32(0.5))) + f32(1)
    sin_poly = fma_float32(_horner(_SIN_POLYNOMIAL, z) * z, x, x)
    use_sin_poly = (octant & 2) == 0
    sin = np.where(use_sin_poly, sin_poly, cos_poly)
    cos = np.where(use_sin_poly, cos_poly, sin_poly)
    sin = np.where((octant & 4) != 0, -sin, sin)
    cos = np.where((~(octant - 2) & 4) != 0, -cos, cos)
    return sin, cos


# ---- integers, Bernoulli, exponential, permutations ----------------------------------------

def integers(gen: Generator, n: int, low: int, high: int) -> np.ndarray:
    """uniform_int_from_to_distribution: low + word % (high - low), as int64."""
    span = high - low
    words = gen.random64(n) if span >= 1 << 28 else gen.random(n)
    with np.errstate(over="ignore"):  # C's wrap-around, as PyTorch's cast
        return (words % np.uint64(span)).astype(np.int64) + np.int64(low)


def full_range_integers(gen: Generator, n: int, dtype: np.dtype) -> np.ndarray:
    """uniform_int_distribution (x.random_() without bounds): every value the dtype holds
    exactly from 0: int64 < 2**63 and float64 <= 2**53 from 64-bit draws, the rest from 32."""
    dtype = np.dtype(dtype)
    if dtype == np.bool_:
        return (gen.random(n) & np.uint64(1)).astype(bool)
    if dtype.kind == "f":
        modulus = 2 ** (np.finfo(dtype).nmant + 1) + 1
    else:
        modulus = int(np.iinfo(dtype).max) + 1
    words = gen.random64(n) if dtype in (np.int64, np.float64) else gen.random(n)
    return (words % np.uint64(modulus)).astype(dtype)


def bernoulli(gen: Generator, p: np.ndarray) -> np.ndarray:
    """bernoulli_distribution, one draw per element of p: u < p, u a 53-bit uniform for a
    float64 p (and for a number p: x.bernoulli_(0.3), dropout), a 24-bit one for float32."""
    dtype = np.float32 if p.dtype == np.float32 else np.float64
    return uniform(gen, p.size, dtype).reshape(p.shape) < p


def exponential(gen: Generator, n: int, lambd: float) -> np.ndarray:
    """exponential_distribution<double>: -1 / lambda * log1p(-u)."""
    return (-1.0 / lambd) * _libm(math.log1p, -uniform(gen, n, np.float64))


def randperm(gen: Generator, n: int) -> np.ndarray:
    """randperm_cpu: Fisher-Yates from the front, swapping place i with i + word % (n - i)."""
    order = list(range(n))
    if n < (2**32 - 1) // 20:
        others = gen.random(max(n - 1, 0)) % np.arange(n, 1, -1, dtype=np.uint64) \
            + np.arange(n - 1, dtype=np.uint64)
        for i, j in enumerate(others.tolist()):
            order[i], order[j] = order[j], order[i]
    else:  # PyTorch's "inside-out" variant with 64-bit draws, for a huge n
        for i, z in enumerate((gen.random64(n) % np.arange(1, n + 1, dtype=np.uint64)).tolist()):
            order[i], order[z] = order[z], i
    return np.array(order, np.int64)
