"""ex06 zeroing: fix a training loop that never zeroes; zero_grad(set_to_none=True) by hand."""

from __future__ import annotations

from typing import Any

import minigrad as torch
from course.probe import (
    Facts,
    array,
    arriving_gradients,
    fmt,
    grad_value,
    is_leaf,
    require,
    requires_grad,
    tensor,
    value_facts,
    version,
)
from course.specs.ex07 import used_data
from course.tasks import Case, Misconception, Task


def _train_cases(rng: Any) -> list[Case]:
    cases = []
    for steps in (3, 5):
        w, xs, ys = rng.normal(size=3).round(3), rng.normal(size=(8, 3)), rng.normal(size=8)
        cases.append({"label": f"w = {fmt(w)}, 8 samples, lr = 0.1, steps = {steps}",
                      "w": w, "xs": xs.round(3), "ys": ys.round(3), "steps": steps})
    return cases


# What the probe notes when w was never updated although backward() reached it, and why.
CLEARED_BEFORE_UPDATE = "backward() reached w, but w.grad was cleared before any update used it"


def _train_probe(fn: Any, case: Case) -> Facts:
    w = tensor(case["w"], requires_grad=True)
    arrived = arriving_gradients(w)
    returned = require(fn, "train")(w, tensor(case["xs"]), tensor(case["ys"]), 0.1,
                                    case["steps"])
    # The version tells "updated with zero gradients" (moved) from "never updated" (did not).
    facts = {"w after training": array(w), "w.is_leaf": is_leaf(w),
             "w.requires_grad": requires_grad(w),
             "w changed in place (its _version moved)": version(w) > 0,
             **value_facts("returned", returned)}
    # Only present when w was never updated though gradients reached it and none was left,
    # so a correct loop is never compared on it, nor a loop that simply never updates.
    if version(w) == 0 and arrived and grad_value(w) is None:
        facts["why w never changed"] = CLEARED_BEFORE_UPDATE
    return facts


def _steps(w: Any, xs: Any, ys: Any, lr: float, steps: int, zero_after_backward: bool) -> None:
    for _ in range(steps):
        loss = ((xs @ w - ys) ** 2).mean()
        loss.backward()
        if zero_after_backward:
            w.grad.zero_()
        with torch.no_grad():
            w -= lr * w.grad


def _never_zeroed(w: Any, xs: Any, ys: Any, lr: float, steps: int) -> None:
    _steps(w, xs, ys, lr, steps, zero_after_backward=False)


def _zero_after_backward(w: Any, xs: Any, ys: Any, lr: float, steps: int) -> None:
    _steps(w, xs, ys, lr, steps, zero_after_backward=True)


def _zero_none_first(w: Any, xs: Any, ys: Any, lr: float, steps: int) -> None:
    for _ in range(steps):
        w.grad.zero_()  # fails at once: a fresh leaf's .grad is None
        loss = ((xs @ w - ys) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad


def _rebound(w: Any, xs: Any, ys: Any, lr: float, steps: int) -> None:
    for _ in range(steps):
        w.grad = None
        loss = ((xs @ w - ys) ** 2).mean()
        loss.backward()
        w = w - lr * w.grad  # a new, non-leaf w: the next step's w.grad stays None


def _rebound_under_no_grad(w: Any, xs: Any, ys: Any, lr: float, steps: int) -> None:
    for _ in range(steps):
        w.grad = None
        loss = ((xs @ w - ys) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w = w - lr * w.grad  # a new w that does not require grad: no graph next step


def _updated_data(w: Any, xs: Any, ys: Any, lr: float, steps: int) -> None:
    for _ in range(steps):
        w.grad = None
        loss = ((xs @ w - ys) ** 2).mean()
        loss.backward()
        w.data -= lr * w.grad


def _cleared_before_update(w: Any, xs: Any, ys: Any, lr: float, steps: int) -> None:
    optimizer = torch.optim.SGD([w], lr=lr)
    for _ in range(steps):
        loss = ((xs @ w - ys) ** 2).mean()
        loss.backward()
        optimizer.zero_grad()  # too late: step() finds w.grad None and skips w
        optimizer.step()


def _zero_cases(rng: Any) -> list[Case]:
    return [{"label": "p0 (3,), p1 (2, 2) used by the loss; p2 (2,) unused (grad None)",
             "arrays": [rng.normal(size=s).round(3) for s in ((3,), (2, 2), (2,))]}]


def _zero_probe(fn: Any, case: Case) -> Facts:
    params = [tensor(a, requires_grad=True) for a in case["arrays"]]
    ((params[0] ** 2).sum() + (params[1] * 3).sum()).backward()
    require(fn, "zero_grads")(list(params))
    facts: Facts = {}
    for i, p in enumerate(params):
        facts[f"params[{i}].grad"] = grad_value(p)
        facts[f"params[{i}].requires_grad"] = requires_grad(p)
    return facts


def _zeroed_in_place(params: list[Any]) -> None:
    for p in params:
        if p.grad is not None:
            p.grad.zero_()


TASKS = (
    Task("ex06", "train", "fix the training loop that never zeroes the gradient",
         _train_cases, _train_probe, misconceptions=(
             Misconception("never-zeroed", "Gradients from earlier steps pile up in w.grad: "
                           "reset it every step (w.grad = None) before backward().",
                           _never_zeroed),
             Misconception("zero-after-backward", "The gradient was zeroed after backward() "
                           "but before the update, so every update used zeros: zero it before "
                           "backward() instead.", _zero_after_backward),
             Misconception("zero-none", "w.grad is None until the first backward(), so "
                           "w.grad.zero_() fails on the first step: assign w.grad = None "
                           "instead (always safe).", _zero_none_first),
             Misconception("rebound", "A step found w.grad None where it needed a gradient. "
                           "Three causes fit: backward() did not run before the update; w.grad "
                           "was cleared between backward() and the update (clear it at the "
                           "start of the step instead); or w was rebound (w = w - lr * w.grad "
                           "makes a new, non-leaf tensor that keeps no .grad, and leaves the "
                           "caller's w unchanged: update in place, `with torch.no_grad(): "
                           "w -= lr * w.grad`).", _rebound),
             Misconception("rebound-under-no-grad", "A loss had no graph to backpropagate. "
                           "Two causes fit: the forward pass ran under torch.no_grad(), or w "
                           "was rebound under no_grad (w = w - lr * w.grad makes a new tensor "
                           "that does not require grad, and leaves the caller's w unchanged). "
                           "Update in place: w -= lr * w.grad.", _rebound_under_no_grad),
             Misconception("used-data", used_data("w"), _updated_data),
             Misconception("cleared-before-update", "The gradient was cleared between "
                           "loss.backward() and the update (w.grad = None, or "
                           "optimizer.zero_grad(), there): it wiped the gradient backward() had "
                           "just computed, so the update changed nothing. Clear it at the start "
                           "of the step instead.", _cleared_before_update),
         )),
    Task("ex06", "zero_grads", "reset gradients the way zero_grad(set_to_none=True) does",
         _zero_cases, _zero_probe, misconceptions=(
             Misconception("zeroed-in-place", "zero_grad() sets .grad to None by default "
                           "(set_to_none=True), which also frees the memory: assign "
                           "p.grad = None.", _zeroed_in_place),
         )),
)
