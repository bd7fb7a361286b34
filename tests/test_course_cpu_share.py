"""One job cannot take the CPU from another: a submission that keeps 60 processes busy, each in
a session of its own (so that the kernel's per-session autogroups give each a share as large as
a whole job's), is graded beside an honest one that needs up to a second of CPU per task. Each
job has a CPU group of its own (``course.cgroup``), so the honest one keeps a core and its score.

A real batch through ``course.grade`` with two workers, bounded: the busy processes end by
themselves after a few seconds (and with their file). Needs the bubblewrap sandbox and a cgroup
with the cpu controller; skipped otherwise.
"""

import inspect
import json
import os
import shutil
import time

import pytest

from course import engine
from course.cgroup import JobCgroup
from course.grade import grade
from course.isolation import BUBBLEWRAP, detect
from course.sandbox import Limits


def _cpu_share_missing() -> str | None:
    isolation = detect()
    if isolation.mode != BUBBLEWRAP:
        return f"no bubblewrap sandbox on this machine ({isolation.reason})"
    group = JobCgroup.create(memory_bytes=256 << 20, processes=16)
    if group is None:
        return "no usable cgroup here: jobs share the CPU as any processes do"
    group.remove()
    return None if group.cpu else "no cpu controller in the job cgroup here"


MISSING = _cpu_share_missing()
pytestmark = pytest.mark.skipif(MISSING is not None, reason=f"{MISSING}; the CPU share test "
                                "needs both (`apt-get install bubblewrap`, cgroup cpu controller)")
TIMEOUT = 4.0  # per task; the honest tasks need ~1 s of CPU, ~30 s with 1/30 of a core
WORK_SECONDS = 0.3  # per call: a task calls its function once per case (2 or 3)
HOG_SECONDS = 12.0  # longer than the honest job's tasks run (its first starts within ~2 s)

HOG = """
import os, time
END = time.monotonic() + HOG_SECONDS
for _ in range(60):
    try:
        if os.fork() == 0:
            os.setsid()  # a session of its own: an autogroup (a share of a core) of its own
            while time.monotonic() < END:
                pass
            os._exit(0)
    except OSError:
        break

def make_trainable(values):
    while time.monotonic() < END:
        pass

freeze = make_trainable
"""

BURN = """

_make_trainable, _freeze = make_trainable, freeze


def make_trainable(values):
    _burn(ITERATIONS)
    return _make_trainable(values)


def freeze(params):
    _burn(ITERATIONS)
    return _freeze(params)
"""


def _burn(iterations: int) -> int:
    """The honest submission's work (its source is copied there): CPU only."""
    total = 0
    for i in range(iterations):
        total += i * i
    return total


def _iterations(seconds: float) -> int:
    """How many iterations of ``_burn`` take ``seconds`` of CPU in this Python."""
    n, start = 2_000_000, time.process_time()
    _burn(n)
    return int(n * seconds / max(time.process_time() - start, 1e-3))


def test_a_busy_job_does_not_take_the_cpu_of_a_job_graded_beside_it(tmp_path):
    hog, honest = tmp_path / "subs" / "hog", tmp_path / "subs" / "honest"
    hog.mkdir(parents=True)
    honest.mkdir()
    (hog / "ex01_requires_grad.py").write_text(f"HOG_SECONDS = {HOG_SECONDS}\n{HOG}")
    solution = (engine.SOLUTIONS / "ex01_requires_grad.py").read_text()
    (honest / "ex01_requires_grad.py").write_text(
        f"ITERATIONS = {_iterations(WORK_SECONDS)}\n{solution}\n{inspect.getsource(_burn)}{BURN}")
    solutions = tmp_path / "solutions"
    shutil.copytree(engine.SOLUTIONS, solutions, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "out"
    grade([hog, honest], out, solutions=solutions, jobs=2, seed=5, exercises=["ex01"],
          limits=Limits(timeout=TIMEOUT, memory_mb=512), progress=open(os.devnull, "w"))
    doc = json.loads((out / "results" / "honest.json").read_text())
    failed = [(t["name"], t["output"]) for t in doc["tests"] if t["status"] != "passed"]
    assert doc["score"] == doc["max_score"] and not failed, failed
    # The hog was busy all along: each of its tasks (a fresh fork, 60 new processes) ran until
    # the time limit.
    hog_tests = json.loads((out / "results" / "hog.json").read_text())["tests"]
    busy = [t for t in hog_tests if not t["name"].startswith("ex01.predict")]
    assert busy and all("took longer than 4 s" in t["output"] for t in busy), hog_tests
