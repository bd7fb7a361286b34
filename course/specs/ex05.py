"""ex05 accumulation: which graphs survive a second backward; backward n times through one
graph with retain_graph; micro-batches = the full batch."""

from __future__ import annotations

from typing import Any

import numpy as np

import minigrad as torch
from course.probe import (
    Facts,
    array,
    arriving_gradients,
    fmt,
    grad_value,
    require,
    tensor,
    value_facts,
)
from course.specs.predict import predict_task
from course.tasks import Case, Misconception, Task

# Graphs to backpropagate twice without retain_graph (x = tensor([1.0, 2.0], requires_grad=True)).
# Only those whose nodes saved no tensor for backward survive the second call.
GRAPHS = ("x.sum()", "(x + 1).sum()", "(x * 3).sum()", "(x ** 2).sum()", "x.exp().sum()",
          "(x + x).mean()")


def _survives(expression: str) -> bool:
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = eval(expression, {"torch": torch, "x": x})  # the course's own expressions
    y.backward()
    try:
        y.backward()
    except RuntimeError:
        return False
    return True


def _all_fail() -> dict[str, bool]:
    return dict.fromkeys(GRAPHS, False)


def _all_survive() -> dict[str, bool]:
    return dict.fromkeys(GRAPHS, True)


def _constant_factor_saves_nothing() -> dict[str, bool]:
    return {g: _survives(g) or g == "(x * 3).sum()" for g in GRAPHS}


# grad_after_n: y arrives already built from an expression the learner is not told (so it cannot
# be rebuilt per call), whose nodes saved tensors (so a second backward needs retain_graph), and
# x.grad may already hold a gradient (so n times one backward's gradient is not the answer).
EXPRESSIONS = (
    ("(x ** 3).sum()", lambda x: (x**3).sum()),
    ("(x.exp() * x).sum()", lambda x: (x.exp() * x).sum()),
    ("(torch.sin(x) * x ** 2).sum()", lambda x: (torch.sin(x) * x**2).sum()),
)


def _n_cases(rng: Any) -> list[Case]:
    cases = []
    for n, k, prior in zip((2, 3, 4), rng.permutation(len(EXPRESSIONS)), (None, "ones", "ones"),
                           strict=True):
        x = rng.uniform(-2, 2, size=4).round(3)
        had = "None" if prior is None else "ones"
        cases.append({"label": f"x = {fmt(x)}, y = {EXPRESSIONS[k][0]}, n = {n}, x.grad = "
                               f"{had} before", "x": x, "n": n, "expr": int(k), "prior": prior})
    return cases


def _n_probe(fn: Any, case: Case) -> Facts:
    x = tensor(case["x"], requires_grad=True)
    if case["prior"] == "ones":
        x.grad = torch.ones_like(x)
    y = EXPRESSIONS[case["expr"]][1](x)
    return value_facts("x.grad", require(fn, "grad_after_n")(y, x, case["n"]))


def _no_retain_graph(y: Any, x: Any, n: int) -> Any:
    for _ in range(n):
        y.backward()
    return x.grad


def _zeroed_each_time(y: Any, x: Any, n: int) -> Any:
    for _ in range(n):
        if x.grad is not None:
            x.grad.zero_()
        y.backward(retain_graph=True)
    return x.grad


def _cleared_first(y: Any, x: Any, n: int) -> Any:
    x.grad = None  # what x.grad held before is lost
    for _ in range(n):
        y.backward(retain_graph=True)
    return x.grad


def _multiplied(y: Any, x: Any, n: int) -> Any:
    y.backward()
    return x.grad * n  # n times (earlier gradient + this one): accumulation never used


def _batch_cases(rng: Any) -> list[Case]:
    cases = []
    for k in (2, 3, 4):
        w, xs, ys = rng.normal(size=3).round(3), rng.normal(size=(12, 3)), rng.normal(size=12)
        cases.append({"label": f"w = {fmt(w)}, 12 samples, k = {k} micro-batches",
                      "w": w, "xs": xs.round(3), "ys": ys.round(3), "k": k})
    return cases


def _covered(case: Case, grad: Any) -> str:
    """Which rows of the batch one backward() went through, told by the direction of the
    gradient it sent to w (any scale: dividing by k, or afterwards, is the learner's choice)."""
    xs, ys, w, k = case["xs"], case["ys"], case["w"], case["k"]
    m = len(ys) // k
    parts = {f"micro-batch {i + 1} of {k}": slice(i * m, (i + 1) * m) for i in range(k)}
    parts["the whole batch"] = slice(None)
    g = np.asarray(grad, dtype=np.float64).ravel()
    for name, rows in parts.items():
        d = xs[rows].T @ (xs[rows] @ w - ys[rows])  # its loss's gradient, up to a factor
        norms = np.linalg.norm(g) * np.linalg.norm(d)
        if g.shape == d.shape and norms > 0 and g @ d / norms > 1 - 1e-6:
            return name
    return "none of the micro-batches"


