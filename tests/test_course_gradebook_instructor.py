"""The gradebook as an instructor of a large class uses it: Canvas's download names without a
roster, a folder of zips, stray files among the submissions, re-runs over part of the class, a
class summary, and the learners' superseded submissions left out of similarity.csv."""

import csv
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from folder_sandboxes import ISOLATION

from course import engine
from course.errors import UsageError
from course.grade import grade
from course.gradebook import Gradebook, parse_deadline, problems, read_roster
from course.results import ExerciseResult, Report, TaskResult
from course.scratch import OWNER

ROOT = Path(__file__).resolve().parents[1]
DEADLINE = "2026-12-04T10:00Z"
REFERENCE = (engine.SOLUTIONS / "ex01_requires_grad.py").read_text()
RIGHT = "return torch.tensor(values, dtype=torch.float32, requires_grad=True)"
# The "float64" misconception ex01's spec names.
FLOAT64 = REFERENCE.replace(RIGHT, RIGHT.replace("float32", "float64"))
# A right make_trainable long enough to be fingerprinted: the code two students share.
SHARED = REFERENCE.replace(RIGHT, """weights = [1.0, 2.0, 3.0, 4.0]
    scale = sum(w * w for w in weights) / len(weights) + min(weights) - max(weights) * 0.5
    if scale < 0 or scale > 100 or len(weights) != 4:
        raise ValueError(f"a bad scale {scale} from {weights}")
    """ + RIGHT)
FLOOD = REFERENCE.replace(RIGHT, "while True:\n        print('spam' * 1000)")


