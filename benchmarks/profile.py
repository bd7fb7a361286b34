"""`python -m benchmarks --profile`: where minigrad's time goes in each workload.

Runs minigrad's side of a workload under cProfile for about a second and prints the functions
that take the most time themselves (tottime), paths shortened to the package. This is the
evidence behind benchmarks/README.md's "Where the time goes"; run it after changing a hot path.

    python -m benchmarks --profile --only scalar
"""

from __future__ import annotations

import cProfile
import io
import pstats
import time
from collections.abc import Callable
from types import ModuleType

from . import deep_chain, micrograd_demo, mlp, scalar_chain
from .timing import Case

BUDGET_S = 1.0  # profiled time per workload
TOP = 20


def cases(lib: ModuleType, quick: bool) -> dict[str, Callable[[], Case]]:
    """Each timed workload's case in `lib` (minigrad, or torch to compare), built on demand."""
    return {
        "mlp": lambda: mlp.library_step(lib, mlp.make_problem(*mlp.SIZES[quick])),
        "scalar": lambda: scalar_chain.forward_backward(
            scalar_chain.tensor_leaf(lib), scalar_chain.OPS[quick]),
        "demo": lambda: micrograd_demo.library_step(
            lib, *micrograd_demo.make_moons(micrograd_demo.POINTS[quick])),
        "deep": lambda: deep_chain.backward_only(lib, deep_chain.DEPTHS[quick][1]),
    }


def numpy_cases(quick: bool) -> dict[str, Callable[[], Case]]:
    """The hand-written numpy step of the workloads that have one (the floor), on demand."""
    return {
        "mlp": lambda: mlp.numpy_step(mlp.make_problem(*mlp.SIZES[quick])),
        "demo": lambda: micrograd_demo.numpy_step(
            *micrograd_demo.make_moons(micrograd_demo.POINTS[quick])),
    }


def profile(case: Case, budget_s: float = BUDGET_S, top: int = TOP) -> str:
    """The top functions by own time over as many runs of `case` as fit in the budget."""
    case.run(case.setup())  # warm-up, and a first estimate of the cost of a run
    start = time.perf_counter()
    case.run(case.setup())
    runs = max(1, int(budget_s / max(time.perf_counter() - start, 1e-6)))
    profiler = cProfile.Profile()
    for _ in range(runs):
        state = case.setup()
        profiler.enable()
        case.run(state)
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    body = out.getvalue()
    # pstats starts with a summary and a blank line or two; keep the table and that summary.
    lines = [line for line in body.splitlines() if line.strip()]
    return f"{runs} runs\n" + "\n".join(lines)
