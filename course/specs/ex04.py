"""ex04 .grad: predict where gradients land; the gradients of every layer's output in a deep
network (retain_grad or hooks, in a loop); where leaf gradients land."""

from __future__ import annotations

from typing import Any

import numpy as np

import minigrad as torch
from course import probe
from course.compare import diff
from course.probe import Facts, fmt, grad_value, require, tensor, value_facts
from course.specs import grader_out_of_reach
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
    """Each name's .grad after the program. A tensor that is neither a leaf nor retains its
    gradient keeps none, and is not asked: reading such a .grad (b's, loss's) warns, and the
    variants below ran in every grading and in the student edition's build."""
    ran = run(PROGRAM)
    kept = {n: ran[n].is_leaf or ran[n].retains_grad for n in NAMES}
    return {n: ran[n].grad.tolist() if kept[n] and ran[n].grad is not None else None
            for n in NAMES}


def _every_parameter_gets_one() -> dict[str, Any]:
    return {**_grads(), "b": [5.0, 2.0]}


def _hidden_leafs_grad() -> dict[str, Any]:
    """b's name given the gradient of the leaf behind it: d loss / d b times 2."""
    return {**_grads(), "b": [10.0, 4.0]}


# b is no leaf (one variant per value a learner who missed that writes down for it).
NON_LEAF_PARAMETER = ("b is the result of a multiplication (* 2 after requires_grad=True), so "
                      "it is not a leaf and keeps no .grad; the gradient went to the hidden "
                      "leaf made by torch.tensor.")


def _non_leaf_gets_zeros() -> dict[str, Any]:
    return {**_grads(), "b": [0.0, 0.0]}


def _data_gets_zeros() -> dict[str, Any]:
    return {**_grads(), "x": [0.0, 0.0]}


def _data_gets_grad() -> dict[str, Any]:
    """x given the gradient it would have if it required grad: h.grad times w."""
    ran = run(PROGRAM)
    return {**_grads(), "x": (ran["h"].grad * ran["w"]).tolist()}


def _own_value() -> dict[str, Any]:
    """d h / d w taken as w, not x: w.grad = h.grad * w."""
    ran = run(PROGRAM)
    return {**_grads(), "w": (ran["h"].grad * ran["w"]).tolist()}


def _only_leaves() -> dict[str, Any]:
    return {**_grads(), "h": None}


def _forgot_chain_rule() -> dict[str, Any]:
    return {**_grads(), "w": [1.0, 2.0]}


def _local_derivative_left_out() -> dict[str, Any]:
    """w.grad taken as h.grad: d loss / d h, not times d h / d w = x."""
    grads = _grads()
    return {**grads, "w": grads["h"]}


def _square_as_h() -> dict[str, Any]:
    """d (h * h) / d h taken as h, not 2 * h: h.grad, and w.grad = h.grad * x, half of theirs."""
    grads = _grads()
    return {**grads, "h": [g / 2 for g in grads["h"]], "w": [g / 2 for g in grads["w"]]}


def _seed_kept() -> dict[str, Any]:
    return {**_grads(), "loss": 1.0}


def _seed_kept_as_list() -> dict[str, Any]:
    return {**_grads(), "loss": [1.0]}


# backward() starts from d loss / d loss = 1 (one variant per way of writing it down).
SEED_KEPT = ("loss is no leaf and did not call retain_grad(), so backward() keeps no .grad "
             "for it: the 1 it starts from, d loss / d loss, is not stored, and loss.grad "
             "stays None.")


# Where h.grad is worked out wrong: the step to check (said where the rest follows from it).
H_GRAD = "d loss / d h = 2 * h, where h = x * w + b and b is [1., 1.] * 2"


