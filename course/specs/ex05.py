"""ex05 accumulation: which graphs survive a second backward; backward n times through one
graph with retain_graph; micro-batches (the last one smaller) = the full batch."""

from __future__ import annotations

from typing import Any

import numpy as np

import minigrad as torch
from course.probe import (
    Facts,
    Walks,
    array,
    arriving_gradients,
    arriving_values,
    fmt,
    grad_value,
    require,
    returned_gradients,
    tensor,
    value_facts,
)
from course.specs import grader_out_of_reach
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
    fresh = tensor(case["x"], requires_grad=True)
    (dy_dx,) = torch.autograd.grad(EXPRESSIONS[case["expr"]][1](fresh), fresh)  # y's gradient
    arrived = arriving_gradients(x)  # one gradient per backward() that reaches x
    by_grad = returned_gradients(x)  # (of those, each autograd.grad's: it stores nothing)
    sent = arriving_values(x)
    walks = Walks()
    walks.add(y)
    through_y = walks.arriving_through(x)
    returned, _ = walks.watched(lambda: require(fn, "grad_after_n")(y, x, case["n"]))
    # After the value: n times one gradient, made by hand or by one backward() seeded with n,
    # has the right numbers but never let backward() accumulate.
    facts = value_facts("x.grad", returned) | {"backward() calls that reached x": len(arrived)}
    # And left in x.grad: torch.autograd.grad called n times, its gradients added by hand to
    # a copy of x.grad, returned the right numbers with the right count (autograd.grad
    # reaches x too) and scored 1/1, x.grad untouched.
    facts["x.grad after the call"] = grad_value(x)
    # Red team 19 stored that sum in x.grad itself, and scored 1/1 again.
    facts["torch.autograd.grad calls that reached x"] = by_grad.count(True)
    # Last: each of them must bring y's own gradient. Red team 16 seeded one with n and made
    # up the count with backward() of (x * 0).sum(), which sends x zeros, and scored 1/1.
    # (Only where the count is right: a wrong count is the difference, and its mistake named.)
    if len(arrived) == case["n"]:
        facts[OTHER_GRADIENTS] = sum(g is None or g.shape != array(dy_dx).shape
                                     or not np.allclose(g, array(dy_dx), rtol=1e-5,
                                                        atol=1e-6) for g in sent)
        # And come back through y: one y.backward() and then x.backward(g) n - 1 times, g
        # the first call's gradient, sent y's gradient n times through no graph at all (no
        # retain_graph needed, the lesson's point missed) and scored 1/1.
        facts[NOT_THROUGH_Y] = through_y.count(False)
    return facts


OTHER_GRADIENTS = "backward() calls that sent x something other than y's gradient"
NOT_THROUGH_Y = "backward() calls that reached x not back through y (x.backward() itself?)"


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


def _one_short(y: Any, x: Any, n: int) -> Any:
    for _ in range(n - 1):  # the retaining calls, but not the last one
        y.backward(retain_graph=True)
    return x.grad


def _returned_y_grad(y: Any, x: Any, n: int) -> Any:
    for _ in range(n):
        y.backward(retain_graph=True)
    return y.grad  # None: y is no leaf (minigrad warns, as PyTorch does)


def _multiplied(y: Any, x: Any, n: int) -> Any:
    y.backward()
    return x.grad * n  # n times (earlier gradient + this one): accumulation never used


def _rebuilt_example(y: Any, x: Any, n: int) -> Any:
    for _ in range(n):
        y = (x**3).sum()  # the docstring's example, rebuilt to dodge the freed graph
        y.backward()
    return x.grad


def _scaled_once(y: Any, x: Any, n: int) -> Any:
    y.backward(torch.tensor(float(n)))  # one backward() carrying n times the gradient
    return x.grad


def _autograd_grad(y: Any, x: Any, n: int) -> Any:
    total = x.grad.clone() if x.grad is not None else torch.zeros_like(x)
    for _ in range(n):
        (g,) = torch.autograd.grad(y, x, retain_graph=True)  # stores nothing in x.grad
        total = total + g
    return total


