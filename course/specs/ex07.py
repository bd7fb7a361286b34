"""ex07 no_grad: predict grad mode's effects; an in-place SGD step that keeps the leaves;
gradient clipping."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

import minigrad as torch
from course.probe import (
    Facts,
    array,
    grad_value,
    is_leaf,
    require,
    requires_grad,
    tensor,
    value_facts,
    version,
)
from course.specs import grader_out_of_reach
from course.specs.library_call import library_call, library_files, without_library
from course.specs.predict import PAIRS_SWAPPED, flags, predict_task, swapped
from course.specs.through_data import changed_as_autograd_sees, used_data, used_data_fix
from course.tasks import Case, Misconception, Task

# The program whose flags the learner predicts (shown in the stub's docstring).
PROGRAM = """\
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    a = w * 2
    with torch.enable_grad():
        b = w * 2
c = a * w
with torch.inference_mode():
    d = w * 2

@torch.no_grad()
def double(t):
    return t * 2

e = double(w)
"""
NAMES = ("a", "b", "c", "d", "e")
FLAGS = ("requires_grad", "is_leaf")


def _flags() -> dict[str, tuple[bool, bool]]:
    return flags(PROGRAM, NAMES)


def _enable_grad_ignored() -> dict[str, tuple[bool, bool]]:
    return {**_flags(), "b": (False, True)}


def _no_grad_sticks() -> dict[str, tuple[bool, bool]]:
    return {**_flags(), "c": (False, True)}


def _decorator_ignored() -> dict[str, tuple[bool, bool]]:
    return {**_flags(), "e": (True, False)}


def _unrecorded_require_grad() -> dict[str, tuple[bool, bool]]:
    """a, d and e taken to require grad because w does, though nothing recorded them."""
    return {**_flags(), **dict.fromkeys("ade", (True, True))}


def _made_not_leaves() -> dict[str, tuple[bool, bool]]:
    return {**_flags(), **dict.fromkeys("ade", (False, False))}


def _pairs_swapped() -> dict[str, tuple[bool, bool]]:
    return swapped(_flags())


# The library's own versions of what sgd_step and clip_grad_norm ask to write: named in the
# file (the source rule) or run (without_library: where the code of these files runs, taken
# before learner code is imported).
SGD_CALLED = ("Your sgd_step uses torch.optim, whose SGD step() is what this task asks you to "
              "write: update each parameter yourself (and compare with torch.optim.SGD in a "
              "notebook cell).")
CLIP_CALLED = ("Your clip_grad_norm calls torch.nn.utils.clip_grad_norm_, the function this task "
               "asks you to write: compute the total norm and scale the gradients yourself (and "
               "compare with clip_grad_norm_ in a notebook cell).")
_OPTIM, _NN_UTILS = library_files(torch.optim), library_files(torch.nn.utils)


def _clip_cases(rng: Any) -> list[Case]:
    cases = []
    # (the last two cases' second gradient is small: the largest gradient's norm is then not
    # the last one's, as a loop that clips each by its own norm may return either)
    for scale, max_norm, unused, second in ((0.1, 1.0, False, 1.0), (2.0, 1.0, False, 1.0),
                                            (1.5, 0.5, True, 1.0), (1.0, 0.5, False, 0.05),
                                            (2.0, 1.0, True, 0.05)):
        grads = [rng.normal(size=s).round(3) * scale * factor
                 for s, factor in (((3,), 1.0), ((2, 2), second))]
        label = (f"grads of shapes (3,) and (2, 2), total norm "
                 f"{np.sqrt(sum((g ** 2).sum() for g in grads)):.3g}, max_norm = {max_norm}")
        cases.append({"label": label + (", and a third parameter with grad None" if unused
                                        else ""), "grads": grads, "max_norm": max_norm,
                      "unused": unused})
    return cases


def _clip_probe(fn: Any, case: Case) -> Facts:
    # Ones, not zeros: a step that scales the parameters instead of their gradients shows.
    params = [tensor(np.ones_like(g), requires_grad=True) for g in case["grads"]]
    for p, g in zip(params, case["grads"], strict=True):
        p.grad = tensor(g)
    if case["unused"]:
        params.append(tensor(np.ones(2), requires_grad=True))
    total = without_library(lambda: require(fn, "clip_grad_norm")(list(params), case["max_norm"]),
                            _NN_UTILS, CLIP_CALLED)
    facts = value_facts("returned total norm", total)
    for i, p in enumerate(params):
        facts[f"params[{i}].grad"] = grad_value(p)
    return facts | {f"params[{i}] (its values)": array(p) for i, p in enumerate(params)}


def _total_norm(grads: list[Any]) -> float:
    """The norm of all ``grads`` as one vector: what clip_grad_norm_ compares with max_norm."""
    return math.sqrt(sum(float((g**2).sum()) for g in grads))


def _clip(params: list[Any], max_norm: float, per_parameter: bool = False,
          always: bool = False, after: bool = False, summed_norms: bool = False,
          mean_squares: bool = False, to_one: bool = False, l1: bool = False,
          largest: bool = False, below: bool = False, first_only: bool = False,
          largest_norm: bool = False, last_norm: bool = False,
          sums_squared: bool = False) -> float:
    grads = [p.grad for p in params if p.grad is not None]
    total = (sum(float((g**2).sum()) ** 0.5 for g in grads) if summed_norms
             else math.sqrt(sum(float(g.sum()) ** 2 for g in grads)) if sums_squared
             else math.sqrt(sum(float((g**2).mean()) for g in grads)) if mean_squares
             else sum(float(g.abs().sum()) for g in grads) if l1
             else max(float(g.abs().max()) for g in grads) if largest
             else max(float((g**2).sum()) ** 0.5 for g in grads) if largest_norm
             else float((grads[-1]**2).sum()) ** 0.5 if last_norm  # (a loop's last `norm`)
             else _total_norm(grads))
    for g in grads[:1] if first_only else grads:
        norm = float((g**2).sum()) ** 0.5 if per_parameter else total
        if always or (norm < max_norm if below else norm > max_norm):
            g.mul_((1.0 if to_one else max_norm) / norm)
    return _total_norm(grads) if after else total


def _clipped_each(params: list[Any], max_norm: float) -> float:
    return _clip(params, max_norm, per_parameter=True)


# Each gradient clipped by its own norm, and a norm of the loop's returned: the per-parameter
# loop has no total to return, so learners return the last norm it measured, the norms added
# up, the largest, or the total measured again after clipping.
def _clipped_each_last_norm(params: list[Any], max_norm: float) -> float:
    return _clip(params, max_norm, per_parameter=True, last_norm=True)


def _clipped_each_summed_norms(params: list[Any], max_norm: float) -> float:
    return _clip(params, max_norm, per_parameter=True, summed_norms=True)


def _clipped_each_largest_norm(params: list[Any], max_norm: float) -> float:
    return _clip(params, max_norm, per_parameter=True, largest_norm=True)


def _clipped_each_norm_after(params: list[Any], max_norm: float) -> float:
    return _clip(params, max_norm, per_parameter=True, after=True)


def _clipped_each_norms_listed(params: list[Any], max_norm: float) -> list[float]:
    """The loop's norms returned as they were collected, a list (any list: only its type is
    compared, the gradients tell the per-parameter clipping)."""
    return [_clipped_each([p], max_norm) for p in params if p.grad is not None]


def _norms_listed(params: list[Any], max_norm: float) -> list[float]:
    """The clipping right, and each gradient's norm returned in a list: where nothing is
    clipped, the gradients are per-parameter clipping's too, and this tells the two apart."""
    norms = [float((p.grad**2).sum()) ** 0.5 for p in params if p.grad is not None]
    _clip(params, max_norm)
    return norms


