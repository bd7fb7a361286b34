"""The gradebook: one row per student, late and missing marked, Canvas's import layout, and
cells a spreadsheet never evaluates."""

import csv
import json
import os
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from course import engine
from course.canvas import CanvasAssignment
from course.errors import UsageError
from course.gradebook import (
    Gradebook,
    neutralise,
    parse_deadline,
    read_roster,
    student_of,
    submission_maker,
    submission_time,
)
from course.results import ExerciseResult, Report, TaskResult
from course.spreadsheet_csv import read_rows
from course.tasks import all_exercises, exercise

ROOT = Path(__file__).resolve().parents[1]
MAX_TOTAL = sum(ex.max_points for ex in all_exercises())


def _report(name, ex01_points, problem=None):
    tasks = [TaskResult("ex01.make_trainable", "t", ex01_points, 1, "passed", "")]
    return Report([ExerciseResult("ex01", "Tensors", tasks)], 0, name, problem)


def _graded(out, name, points, submitted_at=None, problem=None):
    doc = {"score": points, "extra_data": {"report": _report(name, points, problem).to_json(),
                                           "submitted_at": submitted_at}}
    (out / "results").mkdir(parents=True, exist_ok=True)
    (out / "results" / f"{name}.json").write_text(json.dumps(doc))


