"""Progressive hints (course.hints): a known mistake's reason at once, its fix on a later try.

Through what the learner and the instructor run: `course check` twice on the same mistake,
`course grade` over a class; the Gradescope side is in test_course_autograder.py."""

import json
import shutil

import pytest
from test_course_cli import ROOT, course

from course import engine, hints
from course.results import ExerciseResult, Report, TaskResult
from course.tasks import exercise

SGD = "def sgd_step(params, lr):\n"
MISTAKES = {  # ex07's sgd_step as a learner gets it wrong
    "used-data": SGD + "    for p in params:\n        p.data -= lr * p.grad\n",
    "rebinding": SGD + "    with torch.no_grad():\n        for p in params:\n"
                       "            p = p - lr * p.grad\n",
}


def _mistake(name):
    return next(m for m in exercise("ex07").tasks[1].misconceptions if m.name == name)


def _write(workspace, mistake):
    stub = (ROOT / "exercises" / "ex07_no_grad.py").read_text()
    start = stub.index(SGD)
    end = stub.index("\n\n\ndef ", start)
    (workspace / "exercises" / "ex07_no_grad.py").write_text(
        stub[:start] + MISTAKES[mistake] + stub[end:])


@pytest.fixture
def workspace(tmp_path):
    shutil.copytree(ROOT / "exercises", tmp_path / "exercises")
    return tmp_path


def test_these_mistakes_have_a_fix_to_hold_back():
    for name in MISTAKES:
        fix = _mistake(name).fix
        assert fix and fix[0].islower() and fix.endswith("."), (name, fix)


def test_every_known_mistake_has_a_fix_but_a_wrong_prediction():
    """The README promises a fix on the next check for a known mistake. A predict task's
    "mistake" is a wrong prediction, explained: its fix would be the answer, which running the
    program gives anyway."""
    from course.tasks import all_exercises

    missing = [(t.id, m.name) for ex in all_exercises() for t in ex.tasks
               for m in t.misconceptions if not m.fix and not t.hint_per_fact]
    assert not missing, missing
    fixes = [m.fix for ex in all_exercises() for t in ex.tasks for m in t.misconceptions
             if m.fix]
    assert all(f[0].islower() and f.endswith(".") for f in fixes), \
        [f for f in fixes if not (f[0].islower() and f.endswith("."))]


def test_check_gives_the_reason_first_and_the_fix_when_the_mistake_comes_again(workspace):
    _write(workspace, "used-data")
    first = course("check", "ex07", cwd=workspace).stdout
    assert _mistake("used-data").feedback in first
    assert "Try a fix of your own first: a later check that finds this mistake again" in first
    assert "How to fix it" not in first and _mistake("used-data").fix not in first
    again = course("check", "ex07", cwd=workspace).stdout
    assert f"How to fix it: {_mistake('used-data').fix}" in again
    assert "Try a fix of your own" not in again

    # Another mistake is new: its reason first. The first one, made again later, was named
    # before: its fix at once.
    _write(workspace, "rebinding")
    other = course("check", "ex07", cwd=workspace).stdout
    assert _mistake("rebinding").feedback in other and "How to fix it" not in other
    _write(workspace, "used-data")
    back = course("check", "ex07", cwd=workspace).stdout
    assert f"How to fix it: {_mistake('used-data').fix}" in back

    # What is kept, and nothing of it in what is handed in but the mistakes' names.
    seen = hints.load(workspace / ".course" / "mistakes_seen.json")
    assert seen == {("ex07.sgd_step", "used-data"), ("ex07.sgd_step", "rebinding")}
    last = json.loads((workspace / ".course" / "last_check.json").read_text())
    sgd = next(t for ex in last["exercises"] for t in ex["tasks"] if t["id"] == "ex07.sgd_step")
    assert sgd["fix"] == "" and sgd["misconception"] == "used-data"


def test_a_damaged_record_of_mistakes_only_holds_fixes_back(workspace):
    state = workspace / ".course"
    state.mkdir()
    for damaged in ('{"a": 1}', "[[1, 2], [\"ex07.sgd_step\"], \"x\"]", "not json"):
        (state / "mistakes_seen.json").write_text(damaged)
        assert hints.load(state / "mistakes_seen.json") == set()
    _write(workspace, "used-data")
    checked = course("check", "ex07", cwd=workspace)
    assert "Try a fix of your own" in checked.stdout and "Traceback" not in checked.stderr
    assert hints.load(state / "mistakes_seen.json") == {("ex07.sgd_step", "used-data")}


def test_a_class_grade_shows_every_fix(workspace):
    _write(workspace, "used-data")
    graded = course("grade", "exercises", "--out", "grades", "--exercises", "ex07",
                    "--timeout", "5", "--no-sandbox", cwd=workspace)
    assert graded.returncode == 1 and "Traceback" not in graded.stderr, graded  # 1: not passed
    feedback = (workspace / "grades" / "feedback" / "exercises.md").read_text()
    assert f"How to fix it: {_mistake('used-data').fix}" in feedback
    assert "Try a fix of your own" not in feedback


def test_gradescopes_earlier_submissions_name_the_mistakes_seen():
    report = {"exercises": [{"tasks": [
        {"id": "ex07.sgd_step", "misconception": "used-data"},
        {"id": "ex07.clip_grad_norm", "misconception": None},
        {"id": 3, "misconception": "x"}, "junk"]}, "junk"]}
    metadata = {"previous_submissions": [
        {"score": 0.0, "results": {"extra_data": {"report": report}}},
        {"score": 1.0, "results": {"tests": []}},  # one a grader that failed wrote
        {"results": {"extra_data": {"report": "junk"}}}, None]}
    assert hints.previously_seen(metadata) == {("ex07.sgd_step", "used-data")}
    for nothing in ({}, {"previous_submissions": None}, [], None):
        assert hints.previously_seen(nothing) == set()


def test_feedback_with_its_fix_is_still_capped():
    task = TaskResult("ex07.sgd_step", "t", 0, 1, "failed", "x" * engine.MAX_FEEDBACK,
                      "used-data", fix="y" * 100)
    hints.disclose(Report([ExerciseResult("ex07", "t", [task])]), None, "check")
    assert len(task.feedback) <= engine.MAX_FEEDBACK and task.fix == ""
    assert task.feedback.endswith("(feedback truncated)")


def test_two_variants_of_one_mistake_are_one_to_the_learner():
    """ex04's missing retain_grad() before t.grad.norm() and before torch.norm(t.grad) are two
    misconceptions with one fix: a learner who changed only the norm made the same mistake."""
    task = exercise("ex04").tasks[1]
    a, b = (m for m in task.misconceptions if m.name.startswith("no-retain-grad"))
    assert a.fix == b.fix
    result = TaskResult(task.id, "t", 0, 1, "failed", a.feedback, b.name, fix=b.fix)
    hints.disclose(Report([ExerciseResult("ex04", "t", [result])]), {(task.id, a.name)}, "check")
    assert result.feedback.endswith(f"How to fix it: {a.fix}")


def test_a_record_that_cannot_be_saved_costs_a_warning_not_the_check(workspace):
    (workspace / ".course" / "mistakes_seen.json").mkdir(parents=True)
    _write(workspace, "used-data")
    checked = course("check", "ex07", cwd=workspace)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert _mistake("used-data").feedback in checked.stdout
    assert "warning: could not save which mistakes were named" in checked.stderr
    assert json.loads((workspace / ".course" / "progress.json").read_text())["ex07"]
