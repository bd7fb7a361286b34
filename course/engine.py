"""Grading one exercise file: reference in this process, learner in the sandbox, then compare.

The reference solution and the known-wrong variants run here, in the trusted parent, on the
same seeded cases the child draws; their outcomes are cached per (solutions dir, exercise,
seed), so grading a class computes them once. The learner's file runs in a ``Sandbox`` that
holds its folder (and only that submission's).

    >>> from course.sandbox import Sandbox
    >>> with Sandbox(files="exercises") as box:                       # doctest: +SKIP
    ...     result = grade_exercise(box, "ex03", "exercises/ex03_backward.py", seed=0)
    >>> result.score, result.max_score                                # doctest: +SKIP
    (3, 3)
"""

from __future__ import annotations

import codecs
import importlib.util
import os
import re
import threading
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

from course import bwrap, published, wire
from course.calls import called_tasks, classes, fix_first
from course.child import error_info
from course.compare import (
    compare_case,
    describe_error,
    diff,
    error_hint,
    error_line,
    swapped_data,
    text,
)
from course.errors import UsageError
from course.results import ERROR, FAILED, NOT_ATTEMPTED, PASSED, ExerciseResult, TaskResult
from course.returns import NO_RETURN, returns_nothing
from course.sandbox import Running, Sandbox, TaskRun
from course.sanitize import one_line, shorten
from course.stub import raising_function
from course.tasks import (
    WITHOUT_MINIGRAD,
    Case,
    Exercise,
    Misconception,
    Task,
    exercise,
    exercise_file,
    missing_file,
    too_large,
)
from course.unpack import MAX_FILE_BYTES
from course.workspace import read_head

SOLUTIONS = bwrap.SOLUTIONS

_cache: dict[tuple[str, str, int], list[dict[str, Any]]] = {}
_modules: dict[Path, ModuleType] = {}
_lock = threading.Lock()
# Held while minigrad runs in the grader's own process after the workers started: judging, and
# the misconception variants it computes on demand. Some of that draws random numbers (a
# rebuilt layer's initial weights, a variant's seeded training), which another thread's draws
# in between would change.
_parent_runs = threading.RLock()


def outcome(task: Task, fn: Any, case: Case) -> dict[str, Any]:
    """Run one probe and record its facts or its exception, normalized like a child's reply."""
    try:
        with warnings.catch_warnings():  # e.g. reading a non-leaf's .grad, on purpose
            warnings.simplefilter("ignore")
            return {"facts": wire.normalize(task.probe(fn, case))}
    except Exception as e:
        return {"error": error_info(e)}


def _solution(solutions: Path, exercise_id: str) -> ModuleType:
    path = (solutions / exercise(exercise_id).filename).resolve()
    if path not in _modules:
        if not path.is_file():
            raise UsageError(f"no reference solution {path}")
        spec = importlib.util.spec_from_file_location(f"course_reference_{exercise_id}", path)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        try:
            spec.loader.exec_module(module)  # type: ignore[union-attr]
        except Exception as e:
            raise UsageError(f"cannot load the reference solution {path}: "
                             f"{type(e).__name__}: {e}") from None
        _modules[path] = module
    return _modules[path]


def expectations(exercise_id: str, seed: int, solutions: Path = SOLUTIONS
                 ) -> list[dict[str, Any]]:
    """Per task: its cases, the reference's outcomes and each misconception's outcomes.

    Computed from the reference solutions; in the student edition, which has none, read from
    the results published with it at release time (``course.published``)."""
    key = (str(solutions.resolve()), exercise_id, seed)
    with _lock:
        if key not in _cache:
            if solutions == SOLUTIONS and not solutions.is_dir() and published.available():
                _cache[key] = published.load(exercise_id, seed)
            else:
                _cache[key] = _compute(exercise_id, seed, _solution(solutions, exercise_id))
        return _cache[key]


def _compute(exercise_id: str, seed: int, module: ModuleType) -> list[dict[str, Any]]:
    return [task_expectations(task, seed, module) for task in exercise(exercise_id).tasks]


