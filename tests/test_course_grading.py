"""The grader end to end: references score full marks, stubs score 0, misconceptions are named,
and adversarial submissions are contained while the rest of the batch is graded."""

import json
import os
import shutil
import textwrap
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from folder_sandboxes import ISOLATION, FolderSandboxes
from processes import named
from spec_variants import variant_file

from course import engine
from course.errors import UsageError
from course.grade import grade
from course.sandbox import Limits
from course.tasks import EXERCISE_IDS, exercise
from course.unpack import UnpackLimits

ROOT = Path(__file__).resolve().parents[1]
LIMITS = Limits(timeout=2.0, memory_mb=512, output_bytes=64 << 10)


@pytest.fixture(scope="module")
def boxes():
    with FolderSandboxes(LIMITS) as sandboxes:
        yield sandboxes


@pytest.mark.parametrize("eid", EXERCISE_IDS)
def test_reference_solution_scores_full_marks(boxes, eid):
    path = engine.SOLUTIONS / exercise(eid).filename
    result = engine.grade_exercise(boxes(engine.SOLUTIONS), eid, path, seed=123)
    assert [t.status for t in result.tasks] == ["passed"] * len(result.tasks), result.tasks
    assert result.score == result.max_score


def test_every_stub_scores_zero_without_crashing(boxes):
    for eid in EXERCISE_IDS:
        result = engine.grade_exercise(boxes(ROOT / "exercises"), eid,
                                       ROOT / "exercises" / exercise(eid).filename, 0)
        assert result.score == 0
        for t in result.tasks:
            assert t.status in ("not attempted", "error"), (t.id, t.status, t.feedback)
            if t.status == "error":  # only a reference minigrad cannot run yet
                assert "reference solution itself fails" in t.feedback
            else:  # a day-one learner is told where to start, not a mistake or a traceback
                assert t.misconception is None and t.feedback.startswith(
                    "not attempted yet: "), (t.id, t.feedback)


def _variant_files(tmp_path: Path, eid: str) -> list[tuple[Path, dict[str, str]]]:
    """Exercise files whose functions are the known-wrong variants, one file per variant rank."""
    ex = exercise(eid)
    files = []
    for rank in range(max(len(t.misconceptions) for t in ex.tasks)):
        text, expected = variant_file(ex, rank)
        path = tmp_path / f"{eid}_{rank}" / ex.filename
        path.parent.mkdir()
        path.write_text(text)
        files.append((path, expected))
    return files


@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    return tmp_path_factory.mktemp("variants")


@pytest.mark.parametrize("eid", EXERCISE_IDS)
def test_each_misconception_gets_its_named_feedback(boxes, variants, eid):
    ex = exercise(eid)
    for path, expected in _variant_files(variants, eid):
        result = engine.grade_exercise(boxes(path.parent), eid, path, seed=7)
        for t in result.tasks:
            if t.id in expected:
                m = next(m for task in ex.tasks for m in task.misconceptions
                         if m.name == expected[t.id] and task.id == t.id)
                assert t.misconception == m.name, (t.id, t.feedback)
                assert t.feedback.startswith(m.feedback)
                assert t.points == 0


def test_hard_coded_answers_fail_with_fresh_seeds(boxes, tmp_path):
    seed_0 = engine.expectations("ex03", 0)[0]["reference"]
    answers = [case["facts"]["f'(x0)"] for case in seed_0]
    path = tmp_path / "ex03_backward.py"
    # Differentiated as asked (the check looks at how), but the number returned is stored.
    path.write_text(f"import minigrad as torch\nanswers = iter({answers!r})\n"
                    "def derivative(f, x0):\n"
                    "    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)\n"
                    "    f(x).backward()\n"
                    "    return next(answers)\n")
    box = boxes(tmp_path)
    assert engine.grade_exercise(box, "ex03", path, seed=0).tasks[0].status == "passed"
    assert engine.grade_exercise(box, "ex03", path, seed=99).tasks[0].status == "failed"


CORRECT_FREEZE = """
def freeze(params):
    for p in params:
        p.requires_grad_(False)
"""

