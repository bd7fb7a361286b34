"""`python -m benchmarks --instructions`: CPU instructions per run of minigrad's workloads.

Timings on a shared machine drift by 10-20% from one minute to the next, more than most
changes to a hot path gain or lose. The number of instructions a run executes does not drift:
valgrind's callgrind counts them. Each workload runs in a fresh interpreter under callgrind
with collection off (`--collect-atstart=no`): only the runs themselves are counted, as only
they are timed. Each run is called through a ctypes callback, and callgrind collects inside
ctypes' C function that calls back into Python (`--toggle-collect=closure_fcn`, which nothing
else in a workload calls), so the imports, the setup, the warm-up and the interpreter's exit
are left out. With one BLAS thread, a fixed hash seed, the garbage collector paused during
the runs (as when they are timed) and the repository as working directory (ROOT), the count
is the same to the instruction on every run of the same tree. (Until session 34 it was the
count of a child that ran the workload RUNS times less that of one that only set it up, which
scattered by up to 8%: the two children's start-up work differs, .pyc files written by one,
say.) The callback's own cost is counted too, the same for every version.

Use it to compare two versions of a hot path; the targets remain the timed ratios. With
--with-peers PyTorch runs the same workloads under callgrind too (one thread), and so does
the hand-written numpy step where the workload has one (the floor of any numpy-backed
engine): a load-free view of the timed ratios.

    python -m benchmarks --instructions --only demo      (needs valgrind: apt install valgrind)
    python -m benchmarks --instructions --with-peers     (and PyTorch's and numpy's counts)
"""

from __future__ import annotations

import ctypes
import gc
import importlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# Runs counted per workload (the deep chain's graph is built in its setup, which takes longer
# than the backward measured: its target is about growth, not per-operation cost, so it is
# left out).
RUNS = {"mlp": 20, "scalar": 20, "demo": 20}
# What one run of each workload is, to print a per-operation figure where that means something.
OPS_PER_RUN = {"scalar": ("op", 400)}
# The C function of ctypes (Modules/_ctypes/callbacks.c) through which a callback runs: the
# counted region.
COUNTED_FUNCTION = "closure_fcn"
# The child's working directory, the first entry of its sys.path: the repository, whose files
# stay put. Python caches a listing of each sys.path directory on import; that of a busy
# directory such as /tmp differs from run to run, and with it where every later object is
# allocated, hence hash collisions in dicts keyed by address (0.3% of the demo's count).
ROOT = Path(__file__).resolve().parents[1]


def count(families: Sequence[str], quick: bool, readable: bool = False,
          with_torch: bool = False) -> int:
    """Print instructions per run of each family (and PyTorch's, numpy's and the ratios,
    with_torch); 2 if valgrind is missing."""
    if shutil.which("valgrind") is None:
        print("--instructions needs valgrind (Debian: apt install valgrind)", file=sys.stderr)
        return 2
    from .profile import numpy_cases

    for family in families:
        if family not in RUNS:
            continue
        per_run = _per_run(family, "minigrad", quick, readable)
        line = f"{family:<8}{per_run / 1e3:>12,.1f} k instructions per run"
        if family in OPS_PER_RUN and not quick:
            unit, ops = OPS_PER_RUN[family]
            line += f"  ({per_run / ops / 1e3:,.1f} k per {unit})"
        if with_torch:
            peers = ["torch"] + (["numpy"] if family in numpy_cases(quick) else [])
            for peer in peers:
                peer_per_run = _per_run(family, peer, quick, readable)
                line += f"; {peer} {peer_per_run / 1e3:,.1f} k, ratio {per_run / peer_per_run:.3g}"
        print(line, flush=True)
    return 0


def _per_run(family: str, lib: str, quick: bool, readable: bool) -> float:
    """Instructions of one run of `family` in `lib`: those counted over the runs, per run."""
    runs = 1 if quick else RUNS[family]
    return _instructions(family, lib, quick, readable, runs) / runs


def _instructions(family: str, lib: str, quick: bool, readable: bool, runs: int) -> int:
    """Instructions callgrind counts inside the runs of a child interpreter."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", PYTHONHASHSEED="0")
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
               "--collect-atstart=no", f"--toggle-collect={COUNTED_FUNCTION}",
               sys.executable, "-m", "benchmarks.instructions", family, lib]
    if quick:
        command.append("--quick")
    if readable:
        command.append("--readable")
    command.append(str(runs))
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    match = re.search(r"Collected : (\d+)", done.stderr)
    if match is None:
        raise RuntimeError(f"no instruction count in callgrind's output:\n{done.stderr}")
    return int(match.group(1))


def run_in_child(family: str, runs: int, quick: bool, readable: bool = False,
                 lib: str = "minigrad") -> None:
    """What the counted interpreter does: build the workload, warm it up, run it `runs` times,
    each run (not its setup) through the counted C function."""
    from minigrad import overrides

    if readable:  # the reading path alone (python -m benchmarks --readable)
        # Held in a variable until the runs are done: a context manager's generator that is
        # dropped is closed, and its `finally` would put the speed paths straight back.
        reading_path = overrides.readable_only(("speed",))
        reading_path.__enter__()
    from .profile import cases, numpy_cases

    if lib == "numpy":
        case = numpy_cases(quick)[family]()
    else:
        module = importlib.import_module(lib)
        if lib == "torch":
            module.set_num_threads(1)  # as numpy's BLAS in the child
        case = cases(module, quick)[family]()
    for _ in range(2):  # warm-up: first-call caches (imports, numpy's ufunc loops) excluded
        case.run(case.setup())
    run = counted(case.run)
    gc.collect()
    gc.disable()  # as while timed: a collection's cost depends on everything else alive
    try:
        for _ in range(runs):
            run(case.setup())
    finally:
        gc.enable()


def counted(run: Callable[[Any], object]) -> Callable[[Any], None]:
    """`run`, called from COUNTED_FUNCTION, inside which callgrind counts. The ctypes callback
    is made once, before the runs: each one is memory that libffi maps, which would move what
    the runs allocate after it. (ctypes prints and swallows an exception raised in a callback:
    it is raised again here.)"""
    states: list = []
    raised: list[BaseException] = []

    def callback() -> None:
        try:
            run(states.pop())
        except BaseException as error:  # noqa: BLE001 (raised again below)
            raised.append(error)

    from_c = ctypes.CFUNCTYPE(None)(callback)

    def run_counted(state: Any) -> None:
        states.append(state)
        from_c()
        if raised:
            raise raised.pop()

    return run_counted


if __name__ == "__main__":  # family lib [--quick] [--readable] runs
    run_in_child(sys.argv[1], int(sys.argv[-1]), "--quick" in sys.argv, "--readable" in sys.argv,
                 lib=sys.argv[2])
