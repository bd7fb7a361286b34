"""blas.py: numpy's BLAS axpy is used for x + alpha * y only where it rounds once, as PyTorch's
fused multiply-add does; everywhere else the caller emulates (breadth/fused.py)."""

from __future__ import annotations

import ctypes
from contextlib import nullcontext

import numpy as np
import pytest
from test_fused import _exact, _exact_float32  # a * b + c rounded once, exactly

import minigrad as torch
from minigrad import blas, overrides
from minigrad.breadth.fused import fma

# 1 + 2^-23 plus 2^-24 - 2^-54: one rounding gives 1 + 2^-23; rounding first to float64 lands
# exactly halfway between two floats, and ties-to-even then gives 1 + 2^-22.
HALFWAY = (np.float32(1 + 2.0 ** -23), np.float32((1 + 2.0 ** -15) * 2.0 ** -12),
           np.float32((1 - 2.0 ** -15) * 2.0 ** -12))


def test_the_halfway_case_rounds_once() -> None:
    y, alpha, x = HALFWAY
    assert _exact_float32(float(alpha), float(x), float(y)) == 1 + 2.0 ** -23
    assert fma(alpha, x, y, np.float32) == np.float32(1 + 2.0 ** -23)
    for readable in (False, True):  # with the BLAS override and with the emulation
        p = torch.tensor([float(y)] * 37)  # float32; 37 elements: vector body and scalar tail
        with torch.no_grad(), (overrides.readable_only() if readable else nullcontext()):
            p.add_(torch.tensor([float(x)] * 37), alpha=float(alpha))
        assert p.tolist() == [1 + 2.0 ** -23] * 37


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("size", [1, 7, 16, 33, 1000, 40_001])
def test_axpy_where_it_runs_gives_the_exact_numbers(dtype: type, size: int) -> None:
    rng = np.random.default_rng(size)
    y = rng.standard_normal(size).astype(dtype)
    x = (rng.standard_normal(size) * 1e3).astype(dtype)
    alpha = float(dtype(0.37))
    want = fma(dtype(alpha), x, y, np.dtype(dtype))
    got = y.copy()
    if blas.axpy(alpha, x, got):
        assert np.array_equal(got, want)
        if size <= 64:  # a few against exact fractions too
            exact = _exact_float32 if dtype is np.float32 else _exact
            assert got.tolist() == [exact(alpha, float(a), float(b)) for a, b in zip(x, y)]
    else:
        assert np.array_equal(got, y)  # untouched


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_axpy_rounds_once_at_every_length_it_runs_at(dtype: type) -> None:
    """Every element a case where one rounding and two differ: a kernel's tail or a thread's
    share that rounds twice (OpenBLAS's Haswell kernels on an AVX-512 CPU) is never used."""
    y_value, x_value, alpha = blas._halfway(np.dtype(dtype))
    for n in [*range(1, 80), 1000, 10_001, 20_016, 40_003]:
        y = np.full(n, y_value, dtype)
        if blas.axpy(alpha, np.full(n, x_value, dtype), y):
            assert (y == dtype(y_value)).all(), n


def test_axpy_runs_on_this_machine() -> None:
    """numpy's pip wheels bundle OpenBLAS, whose axpy vector kernels use the CPU's fused
    multiply-add on every x86-64 with FMA (the machines the course runs on): at a length of
    whole vectors, one thread, they run."""
    if not blas._numpy_blas():
        pytest.skip("this numpy has no bundled OpenBLAS")
    assert blas.works(np.float32) and blas.works(np.float64)
    for dtype in (np.float32, np.float64):
        assert blas.axpy(0.5, np.ones(4096, dtype), np.ones(4096, dtype))


