"""Scalar chains: `v = v * 1.001 + 0.001` repeated, forward and backward, on a 0-d tensor.

This is pure per-operation overhead (the numbers are single floats), the cost a learner pays
in every scalar example of the course. The target is PyTorch's eager mode (within 15%);
micrograd, made for exactly this on plain floats, is shown for scale. The same chain 100,000
operations deep (deep_chain.py) checks that the backward engine's time grows linearly with
the graph.

    python -m benchmarks --only scalar
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from .timing import Case, Row, time_cases


def chain(v: Any, ops: int) -> Any:
    """`ops` operations (a multiply and an add per step): the graph is one long path."""
    for _ in range(ops // 2):
        v = v * 1.001 + 0.001
    return v


def tensor_leaf(lib: ModuleType) -> Callable[[], Any]:
    return lambda: lib.tensor(1.0, requires_grad=True)


def micrograd_leaf(micrograd: ModuleType) -> Callable[[], Any]:
    return lambda: micrograd.Value(1.0)


def forward_backward(make_leaf: Callable[[], Any], ops: int) -> Case:
    def run(_: None) -> None:
        chain(make_leaf(), ops).backward()

    return Case(run)


def numpy_forward_backward(ops: int) -> Case:
    """By hand: the forward values, then the chain rule (each step's derivative is 1.001)."""
    import numpy as np

    def run(_: None) -> float:
        v = chain(np.float32(1.0), ops)
        grad = np.float32(1.0)
        for _ in range(ops // 2):
            grad = grad * np.float32(1.001)
        return float(v + grad)

    return Case(run)


OPS = {False: 400, True: 20}  # the real run's chain length, and the quick one's


def run(minigrad: ModuleType, torch: ModuleType | None, micrograd: ModuleType | None,
        quick: bool) -> list[Row]:
    ops = OPS[quick]
    cases = {"minigrad": forward_backward(tensor_leaf(minigrad), ops),
             "numpy": numpy_forward_backward(ops)}
    if torch is not None:
        cases["torch"] = forward_backward(tensor_leaf(torch), ops)
    if micrograd is not None:
        cases["micrograd"] = forward_backward(micrograd_leaf(micrograd), ops)
    times = time_cases(cases, repeat=1 if quick else 41, warmup=0 if quick else 5)
    name = f"scalar_chain {ops} ops fwd+bwd"
    rows = [Row(name, times["minigrad"], times["numpy"], "numpy", "s", None)]
    if torch is not None:
        rows.append(Row(name, times["minigrad"], times["torch"], "torch", "s", 1.15))
    if micrograd is not None:
        rows.append(Row(name, times["minigrad"], times["micrograd"], "micrograd", "s", None))
    return rows
