"""breadth/fused.py: numpy's emulation of a fused multiply-add rounds as the exact value does."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from minigrad.breadth.fused import fma, fused_add


def _exact(a: float, b: float, c: float) -> float:
    return float(Fraction(a) * Fraction(b) + Fraction(c))  # float() rounds to nearest, once


def test_fma_rounds_once_like_the_exact_value() -> None:
    rng = np.random.default_rng(0)
    scale = 10.0 ** rng.integers(-8, 8, size=(3, 2000))
    a, b, c = rng.standard_normal((3, 2000)) * scale
    c[:500] = -a[:500] * b[:500]  # cancellation: the product's rounding error is the result
    got = fma(a, b, c)
    want = [_exact(x, y, z) for x, y, z in zip(a, b, c)]
    assert got.tolist() == want


def test_fused_add_in_float32_rounds_the_float32_alpha_once() -> None:
    rng = np.random.default_rng(1)
    x, y = rng.standard_normal((2, 2000)).astype(np.float32)
    got = fused_add(x, 0.1, y)
    alpha = float(np.float32(0.1))  # PyTorch takes alpha in the tensor's dtype
    want = np.array([_exact(alpha, float(q), float(p)) for p, q in zip(x, y)], dtype=np.float32)
    assert got.dtype == np.float32 and got.tolist() == want.tolist()
    # Integers add as they are.
    assert fused_add(np.array([1, 2]), 3, np.array([1, 1])).tolist() == [4, 5]
