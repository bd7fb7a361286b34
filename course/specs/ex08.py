"""ex08 detach: to numpy, a straight-through sign with a clipped gradient, a detached
target."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

import minigrad as torch
from course.compare import compare_facts
from course.probe import (
    Facts,
    array,
    backward_starts,
    fmt,
    grad_value,
    require,
    requires_grad,
    tensor,
    tensor_facts,
    value_facts,
    written_by_backward,
)
from course.specs import grader_out_of_reach
from course.tasks import Case, Misconception, Task


def _numpy_cases(rng: Any) -> list[Case]:
    return [{"label": f"t = a * 2, a = {fmt(a)} requiring grad", "a": a}
            for a in (rng.normal(size=n).round(3) for n in (2, 5))]


# Lesson 08's rule: detach() for a tensor's values without its history, never .data, which
# gives the same values but hides in-place changes from the version counter. Each task checks
# that its answer came without .data, as a fact of its own: expected False.
USED_DATA = "used .data"


# The class's .data is the process's: one block at a time puts it back as it found it. (The
# grader's own process runs the reference and the variants of several exercises in threads.)
_WATCHING = threading.Lock()


@contextlib.contextmanager
def _data_reads() -> Iterator[list[bool]]:
    """Notes each read of a tensor's ``.data`` that this thread makes while the block runs:
    the learner's call (any tensor's: a target made inside the call too, not only the
    arguments)."""
    reads: list[bool] = []
    owner = threading.get_ident()
    with _WATCHING:
        data = torch.Tensor.data

        def read(t: Any) -> Any:
            if threading.get_ident() == owner:  # (another thread's reads are not the call's)
                reads.append(True)
            return data.fget(t)

        torch.Tensor.data = property(read, data.fset, data.fdel, data.__doc__)
        try:
            yield reads
        finally:
            torch.Tensor.data = data


def _without_data(call: Callable[[], Any]) -> tuple[Any, bool]:
    """``call()``'s result, and whether it read any tensor's ``.data``."""
    with _data_reads() as reads:
        result = call()
    return result, bool(reads)


def _through_data(what: str) -> str:
    """The feedback for an answer right but for ``.data``: ``what`` says what was right and
    how .data came in."""
    return (f"{what} .data, which hides changes from autograd's version counter (lesson 08: "
            "use detach(), never .data).")


def _numpy_probe(fn: Any, case: Case) -> Facts:
    t = tensor(case["a"], requires_grad=True) * 2
    result, used = _without_data(lambda: require(fn, "to_numpy")(t))
    # t is the caller's: t.detach_() gave the values and cut t itself off its graph.
    return {**value_facts("result", result), USED_DATA: used,
            "t still on its graph after the call (t.requires_grad)": requires_grad(t)}


def _numpy_directly(t: Any) -> Any:
    return t.numpy()


def _numpy_through_data(t: Any) -> Any:
    return t.data.numpy()


def _returned_tensor(t: Any) -> Any:
    return t.detach()


def _detached_in_place(t: Any) -> Any:
    return t.detach_().numpy()


def _sign_cases(rng: Any) -> list[Case]:
    # The third, drawn last, has 8 values: with 6 of the first two cases' 10 at |x| in 0.5 to
    # 1.5, where round(x) is sign(x), the second alone told lessons-rounding from
    # identity-gradient at seed 29, and a learner who made it and slipped on that case was told
    # the other (course.told_apart).
    cases = []
    for n in (4, 6, 8):
        # Half inside (-1, 1), half outside, none at 0 (where sign is 0) or at +-1 exactly
        # (where the clipped gradient is a matter of convention).
        size = rng.permutation(np.r_[rng.uniform(0.1, 0.9, n // 2), rng.uniform(1.1, 3, n // 2)])
        x, v = (rng.choice([-1, 1], n) * size).round(3), rng.normal(size=n).round(3)
        cases.append({"label": f"x = {fmt(x)}, y = f(x), (y * {fmt(v)}).sum().backward()",
                      "x": x, "v": v})
    return cases


def _sign_probe(fn: Any, case: Case) -> Facts:
    x = tensor(case["x"], requires_grad=True)
    y, used = _without_data(lambda: require(fn, "straight_through_sign")(x))
    # First: x.detach() shares x's memory, so an in-place change to it is a change to x.
    facts: Facts = {"x after the call": array(x)}
    facts |= tensor_facts("y", y, "requires_grad")
    if facts.get("y.requires_grad"):
        (y * tensor(case["v"])).sum().backward()
    facts["x.grad"] = grad_value(x)
    facts[USED_DATA] = used
    return facts


def _sign_hint(case: Case, expected: Facts, got: Facts) -> str | None:
    """What a wrong answer no misconception fits points at. The gradient right and the values
    not: the detached correction. The values right and the gradient not: the first x where it
    differs, said as which side of the bounds it lies on (a clamp with other bounds, 0 and 1,
    -2 and 2 or one bound alone, has many forms and no misconception of its own)."""
    want, have = expected.get("x.grad"), got.get("x.grad")
    if not (isinstance(have, np.ndarray) and have.shape == np.shape(want)):
        return None
    differs = ~np.isclose(have, want, rtol=1e-4, atol=1e-5)
    if compare_facts({"y": expected.get("y")}, got) is not None:
        return None if differs.any() else (
            "your gradient is right, but the values are not sign(x)'s: what the detached part "
            "adds must turn the values of the part that carries the gradient into sign(x).")
    if not differs.any():
        return None
    at = float(case["x"][np.argmax(differs)])
    if abs(at) > 1:
        return (f"your gradient reaches x where x = {at:g}, outside -1 <= x <= 1, where the "
                "clipped estimator passes none: look at where the function that carries your "
                "gradient has slope 1.")
    return (f"your gradient at x = {at:g}, inside -1 <= x <= 1, is not the gradient that "
            "arrived: there the clipped estimator passes it on unchanged, slope 1. Look at "
            "where the function that carries your gradient has slope 1.")


def _identity_straight_through(x: Any) -> Any:
    return x + (torch.sign(x) - x).detach()


def _plain_sign(x: Any) -> Any:
    return torch.sign(x)


def _detached_everything(x: Any) -> Any:
    clipped = torch.clamp(x, -1.0, 1.0)
    return (clipped + (torch.sign(x) - clipped)).detach()


def _mask_on_the_values(x: Any) -> Any:
    return (x + (torch.sign(x) - x).detach()) * (x.abs() <= 1).float()


def _wrong_part_detached(x: Any) -> Any:
    clipped = torch.clamp(x, -1.0, 1.0)
    return clipped.detach() + (torch.sign(x) - clipped)  # the gradient flows through -clipped


def _changed_x(x: Any) -> Any:
    signs = x.detach()  # x's own memory: the assignments below overwrite x
    signs[signs > 0] = 1.0
    signs[signs < 0] = -1.0
    clipped = torch.clamp(x, -1.0, 1.0)
    return clipped + (signs - clipped).detach()


def _correction_through_data(x: Any) -> Any:
    clipped = torch.clamp(x, -1.0, 1.0)
    return clipped + (torch.sign(x) - clipped).data


def _clamp_alone(x: Any) -> Any:
    return torch.clamp(x, -1.0, 1.0)


def _x_under_a_clamped_correction(x: Any) -> Any:
    """The correction made for the clamp, added to x itself: outside [-1, 1] it is not
    cancelled, and x's gradient is 1 there."""
    return x + (torch.sign(x) - torch.clamp(x, -1.0, 1.0)).detach()


