"""The public cases `course check` uses, in whichever edition this is: the repository (expected
results computed from the reference solutions) or the student edition `course release` writes
(expected results published with it). This file ships with the student edition, so that an
instructor can check an edition before handing it out: `.venv/bin/python -m pytest tests/`."""

import pytest

from course import engine
from course.local import CHECK_SEED
from course.tasks import EXERCISE_IDS, exercise


@pytest.mark.parametrize("eid", EXERCISE_IDS)
def test_every_task_has_its_expected_results(eid):
    tasks = exercise(eid).tasks
    expected = engine.expectations(eid, CHECK_SEED)
    assert len(expected) == len(tasks)
    for task, found in zip(tasks, expected, strict=True):
        assert found["broken"] is None, found["broken"]
        assert len(found["reference"]) == len(found["cases"]) > 0
        assert set(found["variants"]) == {m.name for m in task.misconceptions}
