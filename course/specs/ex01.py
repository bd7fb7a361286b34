"""ex01 requires_grad: predict the flags; make a trainable tensor; switch tracking off in place."""

from __future__ import annotations

from typing import Any

import minigrad as torch
from course.probe import (
    Facts,
    array,
    is_tensor,
    require,
    requires_grad,
    tensor,
    tensor_facts,
    value_facts,
)
from course.specs.predict import PAIRS_SWAPPED, flags, predict_task, swapped
from course.tasks import Case, Misconception, Task

# The program whose flags the learner predicts (shown in the stub's docstring).
PROGRAM = """\
w = torch.tensor([0.5, -1.0], requires_grad=True)
a = torch.tensor([1.0, 2.0])
y = w * a
z = a * 2
m = w > 0
s = y.sum()
"""
NAMES = ("w", "a", "y", "z", "m", "s")
FLAGS = ("requires_grad", "is_leaf")


def _flags() -> dict[str, tuple[bool, bool]]:
    return flags(PROGRAM, NAMES)


def _computed_is_never_a_leaf() -> dict[str, tuple[bool, bool]]:
    return {**_flags(), "z": (False, False), "m": (False, False)}


def _no_grad_is_no_leaf() -> dict[str, tuple[bool, bool]]:
    return {**_flags(), "a": (False, False), "z": (False, False), "m": (False, False)}


def _tracked_is_no_leaf() -> dict[str, tuple[bool, bool]]:
    """w, which requires grad, taken for no leaf, as if a leaf were a tensor autograd ignores."""
    return {**_flags(), "w": (True, False)}


def _results_untracked() -> dict[str, tuple[bool, bool]]:
    """Only the tensor created with requires_grad=True requires it, as if the flag did not
    spread: y and s predicted like a and z."""
    return {**_flags(), "y": (False, True), "s": (False, True)}


def _tracked_results_are_leaves() -> dict[str, tuple[bool, bool]]:
    """requires_grad right everywhere, is_leaf taken for it: y and s, which require grad,
    predicted leaves like w."""
    return {**_flags(), "y": (True, True), "s": (True, True)}


def _requires_grad_by_default() -> dict[str, tuple[bool, bool]]:
    """a taken to require grad as w does (every float tensor tracked), so z = a * 2 too."""
    return {**_flags(), "a": (True, True), "z": (True, False)}


def _comparison_tracked() -> dict[str, tuple[bool, bool]]:
    return {**_flags(), "m": (True, False)}


def _pairs_swapped() -> dict[str, tuple[bool, bool]]:
    return swapped(_flags())


# A fact only wrong code has: it set an attribute on a tensor that tensors do not have. Python
# creates it without a word (p.require_grad = False, or t.requires_grad_ = True, which hides
# the method), so nothing else says why requires_grad stayed as it was.
STRAY_ATTRIBUTE = "set an attribute that tensors do not have"
STRAY_ATTRIBUTE_TEXT = ("your code set an attribute that tensors do not have, and Python made a "
                        "new attribute of that name without a word, leaving requires_grad as "
                        "it was. Check the spelling of the name you assigned to.")


# A fact only wrong code has: grad mode left switched off for the whole program, which records
# no graph for anyone but changes no tensor's flag.
GRAD_MODE_OFF = "grad mode switched off for everything after the call"


def _stray_attribute(t: Any) -> bool:
    return bool(vars(t))  # a tensor's own __dict__ is empty until code adds to it


def _values_cases(rng: Any) -> list[Case]:
    cases = []
    for n in (1, 3, 5):
        values = [int(v) for v in rng.integers(-9, 10, size=n)]
        cases.append({"label": f"values = {values}", "values": values})
    return cases


def _make_trainable_probe(fn: Any, case: Case) -> Facts:
    out = require(fn, "make_trainable")(list(case["values"]))
    facts = tensor_facts("result", out, "requires_grad", "is_leaf")
    if is_tensor(out) and _stray_attribute(out):
        facts[STRAY_ATTRIBUTE] = True
    return facts


def _int_tensor(values: list[int]) -> Any:
    return torch.tensor(values, requires_grad=True)


def _int_then_requires_grad(values: list[int]) -> Any:
    return torch.tensor(values).requires_grad_()


