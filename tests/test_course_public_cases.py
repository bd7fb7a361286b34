"""The public cases `course check` uses, in whichever edition this is: the repository (expected
results computed from the reference solutions) or the student edition `course release` writes
(expected results published with it). This file ships with the student edition, so its
`make test` checks the edition too."""

from pathlib import Path

import pytest

from course import engine
from course.local import CHECK_SEED, run_check
from course.tasks import EXERCISE_IDS, exercise

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("eid", EXERCISE_IDS)
def test_every_task_has_its_expected_results(eid):
    tasks = exercise(eid).tasks
    expected = engine.expectations(eid, CHECK_SEED)
    assert len(expected) == len(tasks)
    for task, found in zip(tasks, expected, strict=True):
        assert found["broken"] is None, found["broken"]
        assert len(found["reference"]) == len(found["cases"]) > 0
        assert set(found["variants"]) == {m.name for m in task.misconceptions}


def test_the_stubs_are_not_attempted(tmp_path):
    report = run_check([], root=_copy_of(ROOT / "exercises", tmp_path))
    assert report.score == 0
    assert {t.status for t in report.tasks} == {"not attempted"}


def _copy_of(exercises, tmp_path):
    (tmp_path / "exercises").mkdir()
    for path in exercises.glob("ex[0-9][0-9]_*.py"):
        (tmp_path / "exercises" / path.name).write_text(path.read_text())
    return tmp_path
