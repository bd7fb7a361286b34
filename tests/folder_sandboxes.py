"""Sandboxes for tests that grade learner files lying in many folders.

A ``Sandbox`` serves one submission: it is given one folder of files and never another's. Tests
write each learner file into a folder of its own, so ``FolderSandboxes`` stands where
``engine.grade_exercise`` wants a sandbox and runs each file in the sandbox of its folder,
started on first use (each costs a Python start). These tests are about grading, not isolation
(that is tests/test_course_sandbox.py), so they also run where this machine has no sandbox.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from course.isolation import detect, unsandboxed
from course.sandbox import Limits, Sandbox, TaskRun

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