def task_expectations(task: Task, seed: int, module: ModuleType) -> dict[str, Any]:
    """One task's entry of ``expectations``, with ``module`` the reference solution."""
    if any(m.variant is None for m in task.misconceptions):
        raise UsageError("this is the student edition: its misconception variants are "
                         "withheld, so it cannot grade other inputs (grade with the "
                         "course repository or `course autograder`)")
    cases = task.cases(task.rng(seed))
    fn = getattr(module, task.name, None)
    reference = [outcome(task, fn, c) for c in cases]
    broken = next((f"{c['label']}: {describe_error(o['error'])}"
                   for c, o in zip(cases, reference, strict=True) if "error" in o), None)
    if fn is None:  # the probe says "the exercise file defines no ...": it means this one
        broken = (f"every case: the reference solution {Path(module.__file__).name} "
                  f"defines no `{task.name}`")
    return {"broken": broken, "cases": cases, "reference": reference,
            "variants": Variants(task, cases)}


class Variants(Mapping):
    """Each misconception's outcomes on a task's cases, by name, computed when first asked for:
    judging needs them only where a learner's answer is wrong, and then the first that fits."""

    def __init__(self, task: Task, cases: list[Case]) -> None:
        self._task, self._cases = task, cases
        self._variants = {m.name: m.variant for m in task.misconceptions}
        self._found: dict[str, list[dict[str, Any]]] = {}

    def __getitem__(self, name: str) -> list[dict[str, Any]]:
        with _parent_runs:
            if name not in self._found:
                variant = self._variants[name]
                self._found[name] = [outcome(self._task, variant, c) for c in self._cases]
            return self._found[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._variants)

    def __len__(self) -> int:
        return len(self._variants)


def first_difference(task: Task, cases: list[Case], expected: list[dict[str, Any]],
                     got: list[Any]) -> str | None:
    """The first case whose outcome differs, named by its inputs; None when all agree."""
    if len(got) != len(expected):
        return "the task's results are malformed"
    wrong = first_wrong_case(task, cases, expected, got)
    if wrong is None:
        return None
    n, message = wrong
    return f"case {n + 1} ({cases[n]['label']}): {message}"


def first_wrong_case(task: Task, cases: list[Case], expected: list[dict[str, Any]],
                     got: list[Any]) -> tuple[int, str] | None:
    """The index of the first case whose outcome differs, and how; None when all agree."""
    for n, (case, exp, g) in enumerate(zip(cases, expected, got, strict=True)):
        if message := case_difference(task, case, exp, g):
            return n, message
    return None


def case_difference(task: Task, case: Case, expected: dict[str, Any], got: Any) -> str | None:
    """How one case's outcome differs from the expected one; None when they agree."""
    if (task.judge is not None and "facts" in expected and isinstance(got, dict)
            and isinstance(got.get("facts"), dict)):
        return task.judge(case, expected["facts"], got["facts"])
    return compare_case(expected, got, task.rtol, task.atol)


def _difference_in(task: Task, cases: list[Case], expected: list[dict[str, Any]],
                   got: list[Any], key: str) -> str | None:
    """The first case's difference in the fact ``key``, named as first_difference names a
    case; None where that fact agrees (or is missing) everywhere."""
    for n, (case, exp, mine) in enumerate(zip(cases, expected, got)):
        theirs, facts = exp.get("facts"), mine.get("facts") if isinstance(mine, dict) else None
        if isinstance(theirs, dict) and isinstance(facts, dict) and key in theirs \
                and key in facts:
            message = diff(key, theirs[key], facts[key], task.rtol, task.atol)
            if message:
                return f"case {n + 1} ({case['label']}): {message}"
    return None


def fitting_first_wrong_case(task: Task, expect: dict[str, Any],
                             got: list[Any]) -> Misconception | None:
    """The misconception whose outcome on the first case the learner got wrong is the learner's
    exactly, or None. On other cases it may differ: a second mistake, or this one made in one
    place only (`=` for `+=` in one backward of ex10, not in all). Where several fit that case,
    the one whose outcomes are the learner's on the most cases (``most_alike``)."""
    cases = expect["cases"]
    if len(got) != len(cases):  # (malformed: first_difference says so)
        return None
    wrong = first_wrong_case(task, cases, expect["reference"], got)
    if wrong is None:
        return None
    n = wrong[0]
    fitting = [m for m in task.misconceptions
               if not case_difference(task, cases[n], expect["variants"][m.name][n], got[n])]
    if len(fitting) < 2:  # (their other cases are compared only to choose: ex10's take 0.2 s)
        return fitting[0] if fitting else None
    return most_alike(task, agreement(task, expect, got, fitting), n)