def _slip(got: Facts) -> str:
    """Where an arithmetic slip lies, from the first wrong prediction: a .grad that should be
    None (what keeps a .grad), or h.grad and w.grad, told apart by whether the learner's w.grad
    follows from their own h.grad by the chain rule (w.grad = h.grad * x)."""
    right = _grads()
    first = next((n for n in NAMES if diff(f"{n}.grad", None if right[n] is None
                                           else np.array(right[n]), got.get(f"{n}.grad"))), None)
    if first is not None and right[first] is None and got.get(f"{first}.grad") is not None:
        return (f" (whether {first} keeps a .grad depends on what {first} is: after "
                "backward(), only a leaf that requires grad, or a tensor that called "
                "retain_grad() before it, keeps one)")
    h, w = got.get("h.grad"), got.get("w.grad")
    if not all(isinstance(v, np.ndarray) and v.shape == (2,) for v in (h, w)):
        return ""
    x = run(PROGRAM)["x"].numpy()
    right_h, right_w = np.array(right["h"]), np.array(right["w"])
    if np.allclose(w, h * x):
        return "" if np.allclose(h, right_h) else (
            " (your w.grad is your h.grad times x, as the chain rule has it: the slip is in "
            f"h.grad, {H_GRAD})")
    if np.allclose(h, right_h):
        return " (w.grad is h.grad times d h / d w = x, element by element)"
    return (f" (your w.grad is right, so the slip is in h.grad alone: {H_GRAD})"
            if np.allclose(w, right_w) else "")


def _deep_cases(rng: Any) -> list[Case]:
    cases = []
    for batch, d, depth in ((4, 3, 3), (5, 4, 4), (3, 5, 5)):
        x = rng.normal(size=(batch, d)).round(3)
        # Orthogonal matrices scaled below 1: every layer shrinks the gradient going back
        # (tanh's slope is at most 1 too), so the norms fall layer by layer, as the stub says.
        scales = rng.uniform(0.5, 0.8, size=depth)
        weights = [(np.linalg.qr(rng.normal(size=(d, d)))[0] * s).round(3) for s in scales]
        cases.append({"label": f"x = {fmt(x)}, {depth} weights of shape ({d}, {d})",
                      "x": x, "weights": weights})
    return cases


def _list_facts(name: str, obj: Any, items: int) -> Facts:
    """Facts of a returned list (or tuple): its length, then the first ``items`` items' type and
    value each, so one Tensor among Python floats is named with its index."""
    if type(obj) not in (list, tuple):
        return value_facts(name, obj)
    facts: Facts = {f"{name}.type": "list", f"len({name})": len(obj)}
    for i, item in enumerate(obj[:items]):
        facts.update(value_facts(f"{name}[{i}]", item))
    return facts


# Both tasks ask for backward(), which leaves the gradients in .grad; the values alone do not
# show it. Red team 24c scored 1/1 at each with .grad assigned by hand: the gradients taken
# from torch.autograd.grad (layer_grad_norms' named mistake "autograd-grad", its weights' .grad
# then set to what autograd.grad returned for them too), or mse_grads' worked out with numpy.
NOT_LEFT_BY_BACKWARD = ("tensors whose .grad one backward() call did not leave (set by hand, "
                        "from torch.autograd.grad, or handed to backward())")
# And layer_grad_norms asks for one backward(), which fills every retained h.grad: red team
# 24c called backward() once for the weights' .grad and took the norms from
# torch.autograd.grad on a second forward pass, which reaches no weight, and scored 1/1
# (then with minigrad's numbering of calls swapped out for that pass: a profiler counts them
# too, probe.backward_calls_seen).
CALLS_MADE = "backward() and torch.autograd.grad calls made (the task asks for one backward())"
# And mse_grads' backward() must start from the loss itself: red team 25 handed the gradients
# worked out with numpy to a surrogate of one number, ((w * gw).sum() + b * gb).backward(),
# whose gradients they are, and scored 1/1 (probe.LossSeen: its value is not the loss's, and
# shifted to it by a constant, its graph holds no x).
LOSS_VALUE = "the value of the loss whose backward() wrote w.grad"
X_SAVED = "x among what that loss's graph saved (the loss is computed from x @ w + b)"


def _delivered(params: dict[str, Any]) -> Any:
    """Watch ``params`` (name to tensor) from now on; the returned function, called after the
    learner's code, gives NOT_LEFT_BY_BACKWARD's names: the tensors whose gradients were not
    exactly one, delivered by a backward() (not by autograd.grad, nor by hooks run by hand)."""
    returned = {name: probe.returned_gradients(t) for name, t in params.items()}
    return lambda: [name for name, flags in returned.items() if flags != [False]]


