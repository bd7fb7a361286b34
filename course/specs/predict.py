"""Predict tasks: the learner reads a short program and returns what it will produce.

The answer is a dict from a name in the program to the predicted value(s). The grader turns it
into one fact per prediction, so feedback counts the wrong ones and names the first (``2 of 12
predictions differ; the first: z.is_leaf: expected True, got False``). The truth is the
program itself: ``tests/test_course_feedback.py`` runs each ``PROGRAM`` and checks the
reference answers against what it really prints.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import numpy as np

from course.compare import compare_facts, diff, short
from course.probe import Facts, array, require, type_name
from course.tasks import Case, Misconception, Task


def run(program: str) -> dict[str, Any]:
    """The names a program defines, run with ``torch`` = minigrad: the truth to predict."""
    import minigrad

    names: dict[str, Any] = {"torch": minigrad}
    exec(program, names)  # the course's own program, never learner code
    return names


def flags(program: str, names: tuple[str, ...]) -> dict[str, tuple[bool, bool]]:
    """(requires_grad, is_leaf) of each named tensor after running ``program``."""
    ran = run(program)
    return {n: (ran[n].requires_grad, ran[n].is_leaf) for n in names}


def swapped(pairs: dict[str, tuple[bool, bool]]) -> dict[str, tuple[bool, bool]]:
    """Every pair of ``flags`` written the other way round, (is_leaf, requires_grad)."""
    return {name: (leaf, tracked) for name, (tracked, leaf) in pairs.items()}


# Said of an answer that is ``swapped`` (lessons 01 and 07 both ask for the flags in this order).
PAIRS_SWAPPED = ("Each of your pairs is right the other way round: the docstring asks for "
                 "(requires_grad, is_leaf), in that order.")


def predict_task(exercise: str, name: str, title: str, fields: dict[str, tuple[str, ...]],
                 misconceptions: tuple[Misconception, ...],
                 label: str = "the program in the docstring",
                 slip: Callable[[Facts], str] | None = None) -> Task:
    """A task whose function ``name()`` returns predictions (see ``prediction_probe``). The
    program is fixed, so every seed gives the one case ``label``. ``slip``, given the
    learner's facts, says where a slip in working the answer out lies ("" where it cannot
    tell): said after the first wrong prediction."""
    def judge(case: Case, expected: Facts, got: Facts) -> str | None:
        said = count_wrong(case, expected, got)
        return said if said is None or slip is None else said + slip(got)

    return Task(exercise, name, title, lambda rng: [{"label": label}],
                prediction_probe(name, fields), misconceptions=misconceptions,
                judge=count_wrong if slip is None else judge, hint_per_fact=True)


# The fact holding how an answer's entry is malformed (a bool where a pair was asked for).
MALFORMED = "{} is malformed"


def is_prediction(task: Task) -> bool:
    """Whether ``task`` is one ``predict_task`` made (its answers are data), whatever its
    judge (ex04's adds a ``slip`` to ``count_wrong``)."""
    return task.hint_per_fact


def count_wrong(case: Case, expected: Facts, got: Facts) -> str | None:
    """The first wrong prediction, as ``compare_facts`` names it, after how many are wrong."""
    first = compare_facts(expected, got)
    if first is not None and first.endswith(": missing") and isinstance(got, dict):
        # The fact is "<name>.<part>": a name may hold dots itself (ex05's "x.exp().sum()").
        said = got.get(MALFORMED.format(first.removesuffix(": missing").rsplit(".", 1)[0]))
        first = said if isinstance(said, str) else first
    predictions = [key for key in expected if key != "answer.type"]
    if first is None or diff("answer.type", expected.get("answer.type"),
                             got.get("answer.type")):
        return first
    wrong = [key for key in predictions
             if key not in got or diff(key, expected[key], got[key]) is not None]
    if wrong and wrong[0] in got:  # (the first wrong one is the one `first` names)
        first += _literal_hint(expected[wrong[0]], got[wrong[0]])
    if len(wrong) == 1:
        return f"1 of {len(predictions)} predictions differs: {first}"
    return f"{len(wrong)} of {len(predictions)} predictions differ; the first: {first}"


def _literal_hint(exp: Any, got: Any) -> str:
    """Why a prediction is no answer where a bool or None is expected, when it looks like one
    (or where a name is expected, the name in another case):
    0 and 1 (Python's 0 == False let a learner believe them right, and "10 of 10 predictions
    differ" said nothing of why), "True", "False" or "None" in quotes."""
    if exp is None and type(got) is str and got[:10].strip().casefold() == "none":
        return " (None, without quotes)"
    if type(exp) is str and type(got) is str and got.casefold() == exp.casefold():
        # ("mulbackward0": one letter's case was all "expected 'MulBackward0'" showed)
        return f" (a name is written in its own case: {exp!r})"
    if type(exp) is not bool:
        return ""
    if type(got) is float and got in (0.0, 1.0):  # (_plain made the learner's int a float)
        return " (a bool: True or False, not a number)"
    if type(got) is str and got[:10].strip().casefold() in ("true", "false"):
        return " (a bool: True or False, without quotes)"
    if type(got) is str:  # ex05's 'runs' and 'raises': the docstring's words, not its answer
        return " (a bool, True or False, as the docstring asks: not a word)"
    return ""


def _plain(value: Any) -> Any:
    """A prediction as a comparable fact: bools and None as they are, numbers as floats,
    lists of numbers and tensors as float arrays, anything else as its type name."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):  # PyTorch's spelling of a node name counts as minigrad's, and
        # so does AccumulateGrad's short name, which the lessons' text and pictures use
        value = str.__str__(value).replace("torch::", "minigrad::")
        return "minigrad::autograd::AccumulateGrad" if value == "AccumulateGrad" else value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (list, tuple)) and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        return np.array([float(v) for v in value])
    if type_name(value) == "Tensor":
        return array(value).astype(np.float64)
    return f"<{type_name(value)}>"


def _spelled_otherwise(name: str, answer: dict[Any, Any], fields: dict[str, Any]) -> Any:
    """A key of ``answer`` that is not asked for but is ``name`` written with other spaces or
    case ("(x+1).sum()" for "(x + 1).sum()"), or None."""
    def plain(key: Any) -> str | None:
        return "".join(str.__str__(key).split()).casefold() if isinstance(key, str) else None

    wanted = plain(name)
    return next((key for key in itertools.islice(answer, len(fields) + 10)
                 if plain(key) == wanted and key not in fields), None)


def prediction_probe(fn_name: str, fields: dict[str, tuple[str, ...]]
                     ) -> Callable[[Any, Case], Facts]:
    """A probe calling ``fn_name()`` and reading ``answer[name]`` for every name in ``fields``.

    ``fields[name]`` names the predicted facts: one field means the answer is that value
    (``{"w": True}``), several mean a tuple in that order (``{"w": (True, False)}``).
    """
    def probe(fn: Any, case: Case) -> Facts:
        answer = require(fn, fn_name)()
        if not isinstance(answer, dict):
            return {"answer.type": type_name(answer)}
        facts: Facts = {"answer.type": "dict"}
        for name, parts in fields.items():
            # A missing name or a tuple of the wrong length leaves its facts out: the
            # comparison then reports them as missing, by name (count_wrong says what the
            # answer held instead, from the fact MALFORMED names).
            if name not in answer:
                near = _spelled_otherwise(name, answer, fields)
                if near is not None:
                    facts[MALFORMED.format(name)] = (
                        f"{name}: missing (your dict has {short(near, 60)}: write each key "
                        "exactly as the docstring does, spaces included)")
                continue
            values = [answer[name]] if len(parts) == 1 else answer[name]
            if isinstance(values, (list, tuple)) and len(values) == len(parts):
                facts.update({f"{name}.{part}": _plain(v)
                              for part, v in zip(parts, values, strict=True)})
            else:
                facts[MALFORMED.format(name)] = (
                    f"{name}: expected a tuple ({', '.join(parts)}), got {short(values, 60)}")
        return facts

    return probe
