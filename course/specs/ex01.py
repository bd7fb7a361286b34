"""ex01 requires_grad: make a trainable tensor; switch tracking off in place."""

from __future__ import annotations

from typing import Any

import minigrad as torch
from course.probe import Facts, array, require, requires_grad, tensor, tensor_facts
from course.tasks import Case, Misconception, Task


def _values_cases(rng: Any) -> list[Case]:
    cases = []
    for n in (1, 3, 5):
        values = [int(v) for v in rng.integers(-9, 10, size=n)]
        cases.append({"label": f"values = {values}", "values": values})
    return cases


def _make_trainable_probe(fn: Any, case: Case) -> Facts:
    out = require(fn, "make_trainable")(list(case["values"]))
    return tensor_facts("result", out, "requires_grad", "is_leaf")


def _int_tensor(values: list[int]) -> Any:
    return torch.tensor(values, requires_grad=True)


def _float64(values: list[int]) -> Any:
    return torch.tensor(values, dtype=torch.float64, requires_grad=True)


def _not_a_leaf(values: list[int]) -> Any:
    return torch.tensor(values, dtype=torch.float32, requires_grad=True) * 1.0


def _params_cases(rng: Any) -> list[Case]:
    cases = []
    for shapes in (((3,), (2, 2)), ((4,), (1,), (2, 3))):
        arrays = [rng.normal(size=s).round(3) for s in shapes]
        label = "params of shapes " + ", ".join(str(s) for s in shapes)
        cases.append({"label": label, "arrays": arrays})
    return cases


def _freeze_probe(fn: Any, case: Case) -> Facts:
    params = [tensor(a, requires_grad=True) for a in case["arrays"]]
    given = list(params)
    returned = require(fn, "freeze")(params)
    facts: Facts = {"returned": None if returned is None else "something"}
    same = all(p is q for p, q in zip(params, given, strict=True))
    facts["params still the same tensor objects"] = same
    for i, p in enumerate(given):
        facts[f"params[{i}].requires_grad"] = requires_grad(p)
        facts[f"params[{i}]"] = array(p)
    return facts


def _rebind(params: list[Any]) -> None:
    for p in params:
        p = p.detach()  # the misconception itself: rebinds a name, changes nothing


def _replace(params: list[Any]) -> None:
    for i, p in enumerate(params):
        params[i] = p.detach()


TASKS = (
    Task("ex01", "make_trainable", "a float32 leaf that requires grad, from ints",
         _values_cases, _make_trainable_probe, misconceptions=(
             Misconception("int-requires-grad", "Only floating-point tensors can require "
                           "gradients: create the tensor with dtype=torch.float32.",
                           _int_tensor),
             Misconception("float64", "The tensor is float64: pass dtype=torch.float32, "
                           "PyTorch's default floating-point type.", _float64),
             Misconception("not-a-leaf", "The result comes out of an operation (it has a "
                           "grad_fn), so it is not a leaf: set requires_grad on the tensor "
                           "you create.", _not_a_leaf),
         )),
    Task("ex01", "freeze", "switch off requires_grad of every tensor in place",
         _params_cases, _freeze_probe, misconceptions=(
             Misconception("rebinding", "Assigning to the loop variable (p = p.detach()) "
                           "leaves the tensors unchanged: call p.requires_grad_(False).",
                           _rebind),
             Misconception("replaced", "The list now holds new, detached tensors while the "
                           "caller (a model) still holds the old ones: change each tensor in "
                           "place with p.requires_grad_(False).", _replace),
         )),
)