def _rows(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


def test_neutralise_every_formula_lead_but_keeps_numbers():
    for bad in ("=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(bad) == "'" + bad
    assert neutralise("alice") == "alice" and neutralise(-1) == -1 and neutralise("") == ""


def test_student_and_time_come_from_course_submits_archive(tmp_path):
    assert student_of("alice-20261125T180102Z") == "alice"
    assert student_of("alice-20261125T180102Z-2") == "alice"
    assert student_of("bob") == "bob"
    archive = tmp_path / "alice-20261125T180102Z.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"time": "20261124T080000Z"}))
    assert submission_time(archive) == "2026-11-24T08:00:00+00:00"  # the manifest wins
    renamed = tmp_path / "alice-20261125T180102Z-2.zip"
    renamed.write_bytes(b"not a zip")
    assert submission_time(renamed) == "2026-11-25T18:01:02+00:00"  # else the name's stamp
    assert submission_time(tmp_path) is None
    (tmp_path / "manifest.json").write_text("{")
    assert submission_time(tmp_path) is None


def test_deadline_parsing():
    assert parse_deadline("2026-12-01T23:59Z").isoformat() == "2026-12-01T23:59:00+00:00"
    assert parse_deadline("2026-12-01T23:59+01:00").utcoffset().total_seconds() == 3600
    assert parse_deadline("2026-12-01T23:59").tzinfo is not None  # local time
    with pytest.raises(UsageError, match="invalid deadline"):
        parse_deadline("next friday")
    # A date alone would be the midnight that starts it: a whole day's submissions late.
    for day in ("2026-12-01", " 2026-12-01 ", "20261201"):
        with pytest.raises(UsageError, match=r"has no time of day: give the time too, e\.g\. "
                                             r"2026-12-01T23:59 for the end of that day"):
            parse_deadline(day)


def test_a_rerun_typed_without_roster_or_deadline_says_what_the_gradebook_lost(tmp_path):
    """`course grade submissions --out grades`, the class's command typed shorter on a re-run,
    rebuilt gradebook.csv without the roster's missing students and without lateness, and
    said nothing: an instructor importing it lost the late marks without knowing."""
    out, roster = tmp_path / "grades", tmp_path / "roster.csv"
    _graded(out, "alice-20261202T100000Z", 1, "2026-12-02T10:00:00+00:00")
    roster.write_text("Student,ID,SIS User ID,SIS Login ID,Section\n"
                      "\"Liddell, Alice\",101,S101,alice,A\n\"Doe, Dan\",104,S104,dan,B\n")
    full = Gradebook("csv", read_roster(roster), parse_deadline("2026-12-01T23:59Z"))
    full.write(out)
    assert full.warnings == []
    shorter = Gradebook("csv")
    shorter.write(out)
    assert shorter.warnings == [
        "gradebook.csv was rebuilt without --roster (it listed 1 student(s) with no "
        "submission) and --deadline (it marked lateness), as the one it replaced was made: "
        "nothing graded is lost; run the command again with them to have the gradebook as "
        "it was"]
    assert [r[3] for r in _rows(out / "gradebook.csv")[1:]] == ["submitted"]
    again = Gradebook("csv")  # (what it replaces now has neither: nothing more to say)
    again.write(out)
    assert again.warnings == []
    with_roster = Gradebook("csv", read_roster(roster))
    with_roster.write(out)
    deadline_only = Gradebook("csv", deadline=parse_deadline("2026-12-01T23:59Z"))
    deadline_only.write(out)
    assert deadline_only.warnings == [
        "gradebook.csv was rebuilt without --roster (it listed 1 student(s) with no "
        "submission), as the one it replaced was made: nothing graded is lost; run the "
        "command again with it to have the gradebook as it was"]


def test_latest_counts_late_and_missing_are_marked(tmp_path):
    out = tmp_path / "grades"
    _graded(out, "alice-20261130T100000Z", 1, "2026-11-30T10:00:00+00:00")
    _graded(out, "alice-20261202T100000Z", 0, "2026-12-02T10:00:00+00:00")  # latest, late
    _graded(out, "bob-20261201T120000Z", 1, "2026-12-01T12:00:00+00:00")
    _graded(out, "carol", 0, None, problem="not a readable zip archive")
    _graded(out, "=cmd|' -C calc'!A0", 1)
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (123)\n"
        "    Points Possible,,,,,10\n"
        "\"Liddell, Alice\",101,S101,alice,Sec A,9\n"
        "\"Builder, Bob\",102,S102,bob,Sec A,8\n"
        "\"Jones, Carol\",103,S103,carol,Sec B,7\n"
        "\"Doe, Dan\",104,S104,dan,Sec B,6\n")
    book = Gradebook("canvas", read_roster(roster), parse_deadline("2026-12-01T23:59Z"))
    written = book.write(out)
    assert [p.name for p in written] == ["gradebook.csv", "canvas.csv"]

    table = _rows(out / "gradebook.csv")
    header, body = table[0], {r[0]: dict(zip(table[0], r)) for r in table[1:]}
    assert header[:5] == ["student", "submission", "submitted_at", "status", "submissions"]
    assert header[-5:] == ["total", "max_total", "problem", "late_hours", "on_time_total"]
    alice = body["Liddell, Alice"]
    assert alice["submission"] == "alice-20261202T100000Z"
    assert alice["status"] == "late by 10h01m" and alice["total"] == "0"
    assert alice["submitted_at"] == "2026-12-02T10:00:00+00:00" and alice["submissions"] == "2"
    assert body["Builder, Bob"]["status"] == "on time" and body["Builder, Bob"]["ex01"] == "1"
    assert body["Jones, Carol"]["status"] == "unreadable"
    assert "not a readable zip" in body["Jones, Carol"]["problem"]
    assert body["Doe, Dan"]["status"] == "missing" and body["Doe, Dan"]["submission"] == ""
    assert body["Doe, Dan"]["max_total"] == str(MAX_TOTAL)
    stranger = body["'=cmd|' -C calc'!A0"]  # not on the roster: still listed, and inert
    assert stranger["status"] == "time unknown"
    assert book.warnings[0] == "=cmd|' -C calc'!A0: submitted but not on the roster"
    # alice's latest, counted, is late and scores less than her on-time one: said with both
    assert book.warnings[1].startswith("1 student(s) submitted again after the deadline, over "
                                       "an on-time submission (Liddell, Alice (0 late, 1 on "
                                       "time)): ")
    # (the export has an assignment, Quiz 1: canvas.csv's new ones are said to be new)
    assert book.warnings[2].startswith(f"canvas.csv makes {len(all_exercises())} new Canvas "
                                       "assignment(s) on import (ex01 ")
    assert len(book.warnings) == 3

    canvas = _rows(out / "canvas.csv")
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert canvas[0][5:] == [f"{ex.id} {ex.title}" for ex in all_exercises()]
    assert canvas[1][0] == "Points Possible"
    assert canvas[1][5:] == [str(ex.max_points) for ex in all_exercises()]
    students = {r[3]: r for r in canvas[2:]}
    assert set(students) == {"alice", "bob", "carol", "dan"}  # the stranger cannot be imported
    assert students["bob"][:6] == ["Builder, Bob", "102", "S102", "bob", "Sec A", "1"]
    assert students["dan"][5:] == [""] * len(all_exercises())  # blank: Canvas changes nothing


def test_a_late_policy_has_the_hours_late_and_the_last_on_time_total(tmp_path):
    """The gradebook counted the latest submission and deducted nothing, saying lateness only
    as text ("late by 1d 2h05m"): a policy of points off per hour late, or of "late work is
    not accepted" (the last on-time submission counts), was the instructor's to dig out of
    results files. Now ``late_hours`` (rounded up) and ``on_time_total`` say it."""
    out = tmp_path / "grades"
    _graded(out, "alice-20261130T100000Z", 1, "2026-11-30T10:00:00+00:00")
    _graded(out, "alice-20261202T100000Z", 0, "2026-12-02T10:00:00+00:00")  # latest, late
    _graded(out, "bob-20261201T235905Z", 1, "2026-12-01T23:59:05+00:00")  # 5 s late
    _graded(out, "carol-20261201T120000Z", 1, "2026-12-01T12:00:00+00:00")
    _graded(out, "dan", 1)  # no time known
    _graded(out, "eve_1005_9001_submission", 1, "2026-12-01T12:00:00+00:00")
    # Canvas marked it LATE, whatever the learner's clock said: how late is not known
    _graded(out, "fay_LATE_1006_9003_submission", 1, "2026-12-01T12:00:00+00:00")
    Gradebook("csv", deadline=parse_deadline("2026-12-01T23:59Z")).write(out)
    table = _rows(out / "gradebook.csv")
    assert table[0][-2:] == ["late_hours", "on_time_total"]
    body = {r[0]: dict(zip(table[0], r)) for r in table[1:]}
    assert [(body[s]["late_hours"], body[s]["on_time_total"]) for s in (
        "alice", "bob", "carol", "dan", "eve (1005)", "fay (1006)")] == [
        ("10.02", "1"), ("0.01", ""), ("0.00", "1"), ("", ""), ("0.00", "1"), ("", "")]
    assert body["alice"]["total"] == "0"  # the latest still counts in total
    Gradebook("csv").write(out)  # no deadline: nothing to say
    assert {(r[-2], r[-1]) for r in _rows(out / "gradebook.csv")[1:]} == {("", "")}


def test_canvas_files_without_a_clock_are_on_time_unless_canvas_marked_them(tmp_path):
    """Exercise files uploaded to Canvas one by one carry no manifest: their status said
    `time unknown` and on_time_total was blank, so a "late work is not accepted" policy gave
    them nothing though Canvas had not marked them LATE. Canvas writes LATE on every file it
    received after the due date: unmarked, they are on time, in every column alike."""
    out = tmp_path / "grades"
    _graded(out, "lovelaceada_1001_509_exercises", 1)  # no time, not marked
    _graded(out, "brownbob_LATE_1002_601_exercises", 1)  # no time, marked LATE
    _graded(out, "carol", 1)  # no time, not Canvas's: not known
    Gradebook("csv", deadline=parse_deadline("2026-12-01T23:59Z")).write(out)
    table = _rows(out / "gradebook.csv")
    body = {r[0]: dict(zip(table[0], r)) for r in table[1:]}
    assert {s: (body[s]["status"], body[s]["late_hours"], body[s]["on_time_total"])
            for s in body} == {
        "lovelaceada (1001)": ("on time (Canvas)", "0.00", "1"),
        "brownbob (1002)": ("late (Canvas)", "", ""),
        "carol": ("time unknown", "", "")}


def test_without_roster_every_submitter_is_a_row(tmp_path):
    out = tmp_path / "grades"
    _graded(out, "alice-20261130T100000Z", 1, "2026-11-30T10:00:00+00:00")
    _graded(out, "bob", 0)
    Gradebook("canvas").write(out)
    table = _rows(out / "gradebook.csv")
    assert [(r[0], r[3]) for r in table[1:]] == [("alice", "submitted"), ("bob", "submitted")]
    canvas = _rows(out / "canvas.csv")
    assert [(r[0], r[3]) for r in canvas[2:]] == [("alice", "alice"), ("bob", "bob")]


def test_bad_roster_and_format_are_usage_errors(tmp_path):
    empty = tmp_path / "roster.csv"
    empty.write_text("Quiz\n1\n")
    with pytest.raises(UsageError, match="lists no students"):
        read_roster(empty)
    with pytest.raises(UsageError, match="cannot read the roster"):
        read_roster(tmp_path / "nope.csv")
    with pytest.raises(UsageError, match="unknown gradebook format"):
        Gradebook("excel").write(tmp_path)


def test_course_grade_writes_canvas_gradebook_with_roster_and_deadline(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    for name, stamp in (("alice", "20261130T100000Z"), ("bob", "20261203T100000Z")):
        with zipfile.ZipFile(subs / f"{name}-{stamp}.zip", "w") as zf:
            zf.writestr("exercises/ex01_requires_grad.py",
                        (engine.SOLUTIONS / "ex01_requires_grad.py").read_bytes())
            zf.writestr("manifest.json", json.dumps({"name": name, "time": stamp}))
    roster = tmp_path / "roster.csv"
    roster.write_text("Student,ID,SIS User ID,SIS Login ID,Section\n"
                      "Alice,1,,alice,A\nBob,2,,bob,A\nCarol,3,,carol,A\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "course", "grade", *sorted(map(str, subs.iterdir())),
         "--out", "grades", "--format", "canvas", "--roster", str(roster),
         "--deadline", "2026-12-01T23:59Z", "--timeout", "5"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result  # nobody has every exercise right
    assert "canvas.csv" in result.stdout
    body = {r[0]: r for r in _rows(tmp_path / "grades" / "gradebook.csv")[1:]}
    assert body["Alice"][3] == "on time" and body["Bob"][3].startswith("late by 1d ")
    assert body["Carol"][3] == "missing"
    ex01 = next(ex for ex in all_exercises() if ex.id == "ex01")
    assert body["Alice"][5] == str(ex01.max_points)
    canvas = _rows(tmp_path / "grades" / "canvas.csv")
    assert [r[0] for r in canvas[2:]] == ["Alice", "Bob", "Carol"]


def test_an_assignment_of_some_exercises_grades_and_counts_only_those(tmp_path):
    """`course grade --exercises ex01-ex02`: week two's assignment. The gradebook has their
    columns and their points only; grading other exercises into the same folder later
    replaces its results only with --force."""
    learner = tmp_path / "alice" / "exercises"
    shutil.copytree(engine.SOLUTIONS, learner,
                    ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def course_grade(*args):
        return subprocess.run([sys.executable, "-m", "course", "grade", str(learner.parent),
                               "--out", "grades", "--format", "canvas", *args],
                              cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)

    week = course_grade("--exercises", "ex01-ex02")
    assert week.returncode == 0, week  # every graded exercise right: full marks
    head, alice = _rows(tmp_path / "grades" / "gradebook.csv")
    assert head[5:9] == ["ex01", "ex02", "total", "max_total"]
    points = sum(ex.max_points for ex in all_exercises() if ex.id in ("ex01", "ex02"))
    assert alice[5:9][2:] == [str(points), str(points)]
    assert [c.split()[0] for c in _rows(tmp_path / "grades" / "canvas.csv")[0][5:]] == [
        "ex01", "ex02"]
    refused = course_grade("--exercises", "ex01,ex03")
    assert refused.returncode == 2 and "with other settings" in refused.stderr, refused
    assert _rows(tmp_path / "grades" / "gradebook.csv")[0][5:7] == ["ex01", "ex02"]
    again = course_grade("--exercises", "ex01,ex03", "--force")
    assert "graded 1, skipped 0" in again.stdout, again
    assert _rows(tmp_path / "grades" / "gradebook.csv")[0][5:7] == ["ex01", "ex03"]


def test_a_course_update_outside_grading_keeps_results_and_one_inside_says_what(tmp_path):
    """Every course update changed the grading fingerprint (all of course/*.py): after a fix
    to the gradebook, the class's same command stopped, asking for --force, which grades 500
    submissions again. Now only what grades is fingerprinted (course.grading_parts.NOT_GRADING
    left out: the class's run in course/grade.py, the gradebook, the command line...), and a
    change to what grades (a comparison, a reference solution) still stops the run, saying
    which file changed, and --force says why it grades again. A copy of the course, edited,
    grades a learner's folder for real."""
    pkg = tmp_path / "pkg"
    for name in ("course", "minigrad"):
        shutil.copytree(ROOT / name, pkg / name, ignore=shutil.ignore_patterns("__pycache__"))
    learner = tmp_path / "ada" / "exercises"
    learner.mkdir(parents=True)
    shutil.copy(engine.SOLUTIONS / "ex02_graph.py", learner)
    env = {**os.environ, "PYTHONPATH": str(pkg)}

    def course_grade(*args):
        return subprocess.run([sys.executable, "-m", "course", "grade", str(learner.parent),
                               "--out", "grades", "--exercises", "ex02", *args],
                              cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)

    def edit(path):
        with open(pkg / path, "a") as f:
            f.write("\n# an update\n")

    assert "graded 1, skipped 0" in course_grade().stdout
    edit("course/gradebook.py")
    edit("course/cli.py")
    edit("course/moodle.py")  # (which student a Moodle file is: no grade of a submission)
    edit("course/gradescope_export.py")  # (who Gradescope's export says submitted it)
    edit("course/download.py")
    edit("course/grade.py")  # (the class's run: progress, --regrade, did-you-mean)
    kept = course_grade()
    assert kept.returncode == 0 and "graded 0, skipped 1" in kept.stdout, kept
    edit("course/compare.py")
    refused = course_grade()
    assert refused.returncode == 2, refused
    assert ("were graded into grades with other settings (the course's grading code (course/, "
            "specs and probes: compare.py) changed since): --force grades them again"
            ) in refused.stderr
    forced = course_grade("--force")
    assert forced.returncode == 0 and "graded 1, skipped 0" in forced.stdout, forced
    assert ("course: grading 1 submission(s) again (--force): the course's grading code "
            "(course/, specs and probes: compare.py) changed since they were graded"
            ) in forced.stderr
    # (grades may be posted already: a regrade says whether any total moved)
    assert "course: the 1 submission(s) graded again kept their totals" in forced.stderr
    edit("course/solutions/ex02_graph.py")
    refused = course_grade()
    assert refused.returncode == 2 and ("other settings (the reference solutions changed "
                                        "since)") in refused.stderr, refused


def test_canvas_download_names_belong_to_canvas_user_ids(tmp_path):
    """Canvas renames each downloaded file <sortable name>_[LATE_]<user id>_<file id>_<name>:
    the user ID, which the learner cannot choose, decides whose it is, the file ID (upload
    order) which one counts, and Canvas's LATE mark shows."""
    out = tmp_path / "grades"
    assert student_of("smithhank_48213_990112_hank-20261203T201400Z.zip") == "hank"
    # Hank's later upload (higher file ID) counts, whatever its manifest claims.
    _graded(out, "smithhank_48213_990112_hank-20261203T201400Z", 1, "2099-01-01T00:00:00+00:00")
    _graded(out, "smithhank_LATE_48213_990200_hank-20261129T090000Z", 0,
            "2026-11-29T09:00:00+00:00")
    # A zip named after Alice but uploaded from Bob's account is Bob's.
    _graded(out, "builderbob_48214_990150_alice-20261128T100000Z", 0, "2026-11-28T10:00:00+00:00")
    roster = tmp_path / "roster.csv"
    roster.write_text("Student,ID,SIS User ID,SIS Login ID,Section\n"
                      "\"Smith, Hank\",48213,S1,hank@uni.edu,A\n"
                      "\"Builder, Bob\",48214,S2,bob@uni.edu,A\n"
                      "\"Liddell, Alice\",48215,S3,alice@uni.edu,A\n")
    book = Gradebook("canvas", read_roster(roster))
    book.write(out)
    table = _rows(out / "gradebook.csv")
    body = {r[0]: dict(zip(table[0], r)) for r in table[1:]}
    hank = body["Smith, Hank"]
    assert hank["submission"].startswith("smithhank_LATE_48213_990200")
    assert hank["submissions"] == "2" and hank["status"] == "late (Canvas)"
    assert body["Builder, Bob"]["submissions"] == "1"
    assert body["Liddell, Alice"]["status"] == "missing"
    assert [w for w in book.warnings if "future" in w] == [
        "smithhank_48213_990112_hank-20261203T201400Z: its archive says it was written at "
        "2099-01-01T00:00:00+00:00, in the future; that time is ignored"]


def test_email_logins_match_what_course_submit_makes_of_them(tmp_path):
    out = tmp_path / "grades"
    _graded(out, "alice-uni.edu-20261130T100000Z", 1, "2026-11-30T10:00:00+00:00")
    roster = tmp_path / "roster.csv"
    roster.write_text("Student,SIS Login ID\n\"Liddell, Alice\",alice@uni.edu\n")
    book = Gradebook("csv", read_roster(roster))
    book.write(out)
    body = {r[0]: r for r in _rows(out / "gradebook.csv")[1:]}
    assert body["Liddell, Alice"][1] == "alice-uni.edu-20261130T100000Z"
    assert book.warnings == []


def test_a_future_time_does_not_outrank_a_real_later_submission(tmp_path):
    out = tmp_path / "grades"
    _graded(out, "bob-20261203T100000Z", 0, "2099-12-31T23:59:59+00:00")  # forged clock
    _graded(out, "bob-20261130T120000Z", 1, "2026-11-30T12:00:00+00:00")
    book = Gradebook("csv")
    book.write(out)
    (row,) = _rows(out / "gradebook.csv")[1:]
    assert row[1] == "bob-20261130T120000Z" and row[5] == "1"
    assert len(book.warnings) == 1 and "in the future" in book.warnings[0]


def test_a_stale_canvas_file_is_named(tmp_path):
    out = tmp_path / "grades"
    _graded(out, "alice", 1)
    Gradebook("canvas").write(out)
    book = Gradebook("csv")
    book.write(out)
    assert book.warnings == ["canvas.csv is from an earlier run and was not updated "
                             "(grade with --format canvas to rebuild it)"]


def test_the_problem_column_tells_tasks_that_could_not_run_from_work_not_attempted():
    from course.gradebook import problems
    tasks = [TaskResult("ex06.train", "t", 0, 1, "error", "ex06_zeroing.py is missing", None, ""),
             TaskResult("ex06.zero_grads", "t", 0, 1, "error", "ex06_zeroing.py is missing",
                        None, ""),
             TaskResult("ex06.check", "t", 0, 1, "error", "ex06_zeroing.py is missing", None, ""),
             TaskResult("ex09.train_mlp", "t", 0, 2, "error",
                        "this task took longer than 10 s (the time limit)\nmore", None, ""),
             TaskResult("ex03.vjp", "t", 0, 1, "not attempted", "not attempted yet", None, "")]
    report = Report([ExerciseResult("ex06", "Zeroing", tasks)], 0, "bob")
    assert problems(report) == ("3 tasks of ex06: ex06_zeroing.py is missing; ex09.train_mlp: "
                                "this task took longer than 10 s (the time limit)")
    assert problems(Report([], 0, "carol", "not a readable zip archive")) == \
        "not a readable zip archive"


def test_a_counted_file_whose_manifest_names_another_student_is_named_in_a_warning(tmp_path):
    """A red team's plant in a drop folder anyone writes to: alice-<later>.zip, made by
    `course submit --name mallory`, counted as alice's latest. The gradebook cannot know who
    uploaded it, but says that its manifest names someone else."""
    out = tmp_path / "grades"
    _graded(out, "alice-20261205T180000Z", 1, "2026-12-05T18:00:00+00:00")
    _graded(out, "alice-20261205T215000Z", 0, "2026-12-05T21:50:00+00:00")
    _graded(out, "bob-20261205T100000Z", 1, "2026-12-05T10:00:00+00:00")
    for name, maker in (("alice-20261205T215000Z", "mallory"),
                        ("bob-20261205T100000Z", "Bob")):  # (its case is no one else's)
        path = out / "results" / f"{name}.json"
        doc = json.loads(path.read_text())
        doc["extra_data"]["made_by"] = maker
        path.write_text(json.dumps(doc))
    book = Gradebook()
    book.write(out)
    assert [w for w in book.warnings if "manifest" in w] == [
        "alice-20261205T215000Z: counted for alice, but its manifest says `course submit "
        "--name mallory` made it: check who uploaded it"]
    archive = tmp_path / "alice-20261205T215000Z.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"name": "mallory", "time": "20261205T215000Z"}))
    assert submission_maker(archive) == "mallory"
    assert submission_maker(tmp_path / "missing.zip") is None


def test_names_slightly_off_course_submits_pattern_still_find_their_student(tmp_path):
    """A browser's second download (`` (1)``), a macOS file name in decomposed Unicode, and a
    roster's "Ada Lovelace" for `course submit --name "Ada Lovelace"`'s ``Ada-Lovelace-...``:
    each is the roster student's, with no off-roster row and no manifest warning."""
    out = tmp_path / "grades"
    nfd_zoe = unicodedata.normalize("NFD", "zoë")
    for name, maker in (("s03-20261201T130000Z (1)", "s03"),
                        (f"{nfd_zoe}-20261201T100000Z", "zoë"),
                        ("Ada-Lovelace-20261201T110000Z", "Ada-Lovelace")):
        _graded(out, name, 1, "2026-12-01T10:00:00+00:00")
        path = out / "results" / f"{name}.json"
        doc = json.loads(path.read_text())
        doc["extra_data"]["made_by"] = maker
        path.write_text(json.dumps(doc))
    roster = tmp_path / "roster.csv"
    roster.write_text("Student,SIS Login ID\nStudent s03,s03\nZoë Z,zoë\nAda Lovelace,\n"
                      "Dan D,dan\n", encoding="utf-8")
    book = Gradebook("csv", read_roster(roster), parse_deadline("2026-12-01T23:59Z"))
    book.write(out)
    body = {r[0]: r for r in _rows(out / "gradebook.csv")[1:]}
    assert set(body) == {"Student s03", "Zoë Z", "Ada Lovelace", "Dan D"}
    assert [body[s][3] for s in ("Student s03", "Zoë Z", "Ada Lovelace", "Dan D")] == [
        "on time", "on time", "on time", "missing"]
    assert book.warnings == []
    assert student_of("s03-20261201T130000Z (1)") == "s03"
    copy = tmp_path / "s03-20261201T130000Z (1).zip"
    copy.write_bytes(b"not a zip")  # no manifest: the time is the name's stamp
    assert submission_time(copy) == "2026-12-01T13:00:00+00:00"


ROSTER = [["Student", "ID", "SIS Login ID"], ["    Points Possible", "", ""],
          ["Liddell, Alice", "101", "alice"], ["Zoë Zeller", "102", "zoë"]]


@pytest.mark.parametrize("encoding, delimiter", [
    ("utf-8-sig", ","),  # Excel's "CSV UTF-8 (Comma delimited)"
    ("utf-8", ";"),  # European Excel: ";" where the decimal separator is a comma
    ("utf-16", "\t"),  # Excel's "Unicode Text": UTF-16 with a byte-order mark, tabs
    ("utf-16", ";"),
])
def test_a_roster_as_excel_saves_it_reads_as_the_same_students(tmp_path, encoding, delimiter):
    roster = tmp_path / "roster.csv"
    with open(roster, "w", newline="", encoding=encoding) as f:
        csv.writer(f, delimiter=delimiter, lineterminator="\r\n").writerows(ROSTER)
    assert [(e.identity["Student"], e.identity["ID"], e.identity["SIS Login ID"])
            for e in read_roster(roster)] == [tuple(r) for r in ROSTER[2:]]


def test_a_roster_in_windows_code_page_is_refused_with_where_and_how_to_save_it(tmp_path):
    roster = tmp_path / "roster.csv"
    with open(roster, "w", newline="", encoding="cp1252") as f:
        csv.writer(f).writerows(ROSTER)  # Excel's plain "CSV" on Windows
    with pytest.raises(UsageError) as refused:
        read_roster(roster)
    assert str(refused.value) == (
        f"cannot read the roster {roster}: byte 0xeb on line 4 is not UTF-8 (a spreadsheet's "
        "own encoding, such as Windows's cp1252?): save it from Excel as \"CSV UTF-8 (Comma "
        "delimited)\"")


def test_many_submissions_saying_the_same_are_one_terminal_line(tmp_path):
    """500 students, 40 not on the roster: 40 lines of "submitted but not on the roster" (and
    two for each unnamed file) buried the one warning that mattered. The terminal groups
    them; gradebook.csv and ``warnings`` still name each."""
    from course.gradebook import Gradebook, grouped
    out = tmp_path / "out"
    for n in range(8):
        _graded(out, f"visitor{n}-20261201T100000Z", 1)
    (tmp_path / "roster.csv").write_text("Student,SIS Login ID\nAda,ada\n")
    book = Gradebook("csv", read_roster(tmp_path / "roster.csv"))
    book.write(out)
    assert len(book.warnings) == 8
    assert book.shown_warnings() == [
        "submitted but not on the roster: 8 submissions: visitor0, visitor1, visitor2, "
        "visitor3, visitor4 and 3 more"]
    assert grouped([("a", "x"), ("b", "x"), ("c", "y")]) == ["a: x", "b: x", "c: y"]


def test_a_row_of_stubs_says_nothing_was_attempted(tmp_path):
    from course.gradebook import problems
    tasks = [TaskResult("ex01.freeze", "t", 0, 1, "not attempted", "not attempted yet")]
    assert problems(Report([ExerciseResult("ex01", "Tensors", tasks)], 0, "s")) == (
        "nothing attempted: every task still raises NotImplementedError, as handed out")


MOODLE_WORKSHEET = (
    "Identifier,Full name,Email address,Status,Grade,Maximum grade,Grade can be changed,"
    "Last modified (submission),Last modified (grade),Feedback comments\n"
    "Participant 1001,Ada Lovelace,ada@uni.edu,Submitted for grading,,{max},Yes,"
    "\"Friday, 4 December 2026, 9:00 AM\",-,\n"
    "Participant 1002,Bob Brown,bob@uni.edu,Submitted for grading,,{max},Yes,"
    "\"Friday, 4 December 2026, 9:30 AM\",-,\n"
    "Participant 1003,Cy Dee,cy@uni.edu,No submission,7.00,{max},Yes,-,"
    "\"Thursday, 3 December 2026, 8:00 AM\",kept\n")


def test_moodle_format_writes_the_grading_worksheet_back_with_each_total(tmp_path):
    """A Moodle class got gradebook.csv only: 500 totals to type into Moodle by hand.
    --format moodle writes the worksheet given as --roster back, as Moodle's "Upload grading
    worksheet" reads it: every column and row as downloaded, each graded student's total in
    Grade, a missing student's grade left as Moodle has it, no row Moodle cannot place."""
    out = tmp_path / "grades"
    _graded(out, "Ada Lovelace_1001_assignsubmission_file", 1, "2026-12-04T09:00:00+00:00")
    _graded(out, "Bob Brown_1002_assignsubmission_file", 0, None,
            problem="not a readable zip archive")
    _graded(out, "Eve Stranger_1009_assignsubmission_file", 1)
    roster = tmp_path / "worksheet.csv"
    roster.write_text(MOODLE_WORKSHEET.format(max=f"{MAX_TOTAL}.00"))
    book = Gradebook("moodle", read_roster(roster))
    written = book.write(out)
    assert [p.name for p in written] == ["gradebook.csv", "moodle.csv"]
    moodle = _rows(out / "moodle.csv")
    assert moodle[0] == _rows(roster)[0]
    rows = {r[0]: dict(zip(moodle[0], r)) for r in moodle[1:]}
    assert list(rows) == ["Participant 1001", "Participant 1002", "Participant 1003"]
    assert rows["Participant 1001"]["Grade"] == "1" and rows["Participant 1002"]["Grade"] == "0"
    assert rows["Participant 1003"]["Grade"] == "7.00"  # missing: as Moodle has it
    assert rows["Participant 1003"]["Feedback comments"] == "kept"
    assert rows["Participant 1003"]["Last modified (grade)"] == "Thursday, 3 December 2026, 8:00 AM"
    # Moodle's "-" (never graded) as Moodle wrote it: no spreadsheet guard's "'-" before it
    assert rows["Participant 1001"]["Last modified (grade)"] == "-"
    assert book.warnings == ["Eve Stranger (participant 1009): submitted but not on the roster"]


def _graded_report(out, name, report, submitted_at=None):
    doc = {"score": report.score, "extra_data": {"report": report.to_json(),
                                                 "submitted_at": submitted_at}}
    (out / "results").mkdir(parents=True, exist_ok=True)
    (out / "results" / f"{name}.json").write_text(json.dumps(doc))


def test_moodle_feedback_comments_get_a_short_safe_summary(tmp_path):
    """moodle.csv's Feedback comments column went back empty: 500 learners saw a grade and
    no word of why. Each graded student's cell now holds the summary (points per exercise,
    the tasks that lost points and the first line of why), read by Moodle's upload as the
    comment's HTML: the learner's own text in it (an exception message) is escaped and never
    leads the cell (no formula). A comment a teacher wrote in Moodle is kept, and said; a
    summary of an earlier run is replaced. The cells are where Moodle's importer
    (mod/assign/feedback/offline/importgradeslib.php) reads them: by the header's exact
    name, every other cell as downloaded."""
    out = tmp_path / "grades"
    hostile = "=HYPERLINK(\"http://x\") <script>alert(1)</script> & more"
    ada = Report([ExerciseResult("ex01", "Tensors", [
        TaskResult("ex01.make_trainable", "t", 0, 1, "error",
                   f"raised ValueError: {hostile}\nline 2"),
        TaskResult("ex01.freeze", "t", 1, 1, "passed", "")])], 0, "ada")
    _graded_report(out, "Ada Lovelace_1001_assignsubmission_file", ada)
    _graded(out, "Bob Brown_1002_assignsubmission_file", 0, problem="not a readable zip archive")
    _graded(out, "Cy Dee_1003_assignsubmission_file", 1)
    roster = tmp_path / "worksheet.csv"
    roster.write_text(MOODLE_WORKSHEET.format(max=f"{MAX_TOTAL}.00").replace(
        "Participant 1003,Cy Dee", "Participant 1003,Cy Dee").replace(",kept\n", ",Great work\n"))
    book = Gradebook("moodle", read_roster(roster))
    book.write(out)
    moodle = _rows(out / "moodle.csv")
    assert moodle[0] == _rows(roster)[0]
    rows = {r[0]: dict(zip(moodle[0], r)) for r in moodle[1:]}
    comment = rows["Participant 1001"]["Feedback comments"]
    assert comment == (
        "Autograder: 1/2 points. ex01 1/2: make_trainable error (raised ValueError: "
        "=HYPERLINK(&quot;http://x&quot;) &lt;script&gt;alert(1)&lt;/script&gt; &amp; more). "
        "The feedback file says more.")
    assert rows["Participant 1002"]["Feedback comments"] == (
        "Autograder: 0/1 points: could not grade this submission: not a readable zip archive")
    assert rows["Participant 1003"]["Feedback comments"] == "Great work"  # a teacher's: kept
    assert book.warnings == [
        "moodle.csv: 1 student(s) have Feedback comments written in Moodle, kept as they are "
        "(Cy Dee): clear them in the worksheet to have the autograder's summary there instead"]
    # The worksheet downloaded again holds last run's summaries: each is replaced
    again = tmp_path / "again.csv"
    again.write_text((out / "moodle.csv").read_text())
    _graded(out, "Bob Brown_1002_assignsubmission_file", 1)
    Gradebook("moodle", read_roster(again)).write(out)
    rows = {r[0]: dict(zip(moodle[0], r)) for r in _rows(out / "moodle.csv")[1:]}
    assert rows["Participant 1002"]["Feedback comments"] == "Autograder: 1/1 points. ex01 1/1."
    # Without Feedback comments on in the assignment, the worksheet has no column: said
    bare = tmp_path / "bare.csv"
    bare.write_text("\n".join(line.rsplit(",", 1)[0] for line in
                              MOODLE_WORKSHEET.format(max=MAX_TOTAL).splitlines()) + "\n")
    book = Gradebook("moodle", read_roster(bare))
    book.write(out)
    assert "Feedback comments" not in _rows(out / "moodle.csv")[0]
    assert book.warnings == [
        "moodle.csv: the worksheet has no Feedback comments column, so no summary goes back "
        "with the grades: turn on Feedback comments in the assignment's Feedback types, "
        "download the worksheet again and give it as --roster"]


def test_moodle_format_says_when_the_assignment_is_out_of_other_points(tmp_path):
    out = tmp_path / "grades"
    _graded(out, "Ada Lovelace_1001_assignsubmission_file", 1)
    roster = tmp_path / "worksheet.csv"
    roster.write_text(MOODLE_WORKSHEET.format(max='"100,00"'))  # (a European Moodle)
    book = Gradebook("moodle", read_roster(roster))
    book.write(out)
    assert book.warnings == [
        f"moodle.csv: the totals are out of {MAX_TOTAL}, the worksheet's Maximum grade is "
        f"100,00: set the assignment's Maximum grade to {MAX_TOTAL} (Edit settings > Grade) "
        "before uploading, or Moodle reads each total as points of the old maximum"]
    # Out of fewer points than graded: Moodle's upload skips a grade above its maximum.
    roster.write_text(MOODLE_WORKSHEET.format(max="10.00"))
    book = Gradebook("moodle", read_roster(roster))
    book.write(out)
    assert book.warnings == [
        f"moodle.csv: the totals are out of {MAX_TOTAL}, the worksheet's Maximum grade is "
        f"10.00: set the assignment's Maximum grade to {MAX_TOTAL} (Edit settings > Grade) "
        "before uploading, or Moodle reads each total as points of the old maximum and skips, "
        "without naming them, the totals above it"]


def test_moodle_format_without_the_worksheet_stops_before_grading(tmp_path):
    canvas = tmp_path / "canvas.csv"
    canvas.write_text("Student,ID,SIS Login ID\nAlice,1,alice\n")
    with pytest.raises(UsageError, match="no --roster"):
        Gradebook("moodle")
    with pytest.raises(UsageError, match=r"no Identifier, Grade, Last modified \(grade\) col"):
        Gradebook("moodle", read_roster(canvas))
    learner = tmp_path / "alice"
    (learner / "exercises").mkdir(parents=True)
    result = subprocess.run(
        [sys.executable, "-m", "course", "grade", str(learner), "--out", "grades",
         "--format", "moodle", "--roster", str(canvas)],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
        text=True, timeout=60)
    assert result.returncode == 2 and "Download grading worksheet" in result.stderr, result
    assert not (tmp_path / "grades").exists()  # nothing graded


def test_a_moodle_worksheet_in_another_language_is_named_with_what_to_do(tmp_path):
    """Moodle names the worksheet's columns in the downloader's language and its upload reads
    them in the uploader's (assignfeedback_offline compares each header with get_string). A
    German worksheet read as "lists no students (it needs ... Moodle's Identifier and Full
    name)": nothing said it was the language. Now it is named, with the way out."""
    german = tmp_path / "bewertungstabelle.csv"
    german.write_text(
        '"Kennung","Vollständiger Name","E-Mail-Adresse","Status","Bewertung","Bestwertung",'
        '"Bewertung kann geändert werden","Zuletzt geändert (Abgabe)",'
        '"Zuletzt geändert (Bewertung)","Feedback als Kommentar"\n'
        '"Teilnehmer/in 1001","Ada Lovelace","ada@uni.edu","","","100,00","Ja","","-",""\n'
        '"Teilnehmer/in 1002","Bob Ross","bob@uni.edu","","","100,00","Ja","","-",""\n')
    with pytest.raises(UsageError, match=r"reads as Moodle's grading worksheet in another "
                                         r"language \(its first column 'Kennung', "
                                         r"'Teilnehmer/in 1001'\).* switch to English"):
        read_roster(german)
    # A roster of names and numbers alone is no worksheet: the usual message
    numbers = tmp_path / "numbers.csv"
    numbers.write_text("Nummer,Punkte\n1001,3\n")
    with pytest.raises(UsageError, match="lists no students"):
        read_roster(numbers)


def test_course_grade_says_what_to_do_with_its_files(tmp_path):
    """The terminal named canvas.csv and similarity.csv's count and left the next step to the
    docs: where the LMS file goes, and that a shared-code row is a lead to read."""
    learner = tmp_path / "ada" / "exercises"
    learner.mkdir(parents=True)
    (learner / "ex02_graph.py").write_bytes((engine.SOLUTIONS / "ex02_graph.py").read_bytes())
    roster = tmp_path / "worksheet.csv"
    roster.write_text(MOODLE_WORKSHEET.format(max="3.00"))
    result = subprocess.run(
        [sys.executable, "-m", "course", "grade", str(learner.parent), "--out", "grades",
         "--format", "moodle", "--roster", str(roster), "--exercises", "ex02", "--handback"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
        text=True, timeout=300)
    assert result.returncode == 0, result
    assert ("course: moodle.csv: upload it in the assignment's Grading action > Upload grading "
            "worksheet") in result.stderr
    assert "course: grades/handback/feedback: 1 feedback page(s), one per student" in \
        result.stderr
    assert "grades/moodle.csv" in result.stdout
    assert ("1 row in grades/similarity.csv: leads to read, not proof (docs/grading.md, "
            "\"Shared code\")") in result.stderr


# Canvas's gradebook export (Grades > Export) as it comes: each assignment's column named
# "Name (ID)", the "Points Possible" row indented, the read-only score columns after them.
CANVAS_EXPORT = (
    "Student,ID,SIS User ID,SIS Login ID,Section,Week 1 quiz (4410),Autograd week 1 (4412),"
    "Autograd week 2 (4415),Assignments Current Score,Current Score,Final Score\n"
    "    Points Possible,,,,,10.00,3.00,5.00,(read only),(read only),(read only)\n"
    '"Liddell, Alice",101,S101,alice@uni.edu,Sec A,8.00,,,80.00,80.00,40.00\n'
    '"Builder, Bob",102,S102,bob@uni.edu,Sec A,9.00,,,90.00,90.00,45.00\n'
    '"Doe, Dan",104,S104,dan@uni.edu,Sec B,7.00,,,70.00,70.00,35.00\n')


def _canvas_class(tmp_path, export=CANVAS_EXPORT):
    """Canvas's download of the assignment, graded: Alice's two uploads (the later counts),
    Bob's, and one of a user Canvas's export does not list; Dan submitted nothing."""
    out = tmp_path / "grades"
    _graded(out, "liddellalice_101_9001_hw", 0)
    _graded(out, "liddellalice_101_9002_hw", 3)
    _graded(out, "builderbob_LATE_102_9003_hw", 2)
    _graded(out, "strangerzed_999_9004_hw", 3)
    (tmp_path / "export.csv").write_text(export)
    return out, tmp_path / "export.csv"


@pytest.mark.parametrize("wanted", ["4412", "Autograd week 1", "autograd  WEEK 1",
                                    "Autograd week 1 (4412)"])
def test_canvas_csv_fills_the_assignment_the_class_submitted_to(tmp_path, wanted):
    """canvas.csv named a column per exercise ("ex01 Tensors that require grad"), which
    Canvas's import makes a new assignment each, beside the one the students uploaded to.
    With --assignment (its ID or name in the export), the one column is that assignment's,
    headed as the export heads it, so the import fills it with each total."""
    out, export = _canvas_class(tmp_path)
    assignment = CanvasAssignment.find(wanted, read_rows(export, "the roster"))
    assert assignment == CanvasAssignment("Autograd week 1 (4412)", "3.00")
    book = Gradebook("canvas", read_roster(export), assignment=assignment)
    book.write(out, graded=["ex01"])
    canvas = _rows(out / "canvas.csv")
    assert canvas == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Autograd week 1 (4412)"],
        ["Points Possible", "", "", "", "", ""],  # (Canvas's, kept: see the next test)
        ["Liddell, Alice", "101", "S101", "alice@uni.edu", "Sec A", "3"],
        ["Builder, Bob", "102", "S102", "bob@uni.edu", "Sec A", "2"],
        ["Doe, Dan", "104", "S104", "dan@uni.edu", "Sec B", ""],  # blank: Canvas keeps his
    ]
    assert book.missing == ["Doe, Dan"]
    assert book.warnings == ["strangerzed (999): submitted but not on the roster"]


def test_canvas_student_views_test_student_is_nobody_missing(tmp_path):
    """Canvas lists Student View's user in its gradebook export ("Student, Test", no SIS IDs)
    once a teacher has opened Student View: it was a student missing in every class, named on
    the terminal among the first five and given a row in canvas.csv. A person of that name
    with SIS IDs is still a student; the test student's own upload is named, not graded in."""
    export = CANVAS_EXPORT + ('"Student, Test",105,,,Sec A,,,,,,\n'
                              '"Student, Test",106,S106,test@uni.edu,Sec B,,,,,,\n')
    out, roster = _canvas_class(tmp_path, export)
    _graded(out, "studenttest_105_9005_hw", 3)
    book = Gradebook("canvas", read_roster(roster))
    assert [e.identity["ID"] for e in book.roster] == ["101", "102", "104", "106"]
    book.write(out, graded=["ex01"])
    assert book.missing == ["Doe, Dan", "Student, Test"]  # 106, the enrolment with SIS IDs
    assert [row[1] for row in _rows(out / "canvas.csv")[2:]] == ["101", "102", "104", "106"]
    assert "studenttest (105): submitted but not on the roster" in book.warnings


def test_an_assignment_worth_other_points_in_canvas_is_said(tmp_path):
    """Canvas's importer takes the Points Possible row's cells as each column's points, an
    existing assignment's too: canvas.csv wrote the graded total (3) there for an assignment
    worth 5.00 in Canvas, an import that could change the assignment, not only its scores,
    while the terminal said to change its points by hand. Its cell is blank now, as are those
    of the exercise columns an earlier import made; a new column still gets its points."""
    out, export = _canvas_class(tmp_path)
    assignment = CanvasAssignment.find("Autograd week 2", read_rows(export, "the roster"))
    book = Gradebook("canvas", read_roster(export), assignment=assignment)
    book.write(out, graded=["ex01"])
    assert book.warnings[1:] == [
        "canvas.csv: the totals are out of 3, and Autograd week 2 (4415) is worth 5.00 points "
        "in Canvas: set its points to 3 (the assignment's Edit page) before importing, or "
        "Canvas reads each total as points of 5.00"]
    assert _rows(out / "canvas.csv")[1] == ["Points Possible", "", "", "", "", ""]
    made = CANVAS_EXPORT.replace("Autograd week 2 (4415)", "ex01 Tensors that require grad "
                                 "(4420)")
    out, export = _canvas_class(tmp_path, made)
    exercises = Gradebook("canvas", read_roster(export))
    exercises.write(out, graded=["ex01", "ex02"])
    assert _rows(out / "canvas.csv")[:2] == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
         "ex01 Tensors that require grad (4420)", "ex02 The graph: grad_fn and next_functions"],
        ["Points Possible", "", "", "", "", "", str(exercise("ex02").max_points)]]


def test_exercise_columns_an_earlier_import_made_are_filled_not_made_again(tmp_path):
    """Without --assignment, an export that holds the exercises' assignments (made by the
    first import) gives canvas.csv their headers with their IDs: the next import fills them."""
    export = CANVAS_EXPORT.replace("Autograd week 2 (4415)", "ex01 Tensors that require grad "
                                   "(4420)")
    out, export = _canvas_class(tmp_path, export)
    book = Gradebook("canvas", read_roster(export))
    book.write(out, graded=["ex01"])
    assert _rows(out / "canvas.csv")[0][5:] == ["ex01 Tensors that require grad (4420)"]
    assert not [w for w in book.warnings if "new Canvas assignment" in w]
    book.write(out, graded=["ex01", "ex02"])
    assert [w for w in book.warnings if "new Canvas assignment" in w] == [
        "canvas.csv makes 1 new Canvas assignment(s) on import (ex02 The graph: grad_fn and "
        "next_functions), "
        "not filling the one your students submitted to: to fill that one with each total, "
        "run the same command with --assignment and its name or ID (nothing is graded again; "
        "the roster's assignments: Week 1 quiz (4410); Autograd week 1 (4412); ex01 Tensors "
        "that require grad (4420))"]


def test_an_assignment_that_is_not_one_column_of_the_export_is_refused(tmp_path):
    rows = read_rows(_canvas_class(tmp_path)[1], "the roster")
    with pytest.raises(UsageError, match=r"fits 2 assignments .* give its ID"):
        CanvasAssignment.find("autograd week 1", read_rows(_two_alike(tmp_path), "the roster"))
    with pytest.raises(UsageError, match=r"'Week 3' is no assignment of the roster .* "
                                         r"Week 1 quiz \(4410\); Autograd week 1 \(4412\)"):
        CanvasAssignment.find("Week 3", rows)
    with pytest.raises(UsageError, match="an ID, which only Canvas's gradebook export"):
        CanvasAssignment.find("4412", None)
    with pytest.raises(UsageError, match="the roster has no assignment columns"):
        CanvasAssignment.find("4412", [{"Student": "Ada", "SIS Login ID": "ada"}])
    # No export: the name as given, which Canvas's import fills where it names an assignment
    assert CanvasAssignment.find(" Autograd  week 1 ", None).header == "Autograd week 1"


def _two_alike(tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("Student,ID,Autograd week 1 (4412),Autograd Week 1 (4499)\nAda,1,,\n")
    return path


def test_course_grade_refuses_a_wrong_assignment_before_grading(tmp_path):
    out, export = _canvas_class(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for args, said in ((["--format", "csv", "--assignment", "4412"], "goes with --format canvas"),
                       (["--format", "canvas", "--assignment", "Week 9"], "no assignment of")):
        run = subprocess.run([sys.executable, "-m", "course", "grade", str(tmp_path / "none"),
                              "--roster", str(export), "--out", str(tmp_path / "o"), *args],
                             env=env, capture_output=True, text=True, timeout=120)
        assert run.returncode == 2 and said in run.stderr, run
        assert not (tmp_path / "o").exists()


# Moodle's grading worksheet (Grading action > Download grading worksheet) as it comes: the
# time each submission last changed is Moodle's, written by userdate() in the teacher's time
# zone ("-": none), the Status saying Moodle's own lateness.
WORKSHEET_WITH_TIMES = (
    "Identifier,Full name,Email address,Status,Grade,Maximum grade,Grade can be changed,"
    "Last modified (submission),Last modified (grade),Feedback comments\n"
    'Participant 1001,Ada Lovelace,ada@uni.edu,Submitted for grading,,3.00,Yes,'
    '"Friday, 4 December 2026, 9:58 AM",-,\n'
    'Participant 1002,Bob Brown,bob@uni.edu,Submitted for grading - 1 hour 30 mins late,,3.00,'
    'Yes,"Friday, 4 December 2026, 12:30 PM",-,\n'
    'Participant 1003,Cy Dee,cy@uni.edu,Submitted for grading,,3.00,Yes,'
    '"Friday, December 4, 2026, 10:00 AM",-,\n'
    "Participant 1004,Dot Eng,dot@uni.edu,No submission,,3.00,Yes,-,-,\n")


def test_moodles_clock_in_its_worksheet_decides_lateness_not_the_learners(tmp_path):
    """Lateness came from the time in the learner's own archive: Bob, who set his clock back
    (or edited manifest.json), was on time. Moodle's worksheet says when each submission last
    changed by Moodle's clock: that counts, read in the deadline's time zone."""
    out = tmp_path / "grades"
    _graded(out, "Ada Lovelace_1001_assignsubmission_file", 3, "2026-12-04T08:58:00+00:00")
    _graded(out, "Bob Brown_1002_assignsubmission_file", 2, "2026-12-04T08:00:00+00:00")
    _graded(out, "Cy Dee_1003_assignsubmission_file", 3, None)  # exercise files: no clock
    (tmp_path / "worksheet.csv").write_text(WORKSHEET_WITH_TIMES)
    book = Gradebook("moodle", read_roster(tmp_path / "worksheet.csv"),
                     parse_deadline("2026-12-04T11:00+01:00"))
    book.write(out, graded=["ex01"])
    table = _rows(out / "gradebook.csv")
    body = {r[0]: dict(zip(table[0], r)) for r in table[1:]}
    assert [(body[n]["submitted_at"], body[n]["status"]) for n in
            ("Ada Lovelace", "Bob Brown", "Cy Dee", "Dot Eng")] == [
        ("2026-12-04T09:58:00+01:00", "on time"),
        ("2026-12-04T12:30:00+01:00", "late by 1h30m"),
        ("2026-12-04T10:00:00+01:00", "on time"),  # (US English's order of day and month)
        ("", "missing")]
    assert body["Bob Brown"]["late_hours"] == "1.50"
    assert book.warnings == [
        "lateness: 3 of Moodle's 3 submission(s) timed by Moodle (the worksheet's Last "
        "modified (submission), read in UTC+01:00, the deadline's time zone: your profile's "
        "in Moodle must be the same)"]


def test_a_worksheet_time_not_read_leaves_the_learners_clock_and_says_so(tmp_path):
    out = tmp_path / "grades"
    _graded(out, "Ada Lovelace_1001_assignsubmission_file", 3, "2026-12-04T08:58:00+00:00")
    _graded(out, "Bob Brown_1002_assignsubmission_file", 3, "2026-12-04T08:00:00+00:00")
    (tmp_path / "worksheet.csv").write_text(WORKSHEET_WITH_TIMES.replace(
        "Friday, 4 December 2026, 9:58 AM", "Freitag, 4. Dezember 2026, 09:58"))
    book = Gradebook("csv", read_roster(tmp_path / "worksheet.csv"),
                     parse_deadline("2026-12-04T10:00Z"))
    book.write(out, graded=["ex01"])
    body = {r[0]: r for r in _rows(out / "gradebook.csv")[1:]}
    assert body["Ada Lovelace"][2:4] == ["2026-12-04T08:58:00+00:00", "on time"]
    assert body["Bob Brown"][2:4] == ["2026-12-04T12:30:00+00:00", "late by 2h30m"]
    assert book.warnings == [
        "the worksheet's Last modified (submission) 'Freitag, 4. Dezember 2026, 09:58' is no "
        "time course grade reads (Moodle's English, as it writes it): those submissions are "
        "timed by the learner's own clock; download the worksheet with Moodle in English",
        "lateness: 1 of Moodle's 2 submission(s) timed by Moodle (the worksheet's Last "
        "modified (submission), read in UTC+00:00, the deadline's time zone: your profile's "
        "in Moodle must be the same); 1 by the learner's own clock (the worksheet has no time "
        "of theirs)"]


def test_course_grade_fills_the_canvas_assignment_given_by_id(tmp_path):
    """The command line as docs/instructors.md's Canvas step runs it: Canvas's download and
    gradebook export in, canvas.csv filling the assignment, the terminal naming who is
    missing and the upload of a user the export does not list."""
    download = tmp_path / "canvas"
    download.mkdir()
    for name in ("liddellalice_101_9002_hw.zip", "strangerzed_999_9004_hw.zip"):
        with zipfile.ZipFile(download / name, "w") as zf:
            zf.writestr("exercises/ex01_requires_grad.py",
                        (engine.SOLUTIONS / "ex01_requires_grad.py").read_bytes())
    (tmp_path / "roster.csv").write_text(CANVAS_EXPORT.replace("3.00,5.00", "3.00,3.00"))
    run = subprocess.run(
        [sys.executable, "-m", "course", "grade", "canvas", "--out", "grades", "--roster",
         "roster.csv", "--format", "canvas", "--assignment", "4415", "--exercises", "ex01",
         "--deadline", "2026-12-01T23:59+01:00", "--timeout", "5"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
        text=True, timeout=300)
    assert run.returncode == 0, run
    assert _rows(tmp_path / "grades" / "canvas.csv") == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Autograd week 2 (4415)"],
        ["Points Possible", "", "", "", "", ""],
        ["Liddell, Alice", "101", "S101", "alice@uni.edu", "Sec A", "3"],
        ["Builder, Bob", "102", "S102", "bob@uni.edu", "Sec A", ""],
        ["Doe, Dan", "104", "S104", "dan@uni.edu", "Sec B", ""]]
    assert "strangerzed (999): submitted but not on the roster" in run.stderr
    assert "2 of 3 students on the roster have no submission counted (Builder, Bob; Doe, " \
           "Dan)" in run.stderr
    assert "is worth" not in run.stderr  # (the assignment is worth what is graded)


def test_a_deadline_that_disagrees_with_moodles_own_late_mark_is_said(tmp_path):
    """Moodle's Status says which submissions it received after the assignment's due date; a
    --deadline typed for another time or time zone than Moodle's (every worksheet time read
    an hour off) marked them otherwise without a word."""
    out = tmp_path / "grades"
    for name in ("Ada Lovelace_1001", "Bob Brown_1002", "Cy Dee_1003"):
        _graded(out, f"{name}_assignsubmission_file", 3, "2026-12-04T08:00:00+00:00")
    (tmp_path / "worksheet.csv").write_text(WORKSHEET_WITH_TIMES)
    book = Gradebook("csv", read_roster(tmp_path / "worksheet.csv"),
                     parse_deadline("2026-12-04T13:00+01:00"))  # (Moodle's due date: 11:00)
    book.write(out, graded=["ex01"])
    assert book.warnings[1:] == [
        "lateness: Moodle's Status and --deadline disagree for 1 submission(s) (late by "
        "Moodle, not by the deadline: Bob Brown (participant 1002)): check that --deadline is "
        "the assignment's due date in your Moodle profile's time zone; an extension granted "
        "in Moodle, or a submission within the deadline's minute, differs too"]
    book = Gradebook("csv", read_roster(tmp_path / "worksheet.csv"),
                     parse_deadline("2026-12-04T09:00+01:00"))
    book.write(out, graded=["ex01"])
    assert "(on time by Moodle, not by the deadline: Ada Lovelace (participant 1001), Cy Dee " \
           "(participant 1003))" in book.warnings[1]


def test_a_regrade_names_each_total_it_changed():
    """After an upgrade mid-term, `--force` grades the class again with a fresh seed and the
    new code: a total already posted to an LMS may move, and the terminal names each one."""
    from course.grade import totals_moved
    from course.results import ExerciseResult, Report, TaskResult

    def report(points):
        return Report([ExerciseResult("ex01", "t", [TaskResult("ex01.a", "a", points, 3,
                                                               "passed", "")])])

    earlier = {"ada": "3/3", "bob": "1/3", "cy": "3/3"}
    said = totals_moved(earlier, {"ada": report(3), "bob": report(2), "cy": report(0)})
    assert said.startswith("course: 2 of the 3 submission(s) graded again have another total")
    assert "bob 1/3 -> 2/3, cy 3/3 -> 0/3" in said and "ada" not in said
    assert "post them again" in said
    assert totals_moved(earlier, {n: report(int(t[0])) for n, t in earlier.items()}) == \
        "course: the 3 submission(s) graded again kept their totals"

