"""Fixtures several test files share."""

import textwrap

import pytest
from folder_sandboxes import FolderSandboxes

from course import engine
from course.sandbox import Limits
from course.tasks import exercise


@pytest.fixture(scope="module")
def box():
    """A sandbox per learner folder, as `course grade` gives each submission."""
    with FolderSandboxes(Limits(timeout=5.0, memory_mb=512, output_bytes=64 << 10)) as sandbox:
        yield sandbox


@pytest.fixture
def grade(box, tmp_path):
    """grade(eid, source, seed=3): one learner file graded by the real grader, as a dict from
    task name to its TaskResult."""
    count = iter(range(1000))

    def run(eid: str, source: str, seed: int = 3) -> dict:
        folder = tmp_path / f"learner{next(count)}"  # a folder (so a sandbox) per file
        folder.mkdir()
        path = folder / exercise(eid).filename
        path.write_text(textwrap.dedent(source))
        result = engine.grade_exercise(box, eid, path, seed=seed)
        return {t.id.split(".")[1]: t for t in result.tasks}

    return run
