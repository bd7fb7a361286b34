"""blas.py: numpy's BLAS axpy is used for x + alpha * y only where it rounds once, as PyTorch's
fused multiply-add does; everywhere else the caller emulates (breadth/fused.py)."""

from __future__ import annotations

import ctypes
import sys
import threading
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


def _axpy_in_numpy(update, c_type=ctypes.c_float):
    """An axpy routine's signature (n, alpha, x, 1, y, 1), the update written in numpy."""

    def routine(n: int, alpha: float, x_ptr: int, _: int, y_ptr: int, __: int) -> None:
        x = np.ctypeslib.as_array(ctypes.cast(x_ptr, ctypes.POINTER(c_type)), (n,))
        y = np.ctypeslib.as_array(ctypes.cast(y_ptr, ctypes.POINTER(c_type)), (n,))
        y[...] = update(x.dtype.type(alpha), x, y)

    return routine


def _fused_in_blocks_of_8(alpha, x, y):
    """As OpenBLAS's Haswell saxpy (whose blocks are 32): whole blocks of 8 fused, the rest
    rounded twice."""
    body = x.size - x.size % 8
    return np.concatenate([fma(alpha, x[:body], y[:body], y.dtype), y[body:] + alpha * x[body:]])


@pytest.fixture
def fresh_records(monkeypatch):
    """What blas.py learnt of numpy's routine does not hold for a test's fake one."""
    monkeypatch.setattr(blas, "_layouts", {})
    monkeypatch.setattr(blas, "_padded", {})
    monkeypatch.setattr(blas, "_per_thread", blas._PerThread())


def _use(monkeypatch, update, threads=lambda: 1) -> None:
    fake = blas._Routine(_axpy_in_numpy(update), threads)
    monkeypatch.setitem(blas._routines, np.dtype(np.float32), fake)


