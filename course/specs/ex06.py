"""ex06 zeroing: a loop that updates w every step but b every few steps with its summed
gradients (which .grad to clear, and when); zero_grad(set_to_none) by hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

import minigrad as torch
from course.probe import (
    Facts,
    array,
    arriving_gradients,
    arriving_values,
    fmt,
    grad_tensor,
    grad_value,
    is_leaf,
    require,
    requires_grad,
    returned_gradients,
    tensor,
    value_facts,
    version,
)
from course.specs import grader_out_of_reach
from course.specs.library_call import library_call, library_files, without_library
from course.specs.through_data import changed_as_autograd_sees, used_data, used_data_fix
from course.tasks import Case, Misconception, Task
from minigrad.nn import module

SAMPLES = 4  # per batch


def _train_cases(rng: Any) -> list[Case]:
    cases = []
    # One window count fits the steps exactly, two leave steps that must not update b.
    for every, steps, lr in ((2, 5, 0.1), (3, 6, 0.05), (3, 8, 0.1)):
        w, b = rng.normal(size=3).round(3), round(rng.normal(), 3)
        cases.append({"label": f"w = {fmt(w)}, b = {fmt(b)}, {steps} batches of {SAMPLES} "
                               f"samples, lr = {lr}, every = {every}",
                      "w": w, "b": b, "lr": lr, "every": every,
                      "xs": rng.normal(size=(steps, SAMPLES, 3)).round(3),
                      "ys": rng.normal(size=(steps, SAMPLES)).round(3)})
    return cases


# The task is what backward() leaves in .grad, which adds up until cleared: torch.autograd.grad
# returns the gradients and leaves .grad alone, so a loop built on it (summing b's gradients in
# a variable of its own) sidesteps the lesson, and scored 1/1. (As in ex03, a backward() among
# its calls is enough: the task's call was made.)
# (each parameter's: red team 16's loop took w's from autograd.grad and b's from
# loss.backward(inputs=[b]), w's clearing sidestepped, and scored 1/1)
BY_AUTOGRAD_GRAD = ("a parameter's gradients came from torch.autograd.grad, none from "
                    "backward()")

# Where b.grad did not hold the window's sum so far (see _window_sums_missing).
WINDOW_NOT_IN_GRAD = "steps whose backward() found b.grad without the window's earlier gradients"

# Where w.grad still held an earlier step's gradient as the next one arrived: w's update must
# read that step's gradient alone, and red team 24c never cleared w.grad, updated w with the
# difference of its running sums (`w -= lr * (w.grad - before)`), and scored 1/1. The
# lesson's way round that is clearing w.grad (to None or zeros) before each backward().
W_GRAD_KEPT = "steps whose backward() found w.grad still holding earlier steps' gradients"

# What the probe notes when a parameter was never updated although backward() reached it, and
# why ({0}: the parameter's name).
CLEARED_BEFORE_UPDATE = "backward() reached {0}, but {0}.grad was cleared before any update used it"


class _AtBackward(list):
    """Handed to ``arriving_gradients``: at each gradient arriving for ``t`` it keeps
    ``read(t)`` instead, ``t`` as the earlier steps left it (the gradient is not yet added)."""

    def __init__(self, t: Any, read: Any) -> None:
        super().__init__()
        self.t, self.read = t, read

    def append(self, grad: Any) -> None:
        super().append(self.read(self.t))


def _window_sums_missing(arrived: list[Any], held: list[Any], every: int) -> list[int]:
    """The steps (counted from 1, one per gradient arriving for b) whose backward() found in
    b.grad something other than the sum of the gradients of the window's earlier steps. The
    first step of a window is left out: what a cleared gradient is (None or zeros) is the
    learner's choice."""
    missing = []
    for k in range(1, len(arrived)):
        start = k - k % every  # the window's first step, counted from 0
        if k == start:
            continue
        earlier = arrived[start:k]
        if held[k] is None or any(g is None for g in earlier) or \
                not np.allclose(held[k], sum(earlier), rtol=1e-5, atol=1e-6):
            missing.append(k + 1)
    return missing


def _changed_after(before: list[np.ndarray], final: np.ndarray) -> list[int]:
    """The steps (counted from 1) whose update changed the values, from the values before each
    step's backward() and after the last step."""
    values = [*before, final]
    return [k for k in range(1, len(values)) if not np.array_equal(values[k - 1], values[k])]


