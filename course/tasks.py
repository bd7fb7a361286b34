"""The task registry: which exercises exist, what each task checks and how its inputs are drawn.

A task names a function (or class) the learner writes in ``exercises/exNN_<topic>.py``.
``cases(rng)`` draws its inputs from a seeded numpy Generator (plain numpy data, so the parent
and the sandboxed child draw identical inputs from the same seed), and ``probe(fn, case)`` runs
``fn`` on one case and returns *facts*: a flat dict of plain values (numbers, strings, bools,
None, lists, numpy arrays) such as ``{"x.grad": array([...]), "y.grad_fn": "MulBackward0"}``.
The same probe runs the learner's code in the child and the reference (and the known-wrong
variants) in the parent; comparing the facts is the whole grading.

    >>> from course.tasks import exercise
    >>> [t.name for t in exercise("ex03").tasks]
    ['derivative', 'second_derivative', 'Cube', 'vjp']
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from course.errors import UsageError
from course.sanitize import one_line
from course.unpack import MAX_FILE_BYTES

Facts = dict[str, Any]
Case = dict[str, Any]

# (id, topic, lesson title): the exercise file is exercises/<id>_<topic>.py and the lesson
# notebook notebooks/<NN>_<topic>.ipynb.
CATALOG: tuple[tuple[str, str, str], ...] = (
    ("ex01", "requires_grad", "Tensors that require grad"),
    ("ex02", "graph", "The graph: grad_fn and next_functions"),
    ("ex03", "backward", "backward(), custom Functions and vector-Jacobian products"),
    ("ex04", "grad", "Where gradients land: .grad and retain_grad"),
    ("ex05", "accumulation", "Gradients accumulate"),
    ("ex06", "zeroing", "Zeroing gradients"),
    ("ex07", "no_grad", "no_grad: computing without a graph"),
    ("ex08", "detach", "detach(): cutting the graph"),
    ("ex09", "training_loop", "The training loop"),
    ("ex10", "inside_autograd", "Inside autograd: build the engine"),
)


@dataclass(frozen=True)
class Misconception:
    """A known-wrong way to solve a task; matching its facts earns the learner its sentence.
    ``variant`` is None in the student edition: only its outcomes on the public cases ship.

    ``feedback`` says what went wrong and why, in the lesson's terms; ``fix``, where there is
    one to type, says what to change. A learner sees the fix only on a later try that makes the
    same mistake again (course.hints): the first time, the reason is theirs to act on."""

    name: str
    feedback: str
    variant: Callable[..., Any] | None
    fix: str = ""
    # The fact the feedback is about, shown in place of the first that differs where the
    # mistake makes an earlier one differ too (w's gradients never cleared: b trains on w's
    # wrong predictions, and "b after training" comes first).
    shows: str = ""


@dataclass(frozen=True)
class Task:
    """One gradable function of an exercise file (see the module docstring)."""

    exercise: str
    name: str
    title: str
    cases: Callable[[np.random.Generator], list[Case]]
    probe: Callable[[Any, Case], Facts]
    points: int = 1
    rtol: float = 1e-4
    atol: float = 1e-5
    misconceptions: tuple[Misconception, ...] = ()
    # Replaces the fact-by-fact comparison when a task is judged by a threshold (an accuracy)
    # or by what every right answer holds (ex10: any topological order of the case's graph)
    # rather than by agreement with the reference: (case, expected, got) -> message or None.
    # It runs in the parent, so it may use data the child never sees: ``expected`` is the
    # reference's facts, computed there (ex09's carry the secret its held-out points come from).
    judge: Callable[[Case, Facts, Facts], str | None] | None = field(default=None,
                                                                     compare=False)
    # Facts that are answers in their own right (a predict task's predictions): a misconception
    # that explains the first wrong one is named even where the rest of the answer differs.
    hint_per_fact: bool = False
    # A rule on the learner's source, checked by the grader's own process, where learner code
    # never runs (ex10: an engine of one's own imports no minigrad): -> what breaks it, or None.
    # A task whose file breaks it scores 0 with that message, whatever its results.
    source_rule: Callable[[str], str | None] | None = field(default=None, compare=False)
    # Said after "took longer than the time limit" where the likely cause is not an endless
    # loop (ex09's train_mlp: training too long, or too large a model).
    too_slow: str = ""
    # Tasks of the same file whose right answer this task's misconceptions take for granted
    # (ex09's fit calls the learner's training_step; its variants call the reference's). Where
    # the learner's function calls one of them that fails, no misconception is named: a wrong
    # training_step once had a right fit told "zero_grad() ran between backward() and step()".
    assumes: tuple[str, ...] = ()
    # What a reply no known mistake explains points at, read from the first wrong case's facts
    # (case, expected, got) -> a sentence or None: a mistake recognisable but made many ways
    # (ex10: an op's own case whose y.data is right and whose gradient is not is that op's
    # local derivative; ex08: a gradient passed or blocked on the wrong side of a bound).
    hint: Callable[[Case, Facts, Facts], str | None] | None = field(default=None,
                                                                    compare=False)

    @property
    def id(self) -> str:
        return f"{self.exercise}.{self.name}"

    def rng(self, seed: int) -> np.random.Generator:
        """The generator for this task's cases: one stream per (seed, task), stable everywhere."""
        return np.random.default_rng([seed, zlib.crc32(self.id.encode())])


@dataclass(frozen=True)
class Exercise:
    id: str
    topic: str
    title: str
    tasks: tuple[Task, ...]

    @property
    def filename(self) -> str:
        return f"{self.id}_{self.topic}.py"

    @property
    def max_points(self) -> int:
        return sum(t.points for t in self.tasks)


