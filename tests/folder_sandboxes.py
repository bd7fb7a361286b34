"""Sandboxes for tests that grade learner files lying in many folders.

A ``Sandbox`` serves one submission: it is given one folder of files and never another's. Tests
write each learner file into a folder of its own, so ``FolderSandboxes`` stands where
``engine.grade_exercise`` wants a sandbox and runs each file in the sandbox of its folder,
started on first use (each costs a Python start). These tests are about grading, not isolation
(that is tests/test_course_sandbox.py), so they also run where this machine has no sandbox.

Its fixtures, ``box`` and ``grade``, are shared by the files that grade learner programs:
``box, grade = folder_sandboxes.box, folder_sandboxes.grade`` makes them that file's own (and
``run_time_checks``, for the files that test what stands behind a rule on the source). (Not
a tests/conftest.py: `make test`'s --doctest-modules imports every file there as a module, and
one named conftest would clash with the repository's conftest.py.)
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from course import engine
from course.isolation import detect, unsandboxed
from course.sandbox import Limits, Sandbox, TaskRun
from course.specs import grader_out_of_reach
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


@pytest.fixture
def run_time_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule on the source that keeps the grader's objects out of the learner's reach
    (course/specs/grader_out_of_reach.py) switched off, for tests of what stands behind it: the
    run-time checks, and the parent's reading of forged replies. Their attacks reach the
    grader (sys, a private name of minigrad's, the course's channel) and would be refused
    before they ran; tests/test_course_redteam24d.py tests the rule itself."""
    monkeypatch.setattr(grader_out_of_reach, "reached", lambda source: None)


def grade_ex03_in_a_process(tmp_path: Path, name: str, source: str, timeout: float
                            ) -> tuple[dict, list, int]:
    """``source`` as submission ``name``'s ex03_backward.py, graded by ``course grade`` beside
    the reference in a Python process of its own: a forged reply that could hold the grader
    for hours is then bounded by ``timeout`` (subprocess.TimeoutExpired), and the process's
    memory peak is the grading's. (reports {submission: [[task id, points, feedback]]},
    the rejected submissions, the peak in MiB.)"""
    folder = tmp_path / "subs" / name / "exercises"
    folder.mkdir(parents=True)
    (folder / "ex03_backward.py").write_text(textwrap.dedent(source))
    script = tmp_path / "grade.py"
    script.write_text(textwrap.dedent(f"""
        import json, os, sys
        from pathlib import Path
        sys.path[:0] = [{str(engine.SOLUTIONS.parents[1])!r}, {str(Path(__file__).parent)!r}]
        from folder_sandboxes import ISOLATION
        from course.grade import grade
        from course.sandbox import Limits
        from course.specs import grader_out_of_reach
        grader_out_of_reach.reached = lambda source: None  # (see run_time_checks)
        summary = grade([Path({str(folder.parent)!r}), Path({str(engine.SOLUTIONS)!r})],
                        Path({str(tmp_path / "out")!r}), jobs=2, seed=7, exercises=["ex03"],
                        limits=Limits(timeout=5.0, memory_mb=1024), isolation=ISOLATION,
                        progress=open(os.devnull, "w"))
        # The peak of this process's own memory (VmHWM, kept per address space): getrusage's
        # ru_maxrss survives exec and so held pytest's own peak (695 MiB in a full run).
        peak = next(int(line.split()[1]) >> 10 for line in open("/proc/self/status")
                    if line.startswith("VmHWM:"))
        print(json.dumps([{{name: [[t.id, t.points, t.feedback] for t in report.tasks]
                            for name, report in summary.reports.items()}},
                          summary.rejected, peak]))
        """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, done.stderr[-2000:]
    reports, rejected, peak_mib = json.loads(done.stdout.strip().splitlines()[-1])
    return reports, rejected, peak_mib


def assert_named(grade: Callable[..., dict], eid: str, task: str, name: str,
                 source: str) -> None:
    """``source``, graded as exercise ``eid`` by the ``grade`` fixture, fails ``task`` with
    misconception ``name``, whose sentence opens the feedback."""
    t = grade(eid, source)[task]
    assert (t.status, t.misconception, t.points) == ("failed", name, 0), t.feedback
    spec = next(s for s in exercise(eid).tasks if s.name == task)
    assert t.feedback.startswith(next(m.feedback for m in spec.misconceptions if m.name == name))
