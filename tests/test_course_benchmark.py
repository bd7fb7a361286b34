"""Smoke test of the grading benchmark at a tiny class size (the full run: 50 submissions)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "grade_50.py"


def test_grade_benchmark_runs_at_tiny_size(capsys):
    spec = importlib.util.spec_from_file_location("grade_50", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--n", "3", "--jobs", "2"]) == 0
    assert "graded 3 submissions with --jobs 2 in" in capsys.readouterr().out
