"""ex08 detach: to numpy, straight-through rounding, a detached target."""

from __future__ import annotations

from typing import Any, ClassVar

import minigrad as torch
from course.probe import Facts, fmt, grad_value, require, tensor, tensor_facts, value_facts
from course.tasks import Case, Misconception, Task


def _numpy_cases(rng: Any) -> list[Case]:
    return [{"label": f"t = {fmt(a)} * 2 where a requires grad", "a": a}
            for a in (rng.normal(size=n).round(3) for n in (2, 5))]


class _Watched(torch.Tensor):
    """A tensor that notes when its ``.data`` is read (lesson 08: use detach(), not .data)."""

    __slots__ = ()
    reads: ClassVar[list[bool]] = []

    @property  # type: ignore[override]
    def data(self) -> Any:
        _Watched.reads.append(True)
        return torch.Tensor.data.fget(self)  # type: ignore[attr-defined]


def _numpy_probe(fn: Any, case: Case) -> Facts:
    t = tensor(case["a"], requires_grad=True) * 2
    t.__class__ = _Watched
    _Watched.reads.clear()
    facts = value_facts("result", require(fn, "to_numpy")(t))
    facts["used .data"] = bool(_Watched.reads)
    return facts


def _numpy_directly(t: Any) -> Any:
    return t.numpy()


def _through_data(t: Any) -> Any:
    return t.data.numpy()


def _returned_tensor(t: Any) -> Any:
    return t.detach()


def _round_cases(rng: Any) -> list[Case]:
    cases = []
    for n in (3, 5):
        x, v = rng.uniform(-3, 3, size=n).round(3), rng.normal(size=n).round(3)
        cases.append({"label": f"x = {fmt(x)}, y = f(x), (y * {fmt(v)}).sum().backward()",
                      "x": x, "v": v})
    return cases


def _round_probe(fn: Any, case: Case) -> Facts:
    x = tensor(case["x"], requires_grad=True)
    y = require(fn, "straight_through_round")(x)
    facts = tensor_facts("y", y)
    (y * tensor(case["v"])).sum().backward()
    facts["x.grad"] = grad_value(x)
    return facts


def _plain_round(x: Any) -> Any:
    return torch.round(x)


def _detached_everything(x: Any) -> Any:
    return (x + (torch.round(x) - x)).detach()


def _td_cases(rng: Any) -> list[Case]:
    cases = []
    for n in (4, 6):
        w, x, nxt, r = (rng.normal(size=s).round(3) for s in (3, (n, 3), (n, 3), n))
        cases.append({"label": f"w = {fmt(w)}, {n} transitions, gamma = 0.9",
                      "w": w, "x": x, "x_next": nxt, "r": r})
    return cases


def _td_probe(fn: Any, case: Case) -> Facts:
    w = tensor(case["w"], requires_grad=True)
    args = (tensor(case["x"]), tensor(case["x_next"]), tensor(case["r"]), 0.9)
    return value_facts("w.grad", require(fn, "td_grad")(w, *args))


def _target_not_detached(w: Any, x: Any, x_next: Any, r: Any, gamma: float) -> Any:
    (((x @ w) - (r + gamma * (x_next @ w))) ** 2).mean().backward()
    return w.grad


TASKS = (
    Task("ex08", "to_numpy", "a numpy array from a tensor that requires grad",
         _numpy_cases, _numpy_probe, misconceptions=(
             Misconception("numpy-on-tracked", "numpy() refuses a tensor that requires grad: "
                           "detach it first, t.detach().numpy().", _numpy_directly),
             Misconception("through-data", "The values are right, but they came through "
                           ".data, which hides changes from autograd's version counter "
                           "(lesson 08): use t.detach().numpy().", _through_data),
             Misconception("returned-tensor", "detach() alone still gives a Tensor: call "
                           ".numpy() on the detached tensor.", _returned_tensor),
         )),
    Task("ex08", "straight_through_round", "rounding with a straight-through gradient",
         _round_cases, _round_probe, misconceptions=(
             Misconception("plain-round", "torch.round has zero gradient everywhere: use "
                           "x + (torch.round(x) - x).detach() so the gradient passes straight "
                           "through.", _plain_round),
             Misconception("detached-everything", "Detaching the whole result cuts x off the "
                           "graph: detach only the correction (torch.round(x) - x).",
                           _detached_everything),
         )),
    Task("ex08", "td_grad", "a loss against a detached target", _td_cases, _td_probe,
         misconceptions=(
             Misconception("target-not-detached", "The target must act as a constant: detach "
                           "it so no gradient flows through it.", _target_not_detached),
         )),
)