def agreement(task: Task, expect: dict[str, Any], got: list[Any],
              mistakes: list[Misconception] | None = None) -> dict[str, list[bool]]:
    """For each misconception (of ``mistakes``; default: the task's), on each case, whether its
    outcome is the learner's ``got``."""
    return {m.name: [not case_difference(task, case, theirs, mine) for case, theirs, mine
                     in zip(expect["cases"], expect["variants"][m.name], got, strict=True)]
            for m in (task.misconceptions if mistakes is None else mistakes)}


def most_alike(task: Task, agree: dict[str, list[bool]], n: int) -> Misconception | None:
    """Of the misconceptions in ``agree`` (``agreement``) whose outcome on case ``n`` is the
    learner's, the one whose outcomes are the learner's on the most cases; the first listed of
    equals. Case ``n`` alone can fit two mistakes (ex10's root-first and pre-order order the
    first, small graph alike): the learner's other cases tell which one they made."""
    fitting = [m for m in task.misconceptions if m.name in agree and agree[m.name][n]]
    return max(fitting, key=lambda m: sum(agree[m.name]), default=None)


def _error_type(error: Any) -> str | None:
    """The exception type an error record names, if it is a str (the child sent the record)."""
    kind = error.get("type") if isinstance(error, dict) else None
    return kind if isinstance(kind, str) else None


def explaining(task: Task, expect: dict[str, Any], got: list[Any]) -> Misconception | None:
    """The misconception whose outcome has the learner's value for the first fact that differs
    from the reference's (each fact an answer in its own right: ``hint_per_fact``), or None.
    Where several have it, the one that has the learner's values for the most facts; the first
    listed of equals (ex01: a narrow mistake before a broad one that shares a value)."""
    for n, (reference, mine) in enumerate(zip(expect["reference"], got)):
        facts, answers = reference.get("facts"), mine.get("facts") if isinstance(mine, dict) \
            else None
        if not isinstance(facts, dict) or not isinstance(answers, dict):
            return None
        wrong = next((k for k, v in facts.items()
                      if k in answers and diff(k, v, answers[k]) is not None), None)
        if wrong is not None:
            variants = {m: expect["variants"][m.name][n].get("facts") or {}
                        for m in task.misconceptions}
            fitting = [m for m, theirs in variants.items()
                       if wrong in theirs and diff(wrong, theirs[wrong], answers[wrong]) is None]
            return max(fitting, key=lambda m: _facts_alike(expect, m, got), default=None)
    return None


def _facts_alike(expect: dict[str, Any], mistake: Misconception, got: list[Any]) -> int:
    """How many of the learner's facts, on every case, have ``mistake``'s value."""
    alike = 0
    for theirs, mine in zip(expect["variants"][mistake.name], got):
        facts = theirs.get("facts") or {}
        answers = mine.get("facts") if isinstance(mine, dict) else None
        if isinstance(answers, dict):
            alike += sum(k in facts and diff(k, facts[k], v) is None for k, v in answers.items())
    return alike


# A task's feedback is a few lines; what the learner's code or a forged reply puts into it (an
# exception type named with 3.9 million characters: 226 MB of results per submission, a red
# team's) is cut here, whatever else caps it on the way.
MAX_FEEDBACK = 4000


def capped(feedback: str) -> str:
    return feedback if len(feedback) <= MAX_FEEDBACK else \
        feedback[:MAX_FEEDBACK - 30] + " ... (feedback truncated)"


PRINTED_NOT_RETURNED = ("your function printed something and returned None: a check reads "
                        "what it returns, so return the value instead of printing it.")

# A warning as Python shows it (``file:line: UserWarning: text``, then the line of source,
# indented): minigrad's own, such as reading a non-leaf's .grad, are no printing of the
# learner's, and a function that returned None beside one was told it had printed.
_WARNING = re.compile(r"^[^\n]*:\d+: \w*Warning: [^\n]*\n(?:[ \t][^\n]*\n?)?", re.MULTILINE)


def printed(output: str) -> bool:
    r"""Whether the learner's code printed anything but Python's warnings.

    >>> printed("ex05.py:3: UserWarning: The .grad attribute of a Tensor that is not a leaf\n"
    ...         "  return y.grad\n")
    False
    >>> printed("tensor(2.)\n")
    True
    """
    return bool(_WARNING.sub("", output).strip())


