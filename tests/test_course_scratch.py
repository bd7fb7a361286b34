"""course/scratch.py: the scratch folders a grading run killed before it could clean up are
removed by the next `course grade`, and nothing else is."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from course import cgroup
from course.isolation import BUBBLEWRAP, detect
from course.scratch import OWNER, clear_abandoned, scratch_folder

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def temp(tmp_path, monkeypatch):
    """A temp folder of this test's own, for this process and the processes it starts."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


def _gone_process() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_only_the_folders_of_processes_that_are_gone_are_removed(temp):
    mine = scratch_folder("course-grade-")
    dead = scratch_folder("course-sandbox-")
    (dead / OWNER).write_text(f"{_gone_process()} 12345")
    reused = scratch_folder("course-grade-")  # this process's ID, another process's start
    (reused / OWNER).write_text(f"{os.getpid()} 1")
    unknown = temp / "course-grade-unknown"  # says nothing of its owner: not ours to judge
    unknown.mkdir()
    other = temp / "notes"  # another program's
    other.mkdir()
    (dead / "files").mkdir()
    (dead / "files" / "ex01.py").write_text("learner code\n")
    os.chmod(dead / "files", 0o500)  # as code run there may leave it
    assert sorted(clear_abandoned()) == sorted([dead, reused])
    assert mine.exists() and unknown.exists() and other.exists() and not dead.exists()


LOOP = "def make_trainable(values):\n    while True:\n        pass\n"


@pytest.mark.skipif(detect().mode != BUBBLEWRAP, reason="needs bubblewrap (CI installs it)")
def test_a_grading_run_killed_mid_way_leaves_nothing_after_the_next(temp, tmp_path):
    """kill -9 while a submission's endless loop runs in the sandbox: its folders (learner
    code, unpacked) stay behind; the next `course grade` removes them and says so."""
    learner = tmp_path / "alice" / "exercises"
    learner.mkdir(parents=True)
    (learner / "ex01_requires_grad.py").write_text(LOOP)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp)}
    command = [sys.executable, "-m", "course", "grade", str(learner.parent), "--exercises",
               "ex01"]
    run = subprocess.Popen([*command, "--out", str(tmp_path / "first")], cwd=tmp_path, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not list(temp.glob("course-grade-*/submission/exercises")):
            assert time.monotonic() < deadline and run.poll() is None, "grading never started"
            time.sleep(0.1)
        time.sleep(1)  # the loop running
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
    groups = [g for parent in cgroup.job_parents() for g in parent.glob(f"course-job-{run.pid}-*")]
    left = sorted(p.name.rsplit("-", 1)[0] for p in temp.iterdir())
    assert "course-grade" in left and "course-sandbox" in left, left  # (and spare sandboxes)
    again = subprocess.run([*command, "--out", str(tmp_path / "second"), "--timeout", "1"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert f"course: removed {len(left)} scratch folder(s) that a grading run killed before it " \
           f"could clean up left in {temp}" in again.stderr, again.stderr
    assert not list(temp.iterdir())
    assert not [g for g in groups if g.exists()], groups  # (none where cgroups are not used)
