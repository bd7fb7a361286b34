"""Smoke test of the grading benchmark at a tiny class size (the full run: 50 submissions).

The benchmark itself times the wall clock, which stretches when the machine is busy (CI shares
two cores between jobs). This test holds the same budget against CPU time instead: the
grader's and its sandboxes' (each sandbox's processes end when it closes and are reaped, so
their time is counted in the grader's children's). The grader runs in a fresh interpreter
that reports its own figure: in pytest's process, processes that earlier tests left behind
are reaped whenever a new subprocess starts, and their CPU time would be counted too.
"""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "grade_50.py"

RUN_AND_REPORT = """
import importlib.util, resource, sys
spec = importlib.util.spec_from_file_location("grade_50", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
def cpu():
    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                  resource.getrusage(resource.RUSAGE_CHILDREN)))
start = cpu()
module.main(["--n", sys.argv[2], "--jobs", "2"])  # its exit status is the wall clock's verdict
print("budget", module.BUDGET_S * int(sys.argv[2]) / module.CLASS_SIZE)
print("cpu", cpu() - start)
"""


def _cpu_seconds(n: int) -> tuple[float, float]:
    """One run of the benchmark at ``n`` submissions: (its CPU time, its budget)."""
    done = subprocess.run([sys.executable, "-c", RUN_AND_REPORT, str(SCRIPT), str(n)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"graded {n} submissions with --jobs 2 in" in done.stdout
    figures = dict(line.split() for line in done.stdout.splitlines()
                   if line.startswith(("budget ", "cpu ")))
    return float(figures["cpu"]), float(figures["budget"])


def test_grade_benchmark_runs_at_tiny_size_within_its_budget_of_cpu_time():
    """The least of two runs counts, as timeit takes the least of its repeats: the same code
    measured 2.6-3.4 s of CPU time within minutes on this shared virtual machine, and whatever
    else runs can only add to a run's time, never take from it."""
    n = 3
    runs = [_cpu_seconds(n) for _ in range(2)]
    seconds, budget = min(cpu for cpu, _ in runs), runs[0][1]
    assert seconds <= budget, (f"grading {n} submissions took {seconds:.1f} s of CPU time "
                               f"(runs: {', '.join(f'{cpu:.1f}' for cpu, _ in runs)} s)")