# A task's function whose parameters differ from the stub's (renamed, dropped, added): the check
# calls it as the stub defines it, and the TypeError of that call names no line of the learner's
# file. "zero_grads() got an unexpected keyword argument 'set_to_none'" said no more.
SIGNATURE_CHANGED = ("the check calls {name} as the stub defines it, with the same parameters "
                     "under the same names (an optional one may be passed by its name): keep "
                     "the stub's `def {name}(...)` line as it was.")


def _called_otherwise(task: Task, errors: list[Any]) -> bool:
    """Whether a TypeError came from the call of the task's function itself, not from a line of
    its body (a function's own name opens Python's message: "train() takes 4 positional
    arguments but 5 were given"; the line quoted, if any, is its def line)."""
    return any(_error_type(e) == "TypeError"
               and text(e.get("message", ""), 200).startswith(f"{task.name}() ")
               and ("line" not in e or _quoted_code(e).startswith(f"def {task.name}("))
               for e in errors)


def _quoted_code(error: dict[str, Any]) -> str:
    """The code of the learner's line an exception record quotes, or "" where it quotes none."""
    where = error.get("line")
    return text(where[1], 200) if isinstance(where, list) and len(where) == 2 else ""


def judge(task: Task, expect: dict[str, Any], run: TaskRun, source: bytes | None = None,
          partly: bool = True) -> TaskResult:
    """Score one task from what the sandbox reported and what was expected (and, for a task
    with a ``source_rule``, the learner's ``source``). ``partly`` False: no mistake is named
    that fits only the first wrong case (``fitting_first_wrong_case``)."""
    def result(status: str, feedback: str, mistake: Misconception | None = None) -> TaskResult:
        points = task.points if status == PASSED else 0
        return TaskResult(task.id, task.title, points, task.points, status, capped(feedback),
                          mistake and mistake.name, run.output, mistake.fix if mistake else "")

    if expect.get("broken"):
        return result(ERROR, "cannot be checked here: the reference solution itself fails "
                             f"(a problem of the course installation, not your code) on "
                             f"{expect['broken']}")
    broken = _breaks_rule(task, source)
    if broken:  # whatever the run gave: it came from code the rule does not allow
        return result(ERROR, f"{broken}\nThis task's results were not compared.")
    if run.cases is None:
        failure = run.failure or "produced no result"
        if task.too_slow and "took longer than" in failure:
            failure = f"{failure.removesuffix(': an endless loop?')}. {task.too_slow}"
        return result(ERROR, failure + still_running(run.running, source))
    errors = [c.get("error") for c in run.cases if isinstance(c, dict)]
    kinds = [_error_type(e) for e in errors]
    if "NotImplementedError" in kinds:
        # (A task named like a class, ex03's Cube, ex10's Value, is a class whose methods do.)
        if not task.name[:1].isupper():
            left = _not_implemented(task, errors[kinds.index("NotImplementedError")], source)
            if left is not None:
                return result(NOT_ATTEMPTED, left)
            # else raised by a library the learner's code called: an error like any other
        elif _raised_by_a_library(errors[kinds.index("NotImplementedError")], source):
            pass  # Cube's `x ^ 2` (numpy's xor of floats): an error like any other
        elif all(kind == "NotImplementedError" for kind in kinds):
            return result(NOT_ATTEMPTED, "not attempted yet: its methods still raise "
                                         "NotImplementedError")
        else:  # some cases ran: which of the class's methods is left (ex10's Value has 13)
            left = errors[kinds.index("NotImplementedError")]
            return result(NOT_ATTEMPTED, "not finished yet: one of its methods still raises "
                                         f"NotImplementedError{error_line(left)}")
    if "MissingFunction" in kinds:
        return result(ERROR, describe_error(errors[kinds.index("MissingFunction")]))
    try:
        message = first_difference(task, expect["cases"], expect["reference"], run.cases)
        mistake = None if message is None else next(
            (m for m in task.misconceptions if first_difference(
                task, expect["cases"], expect["variants"][m.name], run.cases) is None), None)
        if message is not None and mistake is None and task.hint_per_fact:
            mistake = explaining(task, expect, run.cases)
        if mistake is not None and mistake.shows:
            message = _difference_in(task, expect["cases"], expect["reference"], run.cases,
                                     mistake.shows) or message
        partial = None  # a mistake that fits the case shown, not every case
        if message is not None and mistake is None and partly:
            partial = fitting_first_wrong_case(task, expect, run.cases)
    except Exception as e:  # a forged reply no check foresaw fails its task, not the grader
        return result(ERROR, "its results could not be compared (malformed results: "
                             f"{type(e).__name__})")
    if message is None:
        return result(PASSED, "the one case matches" if len(run.cases) == 1
                      else f"all {len(run.cases)} cases match")
    # A function with no return statement gave None where a value was expected: that, not a
    # known mistake that returns None too (ex05's y.grad), is what its learner wrote.
    returned_none = message.endswith("got None") and _returns_a_value(task, expect) \
        and source is not None and returns_nothing(_text(source), task.name)
    if returned_none:
        said = PRINTED_NOT_RETURNED if printed(run.output) else NO_RETURN.format(name=task.name)
        return result(FAILED, f"{message}\nWhat it means: {said}")
    if mistake is not None:
        return result(FAILED, f"{mistake.feedback}\n{message}", mistake)
    if partial is not None:
        return result(FAILED, f"{message}\nOn this case your result is exactly what a known "
                              f"mistake gives: {partial.feedback}", partial)
    # No known mistake fits: explain the error the learner's code raised, if the lessons show it.
    tensors = task.exercise not in WITHOUT_MINIGRAD
    hint = next((meaning for e, kind in zip(errors, kinds) if kind and f"raised {kind}" in message
                 and (meaning := error_hint(e, tensors) or swapped_data(e))), None)
    if hint is None and message.endswith("got None") and printed(run.output):
        hint = PRINTED_NOT_RETURNED
    if hint is None and "raised TypeError" in message and _called_otherwise(task, errors):
        hint = SIGNATURE_CHANGED.format(name=task.name)
    if hint is None and task.hint is not None:
        hint = _task_hint(task, expect, run.cases)
    return result(FAILED, f"{message}\nWhat it means: {hint}" if hint else message)