ADVERSARIAL = {
    "loop": "def make_trainable(values):\n    while True:\n        pass\n",
    # bytes(n), not bytearray(n): calloc's fresh pages cost no CPU to fill, so the bomb meets
    # the memory limit at once however busy the machine, long before its 2 s run out.
    "membomb": "def make_trainable(values):\n    blocks = []\n    while True:\n"
               "        blocks.append(bytes(1 << 28))\n",
    "sysexit": "import sys\ndef make_trainable(values):\n    sys.exit(3)\n",
    "osexit": "import os\ndef make_trainable(values):\n    os._exit(0)\n",
    "flood": "def make_trainable(values):\n    while True:\n        print('spam' * 1000)\n",
    "eq": "class Anything:\n    def __eq__(self, other):\n        return True\n"
          "    __hash__ = None\ndef make_trainable(values):\n    return Anything()\n",
    "patch": "import minigrad\nminigrad.tensor = lambda *a, **k: 'patched'\n"
             "minigrad.Tensor.backward = lambda *a, **k: None\n"
             "def make_trainable(values):\n    return minigrad.tensor(values)\n",
}


FORK_MARK = f"grandchild{os.getpid() % 10000}"


def _fork_submission() -> str:
    return textwrap.dedent(f"""
        import os, time
        import minigrad as torch
        def make_trainable(values):
            if os.fork() == 0:
                open("/proc/self/comm", "w").write({FORK_MARK!r})  # for the test to find it
                while True:
                    time.sleep(1)
            return torch.tensor(values, dtype=torch.float32, requires_grad=True)
        """)



