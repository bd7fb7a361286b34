"""A maintainer adding a task (docs/grading.md, "Adding or changing a task") touches three
files: the spec, the reference solution and the stub. A slip in any of them fails here, loudly
and by name, instead of grading learners silently wrong."""

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from course import engine
from course.errors import UsageError
from course.local import CHECK_SEED
from course.tasks import EXERCISE_IDS, checked, exercise

ROOT = Path(__file__).resolve().parents[1]


def _defined(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.ClassDef)}


@pytest.mark.parametrize("eid", EXERCISE_IDS)
def test_every_task_is_in_the_stub_and_the_reference(eid):
    ex = exercise(eid)
    for folder in (ROOT / "exercises", engine.SOLUTIONS):
        missing = [t.name for t in ex.tasks if t.name not in _defined(folder / ex.filename)]
        assert not missing, f"{folder.name}/{ex.filename} defines no {missing}"


@pytest.mark.parametrize("eid", EXERCISE_IDS)
def test_every_misconception_shows_on_the_public_cases(eid):
    """A variant that agrees with the reference on every case `course check` runs is a mistake
    no learner checking their work is ever told about: they pass."""
    for task, expect in zip(exercise(eid).tasks, engine.expectations(eid, CHECK_SEED),
                            strict=True):
        for m in task.misconceptions:
            assert engine.first_difference(task, expect["cases"], expect["reference"],
                                           expect["variants"][m.name]) is not None, \
                f"{task.id}: misconception {m.name!r} gives the reference's results"


def test_two_misconceptions_of_one_name_are_refused():
    """Variants are kept by name: the second replaced the first, and a learner who made the
    first mistake was told nothing while one who made the second read the first's sentence."""
    tasks = exercise("ex01").tasks
    first = tasks[1].misconceptions[0]
    doubled = replace(tasks[1], misconceptions=(*tasks[1].misconceptions,
                                                replace(first, feedback="another mistake")))
    with pytest.raises(UsageError, match=f"'make_trainable' has two misconceptions named "
                                         f"'{first.name}'"):
        checked("ex01", (tasks[0], doubled, tasks[2]))


def test_two_tasks_of_one_name_and_a_task_of_another_exercise_are_refused():
    tasks = exercise("ex01").tasks
    with pytest.raises(UsageError, match="two tasks are named 'freeze'"):
        checked("ex01", (*tasks, tasks[2]))
    with pytest.raises(UsageError, match=r"'freeze' says it belongs to 'ex01': write "
                                         r"Task\('ex02', ...\)"):
        checked("ex02", (*exercise("ex02").tasks, tasks[2]))
    assert checked("ex01", tasks) == tasks


def test_a_reference_without_the_task_names_the_reference(tmp_path):
    """It said "the exercise file defines no `freeze`", sending the maintainer to the stub."""
    ex = exercise("ex01")
    source = (engine.SOLUTIONS / ex.filename).read_text()
    (tmp_path / ex.filename).write_text(source.replace("def freeze(", "def freeze_all("))
    broken = engine.expectations("ex01", CHECK_SEED, tmp_path)[2]["broken"]
    assert broken == f"every case: the reference solution {ex.filename} defines no `freeze`"


# What a variant raises only through a slip in the spec's own code: a learner's file that
# raised the same (a misspelled name of their own) would be told the catalogued mistake.
SLIPS = ("NameError", "UnboundLocalError", "ImportError", "ModuleNotFoundError", "SyntaxError",
         "MissingFunction")


@pytest.mark.parametrize("eid", EXERCISE_IDS)
def test_no_misconception_fails_by_a_slip_of_its_own(eid):
    for task, expect in zip(exercise(eid).tasks, engine.expectations(eid, CHECK_SEED),
                            strict=True):
        for m in task.misconceptions:
            for case, got in zip(expect["cases"], expect["variants"][m.name], strict=True):
                kind = got.get("error", {}).get("type")
                assert kind not in SLIPS, \
                    f"{task.id}: misconception {m.name!r} raises {kind} on {case['label']}: " \
                    f"{got['error'].get('message')}"