def _zip(path: Path, source: str, time: str) -> Path:
    """A submission as `course submit` writes it: the exercise file and a manifest."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("exercises/ex01_requires_grad.py", source)
        zf.writestr("manifest.json", json.dumps({"name": path.name, "time": time}))
    return path


def _class(subs: Path) -> Path:
    """``submissions/`` as an instructor collects it: Canvas's download names, `course
    submit`'s, a zip renamed .txt, and two files that are no submission."""
    subs.mkdir()
    _zip(subs / "alpha_2001_7001_submission.zip", SHARED, "20261204T090000Z")  # superseded
    _zip(subs / "alpha_2001_7002_submission.zip", FLOAT64, "20261204T100005Z")  # 5 s late
    _zip(subs / "beta-20261204T090000Z.zip", SHARED, "20261204T090000Z")
    _zip(subs / "gamma-20261204T090000Z.zip", SHARED, "20261204T090000Z")
    _zip(subs / "full01-20261204T090000Z.zip", REFERENCE, "20261204T090000Z")
    _zip(subs / "flood01-20261204T090000Z.zip", FLOOD, "20261204T090000Z")
    _zip(subs / "txtzip01-20261204T200000Z.txt", FLOAT64, "20261204T200000Z")
    (subs / "README.txt").write_text("Submissions downloaded from Canvas.\n")
    (subs / "notes.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    return subs


def _table(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _by_student(out: Path) -> dict[str, dict[str, str]]:
    return {row["student"]: row for row in _table(out / "gradebook.csv")}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The class graded once, as `course grade submissions/* --format canvas` runs it (ex01
    only, to keep it short); the terminal's lines in ``log``."""
    tmp = tmp_path_factory.mktemp("class")
    subs, out, log = _class(tmp / "submissions"), tmp / "grades", tmp / "terminal.txt"
    book = Gradebook("canvas", deadline=parse_deadline(DEADLINE))
    with open(log, "w") as terminal:
        summary = grade(sorted(subs.iterdir()), out, jobs=2, seed=11, progress=terminal,
                        isolation=ISOLATION, gradebook=book, exercises=["ex01"])
    return {"tmp": tmp, "subs": subs, "out": out, "summary": summary, "book": book,
            "terminal": log.read_text()}


def test_files_that_are_no_submission_are_skipped_and_a_renamed_zip_is_its_learners(graded):
    summary, body = graded["summary"], _by_student(graded["out"])
    skipped = {Path(path).name for path in summary.ignored}
    assert skipped == {"README.txt", "notes.pdf"}
    assert "notes.pdf: not a zip archive or a folder: skipped" in graded["terminal"]
    assert not any("README" in student or "notes" in student for student in body)
    txt = body["txtzip01"]  # its extension and time stamp are no part of the learner's name
    assert txt["submission"] == "txtzip01-20261204T200000Z" and txt["status"] == "late by 10h00m"
    assert sorted(body) == ["alpha (2001)", "beta", "flood01", "full01", "gamma", "txtzip01"]


def test_a_canvas_download_without_roster_shows_the_sortable_name_and_user_id(graded):
    alpha = _by_student(graded["out"])["alpha (2001)"]
    assert alpha["submission"] == "alpha_2001_7002_submission"  # the later upload counts
    assert alpha["submissions"] == "2" and alpha["status"] == "late by 5s"
    canvas = {row["Student"]: row for row in _table(graded["out"] / "canvas.csv")}
    # Canvas's import finds the student by the user ID, which the learner cannot choose
    assert (canvas["alpha"]["ID"], canvas["alpha"]["SIS Login ID"]) == ("2001", "")
    assert canvas["beta"]["SIS Login ID"] == "beta"


def test_an_output_flood_is_listed_as_a_problem(graded):
    flood = _by_student(graded["out"])["flood01"]
    assert flood["problem"] == ("ex01.make_trainable: printed too much output (the output "
                                "limit was reached)")
    assert _by_student(graded["out"])["full01"]["problem"] == ""


def test_similarity_compares_only_the_submission_each_learner_counts(graded):
    rows = _table(graded["out"] / "similarity.csv")
    # alpha's superseded upload shares beta's and gamma's code; alpha's counted one does not
    assert [(r["submission"], r["shares_with"]) for r in rows] == [
        ("beta-20261204T090000Z", "gamma-20261204T090000Z")], rows


def test_the_class_summary_on_the_terminal_and_per_task(graded):
    body = _by_student(graded["out"])
    totals = sorted(int(row["total"]) for row in body.values())
    assert totals == [2, 2, 2, 3, 3, 3]  # make_trainable wrong for alpha, txtzip01, flood01
    assert ("class of 6: on time 4, late 2; total mean 2.5, median 2.5 of 3 over 6 "
            f"submission(s) (per task: {graded['out']}/summary.csv)"
            ) in graded["terminal"].splitlines()
    tasks = {row["task"]: row for row in _table(graded["out"] / "summary.csv")}
    assert list(tasks) == ["ex01.predict_flags", "ex01.make_trainable", "ex01.freeze"]
    trainable = tasks["ex01.make_trainable"]
    assert [trainable[c] for c in ("passed", "failed", "errored", "not_attempted")] == [
        "3", "3", "0", "0"]
    assert (trainable["misconception"], trainable["misconception_count"]) == ("float64", "2")
    assert tasks["ex01.freeze"]["passed"] == "6" and tasks["ex01.freeze"]["misconception"] == ""


def test_a_folder_of_zips_is_the_zips_and_a_rerun_lists_only_what_it_was_given(graded):
    """Canvas's "Download Submissions" as one folder (the zip renamed .txt is a zip by its
    content there too); then a re-run over one learner lists that one only. Both find
    everything graded already."""
    out, terminal = graded["out"], graded["tmp"] / "again.txt"
    book = Gradebook("csv", deadline=parse_deadline(DEADLINE))
    with open(terminal, "w") as log:
        again = grade([graded["subs"]], out, jobs=2, seed=12, progress=log,
                      isolation=ISOLATION, gradebook=book, exercises=["ex01"])
    assert again.graded == [] and len(again.skipped) == 7
    # The exit code `course grade` gives is the whole gradebook's, skipped results included:
    # the full marks of full01, the others' mistakes.
    assert again.passed_before[next(graded["subs"].glob("full01-*.zip")).stem] is True
    assert not again.all_passed
    assert (f"course: {graded['subs']}: a folder of 7 zip(s) and no exercise files: grading "
            "each zip as a submission") in terminal.read_text()
    assert "txtzip01" in _by_student(out)

    full = next(graded["subs"].glob("full01-*.zip"))
    cli = subprocess.run(
        [sys.executable, "-m", "course", "grade", str(full), "--out", str(out),
         "--exercises", "ex01", "--deadline", DEADLINE, "--no-sandbox"],
        cwd=graded["tmp"], env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
        text=True, timeout=300)
    assert cli.returncode == 0, cli
    assert "graded 0, skipped 1" in cli.stdout  # still resumable: found graded
    assert list(_by_student(out)) == ["full01"]
    assert "left out of the gradebook: their submissions were not given this time" in cli.stderr
    assert "course: 6 earlier result(s)" in cli.stderr
    assert "class of 1: on time 1; total mean 3.0, median 3 of 3" in cli.stderr
    assert len(list((out / "results").glob("*.json"))) == 7  # left on disk


def _grade_ex01(subs: Path, cwd: Path) -> subprocess.CompletedProcess:
    """`course grade SUBS --out grades --exercises ex01`, as an instructor types it in ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", "course", "grade", str(subs), "--out", "grades",
         "--exercises", "ex01", "--no-sandbox"], cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=300)


def test_a_submission_replaced_after_grading_is_graded_again_and_said_so(tmp_path):
    """A file rewritten under its name (`course submit` never does so: someone replaced it in
    the shared folder) was graded again on the next run, its 3/3 turned 0/3 and its feedback
    replaced, without a word, though that grade may have been published."""
    subs = tmp_path / "submissions"
    subs.mkdir()
    zipped = _zip(subs / "dana-20261204T090000Z.zip", REFERENCE, "20261204T090000Z")
    _zip(subs / "eve-20261204T090000Z.zip", REFERENCE, "20261204T090000Z")

    def run():
        return _grade_ex01(subs, tmp_path)

    first = run()
    assert first.returncode == 0, first
    zipped.unlink()
    _zip(zipped, (ROOT / "exercises" / "ex01_requires_grad.py").read_text(), "20261204T090000Z")
    again = run()
    assert again.returncode == 1, again
    assert "graded 1, skipped 1" in again.stdout
    assert ("course: 1 submission(s) hold other files than when they were graded into grades: "
            "graded again, their results and feedback replaced: dana-20261204T090000Z (was "
            "3/3)") in again.stderr
    assert "**Score: 0/3**" in (tmp_path / "grades/feedback/dana-20261204T090000Z.md") \
        .read_text()
    assert "hold other files" not in run().stderr  # said once, when it is graded again


def test_results_that_cannot_be_written_stop_the_run_keeping_what_was_graded(tmp_path):
    """A full disk (measured on a 256 KiB tmpfs) or an --out made read-only mid-term ended the
    run in a traceback (OSError from a feedback file), exit 1, which a script reads as "graded,
    some failed". Now it stops with exit 2 and one line that says what is kept and how to go
    on; the same command, once there is room, grades only the rest. Here ``feedback`` is a file
    where the folder should be, as any write there fails."""
    subs = tmp_path / "submissions"
    subs.mkdir()
    for name in ("dana", "eve"):
        _zip(subs / f"{name}-20261204T090000Z.zip", REFERENCE, "20261204T090000Z")

    def run():
        return _grade_ex01(subs, tmp_path)

    assert run().returncode == 0
    results = tmp_path / "grades" / "results"
    kept = {p.name: p.read_bytes() for p in results.iterdir()}
    _zip(subs / "frank-20261204T090000Z.zip", FLOAT64, "20261204T090000Z")
    feedback = tmp_path / "grades" / "feedback"
    feedback.rename(tmp_path / "aside")
    feedback.write_text("not a folder")
    stopped = run()
    assert stopped.returncode == 2, stopped
    assert "Traceback" not in stopped.stderr
    assert (f"course: error: cannot write {Path('grades/feedback/frank-20261204T090000Z.md')} ("
            in stopped.stderr)
    assert ("the results of 2 of the 3 submissions are in grades and kept; make room there (or "
            "make it writable) and run the same command again: it grades the rest and writes "
            "the gradebook") in stopped.stderr
    assert {p.name: p.read_bytes() for p in results.iterdir()} == kept
    feedback.unlink()
    (tmp_path / "aside").rename(feedback)
    rest = run()
    assert rest.returncode == 1 and "graded 1, skipped 2" in rest.stdout, rest


def _result(out: Path, name: str, submitted_at: str) -> None:
    """A results file as `course grade` writes it, of a submission with ex01 right."""
    tasks = [TaskResult("ex01.make_trainable", "t", 1, 1, "passed", "")]
    report = Report([ExerciseResult("ex01", "Tensors", tasks)], 0, name)
    (out / "results").mkdir(parents=True, exist_ok=True)
    (out / "results" / f"{name}.json").write_text(json.dumps(
        {"extra_data": {"report": report.to_json(), "submitted_at": submitted_at}}))


def test_lateness_is_rounded_up_and_under_a_minute_in_seconds(tmp_path):
    _result(tmp_path, "ann-20261204T100005Z", "2026-12-04T10:00:05+00:00")
    _result(tmp_path, "ben-20261204T100101Z", "2026-12-04T10:01:01+00:00")
    _result(tmp_path, "cid-20261204T100000Z", "2026-12-04T10:00:00+00:00")
    Gradebook("csv", deadline=parse_deadline(DEADLINE)).write(tmp_path)
    status = {row["student"]: row["status"] for row in _table(tmp_path / "gradebook.csv")}
    assert status == {"ann": "late by 5s", "ben": "late by 0h02m", "cid": "on time"}


def test_a_canvas_upload_off_the_roster_is_named_by_sortable_name_and_user_id(tmp_path):
    _result(tmp_path, "zed_3003_9001_submission", "2026-12-04T09:00:00+00:00")
    (tmp_path / "roster.csv").write_text("Student,ID,SIS Login ID\n\"Smith, Alice\",1001,as\n")
    book = Gradebook("csv", read_roster(tmp_path / "roster.csv"))
    book.write(tmp_path)
    assert "zed (3003)" in _by_student(tmp_path)
    assert book.warnings == ["zed (3003): submitted but not on the roster"]


@pytest.mark.parametrize("roster", [None, "Student,ID,SIS Login ID\n\"Smith, Ann\",1001,ann\n"])
def test_submissions_made_without_a_name_are_a_row_each_never_one_students(tmp_path, roster):
    # Three learners who forgot `course submit --name` (a Moodle or email collection, whose
    # file names are all the grader has): taken as one student "submission", two were lost.
    unnamed = ["submission-20261204T090000Z", "submission-20261204T091500Z",
               "Submission-20261204T093000Z (1)"]
    for name in unnamed:
        _result(tmp_path, name, "2026-12-04T09:00:00+00:00")
    _result(tmp_path, "ann-20261204T090000Z", "2026-12-04T09:00:00+00:00")
    if roster:
        (tmp_path / "roster.csv").write_text(roster)
    book = Gradebook("canvas", read_roster(tmp_path / "roster.csv") if roster else None)
    book.write(tmp_path)
    rows = _by_student(tmp_path)
    for name in unnamed:
        assert (rows[name]["submission"], rows[name]["submissions"]) == (name, "1")
        assert f"{name}: `course submit` wrote it without --name: a row of its own, for no " \
               "student; look up who handed it in" in book.warnings
    assert rows["Smith, Ann" if roster else "ann"]["submission"] == "ann-20261204T090000Z"
    assert len(rows) == 4
    # (with a roster, they are off it: left out of canvas.csv, as any name not on it)
    assert len(_table(tmp_path / "canvas.csv")) == (2 if roster else 5)


def test_a_learner_who_names_themselves_matches_canvas_sortable_name(tmp_path):
    # Canvas's export gives "Lovelace, Ada"; `course submit --name "Ada Lovelace"` writes
    # Ada-Lovelace-<time>.zip. Unmatched, Ada was missing and her work a stranger's row.
    (tmp_path / "roster.csv").write_text(
        "Student,ID,SIS Login ID\n\"Lovelace, Ada\",1001,alovelace\n"
        "\"Lee, Ann\",1002,alee\n\"Ann Lee\",1003,annlee\n")
    _result(tmp_path, "Ada-Lovelace-20261204T090000Z", "2026-12-04T09:00:00+00:00")
    _result(tmp_path, "ann-lee-20261204T090000Z", "2026-12-04T09:00:00+00:00")
    book = Gradebook("csv", read_roster(tmp_path / "roster.csv"))
    book.write(tmp_path)
    rows = _by_student(tmp_path)
    assert rows["Lovelace, Ada"]["submission"] == "Ada-Lovelace-20261204T090000Z"
    # a name two roster rows give: counted for neither
    assert rows["ann-lee-20261204T090000Z"]["status"] == "ambiguous"
    assert rows["Lee, Ann"]["status"] == rows["Ann Lee"]["status"] == "missing"


def test_only_the_graders_own_flood_message_is_a_problem():
    def task(feedback):
        return TaskResult("ex01.make_trainable", "t", 0, 1, "failed", feedback)

    flood = "case 2 (ints [1, 2]): printed too much output (the output limit was reached)"
    forged = ("case 2 (ints [1, 2]): raised ValueError: printed too much output (the output "
              "limit was reached)")
    assert problems(Report([ExerciseResult("ex01", "T", [task(flood)])])) == (
        "ex01.make_trainable: printed too much output (the output limit was reached)")
    assert problems(Report([ExerciseResult("ex01", "T", [task(forged)])])) == ""


def test_a_lone_file_is_graded_and_a_folder_with_exercise_files_is_one_submission(tmp_path):
    """What is given alone is what the instructor means to grade: it gets its row, and its
    reason. A learner's folder holding a zip beside their exercise files stays theirs."""
    readme = tmp_path / "README.txt"
    readme.write_text("not a submission\n")
    with open(os.devnull, "w") as quiet:
        alone = grade([readme], tmp_path / "alone", jobs=1, seed=3, progress=quiet,
                      isolation=ISOLATION, exercises=["ex01"])
        assert alone.ignored == {} and list(alone.rejected) == ["README"]
        learner = tmp_path / "dana"
        (learner / "exercises").mkdir(parents=True)
        (learner / "exercises" / "ex01_requires_grad.py").write_text(REFERENCE)
        _zip(learner / "backup.zip", FLOAT64, "20261204T090000Z")
        folder = grade([learner], tmp_path / "folder", jobs=1, seed=3, progress=quiet,
                       isolation=ISOLATION, exercises=["ex01"])
    assert list(folder.reports) == ["dana"] and folder.reports["dana"].passed


def test_a_learners_folder_of_zips_is_their_submission_not_a_download_of_others(tmp_path):
    """A red team's folder submission held a zip named after another student, with a later
    time: expanded, it replaced her grade; renamed alice.zip, it stopped the whole run. Given
    among other paths a folder is one submission; a second file of one name is skipped (and
    named), the run goes on. In a download folder given alone, a zip is a zip whatever its
    name's case or suffix."""
    subs = tmp_path / "subs"
    (subs / "alice").mkdir(parents=True)
    (subs / "alice" / "ex01_requires_grad.py").write_text(REFERENCE)
    (subs / "mallory").mkdir()
    _zip(subs / "mallory" / "alice-20261204T205900Z.zip", FLOAT64, "20261204T205900Z")
    _zip(subs / "mallory" / "alice.zip", FLOAT64, "20261204T205900Z")
    _zip(tmp_path / "alice.ZIP", FLOAT64, "20261204T205900Z")
    # One results file on macOS and Windows: results/Alice.json is results/alice.json.
    _zip(tmp_path / "Alice.zip", FLOAT64, "20261204T205900Z")
    with open(os.devnull, "w") as quiet:
        run = grade([subs / "alice", subs / "mallory", tmp_path / "alice.ZIP",
                     tmp_path / "Alice.zip"],
                    tmp_path / "out", jobs=1, seed=3, progress=quiet, isolation=ISOLATION,
                    exercises=["ex01"])
    assert run.reports["alice"].passed and "mallory" in run.reports
    for other in ("alice.ZIP", "Alice.zip"):
        assert "the same submission name 'alice'" in run.ignored[str(tmp_path / other)]
    download = tmp_path / "download"
    download.mkdir()
    _zip(download / "alpha_2001_5001_sub.ZIP", REFERENCE, "20261204T090000Z")
    (download / "gamma_2003_5003_sub.txt").write_bytes(
        _zip(tmp_path / "gamma.zip", REFERENCE, "20261204T090000Z").read_bytes())
    (download / "notes.txt").write_text("not a submission\n")
    with open(os.devnull, "w") as quiet:
        run = grade([download], tmp_path / "out2", jobs=1, seed=3, progress=quiet,
                    isolation=ISOLATION, exercises=["ex01"])
    assert sorted(run.reports) == ["alpha_2001_5001_sub", "gamma_2003_5003_sub"]
    assert list(run.ignored) == [str(download / "notes.txt")]
    # A sixth red team's file, named as Canvas names a learner's .py upload, made the download
    # one submission of one file: the class went ungraded. Both readings are named instead.
    (download / "ex01_mallory_1003_503_notes.py").write_text(REFERENCE)
    with pytest.raises(UsageError, match=r"2 zip\(s\) and exercise files beside") as refused:
        grade([download], tmp_path / "out3", jobs=1, seed=3, progress=open(os.devnull, "w"),
              isolation=ISOLATION, exercises=["ex01"])
    assert f"course grade {download / '*.zip'}" in str(refused.value)
    assert not (tmp_path / "out3").exists()


def test_names_that_differ_only_in_case_are_one_student_and_said_so(tmp_path):
    """`course submit --name S002` by one student and `--name s002` by another: without a
    roster the gradebook cannot tell them apart (names match whatever their case), so it
    counts the latest and warns."""
    subs = tmp_path / "subs"
    subs.mkdir()
    _zip(subs / "s002-20261204T090000Z.zip", REFERENCE, "20261204T090000Z")
    _zip(subs / "S002-20261204T100000Z.zip", FLOAT64, "20261204T100000Z")
    book = Gradebook("csv")
    with open(os.devnull, "w") as quiet:
        grade([subs], tmp_path / "out", jobs=1, seed=3, progress=quiet, isolation=ISOLATION,
              gradebook=book, exercises=["ex01"])
    assert list(_by_student(tmp_path / "out")) == ["S002"]
    assert ("S002, s002: counted as one student, their latest submission (names match "
            "whatever their case); if they are two, a --roster or Canvas's downloads tell them "
            "apart") in book.warnings, book.warnings


def test_a_rerun_over_a_folder_holding_out_does_not_grade_the_results(tmp_path):
    """`course grade subs/* --out subs/grades`, run twice: the second time ``subs/*`` includes
    grades/, which is the grader's output, not a learner's folder."""
    subs = tmp_path / "subs"
    subs.mkdir()
    _zip(subs / "beta-20261204T090000Z.zip", REFERENCE, "20261204T090000Z")
    _zip(subs / "gamma-20261204T090000Z.zip", FLOAT64, "20261204T090000Z")
    out = subs / "grades"
    for _ in range(2):
        with open(tmp_path / "terminal.txt", "w") as terminal:
            run = grade(sorted(subs.iterdir()), out, jobs=1, seed=3, progress=terminal,
                        isolation=ISOLATION, exercises=["ex01"])
    assert run.skipped == ["beta-20261204T090000Z", "gamma-20261204T090000Z"]
    assert run.graded == [] and not run.rejected
    assert run.ignored == {str(out): "the --out folder (or inside it), where results go: "
                                     "skipped"}
    assert f"course: {out}: the --out folder" in (tmp_path / "terminal.txt").read_text()
    assert list(_by_student(out)) == ["beta", "gamma"]
    with pytest.raises(UsageError, match="nothing to grade: every path given is the --out"):
        grade([out / "results"], out, jobs=1, seed=3, isolation=ISOLATION, exercises=["ex01"])


def test_a_learners_unzipped_folder_among_the_class_zips_is_refused_with_both_commands(
        tmp_path):
    """A class's download holding a learner's unzipped folder (``s24/exercises/``) beside the
    zips was graded as that one learner (the folder that wraps it), the class's zips not at
    all. Like exercise files beside the zips, it is refused, with the command for each
    reading; the first grades the zips and the folder, one submission each."""
    download = tmp_path / "download"
    (download / "s24" / "exercises").mkdir(parents=True)
    (download / "s24" / "exercises" / "ex01_requires_grad.py").write_text(REFERENCE)
    _zip(download / "beta-20261204T090000Z.zip", REFERENCE, "20261204T090000Z")
    _zip(download / "gamma-20261204T090000Z.zip", FLOAT64, "20261204T090000Z")
    with pytest.raises(UsageError) as refused:
        grade([download], tmp_path / "out", jobs=1, seed=3, isolation=ISOLATION,
              exercises=["ex01"])
    assert str(refused.value) == (
        f"{download} holds 2 zip(s) and exercise files beside them (in s24/): a download of "
        "the class's zips, or one learner's folder? To grade the zips and that folder as one "
        f"submission each: course grade {download / '*.zip'} {download / 's24'}; to grade the "
        "folder as one submission, move the zips out of it")
    assert not (tmp_path / "out").exists()
    with open(os.devnull, "w") as quiet:
        run = grade([*sorted(download.glob("*.zip")), download / "s24"], tmp_path / "out",
                    jobs=1, seed=3, progress=quiet, isolation=ISOLATION, exercises=["ex01"])
    assert sorted(run.reports) == ["beta-20261204T090000Z", "gamma-20261204T090000Z", "s24"]
    assert run.reports["s24"].passed
    # A learner's own course folder (its exercises/, a zip of theirs beside) stays theirs.
    (download / "s24" / "exercises").rename(download / "exercises")
    (download / "s24").rmdir()
    with open(tmp_path / "terminal.txt", "w") as terminal:
        run = grade([download], tmp_path / "out2", jobs=1, seed=3, progress=terminal,
                    isolation=ISOLATION, exercises=["ex01"])
    assert list(run.reports) == ["download"]
    assert "its 2 zip(s) are not graded" in (tmp_path / "terminal.txt").read_text()


def test_a_learners_zip_of_zips_among_others_says_what_it_is(tmp_path):
    """A learner who zipped their `course submit` zips (or a folder of them) into one, given
    among the class's zips, read "no exercise files (exNN_*.py) found", which left the
    instructor and the learner to puzzle out why. Its zips are still not graded (a red team's
    was named after another student): the reason names them and says what to do."""
    _zip(tmp_path / "beta-20261204T090000Z.zip", REFERENCE, "20261204T090000Z")
    inner = _zip(tmp_path / "mallory-20261204T090000Z.zip", REFERENCE, "20261204T090000Z")
    with zipfile.ZipFile(tmp_path / "mallory.zip", "w") as zf:
        zf.write(inner, "week1/mallory-20261204T090000Z.zip")
        zf.writestr("alice-20261204T090000Z.zip", inner.read_bytes())
        zf.writestr("notes.txt", "my submissions\n")
    inner.unlink()
    (tmp_path / "carol").mkdir()  # a folder of zips, given among other paths
    _zip(tmp_path / "carol" / "carol-20261204T090000Z.zip", REFERENCE, "20261204T090000Z")
    with open(os.devnull, "w") as quiet:
        run = grade([tmp_path / "beta-20261204T090000Z.zip", tmp_path / "mallory.zip",
                     tmp_path / "carol"], tmp_path / "out", jobs=1, seed=3, progress=quiet,
                    isolation=ISOLATION, exercises=["ex01"])
    assert run.reports["beta-20261204T090000Z"].passed
    assert run.rejected["mallory"] == (
        "no exercise files (exNN_*.py) found, only 2 zip(s) inside "
        "('alice-20261204T090000Z.zip', 'week1/mallory-20261204T090000Z.zip'): a zip is not "
        "unpacked from a submission; hand in the zip `course submit` writes, or give a zip "
        "inside to `course grade` by name")
    assert "only 1 zip(s) inside ('carol-20261204T090000Z.zip')" in run.rejected["carol"]
    # A submission with neither says so, and names what it holds.
    (tmp_path / "dave").mkdir()
    (tmp_path / "dave" / "notes.txt").write_text("nothing here\n")
    with open(os.devnull, "w") as quiet:
        run = grade([tmp_path / "dave", tmp_path / "beta-20261204T090000Z.zip"],
                    tmp_path / "out", jobs=1, seed=3, progress=quiet, isolation=ISOLATION,
                    exercises=["ex01"])
    assert run.rejected["dave"] == (
        "no exercise files (exNN_*.py) found, only 1 other file(s): 'notes.txt'; the course's "
        "files are named like ex01_requires_grad.py")


def test_two_long_names_that_agree_in_64_characters_are_two_students(tmp_path, monkeypatch):
    """`course submit --name` cut a name at 64 characters: two students whose names agree that
    far wrote one name, and each file "fits" both, so both counted for no one. A long name now
    ends with a digest of the whole; a file an older course cut still counts where it fits one
    student alone."""
    from course.submit import make_submission
    common = "Maria de los Angeles Fernandez-Gutierrez de la Santisima Trinidad "
    names = [common + "Alvarez", common + "Borrego", "Kai " + "Long" * 20]
    roster = tmp_path / "roster.csv"
    roster.write_text("Student,ID,SIS Login ID\n" + "".join(
        f"{name},{i},\n" for i, name in enumerate(names, 1)), encoding="utf-8")
    subs = tmp_path / "subs"
    subs.mkdir()
    for name, source in zip(names[:2], (REFERENCE, FLOAT64)):
        course = tmp_path / name[-7:]
        (course / "exercises").mkdir(parents=True)
        (course / "exercises" / "ex01_requires_grad.py").write_text(source)
        made = make_submission(course, name.upper() if source == FLOAT64 else name)
        made.rename(subs / made.name)
    # The third's from an older course: the name cut, no digest.
    cut = "-".join(names[2].split())[:64]
    with zipfile.ZipFile(subs / f"{cut}-20261204T090000Z.zip", "w") as zf:
        zf.writestr("exercises/ex01_requires_grad.py", REFERENCE)
        zf.writestr("manifest.json", json.dumps({"name": cut, "time": "20261204T090000Z"}))
    assert len({p.name[:64] for p in subs.iterdir()}) == 3  # (two of them once one name)
    book = Gradebook("csv", read_roster(roster))
    with open(os.devnull, "w") as quiet:
        grade(sorted(subs.iterdir()), tmp_path / "out", jobs=1, seed=3, progress=quiet,
              isolation=ISOLATION, gradebook=book, exercises=["ex01"])
    rows = _by_student(tmp_path / "out")
    assert list(rows) == names and not book.warnings, book.warnings
    assert [(rows[n]["status"], rows[n]["ex01"]) for n in names] == \
        [("submitted", "3"), ("submitted", "2"), ("submitted", "3")]


MOODLE_WORKSHEET = ("Identifier,Full name,Email address,Status\n"
                    "Participant 1001,Ada Lovelace,ada@uni.edu,Submitted\n"
                    "Participant 1002,Bob Brown,bob@uni.edu,Submitted\n"
                    "Participant 1003,Cy Dee,cy@uni.edu,Submitted\n"
                    "Participant 1004,Dot Eng,dot@uni.edu,No submission\n")


def _moodle_download(tmp_path: Path) -> Path:
    """Moodle's "Download all submissions" (in folders), unzipped: two learners' hw.zip (and
    Ada's online text), and one learner's bare exercise file (in a folder as an older Moodle
    names it, ending in "_")."""
    export = tmp_path / "export"
    ada, bob = (export / "Ada Lovelace_1001_assignsubmission_file",
                export / "Bob Brown_1002_assignsubmission_file")
    cy = export / "Cy Dee_1003_assignsubmission_file_"
    for folder in (ada, bob, cy):
        folder.mkdir(parents=True)
    _zip(ada / "hw.zip", REFERENCE, "20261204T090000Z")
    text = export / "Ada Lovelace_1001_assignsubmission_onlinetext"
    text.mkdir()
    (text / "onlinetext.html").write_text("<p>see my zip</p>")
    _zip(bob / "hw.zip", FLOAT64, "20261204T110000Z")
    (cy / "ex01_requires_grad.py").write_text(REFERENCE)
    return export


def test_moodle_folders_are_their_learners_whatever_the_files_are_named(tmp_path):
    """Moodle's download, graded as `course grade export/*/*.zip` (as the docs said), skipped
    Bob's hw.zip ("rename one": Ada's had the name) and never read the folder that says who
    it is. Each folder is its learner's submission, given alone or as export/*, and a zip in
    it is named as Moodle names it without folders; the worksheet is the roster."""
    export = _moodle_download(tmp_path)
    (tmp_path / "roster.csv").write_text(MOODLE_WORKSHEET)
    roster = read_roster(tmp_path / "roster.csv")
    for given, out in (([export], "alone"), (sorted(export.iterdir()), "each"),
                       (sorted(export.glob("*/*.zip")), "zips")):
        book = Gradebook("csv", roster, deadline=parse_deadline(DEADLINE))
        with open(tmp_path / f"{out}.txt", "w") as terminal:
            run = grade(given, tmp_path / out, jobs=1, seed=3, progress=terminal,
                        isolation=ISOLATION, gradebook=book, exercises=["ex01"])
        text = export / "Ada Lovelace_1001_assignsubmission_onlinetext"
        assert run.ignored == ({} if out == "zips" else {str(text): (
            "Moodle's folder of what is no file upload (online text): skipped" if out == "each"
            else "not a learner's folder of Moodle's download: skipped")}), out
        rows = _by_student(tmp_path / out)
        assert [rows["Ada Lovelace"][c] for c in ("total", "status")] == ["3", "on time"]
        assert [rows["Bob Brown"][c] for c in ("total", "status")] == ["2", "late by 1h00m"]
        assert rows["Dot Eng"]["status"] == "missing"
        assert len(rows) == 4 and book.warnings == [], (out, rows, book.warnings)
        if out != "zips":
            assert rows["Cy Dee"]["total"] == "3"
            assert rows["Bob Brown"]["submission"] == "Bob Brown_1002_assignsubmission_file"
        else:
            assert rows["Bob Brown"]["submission"] == "Bob Brown_1002_assignsubmission_file_hw"
    assert (f"course: {export}: Moodle's download: grading its 3 learner folder(s), each one "
            "submission") in (tmp_path / "alone.txt").read_text()


def test_a_moodle_upload_named_as_another_learners_is_still_its_uploaders(tmp_path):
    """Mallory (participant 1002) uploads a zip named as Moodle names Ada's files: Moodle's
    folder, not the file's name, says whose it is. Without Moodle's ids in the roster, a
    folder matches by the full name; off the roster it is named by name and participant."""
    export = tmp_path / "export"
    mallory = export / "Mallory M_1002_assignsubmission_file"
    mallory.mkdir(parents=True)
    _zip(mallory / "Ada Lovelace_1001_assignsubmission_file_hw.zip", REFERENCE,
         "20261204T090000Z")
    (tmp_path / "roster.csv").write_text(MOODLE_WORKSHEET)
    book = Gradebook("csv", read_roster(tmp_path / "roster.csv"))
    with open(os.devnull, "w") as quiet:
        grade(sorted(export.glob("*/*.zip")), tmp_path / "out", jobs=1, seed=3, progress=quiet,
              isolation=ISOLATION, gradebook=book, exercises=["ex01"])
    rows = _by_student(tmp_path / "out")
    assert rows["Ada Lovelace"]["status"] == "missing"
    assert rows["Bob Brown"]["submission"] == (
        "Mallory M_1002_assignsubmission_file_Ada Lovelace_1001_assignsubmission_file_hw")
    (tmp_path / "names.csv").write_text("Student\nAda Lovelace\nMallory M\n")
    book = Gradebook("csv", read_roster(tmp_path / "names.csv"))
    book.write(tmp_path / "out")
    rows = _by_student(tmp_path / "out")
    assert rows["Ada Lovelace"]["status"] == "missing"
    assert rows["Mallory M"]["total"] == "3"
    Gradebook("csv").write(tmp_path / "out")
    assert list(_by_student(tmp_path / "out")) == ["Mallory M (participant 1002)"]


def _own_upload_folders() -> set[Path]:
    """This process's `course-grade-uploads-*` scratch folders (a grader running beside the
    tests, another session's or CI's, makes and removes its own meanwhile)."""
    found = set()
    for folder in Path(tempfile.gettempdir()).glob("course-grade-uploads-*"):
        try:
            if (folder / OWNER).read_text().split()[0] == str(os.getpid()):
                found.add(folder)
        except (OSError, IndexError):  # (removed, or being made, by its own run)
            pass
    return found


def test_exercise_files_uploaded_to_canvas_are_one_submission_of_their_uploader(tmp_path):
    """Canvas's download of learners who uploaded their exercise files, not `course submit`'s
    zip: each .py file was skipped ("not a zip archive"), and the learner read as missing.
    Each Canvas user's files are one submission, named by their user ID (a re-upload, -1,
    replaces the first; LATE marks it late); a file whose name also reads as another user is
    no one's file to gather; a link is never followed (here, to the reference solution)."""
    dl = tmp_path / "download"
    dl.mkdir()
    (dl / "lovelaceada_1001_501_ex01_requires_grad.py").write_text(FLOAT64)
    (dl / "lovelaceada_1001_509_ex01_requires_grad-1.py").write_text(REFERENCE)
    (dl / "brownbob_LATE_1002_601_ex01_requires_grad.py").write_text(REFERENCE)
    _zip(dl / "carol_1003_701_carol-20261204T090000Z.zip", FLOAT64, "20261204T090000Z")
    # Mallory (1004) set her sortable name to "x__1001__9": her file also reads as Ada's
    (dl / "x_1001_9_1004_801_ex01_requires_grad.py").write_text(REFERENCE)
    # and named a file as Canvas would name one of Ada's
    (dl / "mallory_1004_802_x_1001_9_ex01_requires_grad.py").write_text(REFERENCE)
    (dl / "dave_1005_901_ex01_requires_grad.py").write_text(FLOAT64)
    _zip(dl / "dave_1005_902_dave-20261204T090000Z.zip", REFERENCE, "20261204T090000Z")
    (dl / "eve_1006_1001_ex01_requires_grad.py").symlink_to(
        engine.SOLUTIONS / "ex01_requires_grad.py")
    (tmp_path / "roster.csv").write_text(
        "Student,ID,SIS Login ID\n\"Lovelace, Ada\",1001,ada\n\"Brown, Bob\",1002,bob\n"
        "Carol,1003,carol\n\"M, Mallory\",1004,mal\nDave,1005,dave\nEve,1006,eve\n")
    scratch = _own_upload_folders()
    for given, out in (([dl], "alone"), (sorted(dl.iterdir()), "each")):
        book = Gradebook("canvas", read_roster(tmp_path / "roster.csv"),
                         deadline=parse_deadline(DEADLINE))
        with open(tmp_path / f"{out}.txt", "w") as terminal:
            run = grade(given, tmp_path / out, jobs=1, seed=3, progress=terminal,
                        isolation=ISOLATION, gradebook=book, exercises=["ex01"])
        assert run.ignored == {}, out
        rows = _by_student(tmp_path / out)
        shown = {name: [rows[name][c] for c in ("submission", "submissions", "status", "total")]
                 for name in rows}
        assert shown == {
            "Lovelace, Ada": ["lovelaceada_1001_509_exercises", "1", "on time (Canvas)", "3"],
            "Brown, Bob": ["brownbob_LATE_1002_601_exercises", "1", "late (Canvas)", "3"],
            "Carol": ["carol_1003_701_carol-20261204T090000Z", "1", "on time", "2"],
            "M, Mallory": ["", "0", "missing", "0"],
            # the zip Dave uploaded last counts
            "Dave": ["dave_1005_902_dave-20261204T090000Z", "2", "on time", "3"],
            "Eve": ["eve_1006_1001_exercises", "1", "nothing to grade", "0"],
            "x_1001_9_1004_801_ex01_requires_grad": [
                "x_1001_9_1004_801_ex01_requires_grad", "1", "ambiguous", "3"],
            "mallory_1004_802_x_1001_9_ex01_requires_grad": [
                "mallory_1004_802_x_1001_9_ex01_requires_grad", "1", "ambiguous", "3"]
        }, (out, shown)
        assert rows["Eve"]["problem"].startswith("empty folder: no files in it")  # (the link)
        terminal = (tmp_path / f"{out}.txt").read_text()
        assert ("course: Canvas user 1005 uploaded exercise files and a zip: each is graded, "
                "and the one uploaded last (by Canvas's file ID) counts") in terminal
        assert (f"course: {dl / 'eve_1006_1001_ex01_requires_grad.py'}: not a regular file: "
                "left out of eve_1006_1001_exercises") in terminal
    assert ("a folder of 2 zip(s) and 7 exercise file(s) an LMS named: grading each zip as a "
            "submission, and each learner's exercise files as one"
            ) in (tmp_path / "alone.txt").read_text()
    assert _own_upload_folders() == scratch


def test_exercise_files_canvas_named_beside_others_or_zipped_are_refused_with_commands(tmp_path):
    """A folder holding exercise files Canvas named and one it did not is a class's download
    or one learner's folder (graded as the latter, the Canvas users' files were ignored); the
    download as Canvas gives it, zipped, scored 0 as one submission. Both are refused."""
    dl = tmp_path / "download"
    dl.mkdir()
    (dl / "lovelaceada_1001_501_ex01_requires_grad.py").write_text(REFERENCE)
    (dl / "ex01_requires_grad.py").write_text(REFERENCE)
    with pytest.raises(UsageError) as refused:
        grade([dl], tmp_path / "out", jobs=1, seed=3, isolation=ISOLATION, exercises=["ex01"])
    assert str(refused.value).startswith(
        f"{dl} holds 1 exercise file(s) an LMS named and exercise files beside them: a download "
        f"of the class's zips, or one learner's folder? To grade the files an LMS named: course "
        f"grade {dl / '*_[0-9]*_ex[0-9][0-9]_*.py'};"), refused.value
    (dl / "ex01_requires_grad.py").unlink()
    with zipfile.ZipFile(tmp_path / "submissions.zip", "w") as zf:
        zf.write(dl / "lovelaceada_1001_501_ex01_requires_grad.py",
                 "lovelaceada_1001_501_ex01_requires_grad.py")
    with pytest.raises(UsageError, match=r"submissions.zip holds 1 exercise file\(s\) an LMS "
                                         r"named and no other exercise files \(Canvas's"):
        grade([tmp_path / "submissions.zip"], tmp_path / "out", jobs=1, seed=3,
              isolation=ISOLATION, exercises=["ex01"])
    assert not (tmp_path / "out").exists()


def test_two_moodle_participants_of_one_name_count_for_no_one_without_identifiers(tmp_path):
    """Matched by full name (a roster without Moodle's Identifier), a second participant who
    has, or takes, Ada's name had the later folder count as hers. Each counts for no one;
    with the Identifier column, each is the one it names."""
    _result(tmp_path, "Ada Lovelace_1001_assignsubmission_file", "2026-12-04T09:00:00+00:00")
    _result(tmp_path, "Ada Lovelace_1005_assignsubmission_file", "2026-12-04T09:30:00+00:00")
    (tmp_path / "names.csv").write_text("Student\nAda Lovelace\n")
    book = Gradebook("csv", read_roster(tmp_path / "names.csv"))
    book.write(tmp_path)
    rows = _by_student(tmp_path)
    assert rows["Ada Lovelace"]["status"] == "missing"
    for participant in ("1001", "1005"):
        row = rows[f"Ada Lovelace_{participant}_assignsubmission_file"]
        assert row["status"] == "ambiguous"
        assert row["problem"] == ("counted for no one: Moodle participants 1001, 1005 all fit "
                                  "Ada Lovelace by name; give the roster Moodle's Identifier "
                                  "column (its grading worksheet)")
    (tmp_path / "roster.csv").write_text(MOODLE_WORKSHEET)
    Gradebook("csv", read_roster(tmp_path / "roster.csv")).write(tmp_path)
    rows = _by_student(tmp_path)
    assert rows["Ada Lovelace"]["submission"] == "Ada Lovelace_1001_assignsubmission_file"
    assert "Ada Lovelace (participant 1005)" in rows


def _graded_with_moodles_worksheet(flat: Path, tmp_path: Path
                                   ) -> tuple[dict[str, dict[str, str]], Gradebook]:
    """The gradebook (and its rows) of Moodle's download without folders (``flat``), graded
    with its worksheet as the roster; nothing given is skipped."""
    (tmp_path / "roster.csv").write_text(MOODLE_WORKSHEET)
    book = Gradebook("csv", read_roster(tmp_path / "roster.csv"))
    with open(os.devnull, "w") as quiet:
        run = grade([flat], tmp_path / "out", jobs=1, seed=3, progress=quiet,
                    isolation=ISOLATION, gradebook=book, exercises=["ex01"])
    assert run.ignored == {}
    return _by_student(tmp_path / "out"), book


def test_exercise_files_in_moodles_download_without_folders_are_their_learners(tmp_path):
    """Moodle's download without "in folders" names each file for its uploader: a learner's
    bare exercise files were skipped ("not a zip archive") and they read as missing. They are
    graded as the folder Moodle would have put them in."""
    flat = tmp_path / "flat"
    flat.mkdir()
    (flat / "Ada Lovelace_1001_assignsubmission_file_ex01_requires_grad.py").write_text(REFERENCE)
    _zip(flat / "Bob Brown_1002_assignsubmission_file_hw.zip", FLOAT64, "20261204T090000Z")
    rows, book = _graded_with_moodles_worksheet(flat, tmp_path)
    assert [rows["Ada Lovelace"][c] for c in ("submission", "total")] == [
        "Ada Lovelace_1001_assignsubmission_file", "3"]
    assert [rows["Bob Brown"][c] for c in ("submission", "total")] == [
        "Bob Brown_1002_assignsubmission_file_hw", "2"]


def test_moodle_names_whose_files_hold_two_numbers_are_moodles(tmp_path):
    """A learner's ``hw_1_2_final.zip`` in Moodle's download is ``..._assignsubmission_file_
    hw_1_2_final.zip``, which also reads as Canvas's user 1, file 2: it was counted for no one
    (`ambiguous`), and an exercise file so named was skipped. In a download none of whose names
    reads as Canvas's alone, Moodle's reading is the one."""
    flat = tmp_path / "flat"
    flat.mkdir()
    _zip(flat / "Ada Lovelace_1001_assignsubmission_file_hw_1_2_final.zip", REFERENCE,
         "20261204T090000Z")
    (flat / "Bob Brown_1002_assignsubmission_file_ex01_v_2_3_final.py").write_text(FLOAT64)
    (flat / "Cy Dee_1003_assignsubmission_file_hw.zip").write_bytes(
        (flat / "Ada Lovelace_1001_assignsubmission_file_hw_1_2_final.zip").read_bytes())
    rows, book = _graded_with_moodles_worksheet(flat, tmp_path)
    assert [rows["Ada Lovelace"][c] for c in ("submission", "status", "total")] == [
        "Ada Lovelace_1001_assignsubmission_file_hw_1_2_final", "submitted", "3"]
    assert [rows["Bob Brown"][c] for c in ("submission", "status", "total")] == [
        "Bob Brown_1002_assignsubmission_file", "submitted", "2"]
    assert rows["Cy Dee"]["total"] == "3"
    assert not [w for w in book.warnings if "fits" in w], book.warnings


def test_a_canvas_name_made_to_read_as_moodles_is_still_no_ones(tmp_path):
    """In Canvas's download a sortable name edited to ``Lovelace, Ada_1001_assignsubmission_
    file`` makes a file that reads as Moodle's too, whose full name is a roster student's:
    beside names that read as Canvas's alone, it is counted for no one, as before."""
    (tmp_path / "roster.csv").write_text(
        "Student,ID,SIS User ID,SIS Login ID\n"
        '"Lovelace, Ada",1001,A1,ada\n"Mallory, M",1002,M2,mal\n')
    _result(tmp_path, "lovelaceada_1001_501_submission", "2026-12-04T09:00:00+00:00")
    forged = "Lovelace, Ada_7_assignsubmission_file_1002_502_hw"
    _result(tmp_path, forged, "2026-12-04T10:00:00+00:00")
    book = Gradebook("csv", read_roster(tmp_path / "roster.csv"))
    book.write(tmp_path)
    rows = _by_student(tmp_path)
    assert rows["Lovelace, Ada"]["submission"] == "lovelaceada_1001_501_submission"
    assert rows[forged]["status"] == "ambiguous"
    # Alone (a Moodle download), the same name is Moodle's participant 7, matched by name.
    (tmp_path / "results" / "lovelaceada_1001_501_submission.json").unlink()
    book.write(tmp_path)
    assert _by_student(tmp_path)["Lovelace, Ada"]["submission"] == forged


def _ann_and_ben(tmp_path: Path):
    """Two on-time submissions (ann's right, ben's a known mistake) and grade()'s arguments
    for them (ex01, in the sandbox): -> (submissions folder, out, ann, ben, arguments)."""
    subs, out = tmp_path / "submissions", tmp_path / "grades"
    subs.mkdir()
    ann = _zip(subs / "ann-20261204T090000Z.zip", REFERENCE, "20261204T090000Z")
    ben = _zip(subs / "ben-20261204T090000Z.zip", FLOAT64, "20261204T090000Z")
    run = dict(jobs=1, progress=open(os.devnull, "w"), isolation=ISOLATION,
               exercises=["ex01"])
    return subs, out, ann, ben, run


def test_one_submission_is_graded_again_without_regrading_the_class(tmp_path):
    """A learner's task timed out on a busy machine: the instructor had to --force the whole
    class (500 submissions, 20 minutes) or delete its results file by hand to grade one again.
    ``regrade`` (`--regrade NAME`) grades those named again and the others as a re-run does;
    a name that is no submission given stops the run before anything is graded."""
    subs, out, ann, ben, run = _ann_and_ben(tmp_path)
    grade([ann, ben], out, seed=21, **run)
    before = {p.name: p.read_bytes() for p in (out / "results").iterdir()}
    again = grade([ann, ben], out, seed=22, regrade=["ben-20261204T090000Z"], **run)
    assert (again.graded, again.skipped) == (["ben-20261204T090000Z"], ["ann-20261204T090000Z"])
    report = json.loads((out / "results" / "ben-20261204T090000Z.json").read_text())
    assert report["extra_data"]["report"]["seed"] == 22  # graded now, with this run's cases
    assert (out / "results" / "ann-20261204T090000Z.json").read_bytes() == \
        before["ann-20261204T090000Z.json"]
    assert sorted(_by_student(out)) == ["ann", "ben"]  # the whole gradebook still
    # By the path given, as the shell completes it
    by_path = grade([ann, ben], out, seed=23, regrade=[str(ann)], **run)
    assert by_path.graded == ["ann-20261204T090000Z"]
    with pytest.raises(UsageError, match="--regrade carl: no submission of that name or path"):
        grade([ann, ben], out, seed=24, regrade=["carl"], **run)
    cli = subprocess.run(
        [sys.executable, "-m", "course", "grade", str(ann), "--out", str(out),
         "--exercises", "ex01", "--regrade", "ann.zip", "--no-sandbox"], cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=120)
    assert cli.returncode == 2 and "course: error: --regrade ann.zip: no submission" in \
        cli.stderr, cli


def test_a_regrade_request_names_the_learner_and_a_late_resubmission_is_said(tmp_path):
    """A regrade request comes from a learner, who is named, not their file: ``--regrade
    ben`` grades each of ben's submissions again (it was refused as no submission's name).
    Ben then submits again after the deadline, over an on-time submission: the latest counts,
    and the terminal says so, with both totals, for the instructor's late policy."""
    subs, out, ann, ben, run = _ann_and_ben(tmp_path)
    grade([ann, ben], out, seed=31, **run)
    again = grade([ann, ben], out, seed=32, regrade=["Ben"], **run)  # (case aside)
    assert (again.graded, again.skipped) == (["ben-20261204T090000Z"], ["ann-20261204T090000Z"])
    late = _zip(subs / "ben-20261205T120000Z.zip", REFERENCE, "20261205T120000Z")
    book = Gradebook("csv", deadline=parse_deadline(DEADLINE))
    grade([ann, ben, late], out, seed=33, gradebook=book, **run)
    row = _by_student(out)["ben"]
    assert (row["submission"], row["submissions"], row["status"]) == (
        "ben-20261205T120000Z", "2", "late by 1d 2h00m")
    assert (row["total"], row["on_time_total"]) == ("3", "2"), row
    assert ("1 student(s) submitted again after the deadline, over an on-time submission "
            "(ben (3 late, 2 on time)): gradebook.csv's total (and canvas.csv's, moodle.csv's) "
            "counts the latest; its on_time_total the latest on time, for a policy that "
            "accepts no late work") in book.warnings, book.warnings
    # Both of a learner's submissions, on a request that names the learner
    both = grade([ann, ben, late], out, seed=34, regrade=["ben"], **run)
    assert sorted(both.graded) == ["ben-20261204T090000Z", "ben-20261205T120000Z"]


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _zipped(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_handback_names_each_file_as_its_lms_places_it_and_never_by_a_learners_name(tmp_path):
    """Handing back 500 feedback files was one upload each. `--handback` writes the zip each
    LMS takes in one upload, named as that LMS places a file (Canvas's Re-Upload Submissions:
    the first two all-digit parts, user ID and a file ID of their submission; Moodle's feedback
    zip: <name>_<participant id>_assignsubmission_file_<file>), from the IDs the gradebook
    placed each student by, and a page per student. A learner who edits their Canvas sortable
    name to read as Ada's (x__1001__9), or names their Moodle upload as Ada's, hands nothing
    to Ada: a submission counted for no one is in no file, and none is named after a
    learner's own file name. The submissions are never written to; a run without --handback
    says the folder is an earlier run's; a re-run rebuilds it, dropping what no longer
    counts."""
    dl = tmp_path / "canvas"
    dl.mkdir()
    _zip(dl / "lovelaceada_1001_501_ada-20261204T090000Z.zip", REFERENCE, "20261204T090000Z")
    _zip(dl / "brownbob_1002_601_bob-20261204T090000Z.zip", FLOAT64, "20261204T090000Z")
    # Mallory (1004) renamed herself "x__1001__9": her file reads as Ada's file 9 too
    _zip(dl / "x_1001_9_1004_801_lovelaceada_1001_501_feedback.zip", FLOAT64,
         "20261204T090000Z")
    # Two students of one name: two pages, never one file for both
    _zip(dl / "leesam_1005_901_sam-20261204T090000Z.zip", REFERENCE, "20261204T090000Z")
    _zip(dl / "leesam_1006_902_sam-20261204T090000Z.zip", FLOAT64, "20261204T090000Z")
    (tmp_path / "roster.csv").write_text("Student,ID,SIS Login ID\n\"Lovelace, Ada\",1001,ada\n"
                                         "\"Brown, Bob\",1002,bob\n\"M, Mallory\",1004,mal\n"
                                         "\"Lee, Sam\",1005,sam1\n\"Lee, Sam\",1006,sam2\n")
    before = _files(dl)

    def run(given, handback=True):
        book = Gradebook("canvas", read_roster(tmp_path / "roster.csv"),
                         parse_deadline(DEADLINE), handback=handback)
        with open(os.devnull, "w") as quiet:
            grade(given, tmp_path / "out", jobs=1, seed=3, progress=quiet,
                  isolation=ISOLATION, gradebook=book, exercises=["ex01"])
        return book

    book = run([dl])
    out = tmp_path / "out"
    rows = _by_student(out)
    assert rows["x_1001_9_1004_801_lovelaceada_1001_501_feedback"]["status"] == "ambiguous"
    page = {s: (out / "feedback" / f"{rows[s]['submission']}.html").read_bytes()
            for s in ("Lovelace, Ada", "Brown, Bob")}
    sam = {n: (out / "feedback" / f"leesam_{n}_sam-20261204T090000Z.html").read_bytes()
           for n in ("1005_901", "1006_902")}
    assert _zipped(out / "handback" / "canvas.zip") == {
        "feedback_1001_501_feedback.html": page["Lovelace, Ada"],
        "feedback_1002_601_feedback.html": page["Brown, Bob"],
        "feedback_1005_901_feedback.html": sam["1005_901"],
        "feedback_1006_902_feedback.html": sam["1006_902"]}
    assert b"Score: 3/3" in page["Lovelace, Ada"] and b"Score: 2/3" in page["Brown, Bob"]
    assert _files(out / "handback" / "feedback") == {
        "Lovelace, Ada.html": page["Lovelace, Ada"], "Brown, Bob.html": page["Brown, Bob"],
        "Lee, Sam.html": sam["1005_901"], "Lee, Sam (2).html": sam["1006_902"]}
    assert [where for _, where in book.handed_back] == [
        "4 feedback page(s), one per student",
        "upload it on the assignment's page in Canvas > Re-Upload Submissions (4 student(s))"]
    assert _files(dl) == before  # (nothing written beside the submissions)
    book = run([dl], handback=False)
    assert "handback/ is from an earlier run and was not updated (grade with --handback to " \
           "rebuild it)" in book.warnings
    run(sorted(dl.glob("lovelaceada*")))  # Bob's not given this time: his page goes
    assert list(_files(out / "handback" / "feedback")) == ["Lovelace, Ada.html"]
    assert list(_zipped(out / "handback" / "canvas.zip")) == ["feedback_1001_501_feedback.html"]

    export = _moodle_download(tmp_path)
    mallory = export / "Mallory M_1099_assignsubmission_file"
    mallory.mkdir()
    _zip(mallory / "Ada Lovelace_1001_assignsubmission_file_hw.zip", FLOAT64, "20261204T090000Z")
    (tmp_path / "worksheet.csv").write_text(MOODLE_WORKSHEET)
    book = Gradebook("csv", read_roster(tmp_path / "worksheet.csv"), handback=True)
    with open(os.devnull, "w") as quiet:
        grade([export], tmp_path / "moodle", jobs=1, seed=3, progress=quiet,
              isolation=ISOLATION, gradebook=book, exercises=["ex01"])
    out = tmp_path / "moodle"
    rows = _by_student(out)
    zipped = _zipped(out / "handback" / "moodle.zip")
    assert {name: rows[student]["total"] for name, student in (
        ("Ada Lovelace_1001_assignsubmission_file_feedback.html", "Ada Lovelace"),
        ("Bob Brown_1002_assignsubmission_file_feedback.html", "Bob Brown"),
        ("Cy Dee_1003_assignsubmission_file_feedback.html", "Cy Dee"),
        ("Mallory M_1099_assignsubmission_file_feedback.html", "Mallory M (participant 1099)"),
    )} == {name: "3" if "Mallory" not in name and "Bob" not in name else "2"
           for name in zipped}
    for name, data in zipped.items():  # each the page of the submission counted for them
        student = next(s for s in rows if s.split(" (")[0] == name.split("_")[0])
        assert data == (out / "feedback" / f"{rows[student]['submission']}.html").read_bytes()


def test_a_zip_named_alice_zip_zip_is_alices_and_regrade_tells_it_from_alice_zip(tmp_path,
                                                                                 monkeypatch):
    """Windows hides ".zip": a learner who names their file "alice.zip" uploads alice.zip.zip.
    Its submission name was alice.zip, its student "alice.zip", off the roster, and alice
    read as missing. Now its student is alice (its results keep their own name, apart from
    alice.zip's). `--regrade alice.zip` named both, that one by name and alice.zip by path:
    it is refused, naming both, and the path with a folder in front names one."""
    subs, out = tmp_path / "submissions", tmp_path / "grades"
    subs.mkdir()
    first = _zip(subs / "alice.zip", FLOAT64, "20261204T090000Z")
    second = _zip(subs / "alice.zip.zip", REFERENCE, "20261204T093000Z")
    (tmp_path / "roster.csv").write_text("Student,SIS Login ID\nAlice Smith,alice\n")
    run = dict(jobs=1, progress=open(os.devnull, "w"), isolation=ISOLATION,
               exercises=["ex01"])
    book = Gradebook("csv", read_roster(tmp_path / "roster.csv"), parse_deadline(DEADLINE))
    summary = grade([first, second], out, seed=21, gradebook=book, **run)
    assert sorted(summary.graded) == ["alice", "alice.zip"]
    rows = _by_student(out)
    assert list(rows) == ["Alice Smith"]  # not missing, and no row off the roster
    assert (rows["Alice Smith"]["submission"], rows["Alice Smith"]["submissions"],
            rows["Alice Smith"]["total"]) == ("alice.zip", "2", "3")  # the later one counts
    monkeypatch.chdir(subs)
    with pytest.raises(UsageError, match=r"--regrade alice\.zip: the name of one submission "
                                         r"and the path of another .*\(\./alice\.zip\)"):
        grade([first, second], out, seed=22, regrade=["alice.zip"], **run)
    by_path = grade([first, second], out, seed=22, regrade=["./alice.zip"], **run)
    assert by_path.graded == ["alice"]
    by_name = grade([first, second], out, seed=23, regrade=["./alice.zip.zip"], **run)
    assert by_name.graded == ["alice.zip"]


def test_a_submission_path_typed_wrong_is_refused_naming_the_nearest(tmp_path):
    """`course grade submisions`: refused before anything is made, with the folder meant."""
    subs = _class(tmp_path / "submissions")
    with pytest.raises(UsageError, match=r"^no such submission: \S*submisions \(did you mean "
                                         r"\S*/submissions\?\)$"):
        grade([tmp_path / "submisions"], tmp_path / "grades", isolation=ISOLATION)
    with pytest.raises(UsageError, match=r"^no such submission: \S*/nothing-like-it$"):
        grade([subs / "nothing-like-it"], tmp_path / "grades", isolation=ISOLATION)
    assert not (tmp_path / "grades").exists()