def _always_rescaled(params: list[Any], max_norm: float) -> float:
    return _clip(params, max_norm, always=True)


def _norm_after(params: list[Any], max_norm: float) -> float:
    return _clip(params, max_norm, after=True)


def _summed_norms(params: list[Any], max_norm: float) -> float:
    return _clip(params, max_norm, summed_norms=True)


def _sums_squared(params: list[Any], max_norm: float) -> float:
    """Each gradient summed, then squared, g.sum() ** 2, where every element is squared."""
    return _clip(params, max_norm, sums_squared=True)


def _mean_squares(params: list[Any], max_norm: float) -> float:
    """Each gradient's squares averaged, (g ** 2).mean(), where the norm sums them."""
    return _clip(params, max_norm, mean_squares=True)


def _l1_norm(params: list[Any], max_norm: float) -> float:
    """The absolute values summed, g.abs().sum(), for the norm (L1, where it is L2)."""
    return _clip(params, max_norm, l1=True)


def _largest_element(params: list[Any], max_norm: float) -> float:
    """The largest absolute element, max(|g|), for the norm (the max norm, where it is L2)."""
    return _clip(params, max_norm, largest=True)


def _largest_norm(params: list[Any], max_norm: float) -> float:
    """The largest of the parameters' norms, max(g.norm()), for the norm of them all."""
    return _clip(params, max_norm, largest_norm=True)


