"""ex05 accumulation: backward n times with retain_graph; micro-batches = the full batch."""

from __future__ import annotations

from typing import Any

from course.probe import Facts, fmt, grad_value, require, tensor, value_facts
from course.tasks import Case, Misconception, Task


def _n_cases(rng: Any) -> list[Case]:
    cases = []
    for n in (2, 3, 4):
        x = rng.uniform(-2, 2, size=4).round(3)
        cases.append({"label": f"x = {fmt(x)}, n = {n}", "x": x, "n": n})
    return cases


def _n_probe(fn: Any, case: Case) -> Facts:
    x = tensor(case["x"], requires_grad=True)
    return value_facts("x.grad", require(fn, "grad_after_n")(x, case["n"]))


def _no_retain_graph(x: Any, n: int) -> Any:
    y = (x**3).sum()
    for _ in range(n):
        y.backward()
    return x.grad


def _zeroed_each_time(x: Any, n: int) -> Any:
    y = (x**3).sum()
    for _ in range(n):
        if x.grad is not None:
            x.grad.zero_()
        y.backward(retain_graph=True)
    return x.grad


def _batch_cases(rng: Any) -> list[Case]:
    cases = []
    for k in (2, 3, 4):
        w, xs, ys = rng.normal(size=3).round(3), rng.normal(size=(12, 3)), rng.normal(size=12)
        cases.append({"label": f"w = {fmt(w)}, 12 samples, k = {k} micro-batches",
                      "w": w, "xs": xs.round(3), "ys": ys.round(3), "k": k})
    return cases


def _batch_probe(fn: Any, case: Case) -> Facts:
    w = tensor(case["w"], requires_grad=True)
    returned = require(fn, "accumulate")(w, tensor(case["xs"]), tensor(case["ys"]), case["k"])
    return {"returned": None if returned is None else "something", "w.grad": grad_value(w)}


def _micro_batches(w: Any, xs: Any, ys: Any, k: int, scale: bool, zero: bool) -> None:
    m = xs.shape[0] // k
    for i in range(k):
        if zero:
            w.grad = None
        loss = ((xs[i * m:(i + 1) * m] @ w - ys[i * m:(i + 1) * m]) ** 2).mean()
        (loss / k if scale else loss).backward()


def _unscaled(w: Any, xs: Any, ys: Any, k: int) -> None:
    _micro_batches(w, xs, ys, k, scale=False, zero=False)


def _zeroed_between(w: Any, xs: Any, ys: Any, k: int) -> None:
    _micro_batches(w, xs, ys, k, scale=True, zero=True)


TASKS = (
    Task("ex05", "grad_after_n", "x.grad after n backward() calls through one graph",
         _n_cases, _n_probe, misconceptions=(
             Misconception("no-retain-graph", "backward() frees the graph's saved tensors: "
                           "pass retain_graph=True to call it again on the same graph.",
                           _no_retain_graph),
             Misconception("zeroed-each-time", "Gradients accumulate: each backward() adds to "
                           "x.grad, so after n calls it is n times one gradient; don't zero in "
                           "between.", _zeroed_each_time),
         )),
    Task("ex05", "accumulate", "micro-batch accumulation that equals the full-batch gradient",
         _batch_cases, _batch_probe, misconceptions=(
             Misconception("unscaled", "Each micro-batch loss is a mean over its own samples: "
                           "divide it by the number of micro-batches so the sum equals the "
                           "full-batch mean.", _unscaled),
             Misconception("zeroed-between", "Zeroing w.grad between micro-batches keeps only "
                           "the last one: zero once, before the loop.", _zeroed_between),
         )),
)