def _train_probe(fn: Any, case: Case) -> Facts:
    params = {"w": tensor(case["w"], requires_grad=True),
              "b": tensor(case["b"], requires_grad=True)}
    arrived = {"w": arriving_gradients(params["w"]),
               "b": arriving_gradients(params["b"], _AtBackward(params["b"], array))}
    # b.grad itself must add up over a window (the docstring's update is `b -= lr * b.grad`):
    # what it holds as each gradient arrives, and the gradients themselves.
    b_grad_held = arriving_gradients(params["b"], _AtBackward(params["b"], grad_value))
    b_grads = arriving_values(params["b"])
    w_grad_held = arriving_gradients(params["w"], _AtBackward(params["w"], grad_value))
    returned_by_grad = [returned_gradients(p) for p in params.values()]
    batches = [(tensor(x), tensor(y)) for x, y in zip(case["xs"], case["ys"], strict=True)]
    returned = require(fn, "train")(params["w"], params["b"], batches, case["lr"],
                                    case["every"])
    # b's schedule first: when b is updated with the wrong gradient, w's later steps differ
    # too, and "b after training" is the fact that points at the cause.
    # (of the gradients a call delivered: a hook run by hand is no call's, None)
    delivered = [[f for f in flags if f is not None] for flags in returned_by_grad]
    facts: Facts = {BY_AUTOGRAD_GRAD: any(flags and all(flags) for flags in delivered),
                    "steps after which b changed": _changed_after(arrived["b"],
                                                                  array(params["b"]))}
    for name in ("b", "w"):
        p = params[name]
        facts |= {f"{name} after training": array(p), f"{name}.is_leaf": is_leaf(p),
                  f"{name}.requires_grad": requires_grad(p),
                  # tells "updated with zero gradients" (moved) from "never updated"
                  changed_as_autograd_sees(name): version(p) > 0}
    facts |= value_facts("returned", returned)
    # Only present when a parameter was never updated though gradients reached it and none was
    # left, so a correct loop is never compared on it, nor a loop that simply never updates.
    for name, p in params.items():
        if version(p) == 0 and arrived[name] and grad_value(p) is None:
            facts[f"why {name} never changed"] = CLEARED_BEFORE_UPDATE.format(name)
    # Last: a loop whose updates are right but summed b's gradients in a variable of its own
    # differs here alone.
    facts[WINDOW_NOT_IN_GRAD] = _window_sums_missing(b_grads, b_grad_held, case["every"])
    facts[W_GRAD_KEPT] = [k + 1 for k, held in enumerate(w_grad_held)
                          if held is not None and np.any(held)]
    return facts


def _squared(error: Any) -> Any:
    return error ** 2


def _loss(w: Any, b: Any, x: Any, y: Any, summed: bool = False,
          penalty: Callable[[Any], Any] = _squared) -> Any:
    """The docstring's loss, the mean of the squared errors, or (as variants get it wrong)
    their sum, or the mean of each error's ``penalty`` other than its square."""
    squares = penalty(x @ w + b - y)
    return squares.sum() if summed else squares.mean()


def _window_ends(step: int, every: int) -> bool:
    """Whether b is updated after ``step`` (as the loop counts it): the task's rule."""
    return step % every == 0


def _windows(w: Any, b: Any, batches: list[Any], lr: float, every: int, clear_w: str = "step",
             clear_b: str = "update", first_step: int = 1,
             divided_by: Callable[[int, int], int] = lambda step, every: 1,
             summed: bool = False, due: Callable[[int, int], bool] = _window_ends,
             penalty: Callable[[Any], Any] = _squared, w_on_b_steps: bool = True) -> None:
    """The task's loop, with when each gradient is cleared ("step": at the start of every
    step, "update": after b's update, "never"), how steps are counted and which of them update
    b (``due``), what b's update divides the window's gradients by (given the step and every),
    the loss (summed, or another penalty of each error), and whether w is updated at b's steps
    too, as the variants below get them wrong."""
    for step, (x, y) in enumerate(batches, first_step):
        if clear_w == "step":
            w.grad = None
        if clear_b == "step":
            b.grad = None
        _loss(w, b, x, y, summed, penalty).backward()
        with torch.no_grad():
            if w_on_b_steps or not due(step, every):
                w -= lr * w.grad
            if due(step, every):
                b -= lr * b.grad / divided_by(step, every)
                if clear_w == "update":
                    w.grad = None
                if clear_b == "update":
                    b.grad = None


