"""Sandboxes for tests that grade learner files lying in many folders.

A ``Sandbox`` serves one submission: it is given one folder of files and never another's. Tests
write each learner file into a folder of its own, so ``FolderSandboxes`` stands where
``engine.grade_exercise`` wants a sandbox and runs each file in the sandbox of its folder,
started on first use (each costs a Python start). These tests are about grading, not isolation
(that is tests/test_course_sandbox.py), so they also run where this machine has no sandbox.

Its two fixtures, ``box`` and ``grade``, are shared by the files that grade learner programs:
``box, grade = folder_sandboxes.box, folder_sandboxes.grade`` makes them that file's own. (Not
a tests/conftest.py: `make test`'s --doctest-modules imports every file there as a module, and
one named conftest would clash with the repository's conftest.py.)
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from course import engine
from course.isolation import detect, unsandboxed
from course.sandbox import Limits, Sandbox, TaskRun
from course.tasks import exercise

ISOLATION = detect() if detect().sandboxed else unsandboxed("no sandbox on this machine")


class FolderSandboxes:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._opened: dict[Path, Sandbox] = {}

    def __enter__(self) -> FolderSandboxes:
        return self

    def __exit__(self, *exc: object) -> None:
        for sandbox in self._opened.values():
            sandbox.close()

    def __call__(self, folder: Path) -> Sandbox:
        """The sandbox of ``folder``, given its files anew (tests add files as they go)."""
        folder = Path(folder).resolve()
        if folder not in self._opened:
            self._opened[folder] = Sandbox(self.limits, isolation=ISOLATION)
        return self._opened[folder].load(folder)

    def run(self, exercise_id: str, path: Path | str, tasks: list[int], seed: int,
            **options: Any) -> dict[int, TaskRun]:
        return self(Path(path).parent).run(exercise_id, path, tasks, seed, **options)


@pytest.fixture(scope="module")
def box() -> Iterator[FolderSandboxes]:
    """A sandbox per learner folder, as `course grade` gives each submission."""
    with FolderSandboxes(Limits(timeout=5.0, memory_mb=512, output_bytes=64 << 10)) as sandbox:
        yield sandbox


@pytest.fixture
def grade(box: FolderSandboxes, tmp_path: Path) -> Callable[..., dict]:
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