EXERCISE_IDS: tuple[str, ...] = tuple(row[0] for row in CATALOG)
# Exercises whose files run where there is no minigrad (course.sandbox): ex10's engine is the
# learner's own, so minigrad is neither in the process nor, in a bubblewrap sandbox, on disk.
WITHOUT_MINIGRAD = frozenset({"ex10"})
EXERCISE_FILES = "ex[0-9][0-9]_*.py"  # what an exercise file is named (a glob)
# Reference bodies a lesson shows on purpose: lesson 10 builds Value's + and * with the learner,
# who then writes the other operations (ex10.Value). `course release` lets the lessons show
# them; `course grade` does not count them as shared code (course.similarity).
TAUGHT_IN_LESSONS = ("ex10_inside_autograd.py:__add__", "ex10_inside_autograd.py:__mul__")


def exercise(exercise_id: str) -> Exercise:
    """The exercise ``exercise_id`` ("ex03"); imports its task specs (and so minigrad, but for
    those in WITHOUT_MINIGRAD)."""
    for eid, topic, title in CATALOG:
        if eid == exercise_id:
            spec = importlib.import_module(f"course.specs.{eid}")
            return Exercise(eid, topic, title, checked(eid, tuple(spec.TASKS)))
    raise KeyError(exercise_id)


def checked(exercise_id: str, tasks: tuple[Task, ...]) -> tuple[Task, ...]:
    """``tasks`` as a spec defines them, refused where a maintainer's slip would otherwise
    grade silently wrong: results are keyed by task id and variants by misconception name, so
    a second task or mistake of the same name replaced the first (a learner who made one
    mistake was told about the other), and a task copied from another spec kept that
    exercise's id. (Whether the cases tell the mistakes apart needs every variant's results,
    too slow for each import: ``course.told_apart``.)"""
    where = f"course/specs/{exercise_id}.py"
    names: set[str] = set()
    for task in tasks:
        if task.exercise != exercise_id:
            raise UsageError(f"{where}: task {task.name!r} says it belongs to "
                             f"{task.exercise!r}: write Task({exercise_id!r}, ...)")
        if task.name in names:
            raise UsageError(f"{where}: two tasks are named {task.name!r}: give each its "
                             "own name (the function the learner writes)")
        names.add(task.name)
        mistakes = [m.name for m in task.misconceptions]
        twice = next((m for m in mistakes if mistakes.count(m) > 1), None)
        if twice is not None:
            raise UsageError(f"{where}: task {task.name!r} has two misconceptions named "
                             f"{twice!r}: give each its own name")
    return tasks


def all_exercises() -> list[Exercise]:
    return [exercise(eid) for eid in EXERCISE_IDS]


def filename(exercise_id: str) -> str:
    """``exNN_<topic>.py`` without importing the specs (cheap, for listings)."""
    for eid, topic, _ in CATALOG:
        if eid == exercise_id:
            return f"{eid}_{topic}.py"
    raise KeyError(exercise_id)


def exercise_file(folder: Path, eid: str) -> tuple[Path | None, str]:
    """The file to grade for exercise ``eid`` in ``folder`` (None: none) and, where several
    ``eid_*.py`` files were found, a note for its feedback saying which one was graded. A
    stray copy (``ex03_backup.py`` beside ``ex03_backward.py``) must not be graded instead.
    One rule for `course check`, `course submit` and `course grade`: what check grades is
    what submit packs."""
    canonical = folder / filename(eid)
    found = sorted(p for p in folder.glob(f"{eid}_*.py") if p.is_file())
    others = ", ".join(p.name for p in found if p != canonical)
    if canonical in found:
        return canonical, others and f"graded {canonical.name}; not graded: {others}"
    if len(found) == 1:
        return found[0], ""
    return None, others and (f"not graded: {others} (several files for {eid}, none named "
                             f"{canonical.name}: rename the one to grade)")


def too_large(name: str) -> str:
    """Why the exercise file ``name`` is not graded when it is larger than a submission's file
    may be (course.unpack): that exercise scores 0, the others are graded. Said in the
    feedback of `course check` and `course grade`, and by `course submit`."""
    # (the first line alone is the gradebook's "problem": course.gradebook.problems)
    return (f"{name} is larger than {MAX_FILE_BYTES >> 20} MiB, more than the grader reads of "
            "a file: not graded\nData pasted into it (a long list of numbers)? Make it in "
            "code instead (torch.arange, torch.linspace, a loop), or keep it out of the file.")


def named_near(found: str, name: str) -> bool:
    """Whether the file ``found`` reads as the exercise file ``name`` saved under another name
    (``ex03_backward.py.txt``, ``EX03_backward.PY``): what ``missing_file`` points to. Never
    ``name`` itself, which is missing when this is asked (a fifo of that name, say, is no file)."""
    return found != name and found.lower().startswith(name.lower().removesuffix(".py"))


def missing_file(folder: Path | None, name: str) -> str:
    """Why the exercise file ``name`` is not in ``folder``, where the folder shows it: an
    editor that saved it as "ex03_backward.py.txt" or "ex03_backward.PY", a folder or a broken
    link of that name. "is missing" alone sent learners looking for a file they could see.
    Said in the feedback of `course check` and `course grade`, and by `course submit`."""
    if folder is None:
        return f"{name} is missing"
    here = folder / name
    if here.is_dir():
        return f"{name} is a folder, not a file: put your exercise file in its place"
    if here.is_symlink():
        return f"{name} is a link to a file that does not exist: put the file itself there"
    try:
        near = sorted(p.name for p in folder.iterdir()
                      if named_near(p.name, name))[:3]
    except OSError:
        near = []
    if near:
        return (f"{name} is missing; found {', '.join(one_line(n)[:80] for n in near)}: "
                f"save your answer as {name}")
    return f"{name} is missing"
