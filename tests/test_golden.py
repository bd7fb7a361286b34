"""Golden parity: every program in tests/golden/programs prints under minigrad what PyTorch did.

The expected outputs were recorded from real PyTorch by ``tests/golden/record.py``; this test
never needs torch. All selected programs run once per session, in parallel batches (see
``harness.run_programs``), and each test compares one program's output exactly.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from golden.harness import discover, expected_path, normalise, run_program, run_programs

PROGRAMS = discover()


@pytest.fixture(scope="session")
def minigrad_outputs(request: pytest.FixtureRequest) -> dict[Path, str]:
    """Outputs of the golden programs this session selected (``-k`` narrows the work too)."""
    selected = [
        item.callspec.params["program"]
        for item in request.session.items
        if getattr(item, "callspec", None) and "program" in item.callspec.params
        and item.module.__name__ == __name__
    ]
    return run_programs(selected or PROGRAMS, "minigrad")


@pytest.mark.parametrize("program", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_golden(program: Path, minigrad_outputs: dict[Path, str]) -> None:
    expected_file = expected_path(program)
    if not expected_file.exists():
        pytest.fail(f"{expected_file.name} missing: record it with tests/golden/record.py")
    expected = expected_file.read_text(encoding="utf-8")
    actual = minigrad_outputs[program.resolve()]
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"torch: {expected_file.name}",
            tofile=f"minigrad: {program.name}",
        )
        pytest.fail("output differs from PyTorch's:\n" + "".join(diff), pytrace=False)


def _avx512_loops() -> list[str]:
    """numpy's AVX-512 loop sets on this machine (names differ: AVX512_SKX in numpy 2.0,
    X86_V4 in 2.4), to turn off through NPY_DISABLE_CPU_FEATURES, which refuses others."""
    from numpy._core import _multiarray_umath as umath

    return [name for name in umath.__cpu_dispatch__
            if (name.startswith("AVX512") or name == "X86_V4") and umath.__cpu_features__[name]]


@pytest.mark.skipif(not _avx512_loops(), reason="numpy runs without AVX-512 here anyway")
def test_golden_programs_print_the_same_when_numpy_does_not_use_avx512() -> None:
    """numpy picks its loops by the CPU: with AVX-512 some float32 functions (atan2, power)
    are Intel's SVML, without it the C library's, and the last bit differs. minigrad must
    print PyTorch's numbers on both kinds of machine, so the programs run again here with
    numpy's AVX-512 loops turned off (numpy 2.4.6 on an AVX-512 machine first showed it)."""
    environment = {"NPY_DISABLE_CPU_FEATURES": " ".join(_avx512_loops())}
    outputs = run_programs(PROGRAMS, "minigrad", environment=environment)
    differing = [p.stem for p in PROGRAMS
                 if outputs[p.resolve()] != expected_path(p).read_text(encoding="utf-8")]
    assert not differing, f"differ from PyTorch without AVX-512: {differing}"


def test_every_expected_file_has_a_program() -> None:
    """A stale .out file (its program renamed or deleted) would silently stop being checked."""
    programs = {p.stem for p in PROGRAMS}
    expected_dir = expected_path(PROGRAMS[0]).parent
    orphans = sorted(p.name for p in expected_dir.glob("*.out") if p.stem not in programs)
    assert not orphans, f"expected files without a program: {orphans}"


def test_harness_protocol(tmp_path: Path) -> None:
    """Warnings and an uncaught error become plain output lines; minigrad answers as torch."""
    program = tmp_path / "probe.py"
    program.write_text(
        "import warnings\nimport torch\nimport torch.autograd\n"
        "print(torch.float64, torch.autograd.grad is not None)\n"
        "warnings.warn('careful')\nraise ValueError('boom')\nprint('never')\n",
        encoding="utf-8",
    )
    expected = "torch.float64 True\nUserWarning: careful\nValueError: boom\n"
    assert run_program(program, "minigrad") == expected
    assert run_programs([program], "minigrad") == {program.resolve(): expected}


def test_normalise_forgives_only_addresses_module_name_and_cpp_origin() -> None:
    raw = ("<AccumulateGrad object at 0x7f00ab> minigrad.float32 "
           "warned (Triggered internally at /src/TensorBody.h:493.)")
    assert normalise(raw) == "<AccumulateGrad object at 0x...> torch.float32 warned"
    assert normalise("tensor(1.0000)") == "tensor(1.0000)"


def test_fuzz_programs_run_on_minigrad() -> None:
    """The fuzzer (fuzz.py, run with torch by hand) keeps working: its programs run here."""
    from golden import fuzz

    import minigrad

    results = []
    for seed in range(60):
        shapes, steps = fuzz.program(seed)
        result = fuzz.run(minigrad, shapes, steps, seed)
        # Some programs do fail, as they do in PyTorch (shapes that do not broadcast).
        assert result[0] == "ok" or result[1] == "RuntimeError", (seed, result)
        assert fuzz.same(result, fuzz.run(minigrad, shapes, steps, seed))
        results.append(result[0])
    assert results.count("ok") > 40