def _autograd_grad_stored(y: Any, x: Any, n: int) -> Any:
    x.grad = _autograd_grad(y, x, n)
    return x.grad


def _one_extra(y: Any, x: Any, n: int) -> Any:
    for _ in range(n):
        y.backward(retain_graph=True)
    y.backward()  # the call after the loop, with the loop already making all n
    return x.grad


# Micro-batches of `size` samples, the last holding what is left: (samples, size) of each case.
# The first cases end in a smaller micro-batch (where the lesson's equal split goes wrong);
# the last splits evenly.
BATCHES = ((10, 4), (11, 3), (12, 5), (12, 4))


def _batch_cases(rng: Any) -> list[Case]:
    cases = []
    for n, size in BATCHES:
        w, xs, ys = rng.normal(size=3).round(3), rng.normal(size=(n, 3)), rng.normal(size=n)
        cases.append({"label": f"w = {fmt(w)}, {n} samples, micro-batches of {size}",
                      "w": w, "xs": xs.round(3), "ys": ys.round(3), "size": size})
    return cases


def _parts(n: int, size: int) -> list[slice]:
    return [slice(start, start + size) for start in range(0, n, size)]


def _covered(case: Case, grad: Any) -> str:
    """Which rows of the batch one backward() went through, told by the direction of the
    gradient it sent to w (any scale: weighing each micro-batch, or afterwards, is the
    learner's choice): a micro-batch of the docstring's split, the whole batch, or else any
    other run of consecutive rows (micro-batches cut from the end, of another size), named by
    its rows so the learner sees where the split went another way."""
    xs, ys, w = case["xs"], case["ys"], case["w"]
    n = len(ys)
    slices = _parts(n, case["size"])
    parts = {f"micro-batch {i + 1} of {len(slices)}": rows for i, rows in enumerate(slices)}
    parts["the whole batch"] = slice(None)
    parts |= {f"rows {a} to {b - 1}, not a micro-batch of the docstring's split": slice(a, b)
              for a in range(n) for b in range(a + 1, n + 1)}
    g = np.asarray(grad, dtype=np.float64).ravel()
    for name, rows in parts.items():
        d = xs[rows].T @ (xs[rows] @ w - ys[rows])  # its loss's gradient, up to a factor
        norms = np.linalg.norm(g) * np.linalg.norm(d)
        if g.shape == d.shape and norms > 0 and g @ d / norms > 1 - 1e-6:
            return name
    return "no run of consecutive rows"


def _batch_probe(fn: Any, case: Case) -> Facts:
    w = tensor(case["w"], requires_grad=True)
    arrived = arriving_gradients(w)  # how w.grad was reached: one gradient per backward()
    by_grad = returned_gradients(w)  # (of those, each autograd.grad's: it stores nothing)
    returned = require(fn, "accumulate")(w, tensor(case["xs"]), tensor(case["ys"]),
                                         case["size"])
    return {**value_facts("returned", returned), "w.grad": grad_value(w),
            "backward() calls that reached w": len(arrived),
            # sorted: the order of the micro-batches is free
            "what each backward() went through": sorted(_covered(case, array(g))
                                                        for g in arrived),
            # Red team 19 summed torch.autograd.grad's into w.grad by hand and scored 1/1.
            "torch.autograd.grad calls that reached w": by_grad.count(True)}


def _micro_batches(w: Any, xs: Any, ys: Any, size: int, weight: Any, zero: bool = False,
                   parts: list[slice] | None = None) -> None:
    """backward() of each micro-batch's mean times ``weight(its size, samples, parts)``."""
    parts = _parts(len(ys), size) if parts is None else parts
    for rows in parts:
        if zero:
            w.grad = None
        xb, yb = xs[rows], ys[rows]
        (((xb @ w - yb) ** 2).mean() * weight(len(yb), len(ys), len(parts))).backward()


