"""Smoke test of the grading benchmark at a tiny class size (the full run: 50 submissions).

The benchmark itself times the wall clock, which stretches when the machine is busy (CI shares
two cores between jobs). This test holds the same budget against CPU time instead: the
grader's and its sandboxes' (each sandbox's processes end when it closes and are reaped, so
their time is counted in the grader's children's).
"""

import importlib.util
import resource
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "grade_50.py"


def _cpu_seconds() -> float:
    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                  resource.getrusage(resource.RUSAGE_CHILDREN)))


def test_grade_benchmark_runs_at_tiny_size_within_its_budget_of_cpu_time(capsys):
    spec = importlib.util.spec_from_file_location("grade_50", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    n = 3
    start = _cpu_seconds()
    module.main(["--n", str(n), "--jobs", "2"])  # its exit status is the wall clock's verdict
    seconds = _cpu_seconds() - start
    assert f"graded {n} submissions with --jobs 2 in" in capsys.readouterr().out
    budget = module.BUDGET_S * n / module.CLASS_SIZE
    assert seconds <= budget, f"grading {n} submissions took {seconds:.1f} s of CPU time"
