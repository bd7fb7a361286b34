"""The numbers of arange and linspace, bit for bit as PyTorch's CPU kernels compute them.

Evenly spaced numbers look trivial, but each way of computing them rounds differently in the
last bit. PyTorch's kernels (aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp) are compiled
with fused multiply-add, so `start + step * i` is rounded once, not twice:

- linspace: step = (end - start) / (steps - 1) in the output dtype; the first half counts up
  from start, fma(step, i, start), the second half down from end,
  fma(-step, steps - 1 - i, end), so both ends are exact. Integer dtypes compute in double
  and truncate.
- logspace: base ** exponent in double, the exponents counted in double from both ends
  (without fma).
- arange: in double (PyTorch's accumulate type, for float32 too), but in vectorised blocks:
  two vectors of 4 doubles (8 floats) at a time, each vector from a base fma(step, i, start)
  rounded to the output dtype, its lanes fma(lane, step, base); the elements after the last
  full pair of vectors are fma(step, i, start).

numpy has no fused multiply-add: fused.fma computes one exactly. arange is exact at any size
when PyTorch runs one thread (as the golden programs do); with more, it splits an arange of
more than 32,768 elements among its threads, and where its blocks restart then depends on the
machine's thread count.

    >>> import minigrad as torch
    >>> torch.linspace(0, 1, 7)[3].item() == 0.5, torch.arange(0, 1, 0.1)[-1].item()
    (True, 0.8999999761581421)
"""

from __future__ import annotations

import math

import numpy as np

from .fused import fma

LANES = {np.dtype(np.float64): 4, np.dtype(np.float32): 8}  # PyTorch's vector widths (AVX2)


def linspace_values(start: float, end: float, steps: int, dtype: np.dtype) -> np.ndarray:
    """PyTorch's linspace for steps >= 2 (steps == 1 is [start])."""
    integer = dtype.kind in "iu"
    work = np.dtype(np.float64) if integer else dtype
    if integer:  # the ends are converted to the integer dtype first, then counted in double
        start, end = float(int(start)), float(int(end))
    first, last = np.asarray(start, dtype=work), np.asarray(end, dtype=work)
    step = (last - first) / np.asarray(steps - 1, dtype=work)
    i = np.arange(steps, dtype=np.float64)
    up = fma(step, i, first, work)
    down = fma(-step, steps - 1 - i, last, work)
    values = np.where(i < steps // 2, up, down)
    return np.trunc(values).astype(dtype) if integer else values


def logspace_values(start: float, end: float, steps: int, base: float, dtype: np.dtype
                    ) -> np.ndarray:
    """PyTorch's logspace for steps >= 2: the exponents as linspace's, but in double (the ends
    rounded to `dtype` first, their difference taken in `dtype`), then base ** exponent in
    double, rounded to `dtype`."""
    first, last = np.asarray(start, dtype=dtype), np.asarray(end, dtype=dtype)
    with np.errstate(all="ignore"):
        step = np.float64(last - first) / (steps - 1)
        i = np.arange(steps, dtype=np.float64)
        up = np.float64(first) + step * i  # (no fused multiply-add here)
        down = np.float64(last) - step * (steps - 1 - i)
        exponents = np.where(i < steps // 2, up, down)
    # C's pow, correctly rounded as PyTorch's std::pow; numpy's vectorised power can be an ulp off
    powers = [_pow(base, e) for e in exponents.tolist()]
    return np.array(powers).astype(dtype)


def _pow(base: float, exponent: float) -> float:
    try:
        return math.pow(base, exponent)
    except (OverflowError, ValueError):  # inf and nan, as C's pow gives them
        with np.errstate(all="ignore"):
            return float(np.power(base, exponent))


def arange_values(start: float, step: float, size: int, dtype: np.dtype) -> np.ndarray:
    """PyTorch's arange of a floating dtype: `size` numbers from start by step."""
    lanes = LANES.get(dtype, 8)
    i = np.arange(size)
    blocked = i < size // (2 * lanes) * (2 * lanes)
    lane = np.where(blocked, i % lanes, 0)
    base = fma(step, i - lane, start, np.float64).astype(dtype)  # (float64 base for float16)
    in_block = fma(lane, step, base, np.float64).astype(dtype)
    alone = fma(step, i, start, np.float64).astype(dtype)
    return np.where(blocked, in_block, alone)