def test_a_routine_that_rounds_twice_in_its_tail_is_used_only_where_it_does_not(monkeypatch
                                                                                 ) -> None:
    """As OpenBLAS's Haswell saxpy: whole blocks of 8 fused, the rest rounded twice."""

    def routine(n: int, alpha: float, x_ptr: int, _: int, y_ptr: int, __: int) -> None:
        c_type = ctypes.POINTER(ctypes.c_float)
        x = np.ctypeslib.as_array(ctypes.cast(x_ptr, c_type), (n,))
        y = np.ctypeslib.as_array(ctypes.cast(y_ptr, c_type), (n,))
        body, a = n - n % 8, np.float32(alpha)
        y[:body] = fma(a, x[:body], y[:body], np.dtype(np.float32))
        y[body:] = y[body:] + a * x[body:]

    fake = blas._Routine(routine, lambda: 1)
    assert blas.rounds_once(fake, np.dtype(np.float32))  # its vector body does
    monkeypatch.setitem(blas._routines, np.dtype(np.float32), fake)
    monkeypatch.setattr(blas, "_layouts", {})
    y_value, x_value, alpha = blas._halfway(np.dtype(np.float32))
    for n, runs in [(16, True), (13, False), (7, False), (64, True)]:
        y = np.full(n, y_value, np.float32)
        assert blas.axpy(alpha, np.full(n, x_value, np.float32), y) is runs
        assert (y == np.float32(y_value)).all()  # untouched where refused


def test_axpy_refuses_what_it_cannot_do_and_leaves_y_alone() -> None:
    y = np.ones((4, 4), np.float32)
    cases = [
        (np.ones((4, 4), np.float64), y),          # mixed dtypes
        (np.ones(4, np.float32), y),               # broadcasting
        (np.ones((4, 8), np.float32)[:, ::2], y),  # strided x
        (np.ones((4, 4), np.float32), y.T),        # y not row-major
        (np.ones(3, np.int64), np.ones(3, np.int64)),
        (np.ones(3, np.float16), np.ones(3, np.float16)),
        (3.0, y),                                  # a number
    ]
    for x, target in cases:
        before = target.copy()
        assert blas.axpy(0.5, x, target) is False
        assert np.array_equal(target, before)
    read_only = np.ones(3, np.float32)
    read_only.flags.writeable = False
    assert blas.axpy(0.5, np.ones(3, np.float32), read_only) is False


def test_a_routine_that_rounds_twice_is_not_trusted() -> None:
    """The probe catches an axpy without a fused multiply-add (one written as numpy would)."""

    def axpy_in_numpy(update):  # an axpy routine's signature, the update written in numpy
        def routine(n: int, alpha: float, x_ptr: int, _: int, y_ptr: int, __: int) -> None:
            c_type = ctypes.POINTER(ctypes.c_float)
            x = np.ctypeslib.as_array(ctypes.cast(x_ptr, c_type), (n,))
            y = np.ctypeslib.as_array(ctypes.cast(y_ptr, c_type), (n,))
            y[...] = update(np.float32(alpha), x, y)
        return routine

    twice = axpy_in_numpy(lambda alpha, x, y: y + alpha * x)
    once = axpy_in_numpy(lambda alpha, x, y: fma(alpha, x, y, np.dtype(np.float32)))

    assert not blas.rounds_once(twice, np.dtype(np.float32))
    assert blas.rounds_once(once, np.dtype(np.float32))


def test_sgd_steps_agree_with_and_without_the_blas() -> None:
    """Training's parameters, step by step, are the emulation's to the bit."""

    def train() -> list[np.ndarray]:
        torch.manual_seed(0)
        model = torch.nn.Sequential(torch.nn.Linear(20, 64), torch.nn.ReLU(),
                                    torch.nn.Linear(64, 3))
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        x, y = torch.randn(32, 20), torch.randint(0, 3, (32,))
        for _ in range(5):
            opt.zero_grad()
            torch.nn.functional.cross_entropy(model(x), y).backward()
            opt.step()
        return [p.detach().numpy().copy() for p in model.parameters()]

    fast = train()
    with overrides.readable_only(("speed",)):
        emulated = train()
    assert all(np.array_equal(a, b) for a, b in zip(fast, emulated))
