"""Golden parity: every program in tests/golden/programs prints under minigrad what PyTorch did.

The expected outputs were recorded from real PyTorch by ``tests/golden/record.py``; this test
never needs torch. All selected programs run once per session, in parallel batches (see
``harness.run_programs``), and each test compares one program's output exactly.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from golden.harness import discover, expected_path, run_programs

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