def _deep_probe(fn: Any, case: Case) -> Facts:
    weights = [tensor(w, requires_grad=True) for w in case["weights"]]
    not_left = _delivered({f"weights[{i}]": w for i, w in enumerate(weights)})
    norms, calls, unseen = probe.backward_calls_seen(
        lambda: require(fn, "layer_grad_norms")(tensor(case["x"]), weights))
    facts = _list_facts("norms", norms, len(weights))
    # One backward() through every layer leaves each weight exactly one gradient.
    facts.update({f"weights[{i}].grad": grad_value(w) for i, w in enumerate(weights)})
    # After the values: a wrong value is named first, as a wrong value.
    facts[NOT_LEFT_BY_BACKWARD] = not_left()
    facts[CALLS_MADE] = calls if unseen is None else f"not seen: your code used {unseen}"
    return facts


def _deep_forward(x: Any, weights: Any, mean: bool = False, transposed: bool = False,
                  ones: bool = False) -> tuple[list[Any], list[Any]]:
    """Each layer's pre-activation h @ W and output torch.tanh(h @ W), their grads retained,
    after one backward() of the loss. The variants': ``mean``, of (h * h).mean();
    ``transposed``, each layer h @ W.T; ``ones``, h.backward(torch.ones_like(h)) for the loss's."""
    h, before, after = x, [], []
    for w in weights:
        z = h @ (w.T if transposed else w)
        h = torch.tanh(z)
        for t in (z, h):
            t.retain_grad()
        before.append(z)
        after.append(h)
    if ones:
        h.backward(torch.ones_like(h))
    else:
        ((h * h).mean() if mean else (h * h).sum()).backward()
    return before, after


def _weights_transposed(x: Any, weights: Any) -> list[float]:
    return [h.grad.norm().item() for h in _deep_forward(x, weights, transposed=True)[1]]


def _ones_for_the_loss(x: Any, weights: Any) -> list[float]:
    return [h.grad.norm().item() for h in _deep_forward(x, weights, ones=True)[1]]


# backward() called with a gradient of ones on the tensor the loss is computed from, not on the
# loss: the gradient of that tensor's sum (layer_grad_norms' h, mse_grads' prediction).
ONES_FOR_THE_LOSS = ("{t}.backward(torch.ones_like({t})) computes the gradient of {t}.sum(), "
                     "whatever loss is computed from {t}: backward() starts from the tensor it "
                     "is called on. The loss, {loss}, is the one to call it on.")


def _output_norms(x: Any, weights: Any) -> list[float]:
    return [h.detach().norm().item() for h in _deep_forward(x, weights)[1]]


def _mean_loss(x: Any, weights: Any) -> list[float]:
    return [h.grad.norm().item() for h in _deep_forward(x, weights, mean=True)[1]]


def _weight_grad_norms(x: Any, weights: Any) -> list[float]:
    _deep_forward(x, weights)
    return [w.grad.norm().item() for w in weights]


def _last_layer_first(x: Any, weights: Any) -> list[float]:
    return [h.grad.norm().item() for h in reversed(_deep_forward(x, weights)[1])]


def _before_tanh(x: Any, weights: Any) -> list[float]:
    return [z.grad.norm().item() for z in _deep_forward(x, weights)[0]]


def _layer_inputs(x: Any, weights: Any) -> list[float]:
    """Each h appended before h = torch.tanh(h @ W) replaced it: each layer's input, x first
    (made to require grad, else its .grad is None), the last layer's output left out."""
    x.requires_grad_()
    outputs = _deep_forward(x, weights)[1]
    return [h.grad.norm().item() for h in [x, *outputs[:-1]]]


def _layer_inputs_after_x(x: Any, weights: Any) -> list[float]:
    """The same list with x's place dropped (x.grad is None): one norm short."""
    return [h.grad.norm().item() for h in _deep_forward(x, weights)[1][:-1]]