def _task_hint(task: Task, expect: dict[str, Any], got: list[Any]) -> str | None:
    """``task.hint`` on the first wrong case, where both sides gave facts (not an error)."""
    wrong = first_wrong_case(task, expect["cases"], expect["reference"], got)
    if wrong is None:
        return None
    expected, learner = expect["reference"][wrong[0]], got[wrong[0]]
    if not (isinstance(learner, dict) and isinstance(learner.get("facts"), dict)
            and "facts" in expected):
        return None
    return task.hint(expect["cases"][wrong[0]], expected["facts"], learner["facts"])


def _returns_a_value(task: Task, expect: dict[str, Any]) -> bool:
    """Whether ``task`` is a function whose result is a value: not a class, and not one whose
    docstring says "Return nothing", which its check reads as the fact "returned", None (a
    .grad of None is then what differs, not what the function returned)."""
    return not task.name[:1].isupper() and not any(
        isinstance(case, dict) and isinstance(case.get("facts"), dict)
        and case["facts"].get("returned.type") == "None" for case in expect["reference"])


# The most of a line of the learner's file quoted where its code ran out of time.
LINE_SHOWN = 120


def still_running(where: Running | None, source: bytes | None) -> str:
    r"""The line the learner's code was running when its time ran out, as a line to add under
    the failure, or "". The fork named the line (``course.child.Locator``); its word is taken
    for the number alone, which must be a line of ``source``, the grader's own copy of the
    file, and the text shown is that copy's.

        >>> print(still_running(Running("ex06.py", 2, "train", False),
        ...                     b"def train():\n    while True: pass\n").strip())
        Your code was still running at line 2 of ex06.py, in train: `while True: pass`
    """
    if where is None or source is None:
        return ""
    lines = _text(source).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines[-1]:  # what follows the file's last newline: no line
        lines.pop()
    if not 0 < where.line <= len(lines):
        return ""
    code = one_line(lines[where.line - 1])
    code = shorten(code, LINE_SHOWN)
    if where.function == "<module>":  # a day-one mistake: a training loop left at the top
        place = (", outside any function (such code runs when the file is imported, before "
                 "any check)")
    else:
        place = f", in {one_line(where.function)}" if where.function else ""
        place += ", inside a call made on that line" if where.deeper else ""
    shown = "." if not code else f": `{code}`" if "`" not in code else f": {code}"
    return (f"\nYour code was still running at line {where.line} of {one_line(where.file)}"
            f"{place}{shown}")