def test_a_routine_that_rounds_twice_in_its_tail_runs_small_arrays_padded(monkeypatch,
                                                                          fresh_records) -> None:
    """Small arrays run padded to the shortest length whose tail falls past them (up to
    SCRATCH_MAX, those whose layout in place has a tail); a large one, in place, only where
    it has no tail."""
    fake = blas._Routine(_axpy_in_numpy(_fused_in_blocks_of_8), lambda: 1)
    assert blas.rounds_once(fake, np.dtype(np.float32))  # its vector body does
    _use(monkeypatch, _fused_in_blocks_of_8)
    y_value, x_value, alpha = blas._halfway(np.dtype(np.float32))
    assert blas.COPIES_CHEAPER < 3000 < blas.SCRATCH_MAX < 5000
    for n in [*range(1, 101), 3000, 3001, 5000]:
        y = np.full(n, y_value, np.float32)
        assert blas.axpy(alpha, np.full(n, x_value, np.float32), y), n
        assert (y == np.float32(y_value)).all(), n  # rounded once everywhere
        if n <= blas.COPIES_CHEAPER or (n <= blas.SCRATCH_MAX and n % 8):  # ran in scratch:
            padded = n if n % 8 == 0 else -(-n // 16) * 16  # n if whole blocks, else by 16
            assert blas._padded[(np.dtype(np.float32), n, 1)] == padded
        else:
            assert (np.dtype(np.float32), n, 1) not in blas._padded
    y = np.full(5001, y_value, np.float32)
    assert blas.axpy(alpha, np.full(5001, x_value, np.float32), y) is False
    assert (y == np.float32(y_value)).all()  # untouched where refused


def test_a_routine_that_rounds_twice_everywhere_is_never_used_padded(monkeypatch,
                                                                     fresh_records) -> None:
    _use(monkeypatch, lambda alpha, x, y: y + alpha * x)
    y_value, x_value, alpha = blas._halfway(np.dtype(np.float32))
    for n in range(1, 101):
        y = np.full(n, y_value, np.float32)
        assert blas.axpy(alpha, np.full(n, x_value, np.float32), y) is False
        assert (y == np.float32(y_value)).all()
        assert blas._padded[(np.dtype(np.float32), n, 1)] == 0
    p = torch.tensor([float(y_value)] * 16)  # add_ then emulates, and rounds once
    p.add_(torch.tensor([float(x_value)] * 16), alpha=float(alpha))
    assert p.tolist() == [float(np.float32(y_value))] * 16


def test_the_blas_threads_are_read_at_each_call(monkeypatch, fresh_records) -> None:
    """A routine that rounds once with one thread and twice with two (as a thread's share
    with a tail would): setting the threads (threadpoolctl) changes what runs."""
    threads = [1]

    def update(alpha, x, y):
        return fma(alpha, x, y, y.dtype) if threads[0] == 1 else y + alpha * x

    _use(monkeypatch, update, lambda: threads[0])
    y_value, x_value, alpha = blas._halfway(np.dtype(np.float32))
    for count, runs in [(1, True), (2, False), (1, True)]:
        threads[0] = count
        for n in (16, 5000):  # in scratch, in place
            y = np.full(n, y_value, np.float32)
            assert blas.axpy(alpha, np.full(n, x_value, np.float32), y) is runs
            assert (y == np.float32(y_value)).all()


def _in_line(values: np.ndarray, offset: int) -> np.ndarray:
    """A copy of values starting `offset` bytes into a 64-byte line."""
    copy = blas._laid_out(values.dtype, values.size, offset, 0)
    copy[...] = values.reshape(-1)
    return copy.reshape(values.shape)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_small_arrays_give_the_exact_numbers_wherever_they_start(dtype: type) -> None:
    """Every length 1..100 and a few up to SCRATCH_MAX, x and y at several places in a cache
    line: numpy's BLAS on this machine runs them all (padded where its tail rounds twice) and
    rounds once."""
    if not blas._numpy_blas():
        pytest.skip("this numpy has no bundled OpenBLAS")
    size = np.dtype(dtype).itemsize
    rng = np.random.default_rng(1)
    y_value, x_value, halfway_alpha = blas._halfway(np.dtype(dtype))
    for n in [*range(1, 101), 2100, 3001, 4095]:
        random = (rng.standard_normal(n).astype(dtype),
                  (rng.standard_normal(n) * 1e3).astype(dtype), float(dtype(rng.random())))
        halfway = (np.full(n, y_value, dtype), np.full(n, x_value, dtype), halfway_alpha)
        for y0, x0, alpha in (random, halfway):
            want = fma(dtype(alpha), x0, y0, np.dtype(dtype))
            for x_offset, y_offset in [(0, 0), (size, 3 * size), (60 - 60 % size, 0),
                                       (32, 16)]:
                x, y = _in_line(x0, x_offset), _in_line(y0, y_offset)
                assert blas.axpy(alpha, x, y), (n, x_offset, y_offset)
                assert np.array_equal(y, want), (n, x_offset, y_offset)
                assert np.array_equal(x, x0)  # x is only read
    y = np.full((3, 5), y_value, dtype)  # a matrix: copies keep its shape
    assert blas.axpy(halfway_alpha, np.full((3, 5), x_value, dtype), y)
    assert (y == dtype(y_value)).all()
    if dtype is np.float32:  # against exact fractions too
        y0, x0 = rng.standard_normal(37).astype(dtype), rng.standard_normal(37).astype(dtype)
        y = y0.copy()
        assert blas.axpy(0.37, x0, y)
        assert y.tolist() == [_exact_float32(float(dtype(0.37)), float(a), float(b))
                              for a, b in zip(x0, y0)]


def test_the_padding_stays_zero(monkeypatch, fresh_records) -> None:
    """An alpha that is not a finite number in y's dtype is not run padded (0 * inf would put
    NaN in the padding); infinities in x stay in x's part."""
    _use(monkeypatch, _fused_in_blocks_of_8)
    y0, x0 = np.ones(13, np.float32), np.full(13, np.inf, np.float32)
    for alpha in (np.inf, -np.inf, np.nan, 1e39):  # (1e39 is inf in float32)
        y = y0.copy()
        assert blas.axpy(alpha, x0, y) is False
        assert np.array_equal(y, y0)
    y = y0.copy()
    assert blas.axpy(0.5, x0, y) and (y == np.inf).all()
    (scratch,) = blas._per_thread.scratch.values()
    for at in (scratch.x_at, scratch.y_at):
        whole = np.ctypeslib.as_array(ctypes.cast(at, ctypes.POINTER(ctypes.c_float)), (16,))
        assert whole[13:].tolist() == [0.0] * 3
    with torch.no_grad():  # add_ with such an alpha emulates
        p = torch.ones(13)
        p.add_(torch.ones(13), alpha=float("inf"))
    assert p.tolist() == [float("inf")] * 13


def test_python_threads_each_use_their_own_scratch() -> None:
    """The BLAS call releases the GIL: two threads updating tensors of one shape at once must
    not compute in one another's buffers."""
    rng = np.random.default_rng(2)
    work = []
    for _ in range(2):
        y0, x0 = rng.standard_normal(16).astype(np.float32), rng.standard_normal(16).astype(
            np.float32)
        work.append((y0, x0, fma(np.float32(-0.1), x0, y0, np.dtype(np.float32))))
    wrong, finished, start = [], [], threading.Barrier(2)

    def update(y0: np.ndarray, x0: np.ndarray, want: np.ndarray) -> None:
        p, g = torch.tensor(y0), torch.tensor(x0)
        start.wait()
        for _ in range(10_000):
            p.copy_(torch.tensor(y0))  # (nothing requires grad: nothing to record)
            p.add_(g, alpha=-0.1)
            if not np.array_equal(p.numpy(), want):
                wrong.append(p.numpy().copy())
        finished.append(True)  # (an exception in a thread would not fail the test by itself)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter will
    try:
        threads = [threading.Thread(target=update, args=w) for w in work]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert not wrong and len(finished) == 2


def test_add_with_grad_enabled_takes_the_update_path_only_when_nothing_is_recorded() -> None:
    """With grad enabled, add_ on tensors that do not require grad is the optimizer's update
    (no graph); a leaf that requires grad, or a view made under no_grad, still refuses."""
    y_value, x_value, alpha = (float(v) for v in blas._halfway(np.dtype(np.float32)))
    p = torch.tensor([y_value] * 16, requires_grad=True)
    d = p.data
    version = d._version
    d.add_(torch.tensor([x_value] * 16), alpha=alpha)
    assert d.tolist() == [y_value] * 16 and d.grad_fn is None and d._version == version + 1
    with pytest.raises(RuntimeError, match="leaf Variable"):
        p.add_(torch.ones(16), alpha=alpha)
    with torch.no_grad():
        view = p[:4]
    with pytest.raises(RuntimeError, match="no_grad"):
        view.add_(torch.ones(4), alpha=alpha)
    q = torch.ones(16, requires_grad=True) * 1  # a non-leaf: recorded, as before
    q.add_(torch.ones(16), alpha=0.5)
    assert q.grad_fn is not None and q.tolist() == [1.5] * 16


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

    twice = _axpy_in_numpy(lambda alpha, x, y: y + alpha * x)
    once = _axpy_in_numpy(lambda alpha, x, y: fma(alpha, x, y, np.dtype(np.float32)))

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