def _b_cleared_every_step(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    _windows(w, b, batches, lr, every, clear_b="step")


def _b_never_cleared(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    _windows(w, b, batches, lr, every, clear_b="never")


def _w_never_cleared(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    _windows(w, b, batches, lr, every, clear_w="never")


def _nothing_cleared(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    _windows(w, b, batches, lr, every, clear_w="never", clear_b="never")


def _cleared_with_b(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    _windows(w, b, batches, lr, every, clear_w="update")


def _b_cleared_for_w(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    """`b.grad = None` at the start of each step where w.grad was meant, and nothing else."""
    _windows(w, b, batches, lr, every, clear_w="never", clear_b="step")


def _b_updated_before_backward(w: Any, b: Any, batches: list[Any], lr: float, every: int
                               ) -> None:
    """b's update at the top of the loop, before the step's backward()."""
    for step, (x, y) in enumerate(batches, 1):
        w.grad = None
        if step % every == 0:
            with torch.no_grad():
                b -= lr * b.grad
            b.grad = None
        _loss(w, b, x, y).backward()
        with torch.no_grad():
            w -= lr * w.grad


def _b_zeroed(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    for step, (x, y) in enumerate(batches, 1):
        w.grad = None
        _loss(w, b, x, y).backward()
        with torch.no_grad():
            w -= lr * w.grad
            if step % every == 0:
                b -= lr * b.grad
                b.zero_()  # b itself, where b.grad was meant: allowed under no_grad()


def _b_every_step(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    _windows(w, b, batches, lr, 1)


def _averaged(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    _windows(w, b, batches, lr, every, divided_by=lambda step, every: every)


def _divided_by_step(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    """`b -= lr * b.grad / step`: the window's sum divided by the steps so far, not its own."""
    _windows(w, b, batches, lr, every, divided_by=lambda step, every: step)


def _both_divided_by_step(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    """`w -= lr * w.grad / step`, and b's update likewise: both shrink as the steps go on."""
    for step, (x, y) in enumerate(batches, 1):
        w.grad = None
        _loss(w, b, x, y).backward()
        with torch.no_grad():
            w -= lr * w.grad / step
            if step % every == 0:
                b -= lr * b.grad / step
                b.grad = None


def _not_squared(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    """`(x @ w + b - y).mean()`: the errors themselves averaged, their square left out."""
    _windows(w, b, batches, lr, every, penalty=lambda error: error)


def _absolute_loss(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    """`(x @ w + b - y).abs().mean()`: the mean absolute error for the mean squared one."""
    _windows(w, b, batches, lr, every, penalty=lambda error: error.abs())


def _w_skipped_on_b_steps(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    """w's update in the else of `if step % every == 0:`, so the steps that update b skip it."""
    _windows(w, b, batches, lr, every, w_on_b_steps=False)


def _summed_loss(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    _windows(w, b, batches, lr, every, summed=True)


def _counted_from_zero(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    _windows(w, b, batches, lr, every, first_step=0)


def _one_step_early(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    """Steps counted from 1 and tested with (step + 1) % every: as if counted from 2."""
    _windows(w, b, batches, lr, every, first_step=2)


def _updated_once(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    """step == every where step % every == 0 was meant: the first window alone updates b."""
    _windows(w, b, batches, lr, every, due=lambda step, every: step == every)


def _one_step_late(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    """Steps counted from 0 (range(len(batches))), the update at step 0 skipped with
    `step > 0`: each update comes a step after its window's last step."""
    _windows(w, b, batches, lr, every, first_step=0,
             due=lambda step, every: step > 0 and step % every == 0)


def _gradient_ascent(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    """`w += lr * w.grad` (and b's likewise): each update moves along the gradient."""
    _windows(w, b, batches, -lr, every)


def _leftover_update(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    _windows(w, b, batches, lr, every)
    if len(batches) % every:  # the steps after the last full window update b too
        with torch.no_grad():
            b -= lr * b.grad


def _w_with_b(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    """Lesson 06's accumulation over micro-batches applied to both: one update of w and b
    every few steps, with the window's summed gradients."""
    for step, (x, y) in enumerate(batches, 1):
        _loss(w, b, x, y).backward()
        if step % every == 0:
            with torch.no_grad():
                w -= lr * w.grad
                b -= lr * b.grad
            w.grad = None
            b.grad = None


def _by_autograd_grad(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    """The right updates, from gradients torch.autograd.grad returned: b's summed in a variable."""
    window = torch.zeros_like(b)
    for step, (x, y) in enumerate(batches, 1):
        w_grad, b_grad = torch.autograd.grad(_loss(w, b, x, y), (w, b))
        window += b_grad
        with torch.no_grad():
            w -= lr * w_grad
            if step % every == 0:
                b -= lr * window
                window = torch.zeros_like(b)


def _w_by_autograd_grad(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    """The right updates: b's gradients from backward(inputs=[b]), adding up in b.grad, and
    w's from torch.autograd.grad, so w.grad never needs clearing."""
    for step, (x, y) in enumerate(batches, 1):
        loss = _loss(w, b, x, y)
        (w_grad,) = torch.autograd.grad(loss, w, retain_graph=True)
        loss.backward(inputs=[b])
        with torch.no_grad():
            w -= lr * w_grad
            if step % every == 0:
                b -= lr * b.grad
                b.grad = None


def _summed_aside(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    """The right updates from backward(), b's window summed in a variable of its own while
    b.grad is cleared at every step: the accumulation the task is about, sidestepped."""
    window = torch.zeros_like(b)
    for step, (x, y) in enumerate(batches, 1):
        w.grad, b.grad = None, None
        _loss(w, b, x, y).backward()
        window += b.grad
        with torch.no_grad():
            w -= lr * w.grad
            if step % every == 0:
                b -= lr * window
                window = torch.zeros_like(b)


def _zero_none_first(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    for step, (x, y) in enumerate(batches, 1):
        w.grad.zero_()  # fails at once: a fresh leaf's .grad is None
        _loss(w, b, x, y).backward()
        with torch.no_grad():
            w -= lr * w.grad
            if step % every == 0:
                b -= lr * b.grad
                b.grad.zero_()


def _rebound(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    for step, (x, y) in enumerate(batches, 1):
        w.grad = None
        _loss(w, b, x, y).backward()
        w = w - lr * w.grad  # a new, non-leaf w: the next step's w.grad stays None
        if step % every == 0:
            b = b - lr * b.grad
            b.grad = None


def _updated_data(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    for step, (x, y) in enumerate(batches, 1):
        w.grad = None
        _loss(w, b, x, y).backward()
        w.data -= lr * w.grad
        if step % every == 0:
            b.data -= lr * b.grad
            b.grad = None


def _clearing_after_backward(w: Any, b: Any, batches: list[Any], lr: float, every: int,
                             set_to_none: bool) -> None:
    """Clears both gradients between backward() and the updates, as zero_grad(set_to_none)
    would there; like optimizer.step(), the updates skip a gradient that is None."""
    for step, (x, y) in enumerate(batches, 1):
        _loss(w, b, x, y).backward()
        _reset([w, b], set_to_none)  # zero_grads' own helper, below
        with torch.no_grad():
            if w.grad is not None:
                w -= lr * w.grad
            if step % every == 0 and b.grad is not None:
                b -= lr * b.grad


def _cleared_before_update(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    _clearing_after_backward(w, b, batches, lr, every, set_to_none=True)


def _zeroed_before_update(w: Any, b: Any, batches: list[Any], lr: float, every: int) -> None:
    _clearing_after_backward(w, b, batches, lr, every, set_to_none=False)


def _zero_cases(rng: Any) -> list[Case]:
    """The default, then set_to_none=False; then, drawn after them (theirs stay as published),
    each mode once more, True now written out: the two modes swapped (modes-swapped) gives
    always-zeroed's results where set_to_none is true and always-none's where it is false, so
    each is told from either of those by two cases (course.told_apart)."""
    cases = []
    for call, set_to_none in (("", None), (", set_to_none=False", False),
                              (", set_to_none=True", True), (", set_to_none=False", False)):
        arrays = [rng.normal(size=s).round(3) for s in ((3,), (2, 2), (2,))]
        cases.append({"label": f"zero_grads(params{call}) with p0 (3,), p1 (2, 2) used by the "
                               "loss and p2 (2,) unused (its grad is None), then the next "
                               "batch's backward()",
                      "arrays": arrays, "batches": rng.normal(size=(2, 3)).round(3),
                      "set_to_none": set_to_none})
    return cases


def _zero_loss(params: list[Any], x: Any) -> Any:
    """One batch's loss: p0's gradient depends on the batch, p2 gets none."""
    return (params[0] * tensor(x)).sum() ** 2 + (params[1] ** 2).sum()


# An optimizer's or a model's zero_grad(), what zero_grads asks to write: named in the file
# (the source rule) or run (without_library), as ex07's sgd_step and clip_grad_norm.
ZERO_GRAD_CALLED = ("Your zero_grads calls an optimizer's (or a model's) zero_grad(), what this "
                    "task asks you to write: clear each p.grad yourself (and compare with "
                    "optimizer.zero_grad() in a notebook cell).")
_ZERO_GRAD = library_files(torch.optim, module)


def _zero_probe(fn: Any, case: Case) -> Facts:
    params = [tensor(a, requires_grad=True) for a in case["arrays"]]
    first, following = case["batches"]
    _zero_loss(params, first).backward()
    made = [grad_tensor(p) for p in params]  # the gradients backward() stored (p2: None)
    # The first case relies on the default, as zero_grad() does.
    options = {} if case["set_to_none"] is None else {"set_to_none": case["set_to_none"]}
    returned = without_library(lambda: require(fn, "zero_grads")(list(params), **options),
                               _ZERO_GRAD, ZERO_GRAD_CALLED)
    facts: Facts = {}
    for i, (p, grad) in enumerate(zip(params, made, strict=True)):
        facts[f"params[{i}].grad"] = grad_value(p)
        facts[f"params[{i}].requires_grad"] = requires_grad(p)
        if case["set_to_none"] is False and grad is not None:
            facts[f"params[{i}].grad is the tensor backward() made"] = grad_tensor(p) is grad
    facts |= value_facts("returned", returned)
    # What zeroing is for: the next backward() leaves exactly its own gradients (the first
    # batch's still there add to them). They depend on this seed's data, so a reply that
    # states them has computed them: None and zeros are the same at every seed.
    _zero_loss(params, following).backward()
    return facts | {f"params[{i}].grad after the next backward()": grad_value(p)
                    for i, p in enumerate(params)}


def _reset(params: list[Any], set_to_none: bool, new_zeros: str = "") -> None:
    """Clears each gradient to None or to zeros; ``new_zeros`` ("existing", "all") puts a new
    zeros tensor in .grad instead of zeroing the existing one, for those gradients."""
    for p in params:
        if set_to_none:
            p.grad = None
        elif new_zeros == "all" or (new_zeros == "existing" and p.grad is not None):
            p.grad = torch.zeros_like(p)
        elif p.grad is not None:
            p.grad.zero_()


def _always_none(params: list[Any], set_to_none: bool = True) -> None:
    _reset(params, True)


def _always_zeroed(params: list[Any], set_to_none: bool = True) -> None:
    _reset(params, False)


def _modes_swapped(params: list[Any], set_to_none: bool = True) -> None:
    _reset(params, not set_to_none)  # `if not set_to_none:` before the line that assigns None


def _new_zeros(params: list[Any], set_to_none: bool = True) -> None:
    _reset(params, set_to_none, new_zeros="existing")


def _new_zeros_everywhere(params: list[Any], set_to_none: bool = True) -> None:
    _reset(params, set_to_none, new_zeros="all")


def _zero_none(params: list[Any], set_to_none: bool = True) -> None:
    for p in params:
        if set_to_none:
            p.grad = None
        else:
            p.grad.zero_()  # fails on p2, which no backward() reached


def _zeros_for_none(params: list[Any], set_to_none: bool = True) -> None:
    """What a learner writes after _zero_none's error: zeros made for a .grad that is None."""
    for p in params:
        if set_to_none:
            p.grad = None
        elif p.grad is None:
            p.grad = torch.zeros_like(p)
        else:
            p.grad.zero_()


def _zeroed_param(params: list[Any], set_to_none: bool = True) -> None:
    for p in params:
        if set_to_none:
            p.grad = None
        elif p.grad is not None:
            p.zero_()  # the parameter, not its gradient: refused, p is a leaf that requires grad


def _zeroed_param_no_grad(params: list[Any], set_to_none: bool = True) -> None:
    for p in params:
        if set_to_none:
            p.grad = None
        elif p.grad is not None:
            with torch.no_grad():  # what the error's hint suggests: it lets p.zero_() run
                p.zero_()


def _name_rebound(params: list[Any], set_to_none: bool = True) -> None:
    for p in params:
        g = p.grad
        if set_to_none:
            g = None  # the misconception itself: the name g changes, p.grad keeps its gradient
        elif g is not None:
            g.zero_()


def _requires_grad_off(params: list[Any], set_to_none: bool = True) -> None:
    for p in params:
        if set_to_none:
            p.requires_grad = False  # stops the tracking: p.grad keeps its gradient
        elif p.grad is not None:
            p.grad.zero_()


def _first_only(params: list[Any], set_to_none: bool = True) -> None:
    for p in params:
        _reset([p], set_to_none)
        return  # indented into the loop: the first tensor alone is reset


NEW_ZEROS = ("Assigning new zeros (p.grad = torch.zeros_like(...)) puts a new tensor in "
             ".grad. zero_grad(set_to_none=False) fills the existing gradient with zeros in "
             "place, so p.grad stays the same tensor")
NEW_ZEROS_FIX = "fill the existing gradient with zeros in place (p.grad.zero_())"

# p.zero_() for p.grad.zero_(): refused (a leaf that requires grad), and under the no_grad()
# the error's hint suggests, the weights are lost. One mistake either way, one text.
def zeroed_param(name: str) -> str:
    """The text of ``name``.zero_() written for ``name``.grad.zero_() (zero_grads' p, train's b)."""
    return (f"{name}.zero_() zeroes the parameter itself, not its gradient: autograd refuses to "
            "change a leaf that requires grad in place while it records (under torch.no_grad() "
            f"the weights are simply lost), and {name}.grad is left as it was.")


def divided_by_step(who: str) -> str:
    """The text of an update divided by the step's number (``who``: which updates)."""
    return (f"{who} divided the gradient by step, the number of steps since the start: it "
            "grows at every step, so the updates shrank by that alone, the later ones most, as "
            "if the learning rate decayed. The task's updates use the gradients as they are: "
            "w's that step's, b's its window's sum.")


DIVIDED_BY_STEP_FIX = "do not divide by step: w -= lr * w.grad, and b -= lr * b.grad."

ZEROED_PARAM = zeroed_param("p")
ZEROED_PARAM_FIX = "zero the gradient, p.grad.zero_(), with no torch.no_grad() around it."

TASKS = grader_out_of_reach.kept_out((
    Task("ex06", "train", "update w every step and b every few steps with its summed gradients",
         _train_cases, _train_probe, misconceptions=(
             Misconception("b-cleared-every-step", "Each update of b used only its last "
                           "step's gradient: b.grad was cleared after the earlier steps of its "
                           "window had added to it (at every step, or before the backward() of "
                           "the step that updates b). b must be updated with the sum over its "
                           "window.", _b_cleared_every_step,
                           fix="let b.grad add up, and clear it only after the update that "
                           "used it."),
             Misconception("b-never-cleared", "b.grad was never cleared, so each update of b "
                           "used every gradient since the first step, not only those since "
                           "its last update.", _b_never_cleared,
                           fix="clear b.grad right after updating b."),
             Misconception("w-never-cleared", "w.grad was never cleared, so each update of w "
                           "used the sum of all its gradients so far, not that step's gradient "
                           "(lesson 06's loop that forgets).", _w_never_cleared,
                           fix="clear w.grad at every step.", shows="w after training"),
             Misconception("nothing-cleared", "No gradient was ever cleared: every update of "
                           "w used the sum of all its gradients so far, and every update of b "
                           "the sum since the first step.", _nothing_cleared,
                           fix="clear w.grad at every step, and b.grad after each update of b."),
             Misconception("cleared-with-b", "w.grad was cleared only when b was updated, so "
                           "between two updates of b, w's updates used the sum of the window's "
                           "gradients. w is updated every step.", _cleared_with_b,
                           fix="clear w.grad every step, and b.grad only after b's update."),
             Misconception("b-every-step", "b was updated at every step, each time with that "
                           "step's gradient alone.", _b_every_step,
                           fix="update b only after steps every, 2 * every, ..., with the sum "
                           "of its gradients since its last update."),
             Misconception("averaged", "b's update used the mean of its window's gradients. "
                           "The task asks for their sum, which is what b.grad holds when "
                           "nothing clears it.", _averaged,
                           fix="do not divide by every."),
             Misconception("summed-loss", "The loss summed the squared errors, "
                           "((pred - y) ** 2).sum(), where the docstring's loss is their mean: "
                           f"with {SAMPLES} samples per batch, every gradient came out {SAMPLES} "
                           "times as large, and every update with it.", _summed_loss,
                           fix="take the mean of the squared errors, .mean(), as the docstring "
                           "writes the loss."),
             Misconception("counted-from-zero", "b was updated after steps 1, every + 1, ...: "
                           "the steps were counted from 0.", _counted_from_zero,
                           fix="count from 1 (enumerate(batches, 1)), so that b is updated "
                           "after steps every, 2 * every, ..."),
             # (a learner who counts from 1 and tests (step + 1) % every matches counted-from-
             # zero where every is 2, on the first case, and was told "counted from 0")
             Misconception("one-step-early", "b was updated after steps every - 1, 2 * every "
                           "- 1, ...: one step early each time. Counted from 1, the steps that "
                           "end a window are the ones where step % every is already 0; adding 1 "
                           "to step moves each update a step earlier.", _one_step_early,
                           fix="with the steps counted from 1, test step % every == 0, "
                           "without the + 1."),
             # (step == every for step % every == 0: told only which steps changed b)
             Misconception("updated-once", "b was updated after step every alone, not after "
                           "2 * every, 3 * every, ...: the test compared the step with every "
                           "itself, which is true once, where every window's last step is a "
                           "multiple of every.", _updated_once,
                           fix="test whether step is a multiple of every (the remainder of "
                           "the division), not whether it equals every."),
             # (range(len(batches)) with `step > 0` to skip the update after step 0: told only
             # which steps changed b)
             Misconception("one-step-late", "b was updated after steps every + 1, 2 * every "
                           "+ 1, ...: one step late each time. The steps were counted from 0, "
                           "so the step counted as every is the (every + 1)-th; skipping step "
                           "0 removed the early update but did not shift the others.",
                           _one_step_late,
                           fix="count the steps from 1 (enumerate(batches, 1)); then no step "
                           "needs skipping."),
             # (the signs flipped: told only "b after training: expected 0.2302, got 1.5725")
             Misconception("gradient-ascent", "Each update moved w and b along their "
                           "gradients, which makes the loss grow: the gradient points to "
                           "where the loss increases fastest, and gradient descent steps the "
                           "other way.", _gradient_ascent,
                           fix="subtract lr times the gradient (-=), not add it."),
             Misconception("leftover-update", "b was updated after the last steps too, "
                           "though they do not fill a window of every steps: b is updated only "
                           "after steps every, 2 * every, ..., and the gradients of the steps "
                           "after the last full window stay in b.grad, unused.",
                           _leftover_update,
                           fix="update b only when step % every == 0, with no extra update "
                           "after the loop."),
             Misconception("w-with-b", "w was updated only when b was, every few steps, with "
                           "the window's summed gradients: that is accumulation over "
                           "micro-batches (lesson 05), right for b here, but w is to be updated "
                           "at every step with that step's gradient.", _w_with_b,
                           fix="update w and clear w.grad at every step; keep the window for "
                           "b alone.", shows="w after training"),
             Misconception("zero-none", "w.grad and b.grad are None until the first "
                           "backward(), so .grad.zero_() fails on the first step.",
                           _zero_none_first,
                           fix="assign .grad = None instead (always safe), or zero_() only a "
                           "gradient that exists."),
             # (the fourth cause, a detached w in the loss, was told the other three; the
             # fifth, a loss without b, the other four; the sixth, `b.requires_grad = False`
             # at the top of train, the other five)
             Misconception("rebound", "A step found a .grad None where it needed a gradient. "
                           "Six causes fit: backward() did not run before the update; the "
                           "gradient was cleared between backward() and the update; the loss "
                           "was computed from a detached w (w.detach() or w.data in the "
                           "prediction), so backward() never reached w itself; the loss did "
                           "not use b at all (x @ w alone), so no gradient was made for it; "
                           "b (or w) had its requires_grad switched off (b.requires_grad = "
                           "False), so autograd stopped tracking it and made it no gradient; "
                           "or w (or b) "
                           "was rebound: w = w - lr * w.grad, with or without torch.no_grad(), "
                           "makes a new tensor that the next backward() gives no .grad, and "
                           "leaves the caller's w unchanged.", _rebound,
                           fix="update in place: `with torch.no_grad(): w -= lr * w.grad`."),
             Misconception("used-data", used_data("w"), _updated_data,
                           fix=f"{used_data_fix('w')} The same for b."),
             Misconception("cleared-before-update", "The gradients were cleared between "
                           "loss.backward() and the updates (.grad = None, or "
                           "optimizer.zero_grad(), there): that wiped what backward() had just "
                           "computed, so no update changed anything.", _cleared_before_update,
                           fix="clear a gradient only after the update that used it, or before "
                           "the next backward()."),
             Misconception("zeroed-before-update", "The gradients were zeroed between "
                           "loss.backward() and the updates (.grad.zero_() there), so every "
                           "update subtracted zeros.", _zeroed_before_update,
                           fix="clear a gradient only after the update that used it, or before "
                           "the next backward()."),
             Misconception("autograd-grad", "The updates are right, but torch.autograd.grad "
                           "computed the gradients: it returns them and leaves .grad alone, so "
                           "nothing here added up in .grad or needed clearing, and that is what "
                           "this task is about (lessons 05, 06). The docstring asks for "
                           "backward() on each step's loss.", _by_autograd_grad,
                           fix="call loss.backward() at each step, update from w.grad and "
                           "b.grad, and clear each when its update has used it."),
             Misconception("autograd-grad-for-w", "The updates are right, but "
                           "torch.autograd.grad computed w's gradients: it returns them and "
                           "leaves w.grad alone, so w.grad never needed clearing at each step, "
                           "half of what this task is about (lesson 06). The docstring asks "
                           "for backward() on each step's loss, for w as for b.",
                           _w_by_autograd_grad,
                           fix="call loss.backward() at each step, update from w.grad and "
                           "b.grad, and clear each when its update has used it."),
             Misconception("summed-aside", "The updates are right, but b's window was summed "
                           "in a variable of your own while b.grad was cleared at every step: "
                           "the next backward() found b.grad without the window's earlier "
                           "gradients. That adding up is what .grad does by itself, and what "
                           "this task is about (lessons 05, 06); the docstring's update is "
                           "`b -= lr * b.grad`.", _summed_aside,
                           fix="drop your own sum: leave b.grad alone until b's update has "
                           "used it, then clear it."),
             # (b.grad = None where w.grad = None was meant: told only "b after training:
             # expected 0.2302, got 0.5099")
             Misconception("b-cleared-for-w", "The gradient cleared at every step was b's, "
                           "not w's: w.grad was never cleared, so each update of w used the sum "
                           "of all its gradients so far, and b.grad lost its window's earlier "
                           "gradients, which b's update needs.", _b_cleared_for_w,
                           fix="clear w.grad at every step, and b.grad only after b's update."),
             # (the update written at the top of the loop: told only "steps after which b
             # changed: expected [2, 4], got [1, 3]")
             Misconception("b-updated-before-backward", "b was updated before the backward() "
                           "of the step that ends its window, so each update used the window's "
                           "gradients but the last step's, which then counted towards the next "
                           "window. An update can only use what backward() has already added "
                           "to .grad.", _b_updated_before_backward,
                           fix="update b after that step's loss.backward(), not before it."),
             # (b.zero_() after b's update: told only which steps changed b)
             Misconception("zeroed-param", zeroed_param("b"), _b_zeroed,
                           fix="clear b's gradient, b.grad = None (or b.grad.zero_()), not b "
                           "itself."),
             # Session 37b, each told only "b after training: expected 0.2302, got ...":
             # the errors averaged without their square, or their absolute values
             Misconception("not-squared", "The loss was the mean of the errors themselves, "
                           "not of their squares: errors of opposite signs cancel in it, and "
                           "its gradient does not depend on how far off the predictions are, "
                           "so the updates do not shrink as the fit improves. The docstring's "
                           "loss is the mean squared error.", _not_squared,
                           fix="square each error before taking the mean."),
             Misconception("absolute-loss", "The loss was the mean absolute error: a loss "
                           "too, but another one, whose gradient sees only each error's sign, "
                           "not its size. The docstring's loss is the mean squared error, whose "
                           "gradient grows with each error.", _absolute_loss,
                           fix="square each error instead of taking its absolute value."),
             # (w's update in the else of the test for b's step)
             Misconception("w-skipped-on-b-steps", "w was not updated at the steps that "
                           "update b: its update sat in the other branch of the test for b's "
                           "step. w is updated at every step, b's included; only b waits for "
                           "its window.", _w_skipped_on_b_steps,
                           fix="update w before the test for b's step, outside it.",
                           shows="w after training"),
             # (b's window divided by step, or both updates: a count of steps so far)
             Misconception("divided-by-step", divided_by_step("b's update"), _divided_by_step,
                           fix=DIVIDED_BY_STEP_FIX),
             Misconception("both-divided-by-step", divided_by_step("Each update, w's and b's,"),
                           _both_divided_by_step, fix=DIVIDED_BY_STEP_FIX),
         )),
    Task("ex06", "zero_grads", "reset gradients the way zero_grad(set_to_none) does",
         _zero_cases, _zero_probe, source_rule=library_call(
             "zero_grads", frozenset({"optim", "zero_grad"}), ZERO_GRAD_CALLED),
         misconceptions=(
             Misconception("always-none", "With set_to_none=False, zero_grad() keeps each "
                           "gradient and fills it with zeros in place; only set_to_none=True, "
                           "the default, assigns None.", _always_none,
                           fix="with set_to_none=False, fill each gradient with zeros in place "
                           "(p.grad.zero_())."),
             Misconception("always-zeroed", "With set_to_none=True, the default, zero_grad() "
                           "assigns p.grad = None, which also frees the memory; only "
                           "set_to_none=False zeroes the gradients in place.", _always_zeroed,
                           fix="with set_to_none=True, assign p.grad = None; keep zero_() for "
                           "set_to_none=False."),
             # (`if not set_to_none:` before p.grad = None: told always-zeroed's sentence
             # for the default's case alone, which set_to_none=False's contradicts)
             Misconception("modes-swapped", "The two modes were swapped: set_to_none=True, "
                           "the default, assigns p.grad = None (which frees the memory), and "
                           "set_to_none=False keeps each gradient and fills it with zeros in "
                           "place. Yours did each where the other was asked.", _modes_swapped,
                           fix="assign None when set_to_none is true, and zero_() when it is "
                           "false."),
             Misconception("new-zeros", f"{NEW_ZEROS}.", _new_zeros, fix=f"{NEW_ZEROS_FIX}."),
             Misconception("new-zeros-everywhere", f"{NEW_ZEROS}, and a tensor whose .grad "
                           "is None keeps None.", _new_zeros_everywhere,
                           fix=f"{NEW_ZEROS_FIX}, and leave a .grad that is None as it is."),
             Misconception("zeroed-param", ZEROED_PARAM, _zeroed_param, fix=ZEROED_PARAM_FIX),
             Misconception("zeroed-param-no-grad", ZEROED_PARAM, _zeroed_param_no_grad,
                           fix=ZEROED_PARAM_FIX),
             Misconception("name-rebound", "g = None (or p = None) gives a name of your own "
                           "a new value: p.grad itself was not touched and still holds its "
                           "gradient.", _name_rebound,
                           fix="assign to the attribute itself: p.grad = None."),
             # (a return indented into the loop: told only "params[1].grad: expected None")
             Misconception("first-only", "Only the first tensor's gradient was reset: the "
                           "function returned during the loop's first pass (a return "
                           "statement indented inside the for loop), before the other tensors "
                           "were reached.", _first_only,
                           fix="leave the return statement out: the function returns nothing, "
                           "and ends once the loop has reset every tensor."),
             Misconception("zero-none", "No backward() reached p2, so its .grad is None, and "
                           "None has no zero_().", _zero_none,
                           fix="skip a gradient that is None (`if p.grad is not None`), as "
                           "zero_grad() does."),
             Misconception("zeros-for-none", "No backward() reached p2, so its .grad is None, "
                           "and zero_grad(set_to_none=False) leaves it None: it zeroes only the "
                           "gradients that exist. A zeros tensor there takes memory and says a "
                           "gradient was computed where none was.", _zeros_for_none,
                           fix="leave a .grad that is None as it is (`if p.grad is not None`)."),
             # (told only the check's own next backward()'s error, on no line of the learner's)
             Misconception("requires-grad-off", "p.requires_grad = False does not clear a "
                           "gradient: p.grad keeps it, and p is no longer tracked, so the next "
                           "batch's backward() (the check's own, after your call) found nothing "
                           "that requires grad and raised. zero_grad() leaves requires_grad as "
                           "it is and acts on .grad alone.", _requires_grad_off,
                           fix="assign p.grad = None, and leave p.requires_grad alone."),
         )),
))