def grade_in_folder(box: Sandbox, exercise_id: str, folder: Path, seed: int,
                    solutions: Path = SOLUTIONS) -> tuple[ExerciseResult, Path | None]:
    """Grade the file of ``folder`` that exercise_file picks, `course check` and `course
    grade` alike, with its note under each task's feedback; -> (result, the file graded)."""
    file, note = exercise_file(folder, exercise_id)
    # (where there is none, the path it would have: its feedback says what is there instead)
    result = grade_exercise(box, exercise_id, file or folder / exercise(exercise_id).filename,
                            seed, solutions)
    if note:  # (up to 200 names of a learner's choosing: capped like the rest)
        for task in result.tasks:
            task.feedback = capped(f"{task.feedback}\n{note}")
    return result, file


def grade_exercise(box: Sandbox, exercise_id: str, path: Path | str | None, seed: int,
                   solutions: Path = SOLUTIONS) -> ExerciseResult:
    """Grade the learner's file for one exercise (``path`` None: the file is missing)."""
    ex = exercise(exercise_id)
    expected = expectations(exercise_id, seed, solutions)
    source = _source(path)  # for the tasks' source rules, and to tell a stub from code
    too_big = _too_large(ex.filename, source)
    if too_big:  # neither run nor parsed in this process (its syntax tree: docs/grading.md)
        source = None
    unrunnable = too_big or _unrunnable(ex.filename, path) or _not_text(ex.filename, source)
    if unrunnable:
        runs = {i: TaskRun(None, unrunnable) for i in range(len(ex.tasks))}
    elif source is not None and not source.strip():  # (saved before it was written, say)
        empty = f"{ex.filename} is empty " + ("(0 bytes)" if not source else "(blank space only)")
        runs = {i: TaskRun(None, empty) for i in range(len(ex.tasks))}
    else:
        runs = box.run(exercise_id, path, list(range(len(ex.tasks))), seed)
    with _parent_runs:
        results = [judge(t, expected[i], runs[i], source) for i, t in enumerate(ex.tasks)]
    if source is not None and not unrunnable:
        _note_failing_calls(ex, results, expected, runs, source)
    return ExerciseResult(ex.id, ex.title, results)


def _note_failing_calls(ex: Exercise, results: list[TaskResult], expected: list[dict[str, Any]],
                        runs: Mapping[int, TaskRun], source: bytes) -> None:
    """Under a task whose results differ and that no known mistake explains, a line for each
    task of the file it calls that fails its own check (ex09: fit calls the learner's
    training_step, and a wrong step made a right fit's history wrong too: course.calls). Such a
    task is judged again without the mistakes that fit only its first wrong case, and without
    any where its misconceptions take the failing task for granted (``Task.assumes``)."""
    names = tuple(t.name for t in ex.tasks)
    status = {t.name: r.status for t, r in zip(ex.tasks, results, strict=True)}
    # The file is parsed only where a failed task may call another that fails, and outside
    # _parent_runs, which every job's judging takes: a dense 1 MiB file takes the parse 2 s
    # and 500 MB (red team 18), and was parsed so for every exercise, passing or not.
    if FAILED not in status.values() or \
            sum(s in (FAILED, ERROR) for s in status.values()) < 2:
        return
    text = _text(source)
    defined_classes = classes(text, names)
    for name, called in called_tasks(text, names).items():
        i = names.index(name)
        failing = [c for c in called if status[c] in (FAILED, ERROR)]
        # (an error of the caller's own, a time limit or a rule its file breaks, says more)
        if results[i].status != FAILED or not failing:
            continue
        if results[i].misconception is not None:
            # A mistake that fits only the case shown may be the other task's, seen through this
            # one (ex10: an order without the node before the root made Value's first wrong case
            # leaves-first's), so it is named only where it fits every case; none, where this
            # task's mistakes take the other task for granted.
            task = ex.tasks[i]
            if set(failing) & set(task.assumes):
                task = replace(task, misconceptions=())
            with _parent_runs:
                results[i] = judge(task, expected[i], runs[i], source, partly=False)
        elif ex.tasks[i].hint is not None:
            # Its hint reads its results as if the task it calls were right (ex10: an order
            # listing a node twice, and Value's first wrong case was blamed on an op's
            # _backward): the line below says where to look instead.
            with _parent_runs:
                results[i] = judge(replace(ex.tasks[i], hint=None), expected[i], runs[i],
                                   source)
        result = results[i]
        if result.misconception is not None:
            continue
        for other in failing:
            result.feedback = capped(
                f"{result.feedback}\n{fix_first(name, other, defined_classes)}")


