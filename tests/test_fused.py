"""breadth/fused.py: numpy's emulation of a fused multiply-add rounds as the exact value does."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from minigrad.breadth import fused
from minigrad.breadth.fused import fma, fma_float32, fused_add


def _exact(a: float, b: float, c: float) -> float:
    return float(Fraction(a) * Fraction(b) + Fraction(c))  # float() rounds to nearest, once


def test_fma_rounds_once_like_the_exact_value() -> None:
    rng = np.random.default_rng(0)
    scale = 10.0 ** rng.integers(-8, 8, size=(3, 2000))
    a, b, c = rng.standard_normal((3, 2000)) * scale
    c[:500] = -a[:500] * b[:500]  # cancellation: the product's rounding error is the result
    got = fma(a, b, c, np.float64)
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


def test_fma_rounds_a_float64_sum_just_under_halfway_once() -> None:
    """1 + 2^-52 plus 2^-53 - 2^-107: the exact value lies just under halfway between two
    doubles, so it rounds down; the rounded product (2^-53) lands exactly halfway, and ties
    to even would round up. The error terms' sum must be rounded to odd for that to show."""
    y, x, alpha = 1 + 2.0 ** -52, (1 - 2.0 ** -27) * 2.0 ** -27, (1 + 2.0 ** -27) * 2.0 ** -26
    assert _exact(alpha, x, y) == y
    assert fma(np.float64(alpha), np.float64(x), np.float64(y), np.dtype(np.float64)) == y


def test_the_quick_float32_fma_agrees_with_rounding_to_odd() -> None:
    rng = np.random.default_rng(2)
    a, b, c = rng.standard_normal((3, 20000)).astype(np.float32)
    c[:5000] = -(a[:5000].astype(np.float64) * b[:5000]).astype(np.float32)  # near-cancellation
    quick = fma_float32(a, b, c)
    by_odd = fma(a.astype(np.float64), b.astype(np.float64), c.astype(np.float64), np.float32)
    exact = [_exact_float32(float(x), float(y), float(z)) for x, y, z in zip(a, b, c)]
    assert quick.tolist() == by_odd.tolist() == exact


def _exact_float32(a: float, b: float, c: float) -> float:
    """a * b + c rounded once to float32: the nearest of the float32 neighbours, ties to even."""
    value = Fraction(a) * Fraction(b) + Fraction(c)
    guess = np.float32(float(value))
    near = [np.nextafter(guess, np.float32(-np.inf)), guess,
            np.nextafter(guess, np.float32(np.inf))]
    return float(min(near, key=lambda f: (abs(Fraction(float(f)) - value),
                                          int(np.array(f).view(np.int32)) & 1)))


def test_the_quick_float32_fma_gives_the_same_bits_in_slices() -> None:
    # Past _SLICE elements it goes slice by slice (its float64 temporaries stay in the cache
    # instead of being faulted in at every call): halfway cases, numbers, broadcast and
    # transposed operands must come out as computed in one go.
    rng = np.random.default_rng(3)
    n = 3 * fused._SLICE + 7
    a, b, c = (rng.standard_normal((3, n)) * 10.0 ** rng.integers(-4, 4, (3, n))).astype(np.float32)
    a[::1000], b[::1000], c[::1000] = 1 + 2.0 ** -23, (1 - 2.0 ** -15) * 2.0 ** -12, 0.0  # halfway
    square = rng.standard_normal((400, 300)).astype(np.float32)
    for operands in [(a, b, c), (a, np.float32(0.3), c), (a.reshape(1, n), b, c[:1]),
                     (square.T, square.T, np.float32(1))]:
        sliced = fma_float32(*operands)
        whole = fused._fma_float32(*(np.asarray(v, np.float32) for v in operands))
        assert sliced.shape == whole.shape
        assert sliced.view(np.uint32).tolist() == whole.view(np.uint32).tolist()


def test_the_exact_fma_gives_the_same_bits_in_slices() -> None:
    rng = np.random.default_rng(4)
    n = 2 * fused._SLICE + 5
    a, b, c = rng.standard_normal((3, n)) * 10.0 ** rng.integers(-8, 8, (3, n))
    c[: n // 3] = -a[: n // 3] * b[: n // 3]  # cancellation: the product's error is the result
    for dtype in (np.float64, np.float16):
        for operands in [(a, b, c), (a, 0.3, c), (a.reshape(1, n), b, c[:1])]:
            sliced = fma(*operands, dtype)
            whole = fused._fma_exact(*(np.asarray(v, np.float64) for v in operands), dtype)
            assert sliced.dtype == whole.dtype and sliced.shape == whole.shape
            assert np.array_equal(sliced, whole, equal_nan=True)


def test_tanh_backward_rounds_one_minus_y_squared_once() -> None:
    """PyTorch's tanh gradient grad * (1 - y*y) rounds 1 - y*y once (its kernel fuses it);
    numpy's two roundings differ in the last bit for about 30% of float64 outputs of tanh.
    Checked through the gradient of a tanh's output, in both dtypes and through autograd."""
    import minigrad as torch

    rng = np.random.default_rng(2)
    for dtype in (np.float64, np.float32):
        y = np.tanh(rng.standard_normal(2000)).astype(dtype)
        if dtype == np.float32:
            # For |y| >= 1/4, 1 - y*y of a float32 y fits in 51 bits: exact in float64, so
            # rounding the exact value to float64 and then to float32 rounds it once.
            y = y[abs(y) >= 0.25]
        exact = np.array([_exact(-float(v), float(v), 1.0) for v in y])
        want = exact.astype(dtype)
        assert fused.tanh_backward(np.ones((), dtype), y).tolist() == want.tolist()
        assert (want != (1 - y * y).astype(dtype)).any()  # the test tells the two apart
    x = torch.tensor(rng.standard_normal(500))
    for create_graph in (False, True):
        leaf = x.clone().requires_grad_()
        y = leaf.tanh()
        (g,) = torch.autograd.grad(y.sum(), leaf, create_graph=create_graph)
        want = [_exact(-v, v, 1.0) for v in y.detach().numpy().tolist()]
        assert g.detach().numpy().tolist() == want