def _int_then_flag_set(values: list[int]) -> Any:
    t = torch.tensor(values)
    t.requires_grad = True  # refused as requires_grad_() is, in other words
    return t


def _misspelled_flag(values: list[int]) -> Any:
    t = torch.tensor(values, dtype=torch.float32)
    t.require_grad = True  # the misconception itself: a new attribute, not the flag
    return t


def _not_asked(values: list[int]) -> Any:
    t = torch.tensor(values, dtype=torch.float32)
    t.requires_grad_  # noqa: B018 - the misconception itself: names the method, never calls it
    return t


def _float64(values: list[int]) -> Any:
    return torch.tensor(values, dtype=torch.float64, requires_grad=True)


def _float16(values: list[int]) -> Any:
    return torch.tensor(values, dtype=torch.float16, requires_grad=True)


def _not_a_leaf(values: list[int]) -> Any:
    return torch.tensor(values, dtype=torch.float32, requires_grad=True) * 1.0


def _params_cases(rng: Any) -> list[Case]:
    # Models part of which is frozen already (frozen: indices of tensors that do not require
    # grad): freezing the rest leaves that part frozen. Without them, requires_grad_() with no
    # argument (True, its default) changed no flag and read as code that changed nothing, as a
    # name rebound; with one case alone, a learner who rebound a name and slipped on it was
    # told the other (course.told_apart).
    cases = []
    for shapes, frozen in ((((3,), (2, 2)), []), (((4,), (1,), (2, 3)), [2]),
                           (((2,), (3,), (2, 2)), [1])):
        arrays = [rng.normal(size=s).round(3) for s in shapes]
        label = "params of shapes " + ", ".join(str(s) for s in shapes)
        if frozen:
            label += f", params[{frozen[0]}] frozen already"
        cases.append({"label": label, "arrays": arrays, "frozen": frozen})
    return cases


def _freeze_probe(fn: Any, case: Case) -> Facts:
    params = [tensor(a, requires_grad=i not in case["frozen"])
              for i, a in enumerate(case["arrays"])]
    given = list(params)
    returned = require(fn, "freeze")(params)
    facts = value_facts("returned", returned)
    # The list is the caller's too: a freeze that empties it or adds to it changed it.
    facts["tensors in params after the call"] = len(params)
    same = len(params) == len(given) and all(p is q for p, q in zip(params, given))
    facts["the caller's tensors changed in place (not replaced in the list)"] = same
    for i, p in enumerate(given):
        facts[f"params[{i}].requires_grad"] = requires_grad(p)
        facts[f"params[{i}]"] = array(p)
    if any(_stray_attribute(p) for p in given):
        facts[STRAY_ATTRIBUTE] = True
    if not torch.is_grad_enabled():  # a fact only wrong code has; put back for the next case
        facts[GRAD_MODE_OFF] = True
        torch.set_grad_enabled(True)
    return facts


def _rebind(params: list[Any]) -> None:
    for p in params:
        p = p.detach()  # the misconception itself: rebinds a name, changes nothing


def _switched_on(params: list[Any]) -> None:
    for p in params:
        p.requires_grad_()  # the misconception itself: its argument defaults to True


def _grad_mode_off(params: list[Any]) -> None:
    torch.set_grad_enabled(False)  # the misconception itself: a switch for all, not a flag


def _last_left_out(params: list[Any]) -> None:
    for i in range(len(params) - 1):  # the misconception itself: one tensor short
        params[i].requires_grad_(False)


def _first_left_out(params: list[Any]) -> None:
    for p in params[1:]:  # the misconception itself: a slice from index 1, the second tensor
        p.requires_grad_(False)


def _toggled(params: list[Any]) -> None:
    for p in params:
        p.requires_grad = not p.requires_grad  # the misconception itself: flips, not sets


def _replace(params: list[Any]) -> None:
    for i, p in enumerate(params):
        params[i] = p.detach()


def _misspelled(params: list[Any]) -> None:
    for p in params:
        p.require_grad = False  # the misconception itself: a new attribute, not the flag


def _frozen_then_removed(params: list[Any]) -> None:
    for p in params:
        p.requires_grad_(False)
    params.clear()