def _batch_probe(fn: Any, case: Case) -> Facts:
    w = tensor(case["w"], requires_grad=True)
    arrived = arriving_gradients(w)  # how w.grad was reached: one gradient per backward()
    returned = require(fn, "accumulate")(w, tensor(case["xs"]), tensor(case["ys"]), case["k"])
    return {**value_facts("returned", returned), "w.grad": grad_value(w),
            "backward() calls that reached w": len(arrived),
            # sorted: the order of the micro-batches is free
            "what each backward() went through": sorted(_covered(case, array(g))
                                                        for g in arrived)}


def _micro_batches(w: Any, xs: Any, ys: Any, k: int, scale: bool, zero: bool,
                   divisor: int | None = None) -> None:
    m = xs.shape[0] // k
    for i in range(k):
        if zero:
            w.grad = None
        loss = ((xs[i * m:(i + 1) * m] @ w - ys[i * m:(i + 1) * m]) ** 2).mean()
        (loss / (divisor or k) if scale else loss).backward()


def _divided_by_size(w: Any, xs: Any, ys: Any, k: int) -> None:
    _micro_batches(w, xs, ys, k, scale=True, zero=False, divisor=xs.shape[0] // k)


def _unscaled(w: Any, xs: Any, ys: Any, k: int) -> None:
    _micro_batches(w, xs, ys, k, scale=False, zero=False)


def _zeroed_between(w: Any, xs: Any, ys: Any, k: int) -> None:
    _micro_batches(w, xs, ys, k, scale=True, zero=True)


def _one_backward(w: Any, xs: Any, ys: Any, k: int) -> None:
    ((xs @ w - ys) ** 2).mean().backward()


def _whole_batch_k_times(w: Any, xs: Any, ys: Any, k: int) -> None:
    for _ in range(k):
        (((xs @ w - ys) ** 2).mean() / k).backward()


TASKS = (
    predict_task("ex05", "predict_twice", "predict which graphs survive a second backward()",
                 {g: ("survives",) for g in GRAPHS}, label="the graphs in the docstring",
                 misconceptions=(
             Misconception("all-fail", "A graph whose nodes saved no tensor (sum, mean, "
                           "adding a constant or another tracked tensor) has nothing to free: "
                           "a second backward() runs and adds to .grad again.", _all_fail),
             Misconception("all-survive", "backward() frees the tensors nodes saved for it "
                           "(x for x ** 2, the result for exp, the other factor for *): a "
                           "second backward() through such a node raises.", _all_survive),
             Misconception("constant-factor", "x * 3 saves its other factor, the constant 3, "
                           "for backward (the derivative with respect to x is that factor), "
                           "so it too is freed.", _constant_factor_saves_nothing),
         )),
    Task("ex05", "grad_after_n", "x.grad after n backward() calls through one graph",
         _n_cases, _n_probe, misconceptions=(
             Misconception("no-retain-graph", "backward() frees the graph's saved tensors, so "
                           "a second backward() through the same graph raises.",
                           _no_retain_graph,
                           fix="pass retain_graph=True to call backward() again on the same "
                           "graph."),
             Misconception("zeroed-each-time", "Gradients accumulate: each backward() adds to "
                           "x.grad, so after n calls it is n times one gradient.",
                           _zeroed_each_time, fix="don't zero x.grad in between."),
             Misconception("multiplied", "n times the gradient after one backward() counts "
                           "what x.grad held before n times too.", _multiplied,
                           fix="call backward n times (retain_graph=True) and let the "
                           "gradients accumulate."),
             Misconception("cleared-first", "x.grad was cleared before the backward() calls: "
                           "what it already held (from earlier work) must stay, the way "
                           "backward() keeps it.", _cleared_first,
                           fix="just call backward() n times."),
         )),
    Task("ex05", "accumulate", "micro-batch accumulation that equals the full-batch gradient",
         _batch_cases, _batch_probe, misconceptions=(
             Misconception("unscaled", "Each micro-batch loss is a mean over its own samples, "
                           "so the micro-batch gradients add up to k times the full-batch "
                           "one.", _unscaled,
                           fix="divide each micro-batch loss by the number of micro-batches so "
                           "the sum equals the full-batch mean."),
             Misconception("divided-by-size", "Each micro-batch loss was divided by the "
                           "micro-batch's size, but its .mean() already averages over its "
                           "samples: what is left to undo is that the k micro-batch gradients "
                           "add up.", _divided_by_size,
                           fix="divide each micro-batch loss by k, the number of micro-batches."),
             Misconception("zeroed-between", "Zeroing w.grad between micro-batches keeps only "
                           "the last one.", _zeroed_between,
                           fix="zero once, before the loop."),
             Misconception("one-backward", "One backward() over the whole batch gives the "
                           "same gradient, but the task is to accumulate k micro-batch "
                           "backward() calls.", _one_backward,
                           fix="split xs and ys into k consecutive parts and call backward() "
                           "on each part's loss."),
             Misconception("whole-batch-k-times", "Each backward() went through the whole "
                           "batch, not through a micro-batch of its own.",
                           _whole_batch_k_times,
                           fix="split xs and ys into k consecutive parts and give each "
                           "backward() only its own part's loss."),
         )),
)