def _x_included(x: Any, weights: Any) -> list[float]:
    """The list begun as [x], as a forward pass's activations often are (x made to require
    grad, else its .grad is None): every layer's output, and x's norm before them."""
    x.requires_grad_()
    outputs = _deep_forward(x, weights)[1]
    return [h.grad.norm().item() for h in [x, *outputs]]


def _retain_grad_too_late(norm: Any) -> Any:
    """The loop with retain_grad() called after backward(): every h.grad is None, and taking
    its ``norm`` raises. The engine matches an error by its message, which depends on how the
    norm is spelled: one variant per spelling."""
    def variant(x: Any, weights: Any) -> list[float]:
        h, outputs = x, []
        for w in weights:
            h = torch.tanh(h @ w)
            outputs.append(h)
        (h * h).sum().backward()
        for h in outputs:
            h.retain_grad()
        return [norm(h.grad).item() for h in outputs]
    return variant


def _last_h_every_time(x: Any, weights: Any) -> list[float]:
    """The loop's one name h read after it, once per layer: the last layer's norm each time."""
    h = x
    for w in weights:
        h = torch.tanh(h @ w)
        h.retain_grad()
    (h * h).sum().backward()
    return [h.grad.norm().item() for _ in weights]


def _squared_norms(x: Any, weights: Any) -> list[float]:
    """(h.grad ** 2).sum(): the norm without its square root."""
    return [(h.grad ** 2).sum().item() for h in _deep_forward(x, weights)[1]]


def _hooks_share_the_last_index(start: Any) -> Any:
    """Hooks made in the loop as lambda g: norms.__setitem__(i, ...): each reads i when
    backward() calls it, after the loop, so every one writes to the last place of a list that
    began as [start] * len(weights) (one variant per start a learner writes)."""
    def variant(x: Any, weights: Any) -> list[Any]:
        norms, h = [start] * len(weights), x
        for i, w in enumerate(weights):
            h = torch.tanh(h @ w)
            # the misconception itself: i read late
            h.register_hook(lambda g: norms.__setitem__(i, g.norm().item()))  # noqa: B023
        (h * h).sum().backward()
        return norms
    return variant


def _autograd_grad(x: Any, weights: Any) -> list[float]:
    """The right norms, from torch.autograd.grad, which stores no gradient anywhere."""
    h, outputs = x, []
    for w in weights:
        h = torch.tanh(h @ w)
        outputs.append(h)
    return [g.norm().item() for g in torch.autograd.grad((h * h).sum(), outputs)]


def _backward_per_layer(x: Any, weights: Any) -> list[float]:
    """The right norms, each from a forward and a backward() of its own, one per layer: the
    weights' gradients add up over the runs."""
    norms = []
    for k in range(len(weights)):
        h, outputs = x, []
        for w in weights:
            h = torch.tanh(h @ w)
            outputs.append(h)
        outputs[k].retain_grad()
        (h * h).sum().backward()
        norms.append(outputs[k].grad.norm().item())
    return norms


_late_index_zeros = _hooks_share_the_last_index(0.0)
_late_index_none = _hooks_share_the_last_index(None)
HOOKS_SHARE_THE_LAST_INDEX = ("Every hook wrote to the same place, the last one: a lambda made in "
                              "a loop reads the loop variable when backward() calls it, after "
                              "the loop has ended, not when the lambda was made.")
HOOKS_SHARE_THE_LAST_INDEX_FIX = ("give each hook its own index as a default argument, "
                                  "lambda g, i=i: ..., or keep each h's gradient with "
                                  "h.retain_grad().")
_too_late_then_norm = _retain_grad_too_late(lambda g: g.norm())
_too_late_then_torch_norm = _retain_grad_too_late(lambda g: torch.norm(g))
# A list filled before the loop's h = torch.tanh(h @ W): with or without x, one text for both.
LAYER_INPUTS = ("The norms are one layer early: each h went into your list before "
                "h = torch.tanh(h @ W) replaced it, so the list holds each layer's input, not "
                "its output, and the last layer's output, the h the loss is made of, never got "
                "in.")