def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_adversarial_batch_is_contained_and_the_rest_graded(tmp_path):
    subs = tmp_path / "subs"
    sources = {**ADVERSARIAL, "fork": _fork_submission(),
               "syntax": "def make_trainable(values)\n", "importloop": "while True:\n    pass\n"}
    paths = []
    for name, body in sources.items():
        folder = subs / name / "exercises"
        folder.mkdir(parents=True)
        (folder / "ex01_requires_grad.py").write_text(body + CORRECT_FREEZE)
        # ex02 is a correct copy: monkeypatching in ex01 must not leak into it
        shutil.copy(engine.SOLUTIONS / "ex02_graph.py", folder / "ex02_graph.py")
        paths.append(subs / name)
    escape = tmp_path / "escaped.py"
    paths.append(_zip(subs / "traversal.zip", {"../escaped.py": b"x = 1\n",
                                               "exercises/ex01_requires_grad.py": b""}))
    paths.append(_zip(subs / "bomb.zip", {"exercises/ex01_requires_grad.py": b"\0" * (50 << 20)}))
    paths.append(engine.SOLUTIONS)  # a perfect submission graded in the same batch

    start = time.monotonic()
    summary = grade(paths, tmp_path / "out", jobs=2, limits=LIMITS, seed=5,
                    unpack_limits=UnpackLimits(max_total_bytes=1 << 20),
                    progress=open(os.devnull, "w"), isolation=ISOLATION)
    # A hang guard, not a speed test: its deadlines cost ~10 s; nothing may keep it waiting.
    assert time.monotonic() - start < 60
    reports = summary.reports
    assert len(reports) == len(paths)

    def task(name, tid):
        return next(t for t in reports[name].tasks if t.id == tid)

    reasons = {
        # The bomb is stopped by the memory limit (its MemoryError), not by the clock.
        "loop": "took longer than 2 s", "membomb": "ran out of memory (the memory limit was "
        "reached)", "sysexit": "sys.exit(3)",
        "osexit": "exit code 0", "flood": "too much output",
        "eq": "expected a Tensor, got an object of type 'Anything'",
    }
    for name, reason in reasons.items():
        t = task(name, "ex01.make_trainable")
        assert t.points == 0 and reason in t.feedback, (name, t.feedback)
        assert task(name, "ex01.freeze").status == "passed", (name, task(name, "ex01.freeze"))
        assert task(name, "ex02.grad_fn_names").status == "passed"
    for name, reason in {"syntax": "importing the file failed: SyntaxError",
                         "importloop": "importing the file took longer than 2 s"}.items():
        for tid in ("ex01.make_trainable", "ex01.freeze"):
            assert task(name, tid).status == "error" and reason in task(name, tid).feedback
        assert task(name, "ex02.leaves").status == "passed"
    assert task("patch", "ex01.make_trainable").points == 0
    assert task("patch", "ex02.leaves").status == "passed"
    assert task("fork", "ex01.make_trainable").status == "passed"
    deadline = time.monotonic() + 5
    while named(FORK_MARK) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not named(FORK_MARK), "the forked grandchild survived the sandbox"

    assert "leaves the submission folder" in reports["traversal"].problem
    assert not escape.exists()
    # (cut at the 1 MiB a file may hold, more than the 1 MiB in all allowed here: refused
    # before inflating anything)
    assert "more than 1048576 bytes in total once unpacked" in reports["bomb"].problem
    perfect = reports[engine.SOLUTIONS.name]
    broken = [t for t in perfect.tasks if t.status != "passed"]
    assert all("reference solution itself fails" in t.feedback for t in broken), broken
    assert set(summary.rejected) == {"traversal", "bomb"}

    out = tmp_path / "out"
    rows = (out / "gradebook.csv").read_text().splitlines()
    assert len(rows) == 1 + len(paths)
    result = json.loads((out / "results" / "loop.json").read_text())
    assert {"score", "max_score", "tests"} <= set(result)
    assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(
        result["tests"][0])
    assert (out / "feedback" / "loop.md").exists() and (out / "feedback" / "loop.html").exists()

    # (the same unpacking limits: under the default 8 MiB in all, the bomb's file is kept,
    # cut at 1 MiB, and its submission graded)
    again = grade(paths, out, jobs=2, limits=LIMITS, seed=5, progress=open(os.devnull, "w"),
                  isolation=ISOLATION, unpack_limits=UnpackLimits(max_total_bytes=1 << 20))
    assert sorted(again.skipped) == sorted(reports) and not again.graded
    assert set(again.rejected) == {"traversal", "bomb"}  # said again, though not regraded
    # New limits (or a fixed reference, or changed specs): results graded with the earlier
    # settings are never kept as if graded with these, nor replaced unasked (their grades may
    # be published): --force grades them again.
    longer = dict(jobs=1, limits=replace(LIMITS, timeout=LIMITS.timeout + 1), seed=5,
                  progress=open(os.devnull, "w"), isolation=ISOLATION)
    before = (out / "results" / f"{paths[0].stem}.json").read_bytes()
    with pytest.raises(UsageError, match="1 of these submissions .* were graded into .* with "
                                         "other settings .*: --force grades them again"):
        grade(paths[:1], out, **longer)
    assert (out / "results" / f"{paths[0].stem}.json").read_bytes() == before
    again = grade(paths[:1], out, force=True, **longer)
    assert len(again.graded) == 1 and not again.skipped


def test_the_exercise_file_of_the_course_name_is_graded_not_a_stray_copy(tmp_path):
    """`course check` grades exercises/ex03_backward.py; grading must too, whatever else lies
    beside it (ex03_backup.py sorts first), and say which file it graded."""
    folder = tmp_path / "learner" / "exercises"
    folder.mkdir(parents=True)
    shutil.copy(engine.SOLUTIONS / "ex03_backward.py", folder)
    shutil.copy(ROOT / "exercises" / "ex03_backward.py", folder / "ex03_backup.py")  # a stub
    shutil.copy(engine.SOLUTIONS / "ex01_requires_grad.py", folder / "ex01_mine.py")  # alone
    for name in ("ex02_a.py", "ex02_b.py"):  # two candidates, neither the course's name
        shutil.copy(engine.SOLUTIONS / "ex02_graph.py", folder / name)
    out = tmp_path / "out"
    summary = grade([folder.parent], out, jobs=1, limits=LIMITS, seed=3,
                    progress=open(os.devnull, "w"), isolation=ISOLATION)
    exercises = {ex.id: ex for ex in summary.reports["learner"].exercises}
    ex01, ex02, ex03 = exercises["ex01"], exercises["ex02"], exercises["ex03"]
    assert ex03.score == ex03.max_score and ex01.score == ex01.max_score
    assert all(t.feedback.endswith("\ngraded ex03_backward.py; not graded: ex03_backup.py")
               for t in ex03.tasks)
    assert all("graded" not in t.feedback for t in ex01.tasks)
    assert ex02.score == 0 and all("not graded: ex02_a.py, ex02_b.py (several files for ex02, "
                                   "none named ex02_graph.py" in t.feedback for t in ex02.tasks)
    tests = json.loads((out / "results" / "learner.json").read_text())["tests"]
    assert "graded ex03_backward.py" in next(t for t in tests if t["name"].startswith("ex03"))[
        "output"]  # what Gradescope shows, passed tasks included