def _comparison_reversed(params: list[Any], max_norm: float) -> float:
    """`if total < max_norm:`: the small gradients scaled up, the large ones left."""
    return _clip(params, max_norm, below=True)


def _first_only(params: list[Any], max_norm: float) -> float:
    """A return indented into the scaling loop (or a loop one short, with two gradients)."""
    return _clip(params, max_norm, first_only=True)


def _normalized(params: list[Any], max_norm: float) -> float:
    """The gradients divided by their total norm (g /= total): scaled to 1, not to max_norm."""
    return _clip(params, max_norm, to_one=True)


def _no_square_root(params: list[Any], max_norm: float) -> float:
    grads = [p.grad for p in params if p.grad is not None]
    squared = sum(float((g**2).sum()) for g in grads)  # the norm's square taken for the norm
    if squared > max_norm:
        for g in grads:
            g.mul_(max_norm / squared)
    return squared


def _upside_down(params: list[Any], max_norm: float) -> float:
    grads = [p.grad for p in params if p.grad is not None]
    total = _total_norm(grads)
    if total > max_norm:
        for g in grads:
            g.mul_(total / max_norm)
    return total


def _rebound_grads(params: list[Any], max_norm: float) -> float:
    grads = [p.grad for p in params if p.grad is not None]
    total = _total_norm(grads)
    if total > max_norm:
        for g in grads:
            g = g * (max_norm / total)  # the misconception itself: a new tensor, p.grad stays
    return total


def _scaled_params(params: list[Any], max_norm: float) -> float:
    total = _total_norm([p.grad for p in params if p.grad is not None])
    if total > max_norm:
        with torch.no_grad():
            for p in params:
                if p.grad is not None:
                    p *= max_norm / total  # the misconception itself: the weights, not p.grad
    return total


def _clamped(params: list[Any], max_norm: float) -> float:
    total = _total_norm([p.grad for p in params if p.grad is not None])
    for p in params:
        if p.grad is not None:
            p.grad.clamp_(-max_norm, max_norm)  # clip_grad_value_'s clipping, element by element
    return total


def _sgd_cases(rng: Any) -> list[Case]:
    return [{"label": f"params of shapes (3,) and (2, 2), lr = {lr}",
             "arrays": [rng.normal(size=s).round(3) for s in ((3,), (2, 2))], "lr": lr}
            for lr in (0.1, 0.5)]