def int_then(how: str) -> str:
    """The text of an int64 tensor switched to require grad afterwards (``how``)."""
    return (f"torch.tensor of Python ints is an int64 tensor, and {how} cannot switch tracking "
            "on for integers.")


INT_THEN_FIX = "create the tensor with dtype=torch.float32 first."

TASKS = (
    predict_task("ex01", "predict_flags", "predict requires_grad and is_leaf of six tensors",
                 {name: FLAGS for name in NAMES}, misconceptions=(
             Misconception("computed-is-never-a-leaf", "A tensor that does not require grad "
                           "is a leaf, even when an operation made it: autograd never goes "
                           "further back than it.", _computed_is_never_a_leaf),
             Misconception("no-grad-is-no-leaf", "Every tensor that does not require grad "
                           "is a leaf: autograd keeps no history for it, so a graph stops "
                           "there, whether you made it (a) or an operation did (z = a * 2). "
                           "is_leaf is False only for a result computed from a tensor that "
                           "requires grad.", _no_grad_is_no_leaf),
             Misconception("tracked-is-no-leaf", "w is a leaf: you created it, and requiring "
                           "grad does not change that. A leaf is where the graph starts and "
                           "where backward() leaves a gradient (w.grad); is_leaf is False only "
                           "for a result an operation computed from a tensor that requires "
                           "grad.", _tracked_is_no_leaf),
             # (before "results-untracked" and "pairs-swapped", which share y's is_leaf with
             # it and would be named for it, wrongly, by its first fact alone)
             Misconception("tracked-results-are-leaves", "y and s require grad, but neither "
                           "is a leaf: each was made by an operation on w, which requires grad, "
                           "so autograd recorded it (a grad_fn). A leaf is where the graph "
                           "starts: a tensor you created, or one no tracked operation made.",
                           _tracked_results_are_leaves),
             # (before "pairs-swapped": a's requires_grad, the first fact it gets wrong, is
             # pairs-swapped's too)
             Misconception("requires-grad-by-default", "A tensor requires grad only when asked "
                           "(requires_grad=True): a was made without it, so it does not, and "
                           "neither does z = a * 2, made from a alone.",
                           _requires_grad_by_default),
             Misconception("results-untracked", "requires_grad spreads: a result requires "
                           "grad if any of its inputs does, so y = w * a does (w does), and so "
                           "does s = y.sum(). A result made from w is also no leaf: it has a "
                           "grad_fn.", _results_untracked),
             Misconception("comparison-tracked", "A comparison gives a bool tensor, and only "
                           "floating-point tensors can require grad: w > 0 is plain data.",
                           _comparison_tracked),
             Misconception("pairs-swapped", PAIRS_SWAPPED, _pairs_swapped),
         )),
    Task("ex01", "make_trainable", "a float32 leaf that requires grad, from ints",
         _values_cases, _make_trainable_probe, misconceptions=(
             Misconception("int-requires-grad", "The tensor holds integers, and only "
                           "floating-point tensors can require gradients.", _int_tensor,
                           fix="create the tensor with dtype=torch.float32."),
             Misconception("int-then-requires-grad", int_then("requires_grad_()"),
                           _int_then_requires_grad, fix=INT_THEN_FIX),
             # (`t.requires_grad = True` on the int64 tensor: its error's words differ from
             # requires_grad_()'s, and it was told only the error)
             Misconception("int-then-flag-set", int_then("requires_grad = True"),
                           _int_then_flag_set, fix=INT_THEN_FIX),
             Misconception("misspelled-attribute", "The tensor does not require grad: "
                           + STRAY_ATTRIBUTE_TEXT, _misspelled_flag,
                           fix="the flag is t.requires_grad (or call t.requires_grad_())."),
             # (after "misspelled-attribute", whose outcome this one's has too, and more)
             # (its outcome is also that of torch.FloatTensor(values) and of a detach() at the
             # end: the text names those too)
             Misconception("not-asked", "The tensor does not require grad: a tensor is "
                           "tracked only when asked, and nothing asked (t.requires_grad_ "
                           "without its parentheses only names the method, it does not call "
                           "it; torch.FloatTensor(values) asks nothing either; and detach() "
                           "gives a tensor that is not tracked).", _not_asked,
                           fix="pass requires_grad=True when you create the tensor, or call "
                           "t.requires_grad_()."),
             Misconception("float64", "The tensor is float64, not float32, PyTorch's default "
                           "floating-point type.", _float64,
                           fix="pass dtype=torch.float32."),
             # (told only "result.dtype: expected 'minigrad.float32', got 'minigrad.float16'")
             Misconception("float16", "The tensor is float16, half precision, not float32, "
                           "PyTorch's default floating-point type: float16 keeps about 3 "
                           "significant digits, where float32 keeps 7.", _float16,
                           fix="pass dtype=torch.float32."),
             Misconception("not-a-leaf", "The result comes out of an operation (it has a "
                           "grad_fn), so it is not a leaf.", _not_a_leaf,
                           fix="set requires_grad on the tensor you create."),
         )),
    Task("ex01", "freeze", "switch off requires_grad of every tensor in place",
         _params_cases, _freeze_probe, misconceptions=(
             # (before "rebinding", whose outcome this one's has too, and more)
             Misconception("misspelled-attribute", "The tensors still require grad: "
                           + STRAY_ATTRIBUTE_TEXT, _misspelled,
                           fix="the flag is p.requires_grad (or call p.requires_grad_(False))."),
             # (before "rebinding", whose outcome this one's has too, and more)
             Misconception("grad-mode-off", "The tensors still require grad: "
                           "torch.set_grad_enabled(False) switches off recording for every "
                           "operation run after it, anywhere in the program, and changes no "
                           "tensor's own flag; the caller asked for these tensors alone to "
                           "stop being tracked.", _grad_mode_off,
                           fix="call p.requires_grad_(False) on each tensor in params."),
             # (its outcome, nothing changed, is also that of a map() never looped over, of
             # p.data's flag switched off, and of p.requires_grad == False, a comparison: the
             # text names those too)
             Misconception("rebinding", "The tensors still require grad: nothing changed "
                           "their own flag. p.requires_grad == False compares, and changes "
                           "nothing (a single = assigns); assigning to a name (p = p.detach(), "
                           "or params = [...]) only rebinds the name; p.data and p.detach() "
                           "are other tensor objects, whose flag is their own; map() runs "
                           "nothing until its result is looped over; and clearing .grad or "
                           "working under torch.no_grad() leaves requires_grad as it was.",
                           _rebind,
                           fix="call p.requires_grad_(False) on each tensor in params."),
             Misconception("switched-on", "requires_grad_() with no argument switches "
                           "tracking on (its argument defaults to True): the tensors still "
                           "require grad, and one that was frozen already now requires it "
                           "again.", _switched_on,
                           fix="pass the flag you want: p.requires_grad_(False)."),
             Misconception("last-left-out", "The last tensor still requires grad: the "
                           "loop stopped one short (range(len(params) - 1)), or reached only "
                           "some of the tensors. Every tensor in params is to be switched off.",
                           _last_left_out, fix="loop over every tensor: for p in params."),
             Misconception("first-left-out", "The first tensor still requires grad: the loop "
                           "started at the second (params[1:], or range(1, len(params))). "
                           "Python counts from 0, so params[0] is the first tensor, and every "
                           "tensor in params is to be switched off.", _first_left_out,
                           fix="loop over every tensor: for p in params."),
             Misconception("toggled", "A tensor that was frozen already now requires grad "
                           "again: `not p.requires_grad` flips the flag, so it switches on "
                           "whatever was off. Freezing sets the flag to False, whatever it "
                           "was.", _toggled, fix="set it: p.requires_grad_(False)."),
             Misconception("replaced", "The list now holds new, detached tensors while the "
                           "caller (a model) still holds the old ones, which still require "
                           "grad.", _replace,
                           fix="change each tensor in place with p.requires_grad_(False)."),
             Misconception("list-emptied", "Each tensor is frozen, but the list lost them: "
                           "params is the caller's list (a model's parameters), and freezing "
                           "a tensor leaves it where it is, still used, only untracked.",
                           _frozen_then_removed,
                           fix="switch off each tensor's requires_grad and leave the list as "
                           "it is."),
         )),
)