LAYER_INPUTS_FIX = ("append h after h = torch.tanh(h @ W) in the loop: the list then holds every "
                    "layer's output, the last one's included, and not x.")
# (also said to a list begun with x, each h appended before the next replaced it: x's .grad
# is None too, and the reply named retain_grad() alone)
_NO_RETAIN_GRAD = ("A .grad in your list was None. Each h is an intermediate result, not a "
                   "leaf, so backward() keeps no h.grad unless asked beforehand; and x, data "
                   "that does not require grad, never gets one (an h appended before "
                   "h = torch.tanh(h @ W) replaced it puts x first in the list).")
_NO_RETAIN_GRAD_FIX = ("call retain_grad() before backward(), on every layer's h as the loop "
                       "creates it.")


def _mse_cases(rng: Any) -> list[Case]:
    cases = []
    # (the third, of 8 samples, drawn last: with 3 or 5, every error can have one sign, and
    # the mean of their absolute values then has the mean error's gradient)
    for n in (3, 5, 8):
        w, b = rng.normal(size=3).round(3), round(float(rng.normal()), 3)
        x, y = rng.normal(size=(n, 3)).round(3), rng.normal(size=n).round(3)
        cases.append({"label": f"w = {fmt(w)}, b = {b}, x = {fmt(x)}, y = {fmt(y)}",
                      "w": w, "b": b, "x": x, "y": y})
    return cases


def _mse_probe(fn: Any, case: Case) -> Facts:
    w, b = tensor(case["w"], requires_grad=True), tensor(case["b"], requires_grad=True)
    x, y = tensor(case["x"]), tensor(case["y"])
    # Written into .grad by one backward() of the loss, one number (a gradient worked out with
    # numpy and handed to backward() on w and b, torch.autograd.backward([w, b], grads),
    # scored 1/1 as backward()'s: red team 24c).
    starts: dict[int, bool] = {}
    roots: dict[int, Any] = {}
    written = {"w": probe.written_by_backward(w, starts), "b": probe.written_by_backward(b, starts)}
    from_loss = probe.written_from(w, roots)
    returned, unseen = probe.backward_starts(lambda: require(fn, "mse_grads")(w, b, x, y), starts,
                                             roots)
    loss = from_loss[0] if len(from_loss) == 1 else None
    return {**value_facts("returned", returned),
            "w.grad": grad_value(w), "b.grad": grad_value(b), "x.grad": grad_value(x),
            NOT_LEFT_BY_BACKWARD: [name for name, flags in written.items()
                                   if flags != [True] or unseen is not None],
            LOSS_VALUE: None if loss is None else loss.value(),
            X_SAVED: None if loss is None else loss.saved(x)}


def _sum_not_mean(w: Any, b: Any, x: Any, y: Any) -> None:
    ((x @ w + b - y) ** 2).sum().backward()


def _halved(w: Any, b: Any, x: Any, y: Any) -> None:
    (0.5 * ((x @ w + b - y) ** 2).mean()).backward()


def _mean_then_squared(w: Any, b: Any, x: Any, y: Any) -> None:
    ((x @ w + b - y).mean() ** 2).backward()


def _not_squared(w: Any, b: Any, x: Any, y: Any) -> None:
    (x @ w + b - y).mean().backward()


def _w_through_data(w: Any, b: Any, x: Any, y: Any) -> None:
    ((x @ w.data + b - y) ** 2).mean().backward()  # w's values, cut from the graph


def _absolute_errors(w: Any, b: Any, x: Any, y: Any) -> None:
    (x @ w + b - y).abs().mean().backward()


def _root_mean_square(w: Any, b: Any, x: Any, y: Any) -> None:
    ((x @ w + b - y) ** 2).mean().sqrt().backward()


def _ones_for_the_prediction(w: Any, b: Any, x: Any, y: Any) -> None:
    prediction = x @ w + b
    prediction.backward(torch.ones_like(prediction))


def _b_left_out(w: Any, b: Any, x: Any, y: Any) -> None:
    ((x @ w - y) ** 2).mean().backward()