def _sgd_probe(fn: Any, case: Case) -> Facts:
    params = [tensor(a, requires_grad=True) for a in case["arrays"]]
    ((params[0] ** 2).sum() + (params[1] ** 3).sum()).backward()
    versions = [version(p) for p in params]
    returned = without_library(lambda: require(fn, "sgd_step")(list(params), case["lr"]),
                               _OPTIM, SGD_CALLED)
    recording = torch.is_grad_enabled()
    # On again for what runs next (not in a finally: an error raised with grad mode off is
    # reported as such, and each case starts with it on).
    torch.set_grad_enabled(True)
    facts: Facts = {}
    for i, (p, v) in enumerate(zip(params, versions, strict=True)):
        facts[f"params[{i}]"] = array(p)
        facts[f"params[{i}].is_leaf"] = is_leaf(p)
        facts[f"params[{i}].requires_grad"] = requires_grad(p)
        facts[changed_as_autograd_sees(f"params[{i}]")] = version(p) > v
        # An optimizer's step() leaves the gradients alone: clearing them is the next step's
        # zero_grad() (lesson 06), and whatever reads them after the step still finds them.
        facts[f"params[{i}].grad after the step"] = grad_value(p)
    # The docstring's "Return nothing", as ex01's freeze, ex05's and ex06's tasks check it.
    facts |= value_facts("returned", returned)
    # Last, so that it is the difference shown for a step that is right but for this.
    facts["autograd still records after the call"] = recording
    return facts


def _outside_no_grad(params: list[Any], lr: float) -> None:
    for p in params:
        p -= lr * p.grad


def _rebinding(params: list[Any], lr: float) -> None:
    with torch.no_grad():
        for p in params:
            p = p - lr * p.grad  # the misconception itself: a new tensor, the parameter stays


def _grad_left_off(params: list[Any], lr: float) -> None:
    torch.set_grad_enabled(False)  # never switched back on: the caller's code is not recorded
    for p in params:
        p -= lr * p.grad


def _requires_grad_off(params: list[Any], lr: float) -> None:
    for p in params:
        p.requires_grad = False  # lets the in-place update run, and freezes the parameter
        p -= lr * p.grad


def _ascent(params: list[Any], lr: float) -> None:
    with torch.no_grad():
        for p in params:
            p += lr * p.grad


def _last_left_out(params: list[Any], lr: float) -> None:
    with torch.no_grad():
        for i in range(len(params) - 1):  # one short: range(n) already stops before n
            params[i] -= lr * params[i].grad


def _grad_cleared(params: list[Any], lr: float) -> None:
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad
            p.grad = None  # zero_grad()'s job, done inside the step


def _grad_zeroed(params: list[Any], lr: float) -> None:
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad
            p.grad.zero_()


def _grad_scaled(params: list[Any], lr: float) -> None:
    with torch.no_grad():
        for p in params:
            p.grad *= lr  # the misconception itself: the gradient is changed, not only read
            p -= p.grad


def _lr_left_out(params: list[Any], lr: float) -> None:
    with torch.no_grad():
        for p in params:
            p -= p.grad  # the misconception itself: a step of the whole gradient


def _grad_stepped(params: list[Any], lr: float) -> None:
    with torch.no_grad():
        for p in params:
            p.grad -= lr * p.grad  # the misconception itself: the gradient moved, not p


def _weight_stepped(params: list[Any], lr: float) -> None:
    with torch.no_grad():
        for p in params:
            p -= lr * p  # the misconception itself: the weight, not its gradient, sets the step


def _stepped_twice(params: list[Any], lr: float) -> None:
    with torch.no_grad():
        for p in params:
            p -= 2 * lr * p.grad  # the misconception itself: the same update made twice


def _returned_new(params: list[Any], lr: float) -> list[Any]:
    with torch.no_grad():
        return [p - lr * p.grad for p in params]  # new tensors: the parameters stay


def _used_data(params: list[Any], lr: float) -> None:
    for p in params:
        p.data -= lr * p.grad


def _weight_stepped_through_data(params: list[Any], lr: float) -> None:
    for p in params:
        p.data -= lr * p.data  # two mistakes: the weight for its gradient, and through .data


# The weight's own value for its gradient in the step (p -= lr * p, or through .data too).
WEIGHT_STEPPED = ("Each parameter moved by lr times its own value, not its gradient: {step} "
                  "shrinks every weight toward 0 whatever the loss says. The gradient, p.grad, "
                  "is what says which way the loss grows; the step goes against it.")
# p.grad = None or p.grad.zero_() inside the step: one mistake, one text.
GRAD_CLEARED = ("The step cleared the gradients after using them. An optimizer's step() "
                "only updates the parameters and leaves .grad as it found it: clearing is "
                "zero_grad()'s job, called before the next backward() (lesson 06), and code "
                "that reads the gradients after the step (logging them, clipping them, "
                "accumulating over micro-batches) needs them still there.")
