"""The shared measuring helper: interleaved timing with warm-up and medians, traced memory.

Every workload runs minigrad and its baselines in the same process, one after the other in
each round (the order flips every round, so neither side always runs on a warmer cache), and
reports the median of the rounds. In a round each case runs back to back for at least
MIN_SAMPLE_S (a quick case many times, after one untimed run), so a case is not timed on
caches that the garbage collection or the other library just emptied. The cyclic garbage
collector is paused while a case is timed, as `timeit` does, so a collection triggered by one
library is not billed to another.

    >>> from benchmarks.timing import Case, time_cases
    >>> times = time_cases({"sum": Case(lambda _: sum(range(100)))}, repeat=3)
    >>> times["sum"] > 0
    True
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

MIN_SAMPLE_S = 0.02


@dataclass
class Case:
    """One way of running a workload: `run(setup())` is timed, `setup()` is not."""

    run: Callable[[Any], object]
    setup: Callable[[], Any] = field(default=lambda: None)


def time_cases(cases: dict[str, Case], repeat: int, warmup: int = 1) -> dict[str, float]:
    """Median seconds of one run of each case, the cases alternating round by round."""
    names = list(cases)
    runs = dict.fromkeys(names, 1)  # per round; the warm-up sizes it to MIN_SAMPLE_S
    for _ in range(warmup):
        for name in names:
            elapsed = _time_runs(cases[name], 1)
            runs[name] = max(1, min(1000, round(MIN_SAMPLE_S / max(elapsed, 1e-9))))
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_nr in range(repeat):
        for name in names if round_nr % 2 == 0 else reversed(names):
            samples[name].append(_time_runs(cases[name], runs[name]) / runs[name])
    return {name: statistics.median(s) for name, s in samples.items()}


def _time_runs(case: Case, runs: int) -> float:
    """Seconds spent in `runs` runs of the case (its setups excluded), the collector paused.

    The full collection beforehand walks every Python object in the process (torch's alone
    are ~165k): it empties the CPU's caches as thoroughly as the other library does. A quick
    case therefore gets one untimed run first. Without it the first runs of each sample were
    timed cold, which cost torch's steps 8-13% and minigrad's 2-4%: the ratios flattered
    minigrad (sessions 1-8 measured that way; benchmarks/README.md, "Session 9").
    """
    gc.collect()
    gc.disable()
    try:
        if runs > 1:  # a single run is long enough (MIN_SAMPLE_S) for a cold start not to show
            case.run(case.setup())
        total = 0.0
        for _ in range(runs):
            state = case.setup()
            start = time.perf_counter()
            case.run(state)
            total += time.perf_counter() - start
            del state
        return total
    finally:
        gc.enable()


def peak_traced_bytes(fn: Callable[[], object]) -> int:
    """The peak of memory traced by tracemalloc (numpy's arrays included) while fn runs.

    Only what fn allocates counts: its inputs already exist when tracing starts.
    """
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        peak = tracemalloc.get_traced_memory()[1]
        del result
    finally:
        tracemalloc.stop()
    return peak


@dataclass
class Row:
    """One printed line: minigrad's figure, a baseline's, their ratio and the target ratio."""

    name: str
    minigrad: float
    baseline: float
    baseline_name: str
    unit: str  # "s" (printed in ms) or "B" (printed in MB)
    target: float | None  # the ratio minigrad / baseline must not exceed (None: informative)

    @property
    def ratio(self) -> float:
        return self.minigrad / self.baseline

    @property
    def passed(self) -> bool:
        return self.target is None or self.ratio <= self.target


HEADER = f"{'workload':<34}{'minigrad':>12}{'baseline':>24}{'ratio':>10}{'target':>12}  status"


def format_row(row: Row, judged: bool = True) -> str:
    """`name  minigrad  baseline  ratio  target  status` in aligned columns."""
    baseline = f"{_amount(row.baseline, row.unit)} {row.baseline_name}"
    target = "-" if row.target is None else f"<= {row.target:g}"
    status = "-" if row.target is None else ("PASS" if row.passed else "FAIL")
    if not judged:
        status = "(quick)"
    return (f"{row.name:<34}{_amount(row.minigrad, row.unit):>12}{baseline:>24}"
            f"{row.ratio:>10.3g}{target:>12}  {status}")


def _amount(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1e3:.3f} ms"
    return f"{value / 2**20:.2f} MB"