def _unrunnable(name: str, path: Path | str | None) -> str | None:
    """Why the exercise file at ``path`` cannot run, in words the learner can act on; None
    when it can. The sandbox holds the graded files alone, so a link's target is not there
    to run: one to a file in another folder ended `course check` in a traceback, one to a
    file beside it in "FileNotFoundError"."""
    if path is None or not Path(path).is_file():
        return missing_file(None if path is None else Path(path).parent, name)
    try:
        os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))  # (never waits: see read_head)
    except OSError as e:
        return f"{name} cannot be read ({e.strerror}): make it readable (chmod u+r {name})"
    if Path(path).is_symlink():
        return (f"{name} is a link to another file, which the check does not see: put the "
                "file itself there (copy it over the link)")
    return None


def _too_large(name: str, source: bytes | None) -> str | None:
    """Why a file larger than a submission's file may be is not run, as `course grade` (whose
    unpacking cuts it one byte past that size) and `course check` alike say it."""
    return too_large(name) if source is not None and len(source) > MAX_FILE_BYTES else None


def _not_text(name: str, source: bytes | None) -> str | None:
    """A file Python can never read: Windows Notepad's "Unicode" (UTF-16) holds NUL bytes,
    which Python refuses as "source code string cannot contain null bytes", a puzzle."""
    if source is None or b"\0" not in source:
        return None
    utf16 = source.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    return (f"{name} is saved as {'UTF-16 (Notepad: Unicode)' if utf16 else 'binary data'}, "
            "which Python cannot read: save it as UTF-8 text")


def _source(path: Path | str | None) -> bytes | None:
    """The learner's file for the tasks' source rules (None: there is none), read before
    the file runs, and one byte more than a submission may hold (to tell a larger file)."""
    return None if path is None else read_head(path, MAX_FILE_BYTES + 1)


def _error_line(error: dict[str, Any]) -> object:
    where = error.get("line")
    return where[0] if isinstance(where, list) and where else None


def _raised_by_a_library(error: dict[str, Any], source: bytes | None) -> bool:
    """A NotImplementedError at a line of the learner's file where none of its functions (or
    methods) raises one: a library raised it at a call of the learner's."""
    line = _error_line(error)
    return (source is not None and type(line) is int
            and raising_function(_text(source), line) is None)


def _not_implemented(task: Task, error: dict[str, Any], source: bytes | None) -> str | None:
    """What a function task's NotImplementedError means: the stub as handed out, code of the
    learner's above a raise left in, or another function of the file not written yet; None
    when no raise of the file's functions is at the error's line: a library raised it
    (nn.Module's forward, for a model whose own is misspelled), at a call of the learner's."""
    if _raised_by_a_library(error, source):
        return None
    found = None if source is None else raising_function(_text(source), _error_line(error))
    if found is not None and found[0] != task.name:
        return (f"not finished yet: it uses {found[0]}, which still raises "
                f"NotImplementedError{error_line(error)}")
    if found is not None and found[1]:
        return ("not finished yet: your code is there, but the function still raises "
                f"NotImplementedError{error_line(error)}; delete that line")
    return "not attempted yet: the function still raises NotImplementedError"


def _breaks_rule(task: Task, source: bytes | None) -> str | None:
    """What in the learner's source breaks the task's ``source_rule``, or None."""
    if task.source_rule is None or source is None:
        return None
    return task.source_rule(_text(source))


def _text(source: bytes) -> str:
    """The learner's file decoded as Python does, by its coding line: the code that runs."""
    try:
        return importlib.util.decode_source(source)
    except (SyntaxError, LookupError, UnicodeDecodeError):  # then Python cannot run it either
        return source.decode("utf-8", errors="replace")
