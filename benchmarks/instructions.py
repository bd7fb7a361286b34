"""`python -m benchmarks --instructions`: CPU instructions per run of minigrad's workloads.

Timings on a shared machine drift by 10-20% from one minute to the next, more than most
changes to a hot path gain or lose. The number of instructions a run executes does not drift:
valgrind's callgrind counts them (exactly the same count on every run, with one BLAS thread
and a fixed hash seed). Each workload is counted twice in a fresh interpreter, once set up
only and once also run RUNS times; the difference divided by RUNS is the cost of one run.
Use it to compare two versions of a hot path; the targets remain the timed ratios. With
--with-peers PyTorch runs the same workloads under callgrind too (one thread), and the ratio
of the counts is printed: a load-free view of the timed targets.

    python -m benchmarks --instructions --only scalar     (needs valgrind: apt install valgrind)
    python -m benchmarks --instructions --with-peers      (and PyTorch's count, the ratio)
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence

# Runs counted per workload (the deep chain's graph is built in its setup, which a run here
# would count too: its target is about growth, not per-operation cost, so it is left out).
RUNS = {"mlp": 20, "scalar": 20, "demo": 20}
# What one run of each workload is, to print a per-operation figure where that means something.
OPS_PER_RUN = {"scalar": ("op", 400)}


def count(families: Sequence[str], quick: bool, readable: bool = False,
          with_torch: bool = False) -> int:
    """Print instructions per run of each family (and PyTorch's, and the ratio, with_torch);
    2 if valgrind is missing."""
    if shutil.which("valgrind") is None:
        print("--instructions needs valgrind (Debian: apt install valgrind)", file=sys.stderr)
        return 2
    for family in families:
        if family not in RUNS:
            continue
        per_run = _per_run(family, "minigrad", quick, readable)
        line = f"{family:<8}{per_run / 1e3:>12,.1f} k instructions per run"
        if family in OPS_PER_RUN and not quick:
            unit, ops = OPS_PER_RUN[family]
            line += f"  ({per_run / ops / 1e3:,.1f} k per {unit})"
        if with_torch:
            torch_per_run = _per_run(family, "torch", quick, readable)
            line += f"; torch {torch_per_run / 1e3:,.1f} k, ratio {per_run / torch_per_run:.3g}"
        print(line, flush=True)
    return 0


def _per_run(family: str, lib: str, quick: bool, readable: bool) -> float:
    """Instructions of one run: a child that runs the workload RUNS times, less one that
    only sets it up, divided by RUNS."""
    runs = 1 if quick else RUNS[family]
    return (_instructions(family, lib, quick, readable, runs)
            - _instructions(family, lib, quick, readable, 0)) / runs


def _instructions(family: str, lib: str, quick: bool, readable: bool, runs: int) -> int:
    """Instructions callgrind counts for a child interpreter that runs `family` `runs` times."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", PYTHONHASHSEED="0")
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
               sys.executable, "-m", "benchmarks.instructions", family, lib]
    if quick:
        command.append("--quick")
    if readable:
        command.append("--readable")
    command.append(str(runs))
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    match = re.search(r"Collected : (\d+)", done.stderr)
    if match is None:
        raise RuntimeError(f"no instruction count in callgrind's output:\n{done.stderr}")
    return int(match.group(1))


def run_in_child(family: str, runs: int, quick: bool, readable: bool = False,
                 lib: str = "minigrad") -> None:
    """What the counted interpreter does: build the workload, warm it up, run it `runs` times."""
    from minigrad import overrides

    if readable:  # the reading path alone (python -m benchmarks --readable)
        # Held in a variable until the runs are done: a context manager's generator that is
        # dropped is closed, and its `finally` would put the speed paths straight back.
        reading_path = overrides.readable_only(("speed",))
        reading_path.__enter__()
    module = importlib.import_module(lib)
    if lib == "torch":
        module.set_num_threads(1)  # as numpy's BLAS in the child

    from .profile import cases

    case = cases(module, quick)[family]()
    for _ in range(2):  # warm-up: first-call caches (imports, numpy's ufunc loops) excluded
        case.run(case.setup())
    for _ in range(runs):
        case.run(case.setup())


if __name__ == "__main__":  # family lib [--quick] [--readable] runs
    run_in_child(sys.argv[1], int(sys.argv[-1]), "--quick" in sys.argv, "--readable" in sys.argv,
                 lib=sys.argv[2])