def test_one_file_too_large_costs_its_exercise_alone(tmp_path, boxes, capsys):
    """A learner who pasted a large array into one exercise file (over the 1 MiB a file may
    hold) scored 0 on every exercise: unpacking refused the whole submission. Now that
    exercise alone scores 0, its feedback saying why, in `course grade` and `course check`
    alike, and `course submit` warns when it packs such a file."""
    from course.gradebook import problems
    from course.submit import make_submission
    exercises = tmp_path / "learner" / "exercises"
    exercises.mkdir(parents=True)
    data = ", ".join(str(i) for i in range(300_000))  # 2 MB of numbers
    big = exercises / "ex01_requires_grad.py"
    big.write_text((engine.SOLUTIONS / big.name).read_text() + f"\nDATA = [{data}]\n")
    shutil.copy(engine.SOLUTIONS / "ex02_graph.py", exercises)
    archive = make_submission(exercises.parent, "ada")
    assert ("course: warning: ex01_requires_grad.py is larger than 1 MiB, more than the "
            "grader reads of a file: not graded\n") in capsys.readouterr().err
    summary = grade([archive], tmp_path / "out", jobs=1, limits=LIMITS, seed=5,
                    progress=open(os.devnull, "w"), isolation=ISOLATION,
                    exercises=["ex01", "ex02"])
    report = summary.reports[archive.stem]
    assert report.problem is None and not summary.rejected
    ex01, ex02 = report.exercises
    assert ex02.score == ex02.max_score > 0
    assert ex01.score == 0
    for task in ex01.tasks:
        assert task.feedback.startswith("ex01_requires_grad.py is larger than 1 MiB, more "
                                        "than the grader reads of a file: not graded"), task
    assert problems(report) == ("3 tasks of ex01: ex01_requires_grad.py is larger than 1 MiB, "
                                "more than the grader reads of a file: not graded")
    checked = engine.grade_exercise(boxes(exercises), "ex01", big, seed=123)
    assert [t.feedback for t in checked.tasks] == [t.feedback for t in ex01.tasks]


def test_a_file_too_large_to_grade_does_not_run_from_another_exercise(tmp_path):
    """Cut at 1 MiB inside a comment, a file too large to grade is still Python, and too large
    to be fingerprinted: imported by another exercise's file, it ran there, a copy of the
    reference in it hidden from similarity.csv at the cost of one exercise (ex02 scored 3/3
    with no row). It is not in the sandbox: the import fails, and that exercise scores 0 too."""
    folder = tmp_path / "sub" / "exercises"
    folder.mkdir(parents=True)
    (folder / "ex01_requires_grad.py").write_text(
        (engine.SOLUTIONS / "ex02_graph.py").read_text() + "#" * (2 << 20) + "\n")
    (folder / "ex02_graph.py").write_text(  # (a plain import, which no lead names)
        "import os, sys\nsys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))\n"
        "from ex01_requires_grad import *  # noqa\n")
    summary = grade([tmp_path / "sub"], tmp_path / "out", jobs=1, limits=LIMITS, seed=5,
                    progress=open(os.devnull, "w"), isolation=ISOLATION,
                    exercises=["ex01", "ex02"])
    ex01, ex02 = summary.reports["sub"].exercises
    assert ex01.score == ex02.score == 0
    assert "No module named 'ex01_requires_grad'" in ex02.tasks[0].feedback, ex02.tasks[0]
