"""The grading fingerprint (course.grading_parts) counts what decides a score and nothing else:
an edit to the class's run around the grading (course/grade.py: progress, --regrade by name,
did-you-mean messages) keeps a class's results, an edit to what grades one submission
(course/submission.py) or to a comparison does not, and a re-run names the file. Each edit is
made for real to a copy of the course, read by a fresh interpreter."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.grading_parts import BEFORE_SPLIT, NOT_GRADING, changed_parts

ROOT = Path(__file__).resolve().parents[1]
# The fingerprint, its parts and its files, as a copy of the course computes them
MEASURE = """
import json
from course import engine
from course.grading_parts import grading_files, grading_fingerprint, grading_parts
from course.sandbox import Limits
parts = grading_parts(engine.SOLUTIONS, Limits(), ["ex01"])
print(json.dumps({"sha": grading_fingerprint(parts), "parts": parts,
                  "files": grading_files(engine.SOLUTIONS)}))
"""


@pytest.fixture
def copy(tmp_path):
    for name in ("course", "minigrad"):
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def _measure(pkg):
    done = subprocess.run([sys.executable, "-c", MEASURE], cwd=pkg, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(pkg)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _edit(pkg, path):
    with open(pkg / path, "a") as f:
        f.write("\n# a fix\n")


def test_a_fix_to_the_driver_keeps_the_fingerprint_and_one_to_grading_changes_it(copy):
    before = _measure(copy)
    for driver in ("course/grade.py", "course/grading_parts.py", "course/gradebook.py"):
        _edit(copy, driver)
    assert _measure(copy)["sha"] == before["sha"]
    _edit(copy, "course/submission.py")
    after = _measure(copy)
    assert after["sha"] != before["sha"]
    assert changed_parts({"grading_parts": before["parts"], "grading_files": before["files"]},
                         after["parts"], after["files"]) == (
        "the course's grading code (course/, specs and probes: submission.py)")


def test_the_driver_and_the_grader_are_where_the_fingerprint_says():
    """What grades one submission is no driver module; the driver is one."""
    assert "grade.py" in NOT_GRADING and "grading_parts.py" in NOT_GRADING
    assert "submission.py" not in NOT_GRADING
    assert all((ROOT / "course" / name).is_file() for name in NOT_GRADING)


def test_results_of_before_the_split_say_why_the_course_part_changed_once():
    """Results written before the split recorded no files, and their course part held
    grade.py: the message says that this changes once, not that a probe was fixed."""
    parts = {"solutions": "s", "course": "new", "minigrad": "m", "limits": "l", "exercises": "e"}
    old = {"grading_parts": {**parts, "course": "old"}}
    assert changed_parts(old, parts, {"grade.py": "x"}) == (
        f"the course's grading code (course/, specs and probes: {BEFORE_SPLIT})")
    assert "changes this part once" in BEFORE_SPLIT
    many = {f"specs/ex0{i}.py": "b" for i in range(1, 6)}
    named = changed_parts({"grading_parts": old["grading_parts"],
                           "grading_files": {k: "a" for k in many}}, parts, many)
    assert named.endswith("specs/ex01.py, specs/ex02.py, specs/ex03.py and 2 more)")