def _sign_plus_clamp(x: Any) -> Any:
    return torch.sign(x).detach() + torch.clamp(x, -1.0, 1.0)  # clamp's values added, not cancelled


def _lessons_rounding(x: Any) -> Any:
    return x + (x.round() - x).detach()


def _tanh_surrogate(x: Any) -> Any:
    soft = torch.tanh(x)
    return soft + (torch.sign(x) - soft).detach()


def _td_cases(rng: Any) -> list[Case]:
    cases = []
    for n in (4, 6):
        w, x, nxt, r = (rng.normal(size=s).round(3) for s in (3, (n, 3), (n, 3), n))
        cases.append({"label": f"w = {fmt(w)}, {n} transitions, gamma = 0.9",
                      "w": w, "x": x, "x_next": nxt, "r": r})
    return cases


# How the gradient came: the task is autograd's, through a detached target, so backward() must
# have written w.grad. A gradient worked out by hand (2/n * x.T @ (q - target)) needs no
# detach() at all, and autograd.grad leaves w.grad alone: both once passed.
FILLED_BY_BACKWARD = "backward() wrote w.grad"
# ... from the loss: x requires grad, so backward() on the loss also sends a gradient to x
# through the prediction q = x @ w. A gradient worked out by hand and handed to backward()
# (w.backward(g), or a surrogate (w * g).sum()) wrote w.grad too, and passed (red team 15):
# it sends nothing to x. Read only where backward() wrote it, not an x.grad assigned by hand.
THROUGH_PREDICTION = "the gradient backward() sent to x through the prediction q = x @ w"
# ... and from the loss itself: backward() from q = x @ w, handed the loss's last step worked
# out by hand (q.backward(2 / n * (q - target))), sends both, and passed (red team 16).
# (Where no backward() sent x a gradient, the fact above differs already.)
FROM_THE_LOSS = "the backward() that sent x its gradient started from the loss (one number)"