GRAD_CLEARED_FIX = "remove the line that clears p.grad from sgd_step."
# Each gradient clipped by its own norm, and one of the loop's norms returned (``returned``).
PER_PARAMETER_RETURNED = ("Each gradient was clipped on its own, by its own norm, and the norm "
                          "returned was {}. clip_grad_norm measures one total norm over all "
                          "the gradients, as if they were one vector: when it exceeds max_norm, "
                          "one factor, max_norm / total, scales them all, and that total, from "
                          "before clipping, is what it returns.")
PER_PARAMETER_FIX = ("first compute one total norm over every gradient, then, if it exceeds "
                     "max_norm, scale all of them by max_norm / total; return that total.")
# Said to a norm of another kind (L1, the largest element): what the L2 norm takes.
# Said to a norm made of the parameters' own (added up, the largest): how they make the total.
SQUARED_NORMS_FIX = ("add up the squares of the parameters' norms (g.norm() ** 2), then take "
                     "one square root of that sum.")
L2_NORM_FIX = ("square every element, add the squares up over all gradients, then take one "
               "square root.")

TASKS = grader_out_of_reach.kept_out((
    predict_task("ex07", "predict_modes", "predict requires_grad and is_leaf under grad modes",
                 {name: FLAGS for name in NAMES}, misconceptions=(
             Misconception("enable-grad-ignored", "enable_grad() switches recording back on "
                           "inside no_grad(): b = w * 2 there is recorded, so it requires grad "
                           "and is not a leaf.", _enable_grad_ignored),
             Misconception("no-grad-sticks", "no_grad() affects only what is computed inside "
                           "it: a is plain data, but c = a * w, computed outside, is recorded "
                           "because w requires grad.", _no_grad_sticks),
             Misconception("decorator-ignored", "@torch.no_grad() on a function runs its "
                           "whole body under no_grad(): e = double(w) is computed without "
                           "recording, like a.", _decorator_ignored),
             Misconception("unrecorded-require-grad", "A tensor computed while nothing is "
                           "recorded (a under no_grad(), d under inference_mode(), e in a "
                           "function decorated with @torch.no_grad()) does not require grad, "
                           "even though w does: requires_grad on a result means autograd "
                           "recorded how it was made, and here it recorded nothing.",
                           _unrecorded_require_grad),
             Misconception("made-not-leaves", "A tensor computed while nothing is recorded "
                           "(under no_grad() or inference_mode()) has no grad_fn and does not "
                           "require grad: it is a leaf, like a tensor you create.",
                           _made_not_leaves),
             # (each pair written (is_leaf, requires_grad): told unrecorded-require-grad,
             # whose a.requires_grad is the first of its 10 wrong predictions)
             Misconception("pairs-swapped", PAIRS_SWAPPED, _pairs_swapped),
         )),
    Task("ex07", "sgd_step", "an in-place SGD step under no_grad that keeps the leaves",
         _sgd_cases, _sgd_probe, source_rule=library_call(
             "sgd_step", frozenset({"optim", "SGD"}), SGD_CALLED), misconceptions=(
             # (torch.no_grad() called on a line of its own was told the first sentence
             # alone, though the learner had meant to switch recording off)
             Misconception("outside-no-grad", "An in-place update of a leaf that requires grad "
                           "cannot run while autograd records operations, and nothing had "
                           "switched recording off around it. (torch.no_grad() called on a "
                           "line of its own, not as a `with` statement, switches nothing off: "
                           "it only makes an object, which is then thrown away.)",
                           _outside_no_grad,
                           fix="run the update inside `with torch.no_grad():`."),
             Misconception("rebinding", "p = p - lr * p.grad makes a new tensor and leaves the "
                           "parameter unchanged.", _rebinding,
                           fix="update in place (p -= lr * p.grad)."),
             # (told only "params[0]: expected ..., got ..." of parameters left unchanged)
             Misconception("returned-new", "The parameters were left as they were: sgd_step "
                           "computed new tensors and returned them. The caller's model (and "
                           "anything else that holds the parameters) keeps the very tensors it "
                           "passed in, so new ones it never looks at change nothing; that is "
                           "why the docstring asks for an update in place and no return.",
                           _returned_new,
                           fix="subtract lr * p.grad from each p in place, under "
                           "torch.no_grad(), and return nothing."),
             Misconception("used-data", used_data("p"), _used_data, fix=used_data_fix("p")),
             Misconception("grad-left-off", "torch.set_grad_enabled(False) switches recording "
                           "off until something switches it back on: after the step, nothing "
                           "the caller computes gets a graph, and the next loss.backward() "
                           "fails.", _grad_left_off,
                           fix="run the update inside `with torch.no_grad():`, which switches "
                           "recording back on when the block ends."),
             Misconception("requires-grad-off", "Setting requires_grad = False lets the "
                           "in-place update run, but it freezes the parameter (lesson 01): the "
                           "next backward() gives it no gradient, so it never trains again. The "
                           "update must not be recorded, and the parameter must still require "
                           "grad afterwards.", _requires_grad_off,
                           fix="leave requires_grad alone and switch recording off instead: "
                           "`with torch.no_grad(): p -= lr * p.grad`."),
             Misconception("grad-cleared", GRAD_CLEARED, _grad_cleared, fix=GRAD_CLEARED_FIX),
             Misconception("grad-zeroed", GRAD_CLEARED, _grad_zeroed, fix=GRAD_CLEARED_FIX),
             # (a return indented into the loop does the same to two parameters, and was
             # told only of a loop one short)
             Misconception("last-left-out", "The last parameter was never updated: the loop "
                           "stopped one short (range(len(params) - 1), or params[:-1], though "
                           "range(n) already stops before n), or a return statement inside the "
                           "loop ended the function after the first parameter.", _last_left_out,
                           fix="loop over every parameter: `for p in params:`."),
             # (p.grad *= lr, then p -= p.grad: told only "params[0].grad after the step")
             Misconception("grad-scaled", "The step changed the gradients themselves: "
                           "p.grad *= lr scales the tensor .grad holds, in place, so after the "
                           "step p.grad held lr times the gradient. The parameters moved as "
                           "they should, but an optimizer's step() only reads .grad, and code "
                           "that reads the gradients after the step (logging them, clipping "
                           "them, accumulating over micro-batches) would find them shrunk.",
                           _grad_scaled,
                           fix="compute lr times the gradient as a new tensor inside the "
                           "update, leaving p.grad unchanged."),
             # (p -= p.grad: told only "params[0]: expected ..., got ...")
             Misconception("lr-left-out", "Each parameter moved by its whole gradient: the "
                           "learning rate never scaled the step. The gradient says which way "
                           "the loss grows and how steeply, not how far to go; lr sets the "
                           "step's length, and without it a step can overshoot the minimum "
                           "and make the loss grow.", _lr_left_out,
                           fix="multiply the gradient by lr in the update."),
             # (p.grad -= lr * p.grad: told only that params[0] had not moved)
             Misconception("grad-stepped", "The parameters never moved, and their gradients "
                           "did: the update was applied to p.grad, the tensor that says where "
                           "to go, instead of to p, the tensor that goes there.", _grad_stepped,
                           fix="subtract lr * p.grad from p itself."),
             # (p -= lr * p: told only "params[0]: expected ..., got ...")
             Misconception("weight-stepped", WEIGHT_STEPPED.format(step="p -= lr * p"),
                           _weight_stepped, fix="subtract lr * p.grad, the gradient, not lr * p."),
             # (p.data -= lr * p.data: told only "params[0]: expected ..., got ...")
             Misconception("weight-stepped-through-data", "Two mistakes in one line. " +
                           WEIGHT_STEPPED.format(step="p.data -= lr * p.data") + " And " +
                           used_data("p")[0].lower() + used_data("p")[1:],
                           _weight_stepped_through_data, fix=used_data_fix("p")),
             # (told only "params[0]: expected ..., got ...")
             Misconception("applied-twice", "Each parameter moved twice as far as one step "
                           "takes it: the update by lr * p.grad was made twice (two lines that "
                           "each subtract it, or a second pass over the parameters), so one "
                           "call of sgd_step took two steps with the same gradient.",
                           _stepped_twice, fix="subtract lr * p.grad from each parameter once."),
             Misconception("ascent", "The parameters moved along their gradients, uphill: "
                           "p += lr * p.grad makes the loss grow. Gradient descent steps "
                           "against the gradient.", _ascent,
                           fix="subtract: p -= lr * p.grad."),
         )),
    Task("ex07", "clip_grad_norm", "scale all gradients down to a total norm of max_norm",
         _clip_cases, _clip_probe, source_rule=library_call(
             "clip_grad_norm", frozenset({"clip_grad_norm_"}), CLIP_CALLED), misconceptions=(
             Misconception("per-parameter", "Each gradient was clipped on its own: the norm is "
                           "the total over all parameters, sqrt of the sum of every element "
                           "squared, and one factor scales them all.", _clipped_each,
                           fix=PER_PARAMETER_FIX),
             # (each told only "returned total norm: expected ..., got ...", or another
             # mistake's sentence about how the norm is measured, by the first case)
             # (each written out: course release withholds a Misconception's variant where it is
             # written, and the helpers only variants use; one made in a loop kept them all)
             Misconception("per-parameter-last-norm",
                           PER_PARAMETER_RETURNED.format("the last gradient's norm alone"),
                           _clipped_each_last_norm, fix=PER_PARAMETER_FIX),
             Misconception("per-parameter-summed-norms",
                           PER_PARAMETER_RETURNED.format("the gradients' norms added up"),
                           _clipped_each_summed_norms, fix=PER_PARAMETER_FIX),
             Misconception("per-parameter-largest-norm",
                           PER_PARAMETER_RETURNED.format("the largest gradient's norm"),
                           _clipped_each_largest_norm, fix=PER_PARAMETER_FIX),
             Misconception("per-parameter-norm-after",
                           PER_PARAMETER_RETURNED.format("measured after clipping"),
                           _clipped_each_norm_after, fix=PER_PARAMETER_FIX),
             # (told only "returned total norm: expected a number, got a list")
             Misconception("per-parameter-norms-listed",
                           PER_PARAMETER_RETURNED.format("a list of norms, not one number"),
                           _clipped_each_norms_listed, fix=PER_PARAMETER_FIX),
             # (told only "returned total norm: expected a number, got a list")
             Misconception("norms-listed", "The norm returned was a list; clip_grad_norm "
                           "returns one number, the total norm of all the gradients together "
                           "from before clipping, as a Python float.", _norms_listed,
                           fix="return the total norm, float(total) or total.item()."),
             Misconception("always-rescaled", "Gradients whose total norm is already below "
                           "max_norm must stay as they are, but they were scaled too.",
                           _always_rescaled,
                           fix="scale only when the norm exceeds max_norm."),
             # (`if total < max_norm:`: told always-rescaled's sentence, untrue of its large
             # gradients, which it left alone)
             Misconception("comparison-reversed", "The gradients were scaled when their total "
                           "norm was below max_norm and left as they were when it exceeded it: "
                           "the comparison runs the wrong way. Clipping shrinks only gradients "
                           "whose norm is too large; smaller ones pass unchanged.",
                           _comparison_reversed,
                           fix="scale only when the total norm exceeds max_norm."),
             # (a return inside the scaling loop: told only "params[1].grad: expected ...")
             Misconception("first-only", "Only the first gradient was scaled; the others kept "
                           "their values, so their total norm stayed above max_norm. A return "
                           "statement inside the scaling loop ends the function during the "
                           "loop's first pass (as a loop that stops one short leaves the last "
                           "gradient out).", _first_only,
                           fix="scale every gradient first, and return once the loop is done."),
             Misconception("norm-after", "The total norm returned was measured after "
                           "clipping, but the one from before clipping tells how large the "
                           "gradients really were.", _norm_after,
                           fix="return the total norm from before clipping (as "
                           "torch.nn.utils.clip_grad_norm_ does)."),
             Misconception("summed-norms", "The parameters' norms were added up: the total "
                           "norm is that of all the gradients taken as one vector, sqrt of the "
                           "sum of every element squared (smaller than the sum of the norms).",
                           _summed_norms,
                           fix=SQUARED_NORMS_FIX),
             # (told only "returned total norm: expected 0.248213, got 0.118896")
             Misconception("sums-squared", "Each gradient's elements were added up before "
                           "squaring, so elements of opposite sign cancelled: the norm squares "
                           "every element first, each one a length that cannot cancel, then "
                           "adds the squares up.", _sums_squared, fix=L2_NORM_FIX),
             Misconception("mean-squares", "The norm sums the squares of every gradient "
                           "element; (g ** 2).mean() divides that sum by the number of elements, "
                           "so the total came out too small (and clipping too rare, too weak).",
                           _mean_squares,
                           fix="add the squares up, (g ** 2).sum(), then take one square root "
                           "of the total over all gradients."),
             Misconception("l1-norm", "The norm clip_grad_norm uses is the L2 norm, the "
                           "length of all the gradients as one vector: the square root of the "
                           "sum of their squares. Yours added up their absolute values (the L1 "
                           "norm), which is larger, so the total came out too large and the "
                           "clipping too strong.", _l1_norm, fix=L2_NORM_FIX),
             # (max(|g|): told only "returned total norm: expected 0.224, got 0.123")
             Misconception("largest-element", "The norm clip_grad_norm uses is the L2 norm, "
                           "to which every element of every gradient adds its square. Yours "
                           "took the largest absolute element alone (the max norm), which is "
                           "smaller, so the total came out too small and the clipping too rare "
                           "and too weak.", _largest_element, fix=L2_NORM_FIX),
             # (max(g.norm() for g in grads): told only "returned total norm: expected 0.224,
             # got 0.206")
             Misconception("largest-norm", "The norm clip_grad_norm compares with max_norm is "
                           "one total over every parameter's gradient, as if they were one "
                           "vector. Yours took the largest parameter's norm alone, which leaves "
                           "the other gradients out, so the total came out too small and the "
                           "clipping too rare and too weak.", _largest_norm,
                           fix=SQUARED_NORMS_FIX),
             Misconception("normalized", "The gradients were divided by their total norm, "
                           "which scales them to a norm of 1, not of max_norm: clipping shrinks "
                           "them to exactly max_norm.", _normalized,
                           fix="multiply by max_norm / total."),
             Misconception("no-square-root", "The sum of every gradient element squared is "
                           "the square of the total norm: without the square root, both the "
                           "value returned and the scale factor were wrong.", _no_square_root,
                           fix="take the square root of that sum (math.sqrt, or torch.sqrt "
                           "and .item())."),
             Misconception("upside-down", "The gradients grew instead of shrinking: the scale "
                           "factor was upside down, above 1 exactly when clipping is needed.",
                           _upside_down,
                           fix="scale by max_norm / total, which is below 1 when the total "
                           "exceeds max_norm."),
             Misconception("rebound-grad", "g = g * factor makes a new tensor and gives it "
                           "the name g: the gradients held in p.grad were left as they were.",
                           _rebound_grads,
                           fix="scale each gradient in place, `g *= factor` under "
                           "torch.no_grad() (or assign the scaled tensor back to p.grad)."),
             Misconception("scaled-params", "The parameters themselves were scaled: p *= "
                           "factor changes the weights, and their gradients were left as they "
                           "were. Clipping scales the gradients, p.grad, before the update uses "
                           "them.", _scaled_params,
                           fix="scale p.grad in place (p.grad *= factor), not p."),
             Misconception("clamped", "Each gradient element was clamped to [-max_norm, "
                           "max_norm]: that is clip_grad_value_, which bends the gradient's "
                           "direction. clip_grad_norm_ measures one total norm and scales every "
                           "gradient by the same factor, so the direction stays.", _clamped,
                           fix="compute the total norm over every gradient and, if it exceeds "
                           "max_norm, multiply all of them by max_norm / total."),
         )),
))