def _overlapping(w: Any, xs: Any, ys: Any, size: int) -> None:
    """A micro-batch starting at every sample (range without its step), each weighed by its
    share of the samples: every sample counted in up to size micro-batches."""
    n = len(ys)
    _micro_batches(w, xs, ys, size, lambda m, n, k: m / n,
                   parts=[slice(start, start + size) for start in range(n)])


def _slice_one_short(w: Any, xs: Any, ys: Any, size: int) -> None:
    """Micro-batches sliced start:start + size - 1, as if the end were included: each loses its
    last sample."""
    n = len(ys)
    _micro_batches(w, xs, ys, size, lambda m, n, k: m / n,
                   parts=[slice(start, start + size - 1) for start in range(0, n, size)])


def _from_the_end(w: Any, xs: Any, ys: Any, size: int) -> None:
    """Micro-batches of size cut from the end, the first holding what is left, each weighed
    by its share of the samples: w.grad is right, the split is not the docstring's."""
    n = len(ys)
    parts = [slice(max(stop - size, 0), stop) for stop in range(n, 0, -size)]
    _micro_batches(w, xs, ys, size, lambda m, n, k: m / n, parts=parts)


def _chunked_into_size(w: Any, xs: Any, ys: Any, size: int) -> None:
    """xs.chunk(size), read as pieces of size rows: it makes size pieces (of
    ceil(len(ys) / size) rows, the last holding what is left), each weighed by its share."""
    rows = -(-len(ys) // size)  # rounded up
    _micro_batches(w, xs, ys, size, lambda m, n, k: m / n, parts=_parts(len(ys), rows))


def _divided_by_count(w: Any, xs: Any, ys: Any, size: int) -> None:
    _micro_batches(w, xs, ys, size, lambda m, n, k: 1 / k)


def _divided_by_full_count(w: Any, xs: Any, ys: Any, size: int) -> None:
    """Each micro-batch's mean divided by len(ys) // size, the lesson's k: the full ones only."""
    _micro_batches(w, xs, ys, size, lambda m, n, k: 1 / (n // size))


def _weighed_by_size(w: Any, xs: Any, ys: Any, size: int) -> None:
    _micro_batches(w, xs, ys, size, lambda m, n, k: size / n)  # size, not the part's own m


# A sample count read from a batch's shape[1]: one text whichever count it stood for.
COLUMNS_FOR_ROWS = ("A number of samples was read from shape[1], the number of columns: each "
                    "sample's features. A batch holds one sample per row, so its number of "
                    "samples is shape[0], or len(yb).")


def _columns_for_rows(w: Any, xs: Any, ys: Any, size: int) -> None:
    """Each micro-batch's share taken as xb.shape[1] / len(ys): xb's columns, each sample's
    features, counted for its rows."""
    features = xs.shape[1]
    _micro_batches(w, xs, ys, size, lambda m, n, k: features / n)


def _columns_for_all_rows(w: Any, xs: Any, ys: Any, size: int) -> None:
    """Each micro-batch's share taken as its size over xs.shape[1], the features, for len(ys)."""
    features = xs.shape[1]
    _micro_batches(w, xs, ys, size, lambda m, n, k: m / features)


def _lessons_loop(w: Any, xs: Any, ys: Any, size: int) -> None:
    """Lesson 05's loop as it stands, given k = len(ys) // size: k equal parts of
    len(ys) // k samples, what does not divide evenly left out."""
    k = len(ys) // size
    m = len(ys) // k
    _micro_batches(w, xs, ys, size, lambda m, n, k: 1 / k, parts=_parts(k * m, m))


def _last_left_out(w: Any, xs: Any, ys: Any, size: int) -> None:
    """Micro-batches of size, but only len(ys) // size of them, each weighed 1 / that many."""
    k = len(ys) // size
    _micro_batches(w, xs, ys, size, lambda m, n, k: 1 / k, parts=_parts(k * size, size))


def _last_left_out_weighed(w: Any, xs: Any, ys: Any, size: int) -> None:
    """The same, each weighed by its share of the samples, as the full batch's mean asks."""
    k = len(ys) // size
    _micro_batches(w, xs, ys, size, lambda m, n, k: m / n, parts=_parts(k * size, size))


def _summed(w: Any, xs: Any, ys: Any, size: int) -> None:
    for rows in _parts(len(ys), size):
        ((xs[rows] @ w - ys[rows]) ** 2).sum().backward()


def _unscaled(w: Any, xs: Any, ys: Any, size: int) -> None:
    _micro_batches(w, xs, ys, size, lambda m, n, k: 1)


def _divided_by_size(w: Any, xs: Any, ys: Any, size: int) -> None:
    _micro_batches(w, xs, ys, size, lambda m, n, k: 1 / m)


def _sum_over_size(w: Any, xs: Any, ys: Any, size: int) -> None:
    """Each micro-batch's sum of squares over ``size``: its mean where it is full."""
    _micro_batches(w, xs, ys, size, lambda m, n, k: m / size)


def _zeroed_between(w: Any, xs: Any, ys: Any, size: int) -> None:
    _micro_batches(w, xs, ys, size, lambda m, n, k: m / n, zero=True)


def _zeroed_after_each(w: Any, xs: Any, ys: Any, size: int) -> None:
    """A training loop's zero_grad() habit carried in, after each backward(): whatever the
    weights, w.grad ends as zeros."""
    for rows in _parts(len(ys), size):
        (((xs[rows] @ w - ys[rows]) ** 2).mean() * len(ys[rows]) / len(ys)).backward()
        w.grad.zero_()


def _floor_divided(w: Any, xs: Any, ys: Any, size: int) -> None:
    """Each micro-batch's share written len(yb) // len(ys): rounded down to 0, so every
    backward() sends w zeros (as 1 // the number of micro-batches would)."""
    _micro_batches(w, xs, ys, size, lambda m, n, k: m // n)


def _one_backward(w: Any, xs: Any, ys: Any, size: int) -> None:
    ((xs @ w - ys) ** 2).mean().backward()


def _losses_added_first(w: Any, xs: Any, ys: Any, size: int) -> None:
    """The micro-batch means averaged into one loss, as the lesson's k equal ones would be,
    and one backward() of it."""
    losses = [((xs[rows] @ w - ys[rows]) ** 2).mean() for rows in _parts(len(ys), size)]
    (sum(losses) / len(losses)).backward()


def _autograd_grad_summed(w: Any, xs: Any, ys: Any, size: int) -> None:
    """Each micro-batch's gradient by torch.autograd.grad, rightly weighed, and their sum
    stored in w.grad by hand."""
    total = torch.zeros_like(w)
    for rows in _parts(len(ys), size):
        loss = ((xs[rows] @ w - ys[rows]) ** 2).mean() * (len(ys[rows]) / len(ys))
        total = total + torch.autograd.grad(loss, w)[0]
    w.grad = total


def _whole_batch_each_time(w: Any, xs: Any, ys: Any, size: int) -> None:
    for _ in _parts(len(ys), size):
        (((xs @ w - ys) ** 2).mean() / len(_parts(len(ys), size))).backward()


def _whole_batch_each_time_unscaled(w: Any, xs: Any, ys: Any, size: int) -> None:
    loss = ((xs @ w - ys) ** 2).mean()
    for _ in _parts(len(ys), size):
        loss.backward(retain_graph=True)


WHOLE_BATCH = "Each backward() went through the whole batch, not through a micro-batch of its own."
WHOLE_BATCH_FIX = ("split xs and ys into consecutive parts of size samples and give each "
                   "backward() only its own part's loss.")


# The last, smaller micro-batch left out (range(len(ys) // size)): one mistake whatever the
# weights, so one text for both variants.
LAST_LEFT_OUT = ("The last, smaller micro-batch was left out: range(len(ys) // size) counts only "
                 "the full ones, so the samples after them never reach a backward().")
LAST_LEFT_OUT_FIX = ("take micro-batches up to the end, starting at range(0, len(ys), size) "
                     "(slicing past the end is fine).")

# What every weighting mistake is to change: each micro-batch's mean counts as its share.
SHARE = ("weigh each micro-batch's mean by its share of the samples, len(yb) / len(ys) (or "
         "divide its sum of squares by len(ys)).")


# Gradients by torch.autograd.grad, added up by hand (grad_after_n's x, accumulate's w): what
# it misses.
_BY_AUTOGRAD_GRAD = ("torch.autograd.grad returns a gradient without adding it to {t}.grad, so "
                     "the adding up was yours, not backward()'s. The task is to see .grad "
                     "accumulate.")
_BY_BACKWARD = ("call y.backward() n times (retain_graph=True on all but the last) and return "
                "x.grad.")


TASKS = grader_out_of_reach.kept_out((
    predict_task("ex05", "predict_twice", "predict which graphs survive a second backward()",
                 {g: ("survives",) for g in GRAPHS}, label="the graphs in the docstring",
                 misconceptions=(
             Misconception("all-fail", "A graph whose nodes saved no tensor (sum, mean, "
                           "adding a constant or another tracked tensor) has nothing to free: "
                           "a second backward() runs and adds to .grad again.", _all_fail),
             Misconception("constant-factor", "x * 3 saves its other factor, the constant 3, "
                           "for backward (the derivative with respect to x is that factor), "
                           "so it too is freed.", _constant_factor_saves_nothing),
             Misconception("all-survive", "backward() frees the tensors nodes saved for it "
                           "(x for x ** 2, the result for exp, the other factor for *): a "
                           "second backward() through such a node raises.", _all_survive),
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
             Misconception("returned-y-grad", "That is y.grad, which is None: y is no leaf, "
                           "so backward() keeps no gradient for it (the warning printed says "
                           "so). The gradients the task asks for accumulate in x.grad.",
                           _returned_y_grad, fix="return x.grad."),
             Misconception("multiplied", "x.grad after one backward(), times n: only one "
                           "backward() ran, and what x.grad held before (from earlier work) was "
                           "multiplied by n too.", _multiplied,
                           fix="call backward n times (retain_graph=True) and let the "
                           "gradients accumulate."),
             Misconception("cleared-first", "x.grad was cleared before the backward() calls: "
                           "what it already held (from earlier work) must stay, the way "
                           "backward() keeps it.", _cleared_first,
                           fix="just call backward() n times."),
             Misconception("one-short", "backward() ran n - 1 times, not n: x.grad holds "
                           "one gradient too few (a loop over range(n - 1) or range(1, n), "
                           "with no call after it).", _one_short,
                           fix="after the n - 1 calls with retain_graph=True, call backward() "
                           "once more (or make all n calls with retain_graph=True)."),
             Misconception("one-extra", "backward() ran n + 1 times, not n: x.grad holds one "
                           "gradient too many (a loop over range(n) with retain_graph=True, "
                           "then one more call after it).", _one_extra,
                           fix="make n calls in all: n - 1 with retain_graph=True in the loop "
                           "(range(n - 1)) and the last one after it."),
             Misconception("rebuilt-example", "y was rebuilt from the docstring's example, "
                           "(x ** 3).sum(), but the y you are given comes from another "
                           "expression in most cases (the case's label says which): a new graph "
                           "is no way round the freed one.", _rebuilt_example,
                           fix="call backward() on the y you are given, with retain_graph=True "
                           "for every call but the last."),
             Misconception("scaled-once", "x.grad holds the right numbers, but only one "
                           "backward() reached x: n times its gradient was made in one go (a "
                           "gradient argument of n, (n * y).backward(), or n * the gradient "
                           "added by hand). The task is to let backward() accumulate: call it "
                           "n times on y and see .grad add up.", _scaled_once,
                           fix="call y.backward(retain_graph=True) n - 1 times, then "
                           "y.backward() once more, and return x.grad."),
             Misconception("autograd-grad", "The numbers are right, but x.grad is as it was: "
                           + _BY_AUTOGRAD_GRAD.format(t="x"), _autograd_grad, fix=_BY_BACKWARD),
             Misconception("autograd-grad-stored", "x.grad holds the right numbers, but you "
                           "put them there: " + _BY_AUTOGRAD_GRAD.format(t="x"),
                           _autograd_grad_stored, fix=_BY_BACKWARD),
         )),
    Task("ex05", "accumulate", "micro-batch accumulation that equals the full-batch gradient",
         _batch_cases, _batch_probe, misconceptions=(
             Misconception("divided-by-count", "Each micro-batch's mean was divided by the "
                           "number of micro-batches, as in the lesson, where they were all the "
                           "same size. Here the last one is smaller: its mean averages fewer "
                           "samples, so an equal weight makes each of its samples count more "
                           "than the others'.", _divided_by_count, fix=SHARE),
             # (told only "w.grad: expected ..., got ...")
             Misconception("divided-by-full-count", "Each micro-batch's mean was divided by "
                           "len(ys) // size, the lesson's number of micro-batches, which counts "
                           "only the full ones: here the last, smaller one is one more, so the "
                           "weights add up to more than 1 and w.grad came out too large (and "
                           "the last one's samples count more than the others').",
                           _divided_by_full_count, fix=SHARE),
             Misconception("weighed-by-size", "Each micro-batch's mean was weighed by "
                           "size / len(ys): right for the full micro-batches, but the last one "
                           "holds fewer than size samples, so its mean stands for fewer of the "
                           "full batch's samples.", _weighed_by_size,
                           fix="weigh each micro-batch's mean by its own number of samples, "
                           "len(yb) / len(ys)."),
             # (told only "w.grad: expected ..., got ...")
             Misconception("columns-for-rows", COLUMNS_FOR_ROWS, _columns_for_rows, fix=SHARE),
             Misconception("columns-for-all-rows", COLUMNS_FOR_ROWS, _columns_for_all_rows,
                           fix=SHARE),
             Misconception("lessons-loop", "This is the lesson's loop with k = len(ys) // "
                           "size: it splits the batch into k equal parts, which are not "
                           "micro-batches of size samples (and leaves out what does not divide "
                           "evenly).", _lessons_loop,
                           fix="take micro-batches of size samples up to the end, starting at "
                           "range(0, len(ys), size) (slicing past the end is fine), and " + SHARE),
             Misconception("last-left-out", LAST_LEFT_OUT, _last_left_out,
                           fix=LAST_LEFT_OUT_FIX),
             Misconception("last-left-out-weighed", LAST_LEFT_OUT, _last_left_out_weighed,
                           fix=LAST_LEFT_OUT_FIX),
             Misconception("summed", "Each micro-batch's sum of squares was backpropagated as it "
                           "is: together they make the full batch's sum, len(ys) times its "
                           "mean, the loss.", _summed,
                           fix="divide each micro-batch's sum of squares by len(ys) (or weigh "
                           "its mean by len(yb) / len(ys))."),
             Misconception("sum-over-size", "Each micro-batch's sum of squares was divided by "
                           "size: that is its mean where the micro-batch is full, but together "
                           "they make the whole batch's sum divided by size, len(ys) / size "
                           "times the mean (about one mean per micro-batch).", _sum_over_size,
                           fix="divide each micro-batch's sum of squares by len(ys), the number "
                           "of samples in the whole batch."),
             Misconception("unscaled", "Each micro-batch loss is a mean over its own samples, "
                           "so the micro-batch gradients add up to about as many times the "
                           "full-batch one as there are micro-batches.", _unscaled, fix=SHARE),
             Misconception("divided-by-size", "Each micro-batch loss was divided by the "
                           "micro-batch's size, but its .mean() already averages over its "
                           "samples: what is left is to weigh the micro-batches against each "
                           "other.", _divided_by_size, fix=SHARE),
             Misconception("zeroed-between", "Zeroing w.grad between micro-batches keeps only "
                           "the last one.", _zeroed_between,
                           fix="zero once, before the loop."),
             Misconception("zeroed-after-each", "w.grad is all zeros: it was zeroed after each "
                           "micro-batch's backward(), so the last zeroing erased what they had "
                           "added up. Accumulating means letting .grad add up across the loop.",
                           _zeroed_after_each,
                           fix="leave w.grad alone inside the loop (it is None when accumulate "
                           "is called)."),
             Misconception("floor-divided", "Every backward() sent w a gradient of zeros: "
                           "its micro-batch's weight was 0. // divides and rounds down, so a "
                           "share such as len(yb) // len(ys), a fraction below 1, is 0.",
                           _floor_divided,
                           fix="divide with /, which keeps the fraction: len(yb) / len(ys)."),
             Misconception("from-the-end", "w.grad is right, but the micro-batches were "
                           "cut from the end of the batch, so the first one held what was left. "
                           "The docstring's are consecutive from the first sample, each of size "
                           "samples, and the last one holds what is left (a data loader "
                           "batches in that order).", _from_the_end,
                           fix="take rows start:start + size for start in range(0, len(ys), "
                           "size)."),
             Misconception("overlapping", "A micro-batch started at every sample: range "
                           "without its step (size) makes micro-batches that overlap, so most "
                           "samples were counted several times. Consecutive micro-batches "
                           "share no sample.", _overlapping,
                           fix="step the start by size: range(0, len(ys), size)."),
             Misconception("chunked-into-size", "The micro-batches were not of size samples: "
                           "chunk(size) splits a tensor into size pieces (as many as it can), "
                           "not into pieces of size rows; split(size) is the one that cuts "
                           "pieces of size.", _chunked_into_size,
                           fix="cut pieces of size rows: slices start:start + size, or "
                           "split(size)."),
             Misconception("slice-one-short", "Each micro-batch lost its last sample: a "
                           "slice start:stop stops before stop, so start:start + size holds "
                           "size samples already, and start:start + size - 1 one fewer.",
                           _slice_one_short, fix="slice start:start + size."),
             # (micro-batch losses, each rightly weighed, added up first and then one
             # backward() of their sum: told "over the whole batch" of a split batch)
             Misconception("one-backward", "One backward() over the whole batch gives the "
                           "same gradient, but the task is to accumulate one backward() per "
                           "micro-batch (one backward() of the micro-batch losses added up "
                           "first is one backward() over the whole batch too).", _one_backward,
                           fix="split xs and ys into consecutive parts of size samples and call "
                           "backward() on each part's loss."),
             Misconception("losses-added-first", "backward() ran once, on the micro-batch "
                           "losses averaged into one: the task is one backward() per "
                           "micro-batch, w.grad adding them up. (Their plain average also "
                           "counts the last, smaller micro-batch's samples more than the "
                           "others'.)", _losses_added_first,
                           fix="call backward() on each micro-batch's loss inside the loop, and "
                           + SHARE),
             Misconception("autograd-grad-summed", "w.grad holds the right numbers, but you "
                           "put them there: " + _BY_AUTOGRAD_GRAD.format(t="w"),
                           _autograd_grad_summed, fix="call backward() on each micro-batch's "
                           "loss inside the loop, and let w.grad add them up."),
             Misconception("whole-batch-each-time", WHOLE_BATCH, _whole_batch_each_time,
                           fix=WHOLE_BATCH_FIX),
             Misconception("whole-batch-each-time-unscaled", WHOLE_BATCH,
                           _whole_batch_each_time_unscaled, fix=WHOLE_BATCH_FIX),
         )),
))
