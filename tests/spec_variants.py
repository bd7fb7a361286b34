"""A spec's known-wrong variants as a learner's file holds them, for tests that grade them;
and reference solutions that do one of them, for tests of what refuses such a course."""

from __future__ import annotations

import ast
import importlib
import shutil
from pathlib import Path

from course import engine
from course.specs.predict import is_prediction
from course.tasks import Exercise

SPECS = Path(__file__).resolve().parents[1] / "course" / "specs"


def definitions(source: str, names: set[str]) -> str:
    """The top-level statements of ``source`` that define ``names`` and what they use, in
    order: a variant's code without the spec's probes, whose imports (sys, gc, minigrad...)
    ex10's rule on the learner's source (course/own_code/) does not allow."""
    statements = ast.parse(source).body
    bound = {}
    for statement in statements:
        if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
            bound[statement.name] = [statement]
        elif isinstance(statement, (ast.Import, ast.ImportFrom)):
            for a in statement.names:
                bound.setdefault((a.asname or a.name).split(".")[0], []).append(statement)
        elif isinstance(statement, ast.Assign):
            for target in statement.targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        bound.setdefault(name.id, []).append(statement)
    kept, todo = set(), [s for n in names for s in bound[n]]
    while todo:
        statement = todo.pop()
        if id(statement) not in kept:
            kept.add(id(statement))
            todo += [s for node in ast.walk(statement) if isinstance(node, ast.Name)
                     for s in bound.get(node.id, ())]
    future = "from __future__ import annotations\n"
    return future + "\n".join(ast.get_source_segment(source, s) for s in statements
                               if id(s) in kept and getattr(s, "module", "") != "__future__")


def variant_file(exercise: Exercise, rank: int = 0) -> tuple[str, dict[str, str]]:
    """A learner's file for ``exercise`` whose tasks are their ``rank``-th known-wrong variant
    (a task with fewer is left undefined), and the misconception each such task, by id, is to
    be named. The variants' own source travels in the file: inside the sandbox the specs have
    them withheld (course.bwrap). Only their definitions: the whole spec imports helpers the
    sandbox's specs do not hold (ex06's used_data_fix) and ex10's is over its size limit."""
    spec = vars(importlib.import_module(f"course.specs.{exercise.id}"))
    assignments, attrs, expected = [], set(), {}
    for task in exercise.tasks:
        if rank < len(task.misconceptions):
            mistake = task.misconceptions[rank]
            expected[task.id] = mistake.name
            if is_prediction(task):  # a prediction: its answers, as data (the variants
                # compute them with the course's helpers, which ex03-ex09's files may not use)
                assignments.append(f"def {task.name}():\n    return {mistake.variant()!r}")
                continue
            attr = next(k for k, v in spec.items() if v is mistake.variant)
            assignments.append(f"{task.name} = {attr}")
            attrs.add(attr)
    source = definitions((SPECS / f"{exercise.id}.py").read_text(), attrs)
    return source + "\n\n" + "\n".join(assignments) + "\n", expected


def solutions_doing_a_mistake(folder: Path) -> Path:
    """A copy of the reference solutions in ``folder`` whose ex01 ``make_trainable`` does what
    its misconception float64 does: no public case tells that mistake from the reference."""
    shutil.copytree(engine.SOLUTIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    reference = folder / "ex01_requires_grad.py"
    reference.write_text(reference.read_text().replace("dtype=torch.float32, requires_grad",
                                                       "dtype=torch.float64, requires_grad"))
    return folder
