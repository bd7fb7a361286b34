"""Fused multiply-add: `x + a * y` rounded once, as PyTorch's CPU kernels compute it.

PyTorch's `add(x, y, alpha=a)` (and `add_`, `sub`, `addcmul`) runs a fused multiply-add
instruction: the product is not rounded before the sum. numpy rounds twice, so in float32
about one result in ten differs in the last bit (more for alphas near 1), and an optimizer's
parameters drift apart from PyTorch's step by step. Here float32 (and float16) compute in
float64, where the product of two float32 numbers is exact and the sum's one rounding is
(but for rare halfway cases) the fused result; float64 recovers both rounding errors exactly.

    >>> import numpy as np
    >>> float(fma(np.float64(0.1), np.float64(3.0), np.float64(-0.3)))  # not 0: 0.1 * 3 is not 0.3
    2.7755575615628914e-17
"""

from __future__ import annotations

from typing import Any

import numpy as np

_SPLITTER = 134217729.0  # 2**27 + 1: splits a double into two halves that multiply exactly


def _split(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scaled = _SPLITTER * x
    high = scaled - (scaled - x)
    return high, x - high


def fma(a: Any, b: Any, c: Any) -> np.ndarray:
    """a * b + c in float64 with a single rounding (numpy has no fused multiply-add).

    The product's rounding error and the sum's are recovered exactly (Dekker's product,
    Knuth's sum) and added back: the result is the correctly rounded one except, rarely, when
    the exact value lies within a rounding error of a halfway point.
    """
    a, b, c = (np.asarray(v, dtype=np.float64) for v in (a, b, c))
    product = a * b
    a_high, a_low = _split(a)
    b_high, b_low = _split(b)
    product_error = ((a_high * b_high - product) + a_high * b_low + a_low * b_high) + a_low * b_low
    total = product + c
    back = total - product
    sum_error = (product - (total - back)) + (c - back)
    return total + (sum_error + product_error)


def fused_add(x: np.ndarray, alpha: Any, y: Any) -> np.ndarray:
    """x + alpha * y in x's dtype, rounded once (alpha, a number or an array, first rounded to
    that dtype, as PyTorch's kernels take it); integers and bools compute as they are."""
    dtype = x.dtype
    if dtype.kind != "f":
        return x + alpha * y
    alpha = np.asarray(alpha, dtype=dtype)
    if dtype == np.float64:
        return fma(alpha, y, x)
    exact_product = alpha.astype(np.float64) * np.asarray(y, np.float64)
    return (x.astype(np.float64) + exact_product).astype(dtype)
