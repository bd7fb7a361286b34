"""ex04 .grad: predict where gradients land; the gradient of an intermediate (retain_grad);
where leaf gradients land."""

from __future__ import annotations

from typing import Any

import minigrad as torch
from course.probe import Facts, fmt, grad_value, require, tensor, value_facts
from course.specs.predict import predict_task, run
from course.tasks import Case, Misconception, Task

# The program whose gradients the learner predicts (shown in the stub's docstring).
PROGRAM = """\
x = torch.tensor([1.0, 2.0])
w = torch.tensor([0.5, -0.5], requires_grad=True)
b = torch.tensor([1.0, 1.0], requires_grad=True) * 2
h = x * w + b
h.retain_grad()
loss = (h * h).sum()
loss.backward()
"""
NAMES = ("x", "w", "b", "h", "loss")


def _grads() -> dict[str, Any]:
    ran = run(PROGRAM)
    return {n: None if ran[n].grad is None else ran[n].grad.tolist() for n in NAMES}


def _every_parameter_gets_one() -> dict[str, Any]:
    return {**_grads(), "b": [5.0, 2.0]}


def _only_leaves() -> dict[str, Any]:
    return {**_grads(), "h": None}


def _forgot_chain_rule() -> dict[str, Any]:
    return {**_grads(), "w": [1.0, 2.0]}


def _hidden_cases(rng: Any) -> list[Case]:
    cases = []
    for n in (2, 4):
        x, w = rng.normal(size=(n, 3)).round(3), rng.normal(size=(3, 2)).round(3)
        cases.append({"label": f"x = {fmt(x)}, w = {fmt(w)}", "x": x, "w": w})
    return cases


def _hidden_probe(fn: Any, case: Case) -> Facts:
    out = require(fn, "hidden_grad")(tensor(case["x"]), tensor(case["w"], requires_grad=True))
    return value_facts("h.grad", out)


def _no_retain_grad(x: Any, w: Any) -> Any:
    h = torch.tanh(x @ w)
    ((h * h).sum() + h.sum()).backward()
    return h.grad


def _mse_cases(rng: Any) -> list[Case]:
    cases = []
    for n in (3, 5):
        w, b = rng.normal(size=3).round(3), round(float(rng.normal()), 3)
        x, y = rng.normal(size=(n, 3)).round(3), rng.normal(size=n).round(3)
        cases.append({"label": f"w = {fmt(w)}, b = {b}, x = {fmt(x)}, y = {fmt(y)}",
                      "w": w, "b": b, "x": x, "y": y})
    return cases


def _mse_probe(fn: Any, case: Case) -> Facts:
    w, b = tensor(case["w"], requires_grad=True), tensor(case["b"], requires_grad=True)
    x, y = tensor(case["x"]), tensor(case["y"])
    returned = require(fn, "mse_grads")(w, b, x, y)
    return {**value_facts("returned", returned),
            "w.grad": grad_value(w), "b.grad": grad_value(b), "x.grad": grad_value(x)}


def _sum_not_mean(w: Any, b: Any, x: Any, y: Any) -> None:
    ((x @ w + b - y) ** 2).sum().backward()


def _x_requires_grad(w: Any, b: Any, x: Any, y: Any) -> None:
    x.requires_grad_()
    ((x @ w + b - y) ** 2).mean().backward()


TASKS = (
    predict_task("ex04", "predict_grads", "predict every .grad after one backward()",
                 {name: ("grad",) for name in NAMES}, misconceptions=(
             Misconception("non-leaf-parameter", "b is the result of a multiplication (* 2 "
                           "after requires_grad=True), so it is not a leaf and keeps no .grad; "
                           "the gradient went to the hidden leaf made by torch.tensor.",
                           _every_parameter_gets_one),
             Misconception("retain-grad-ignored", "h.retain_grad() asks backward() to keep "
                           "h's gradient: h.grad is d loss / d h = 2 * h.",
                           _only_leaves),
             Misconception("no-chain-rule", "w.grad is d loss / d h times d h / d w: "
                           "2 * h * x, not x alone.", _forgot_chain_rule),
         )),
    Task("ex04", "hidden_grad", "the gradient of an intermediate tensor with retain_grad()",
         _hidden_cases, _hidden_probe, misconceptions=(
             Misconception("no-retain-grad", "h is not a leaf, so backward() does not keep its "
                           ".grad: call h.retain_grad() before loss.backward().",
                           _no_retain_grad),
         )),
    Task("ex04", "mse_grads", "leave the MSE loss gradients in w.grad and b.grad",
         _mse_cases, _mse_probe, misconceptions=(
             Misconception("sum-not-mean", "The loss is the mean squared error: .sum() scales "
                           "every gradient by the number of samples.", _sum_not_mean),
             Misconception("x-requires-grad", "x is data, not a parameter: it must not require "
                           "grad, so x.grad stays None.", _x_requires_grad),
         )),
)
