"""ex07 no_grad: predictions without a graph; an in-place SGD step that keeps the leaves."""

from __future__ import annotations

from typing import Any

import minigrad as torch
from course.probe import Facts, array, fmt, is_leaf, require, requires_grad, tensor, tensor_facts
from course.tasks import Case, Misconception, Task


def _predict_cases(rng: Any) -> list[Case]:
    cases = []
    for n in (1, 4):
        w, x = rng.normal(size=3).round(3), rng.normal(size=(n, 3)).round(3)
        b = round(float(rng.normal()), 3)
        cases.append({"label": f"w = {fmt(w)}, b = {b}, x = {fmt(x)}", "w": w, "b": b, "x": x})
    return cases


def _predict_probe(fn: Any, case: Case) -> Facts:
    w, b = tensor(case["w"], requires_grad=True), tensor(case["b"], requires_grad=True)
    out = require(fn, "predict")(w, b, tensor(case["x"]))
    return tensor_facts("prediction", out, "requires_grad", "grad_fn")


def _tracked(w: Any, b: Any, x: Any) -> Any:
    return torch.sigmoid(x @ w + b)


def _sgd_cases(rng: Any) -> list[Case]:
    return [{"label": f"params of shapes (3,) and (2, 2), lr = {lr}",
             "arrays": [rng.normal(size=s).round(3) for s in ((3,), (2, 2))], "lr": lr}
            for lr in (0.1, 0.5)]


def _sgd_probe(fn: Any, case: Case) -> Facts:
    params = [tensor(a, requires_grad=True) for a in case["arrays"]]
    ((params[0] ** 2).sum() + (params[1] ** 3).sum()).backward()
    versions = [p._version for p in params]
    require(fn, "sgd_step")(list(params), case["lr"])
    facts: Facts = {}
    for i, (p, v) in enumerate(zip(params, versions, strict=True)):
        facts[f"params[{i}]"] = array(p)
        facts[f"params[{i}].is_leaf"] = is_leaf(p)
        facts[f"params[{i}].requires_grad"] = requires_grad(p)
        facts[f"params[{i}] changed in place (its _version moved)"] = p._version > v
    return facts


def _outside_no_grad(params: list[Any], lr: float) -> None:
    for p in params:
        p -= lr * p.grad


def _rebinding(params: list[Any], lr: float) -> None:
    with torch.no_grad():
        for p in params:
            p = p - lr * p.grad  # the misconception itself: a new tensor, the parameter stays


def _used_data(params: list[Any], lr: float) -> None:
    for p in params:
        p.data -= lr * p.grad


TASKS = (
    Task("ex07", "predict", "predictions that build no graph", _predict_cases, _predict_probe,
         misconceptions=(
             Misconception("tracked", "The prediction carries a graph (it requires grad and "
                           "has a grad_fn): compute it inside `with torch.no_grad():`.", _tracked),
         )),
    Task("ex07", "sgd_step", "an in-place SGD step under no_grad that keeps the leaves",
         _sgd_cases, _sgd_probe, misconceptions=(
             Misconception("outside-no-grad", "An in-place update of a leaf that requires grad "
                           "must run inside `with torch.no_grad():`.", _outside_no_grad),
             Misconception("rebinding", "p = p - lr * p.grad makes a new tensor and leaves the "
                           "parameter unchanged: update in place (p -= lr * p.grad).",
                           _rebinding),
             Misconception("used-data", "Updating p.data hides the change from autograd (the "
                           "version counter does not move, so misuse goes unnoticed): use "
                           "`with torch.no_grad(): p -= lr * p.grad`.", _used_data),
         )),
)