def _td_probe(fn: Any, case: Case) -> Facts:
    w = tensor(case["w"], requires_grad=True)
    x = tensor(case["x"], requires_grad=True)
    starts: dict[int, bool] = {}
    into_w, into_x = written_by_backward(w, starts), written_by_backward(x, starts)
    args = (tensor(case["x_next"]), tensor(case["r"]), 0.9)
    (grad, used), unseen = backward_starts(
        lambda: _without_data(lambda: require(fn, "td_grad")(w, x, *args)), starts)
    # What td_grad returned, named as that: it need not be w.grad (a list, None, the loss).
    return {**value_facts("returned", grad), FILLED_BY_BACKWARD: bool(into_w),
            THROUGH_PREDICTION: grad_value(x) if into_x else None, USED_DATA: used,
            FROM_THE_LOSS: all(into_x) and unseen is None}


def _summed(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    (((x @ w) - (r + gamma * (x_next @ w)).detach()) ** 2).sum().backward()
    return w.grad


def _halved(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    (0.5 * (((x @ w) - (r + gamma * (x_next @ w)).detach()) ** 2).mean()).backward()
    return w.grad


def _prediction_detached(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    (((x @ w).detach() - (r + gamma * (x_next @ w))) ** 2).mean().backward()
    return w.grad


def _target_through_data(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    (((x @ w) - (r + gamma * (x_next @ w)).data) ** 2).mean().backward()
    return w.grad


def _target_not_detached(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    (((x @ w) - (r + gamma * (x_next @ w))) ** 2).mean().backward()
    return w.grad


def _by_hand(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    with torch.no_grad():
        return 2 / len(r) * x.T @ (x @ w - (r + gamma * (x_next @ w)))


def _hand_gradient_into_backward(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    with torch.no_grad():
        g = 2 / len(r) * x.T @ (x @ w - (r + gamma * (x_next @ w)))
    w.backward(g)  # w.grad = g, written by backward(), the loss never differentiated
    return w.grad


def _last_step_by_hand(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    q = x @ w
    with torch.no_grad():
        dloss_dq = 2 / len(r) * (q - (r + gamma * (x_next @ w)))
    q.backward(dloss_dq)  # backward() from q, the loss's own last step never differentiated
    return w.grad


def _no_backward(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    ((x @ w) - (r + gamma * (x_next @ w)).detach()) ** 2  # the loss, and nothing asked of it
    return w.grad


def _returned_backward(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    return (((x @ w) - (r + gamma * (x_next @ w)).detach()) ** 2).mean().backward()


def _backward_of(loss: Any, w: Any) -> Any:
    loss.backward()
    return w.grad


def _gamma_left_out(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    return _backward_of(((x @ w - (r + x_next @ w).detach()) ** 2).mean(), w)


def _target_from_x(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    return _backward_of(((x @ w - (r + gamma * (x @ w)).detach()) ** 2).mean(), w)


def _absolute_errors(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    return _backward_of((x @ w - (r + gamma * (x_next @ w)).detach()).abs().mean(), w)


def _mean_then_squared(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    return _backward_of((x @ w - (r + gamma * (x_next @ w)).detach()).mean() ** 2, w)


def _backward_twice(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    loss = ((x @ w - (r + gamma * (x_next @ w)).detach()) ** 2).mean()
    loss.backward(retain_graph=True)
    return _backward_of(loss, w)


def _returned_loss(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    loss = (((x @ w) - (r + gamma * (x_next @ w)).detach()) ** 2).mean()
    loss.backward()
    return loss


TASKS = grader_out_of_reach.kept_out((
    Task("ex08", "to_numpy", "a numpy array from a tensor that requires grad",
         _numpy_cases, _numpy_probe, misconceptions=(
             Misconception("numpy-on-tracked", "numpy() refuses a tensor that requires grad.",
                           _numpy_directly,
                           fix="detach the tensor first, t.detach().numpy()."),
             Misconception("through-data", _through_data("The values are right, but they "
                                                         "came through"),
                           _numpy_through_data, fix="use t.detach().numpy()."),
             Misconception("returned-tensor", "detach() alone still gives a Tensor, not a "
                           "numpy array.", _returned_tensor,
                           fix="call .numpy() on the detached tensor."),
             Misconception("detached-in-place", "The values are right, but detach_() cut "
                           "the caller's own t off its graph: t no longer requires grad, so "
                           "a loss computed from t afterwards has no path back to what t was "
                           "computed from. detach() (no underscore) gives a new tensor and "
                           "leaves t as it was.", _detached_in_place,
                           fix="t.detach().numpy()."),
         )),
    Task("ex08", "straight_through_sign", "sign with a clipped straight-through gradient",
         _sign_cases, _sign_probe, hint=_sign_hint, misconceptions=(
             Misconception("identity-gradient", "This is lesson 08's straight-through "
                           "estimator, whose gradient is 1 everywhere; the clipped one passes "
                           "the gradient only where -1 <= x <= 1.", _identity_straight_through,
                           fix="in place of x, use a function of x whose gradient is exactly 1 "
                           "where -1 <= x <= 1 and 0 elsewhere: torch.clamp(x, -1, 1) has "
                           "that gradient."),
             # (c + (torch.sign(x) - c), the correction left in the graph, got this text
             # alone, of a torch.sign its learner had made no mistake with)
             Misconception("plain-sign", "torch.sign has zero gradient everywhere, so no "
                           "gradient reaches x through it. (And c + (torch.sign(x) - c), with "
                           "nothing detached, is torch.sign(x) to autograd too: the gradients "
                           "of c's two uses cancel.)", _plain_sign,
                           fix="keep the values of sign(x), but take the gradient from another "
                           "function of x, adding sign(x) minus that function as a detached "
                           "correction (lesson 08's straight-through trick)."),
             Misconception("detached-everything", "Detaching the whole result, or x itself "
                           "before anything is computed from it, cuts x off the graph: no "
                           "gradient reaches it.", _detached_everything,
                           fix="detach only the correction that turns the function's values "
                           "into sign(x)."),
             Misconception("mask-on-values", "Multiplying the result by the mask |x| <= 1 "
                           "zeroes the values outside [-1, 1] too, not only their gradient: "
                           "y must be sign(x) everywhere.", _mask_on_the_values,
                           fix="let the mask act on the part that carries the gradient, or use "
                           "a function whose gradient is that mask."),
             Misconception("clamp-alone", "The gradient is right, but the values are "
                           "those of the function that gives it, not sign(x)'s: y is to have "
                           "sign(x)'s values and that function's gradient.", _clamp_alone,
                           fix="keep clamp for the gradient and add sign(x) minus it as a "
                           "detached correction (lesson 08's straight-through trick)."),
             # (told only "y: expected [-1., ...], got [-1.325, ...]")
             Misconception("clamp-added", "The gradient is right, but the values are sign(x) "
                           "plus those of the function that carries the gradient: the detached "
                           "correction is sign(x) minus that function, so that adding it to "
                           "the function leaves sign(x)'s values alone.", _sign_plus_clamp,
                           fix="torch.clamp(x, -1, 1) + (torch.sign(x) - torch.clamp(x, -1, "
                           "1)).detach()."),
             # (x + (torch.sign(x) - torch.clamp(x, -1, 1)).detach(): told only "y: expected
             # [-1., -1., 1., -1.], got [-1., -2.767, 1., -1.173]", the values and the gradient
             # both wrong, so no hint either)
             Misconception("correction-on-x", "The detached correction subtracts the function "
                           "whose gradient you want, but it was added to x itself, not to that "
                           "function. Outside [-1, 1], where the two differ, nothing cancels "
                           "and y is x itself, not sign(x); and x's gradient, 1 everywhere, "
                           "reaches x there, where the clipped estimator passes none. The "
                           "correction must be added to the very part it subtracts.",
                           _x_under_a_clamped_correction,
                           fix="add the correction to the part it subtracts, the function of "
                           "x with gradient 1 only inside [-1, 1], in place of x."),
             Misconception("lessons-rounding", "This is lesson 08's straight-through "
                           "rounding as it stands: its values are round(x), not sign(x), and "
                           "its gradient is 1 everywhere.", _lessons_rounding,
                           fix="keep the trick, with sign(x) in place of round(x) and, in place "
                           "of x, a function of x whose gradient is 1 only where -1 <= x <= 1."),
             Misconception("tanh-surrogate", "tanh's gradient, 1 - tanh(x)**2, is a smooth "
                           "surrogate; the clipped estimator's is exactly 1 inside [-1, 1] and 0 "
                           "outside: which function of x has that gradient?", _tanh_surrogate,
                           fix="use torch.clamp(x, -1, 1) in place of tanh: its gradient is 1 "
                           "inside [-1, 1] and 0 outside."),
             Misconception("wrong-part-detached", "The gradient is the right one with its "
                           "sign flipped: the detach() is on the part meant to carry the "
                           "gradient, so the gradient flows through sign(x) minus that part, "
                           "whose slope is 0 - 1 inside [-1, 1]. detach() goes on the part "
                           "that only corrects the values.",
                           _wrong_part_detached,
                           fix="detach the correction (sign(x) minus the part carrying the "
                           "gradient) and leave the part carrying the gradient in the graph."),
             Misconception("changed-x", "x.detach() shares x's memory: changing it in place "
                           "(t[t > 0] = 1, ...) changed x itself, the caller's tensor, and "
                           "everything computed from x afterwards.", _changed_x,
                           fix="compute the signs out of place, torch.sign(x) (detach that, "
                           "if you like), or change a copy: x.detach().clone()."),
             Misconception("through-data", _through_data("The values and the gradient are "
                                                         "right, but your function read"),
                           _correction_through_data,
                           fix="use .detach() where you used .data."),
         )),
    Task("ex08", "td_grad", "a loss against a detached target", _td_cases, _td_probe,
         misconceptions=(
             # (Also a target.detach() whose result is dropped, as if detach() changed
             # target in place: the same gradient, so the same text says both.)
             Misconception("target-not-detached", "The target must act as a constant, but a "
                           "gradient flowed through it. (detach() returns a new tensor and "
                           "leaves the one it is called on as it was: a detach() whose result "
                           "the loss does not use cuts nothing; and x_next and r are data, "
                           "with no graph to cut: the target reaches w through x_next @ w.)",
                           _target_not_detached,
                           fix="detach the target so no gradient flows through it."),
             Misconception("prediction-detached", "The prediction q = x @ w was detached "
                           "in place of the target: the gradient then flowed only through the "
                           "target, the part meant to act as a constant.", _prediction_detached,
                           fix="keep q = x @ w in the graph and detach r + gamma * "
                           "(x_next @ w)."),
             Misconception("halved", "The loss was halved (0.5 * ...), which some books do to "
                           "cancel the square's factor 2; the docstring's loss is not, so "
                           "the gradient came out half as large.", _halved,
                           fix="use the docstring's loss as written."),
             # (these five told only "returned: expected ..., got ...")
             Misconception("gamma-left-out", "gamma was left out of the target: r + gamma * "
                           "(x_next @ w) discounts the next state's value by gamma, which "
                           "r + x_next @ w does not.", _gamma_left_out,
                           fix="target = r + gamma * (x_next @ w), detached."),
             Misconception("target-from-x", "The target was computed from x, the states the "
                           "transitions start in; it values the next states, x_next: "
                           "r + gamma * (x_next @ w).", _target_from_x,
                           fix="use x_next @ w in the target."),
             Misconception("absolute-errors", "The errors' absolute values were averaged, "
                           ".abs().mean(), the L1 loss; the docstring's loss squares each "
                           "error, ((q - target) ** 2).mean().", _absolute_errors,
                           fix="square the errors, ** 2, in place of .abs()."),
             Misconception("mean-then-squared", "The mean was squared, not the errors: "
                           "(q - target).mean() ** 2 lets errors of opposite signs cancel. The "
                           "docstring's loss squares each error first, then averages.",
                           _mean_then_squared,
                           fix="use ((q - target) ** 2).mean(): each error squared, then "
                           "the mean."),
             Misconception("backward-twice", "backward() ran twice: each run adds its "
                           "gradient into w.grad, so it came out doubled.", _backward_twice,
                           fix="call backward() once."),
             Misconception("sum-not-mean", "The loss is the mean over the transitions: .sum() "
                           "scales the gradient by their number.", _summed,
                           fix="use .mean(), as the docstring's loss does."),
             Misconception("through-data", _through_data("The gradient is right, but the "
                                                         "target was held fixed through"),
                           _target_through_data, fix="use .detach() where you used .data."),
             Misconception("not-by-backward", "The gradient is right, but no backward() wrote "
                           "it into w.grad: the task is autograd's gradient of the loss, with "
                           "the target held fixed by detach(). A gradient worked out by hand "
                           "needs no detach(), and torch.autograd.grad returns one without "
                           "storing it.", _by_hand,
                           fix="build the loss with a detached target, call loss.backward() "
                           "and return w.grad."),
             Misconception("hand-gradient-into-backward", "backward() wrote w.grad, but no "
                           "gradient reached x through the prediction q = x @ w, as one does "
                           "when the loss is differentiated: the gradient was worked out by "
                           "hand and handed to backward() (or backward() was limited to "
                           "inputs=[w]). The task is autograd's gradient of the loss, with the "
                           "target held fixed by detach().", _hand_gradient_into_backward,
                           fix="build the loss with a detached target, call loss.backward() "
                           "with no inputs= (x requires grad here too) and return w.grad."),
             Misconception("last-step-by-hand", "The gradient is right, but backward() "
                           "started from the prediction q = x @ w, handed the loss's last step "
                           "worked out by hand: the loss itself was never differentiated, and "
                           "no detach() held its target fixed. The task is autograd's gradient "
                           "of the loss (lesson 08).", _last_step_by_hand,
                           fix="build the loss with a detached target and call loss.backward(), "
                           "with no gradient argument."),
             Misconception("no-backward", "w.grad is None: nothing called backward(), so "
                           "autograd has computed no gradient yet.", _no_backward,
                           fix="call backward() on the loss before returning w.grad."),
             Misconception("returned-backward", "backward() ran, but td_grad returned None: "
                           "what backward() returns, or the .grad of a tensor backward() never "
                           "reaches (w rebound to w.detach() is a new tensor, whose .grad stays "
                           "None). backward() leaves the gradient in the caller's w.grad and "
                           "returns nothing.", _returned_backward,
                           fix="call loss.backward() on a line of its own, then return w.grad."),
             Misconception("returned-loss", "This is the loss itself: backward() leaves the "
                           "gradient of the loss in w.grad, and that is what td_grad returns.",
                           _returned_loss, fix="return w.grad after loss.backward()."),
         )),
))
