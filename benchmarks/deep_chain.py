"""A chain 100,000 operations deep: backward completes, in time linear in the depth.

The graph is built untimed; only backward is measured, at 100,000 and at 10,000 operations.
The engine never recurses, so depth is no limit, and it does constant work per node, so ten
times the nodes may cost at most twelve times the time.

    python -m benchmarks --only deep
"""

from __future__ import annotations

from types import ModuleType

from .scalar_chain import chain
from .timing import Case, Row, time_cases


def backward_only(minigrad: ModuleType, ops: int) -> Case:
    def build() -> object:
        return chain(minigrad.tensor(1.0, requires_grad=True), ops)

    return Case(lambda out: out.backward(), setup=build)


DEPTHS = {False: (100_000, 10_000), True: (1_000, 100)}  # (deep, shallow): real and quick


def run(minigrad: ModuleType, quick: bool) -> list[Row]:
    deep, shallow = DEPTHS[quick]
    times = time_cases({"deep": backward_only(minigrad, deep),
                        "shallow": backward_only(minigrad, shallow)},
                       repeat=1 if quick else 5, warmup=0 if quick else 1)
    return [Row(f"deep_chain backward {deep:,} ops", times["deep"], times["shallow"],
                f"({shallow:,})", "s", deep / shallow * 1.2)]