def _backward_twice(w: Any, b: Any, x: Any, y: Any) -> None:
    loss = ((x @ w + b - y) ** 2).mean()
    loss.backward(retain_graph=True)
    loss.backward()


def _loss_without_graph(w: Any, b: Any, x: Any, y: Any) -> None:
    with torch.no_grad():
        loss = ((x @ w + b - y) ** 2).mean()
    loss.requires_grad_()  # backward() runs now, and reaches nothing
    loss.backward()


def _x_requires_grad(w: Any, b: Any, x: Any, y: Any) -> None:
    x.requires_grad_()
    ((x @ w + b - y) ** 2).mean().backward()


# Held to the rule on the source (grader_out_of_reach): layer_grad_norms' count of backward
# calls and mse_grads' watch on what writes .grad run in the learner's process, where a copy of
# autograd.grad's code (code.replace), with minigrad's numbering of calls swapped out, escaped
# both (red team 24c); that copy needs types, __code__ and a private name of minigrad's.
TASKS = grader_out_of_reach.kept_out((
    predict_task("ex04", "predict_grads", "predict every .grad after one backward()",
                 {name: ("grad",) for name in NAMES}, slip=_slip, misconceptions=(
             Misconception("non-leaf-parameter", NON_LEAF_PARAMETER, _every_parameter_gets_one),
             Misconception("non-leaf-parameter-hidden-leaf", NON_LEAF_PARAMETER,
                           _hidden_leafs_grad),
             # (b.grad as zeros read "b.grad: expected None, got [0., 0.]" alone)
             Misconception("non-leaf-parameter-zeros", "b is the result of a multiplication "
                           "(* 2 after requires_grad=True), so it is not a leaf, and backward() "
                           "keeps no gradient at all for a tensor that is not a leaf: b.grad "
                           "stays None, not zeros (zeros would say the loss does not change "
                           "with b). The gradient went to the hidden leaf made by torch.tensor.",
                           _non_leaf_gets_zeros),
             Misconception("data-gets-zeros", "x does not require grad, so autograd computes "
                           "nothing for it: x.grad stays None, not zeros (lesson 04: before "
                           "and without a gradient, .grad is None).", _data_gets_zeros),
             Misconception("data-gets-grad", "x was made without requires_grad, so autograd "
                           "computes no gradient for it, whatever its part in h: x.grad stays "
                           "None. Gradients reach only what requires grad.", _data_gets_grad),
             Misconception("own-value", "d h / d w for h = x * w + b is x, the factor w is "
                           "multiplied by, not w itself: w.grad is h.grad times x.",
                           _own_value),
             Misconception("retain-grad-ignored", "h.retain_grad() asks backward() to keep "
                           "h's gradient: h.grad is d loss / d h = 2 * h.",
                           _only_leaves),
             Misconception("no-chain-rule", "w.grad is d loss / d h times d h / d w: "
                           "2 * h * x, not x alone.", _forgot_chain_rule),
             Misconception("local-derivative-left-out", "w.grad is d loss / d h times "
                           "d h / d w, and h = x * w + b changes by x for each step in w: "
                           "2 * h * x, not d loss / d h = 2 * h alone.",
                           _local_derivative_left_out),
             Misconception("square-as-h", "h * h uses h twice, and each use sends back a "
                           "gradient: d (h * h) / d h is h + h = 2 * h, not h (the product "
                           "rule, or fan-out). w.grad, reached through h, is off by the same "
                           "factor.", _square_as_h),
             Misconception("seed-kept", SEED_KEPT, _seed_kept),
             Misconception("seed-kept-as-list", SEED_KEPT, _seed_kept_as_list),
         )),
    Task("ex04", "layer_grad_norms", "the gradient norm at every layer of a deep network",
         _deep_cases, _deep_probe, misconceptions=(
             Misconception("no-retain-grad", _NO_RETAIN_GRAD, _too_late_then_norm,
                           fix=_NO_RETAIN_GRAD_FIX),
             Misconception("no-retain-grad-torch-norm", _NO_RETAIN_GRAD,
                           _too_late_then_torch_norm, fix=_NO_RETAIN_GRAD_FIX),
             Misconception("norms-of-values", "These are the norms of the layer outputs h "
                           "themselves; the task asks for the norms of their gradients, h.grad "
                           "after backward().", _output_norms,
                           fix="call h.retain_grad() on each layer's output as the loop makes "
                           "it, and after backward() take h.grad.norm()."),
             Misconception("norms-of-weight-grads", "These are the norms of the weights' "
                           "gradients, W.grad; the task asks for the gradient with respect to "
                           "each layer's output h.", _weight_grad_norms,
                           fix="keep each h's gradient with h.retain_grad()."),
             Misconception("last-layer-first", "The norms are in backward order: backward() "
                           "reaches the last layer first (a hook sees the gradients in that "
                           "order), but the list starts with the first layer.",
                           _last_layer_first,
                           fix="reverse the list, or read the gradients in forward order "
                           "after backward()."),
             Misconception("last-h-every-time", "Every norm is the last layer's: the loop "
                           "rebinds h to each new layer's output, so after the loop h is the "
                           "last one, and the earlier outputs have no name left to read.",
                           _last_h_every_time,
                           fix="keep each layer's h as the loop makes it (append it to a list), "
                           "and read each one's .grad after backward()."),
             Misconception("squared-norms", "These are the squares of the norms: .norm() is "
                           "the square root of the sum of squares.", _squared_norms,
                           fix="take h.grad.norm() (or the square root of your sum)."),
             Misconception("hooks-share-the-last-index", HOOKS_SHARE_THE_LAST_INDEX,
                           _late_index_zeros, fix=HOOKS_SHARE_THE_LAST_INDEX_FIX),
             Misconception("hooks-share-the-last-index-none", HOOKS_SHARE_THE_LAST_INDEX,
                           _late_index_none, fix=HOOKS_SHARE_THE_LAST_INDEX_FIX),
             Misconception("autograd-grad", "The norms are right, but torch.autograd.grad "
                           "returns gradients without storing any, so the weights' .grad "
                           "stayed None. The task asks for one backward(), as a training step "
                           "runs it, which also leaves each weight its gradient.",
                           _autograd_grad,
                           fix="call backward() on the loss once, and keep each h's gradient "
                           "with h.retain_grad() (or a hook) as the loop makes it."),
             Misconception("backward-per-layer", "The norms are right, but backward() ran "
                           "once per layer: each run added the weights' gradients again "
                           "(backward() accumulates into .grad), so every W.grad holds several "
                           "times its gradient. One backward() fills every retained h.grad at "
                           "once.", _backward_per_layer,
                           fix="run the network once, call retain_grad() on every h as the "
                           "loop makes it, then call backward() once."),
             Misconception("layer-inputs", LAYER_INPUTS, _layer_inputs, fix=LAYER_INPUTS_FIX),
             Misconception("layer-inputs-after-x", LAYER_INPUTS, _layer_inputs_after_x,
                           fix=LAYER_INPUTS_FIX),
             Misconception("x-included", "The list starts with x's norm, one too many: x "
                           "is the network's input, not a layer's output, and the task asks for "
                           "one norm per weight matrix (a list of activations begun as [x] "
                           "holds x too).", _x_included,
                           fix="start the list empty and append each h that torch.tanh(h @ W) "
                           "returns."),
             Misconception("mean-loss", "The loss is (h * h).sum(), as the docstring says: "
                           ".mean() divides it, and every gradient, by the number of elements "
                           "of h, so every norm is that many times too small.", _mean_loss,
                           fix="use the docstring's loss, (h * h).sum()."),
             # (each layer as (W @ h.T).T, which fits W's shape where h @ W does: told only
             # "norms[0]: expected ..., got ...")
             Misconception("weights-transposed", "Each layer multiplied h by W transposed: "
                           "h @ W.T, or (W @ h.T).T, is not h @ W. A layer takes each row of h, "
                           "one sample, times W, as the docstring's h @ W writes it.",
                           _weights_transposed, fix="compute each layer as torch.tanh(h @ W)."),
             Misconception("ones-for-the-loss", ONES_FOR_THE_LOSS.format(
                               t="h", loss="(h * h).sum() of the last h"), _ones_for_the_loss,
                           fix="compute loss = (h * h).sum() and call loss.backward()."),
             Misconception("before-tanh", "These are the gradients of the pre-activations "
                           "h @ W; each layer's output is torch.tanh(h @ W).", _before_tanh,
                           fix="keep the gradient of the tensor tanh returns."),
         )),
    Task("ex04", "mse_grads", "leave the MSE loss gradients in w.grad and b.grad",
         _mse_cases, _mse_probe, misconceptions=(
             Misconception("sum-not-mean", "The loss is the mean squared error: .sum() scales "
                           "every gradient by the number of samples.", _sum_not_mean,
                           fix="use .mean(), as the docstring's loss does."),
             Misconception("grads-not-reached", "w.grad and b.grad are still None: no "
                           "backward() reached them. Either none ran, or it ran on a loss "
                           "with no graph back to w and b (computed under torch.no_grad(), or "
                           "made again as a new tensor).", _loss_without_graph,
                           fix="compute the loss from w and b with autograd on, then call "
                           "loss.backward()."),
             # (x @ w.data: told only "w.grad: expected an array of shape (3,), got None")
             Misconception("w-through-data", "w.grad is still None: x @ w.data (or "
                           "w.detach()) computes with w's values cut from the graph, so "
                           "autograd recorded nothing back to w, and backward() reached b "
                           "alone.", _w_through_data,
                           fix="use w itself in the loss, x @ w + b."),
             Misconception("x-requires-grad", "x is data, not a parameter: it must not require "
                           "grad, so x.grad stays None.", _x_requires_grad,
                           fix="leave x as it is given; only w and b require grad."),
             Misconception("backward-twice", "backward() ran twice: each run adds its "
                           "gradients into .grad, so they came out doubled.", _backward_twice,
                           fix="call backward() once."),
             Misconception("halved", "The loss was halved: some books take half the squared "
                           "error so that its derivative has no factor 2, but this loss is "
                           "the plain mean, so every gradient came out half as large.",
                           _halved, fix="leave out the 0.5: use the docstring's loss as written."),
             Misconception("mean-then-squared", "The mean was squared, not the errors: "
                           "(...).mean() ** 2 is the square of the average error, where errors "
                           "of opposite signs cancel. The mean squared error squares each "
                           "error first, then averages.", _mean_then_squared,
                           fix="use the docstring's loss: each error squared, then the mean."),
             Misconception("not-squared", "The errors were averaged without squaring them: "
                           "that loss has the same slope whatever the error, so it pulls no "
                           "harder on a large error, and errors of opposite signs cancel.",
                           _not_squared,
                           fix="square the errors before the mean, as the docstring's loss does."),
             # (.abs() for the square, and .sqrt() of the mean: told only "w.grad: expected
             # ..., got ...")
             Misconception("absolute-errors", "The errors' absolute values were averaged, "
                           ".abs().mean(): that is the mean absolute error (L1), whose slope is "
                           "the same whatever the size of an error, only its sign. The mean "
                           "squared error squares each error, so a large one pulls harder.",
                           _absolute_errors,
                           fix="square the errors, ** 2, in place of .abs(), as the "
                           "docstring's loss does."),
             Misconception("root-mean-square", "The square root of the mean squared error was "
                           "taken (RMSE): a root changes the gradients, dividing each by twice "
                           "the root. The loss asked for is the mean squared error itself.",
                           _root_mean_square,
                           fix="leave out .sqrt(): use the docstring's loss as written."),
             Misconception("ones-for-the-loss", ONES_FOR_THE_LOSS.format(
                               t="pred", loss="((pred - y) ** 2).mean() for pred = x @ w + b"),
                           _ones_for_the_prediction,
                           fix="call backward() on the loss itself, loss.backward()."),
             Misconception("b-left-out", "b was left out of the prediction x @ w + b, so no "
                           "gradient reached it (b.grad is None) and w's gradient was computed "
                           "from the wrong errors.", _b_left_out,
                           fix="add b to the prediction, as the docstring's loss does."),
         )),
))
