"""Gradescope's "Export Submissions" download graded: ``submission_<id>/`` folders and the
``submission_metadata.yml`` beside them, whose submitters and times place each submission on
the roster; and that file read strictly, its bad parts warnings, never a crash."""

import csv
import json
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from folder_sandboxes import ISOLATION

from course import engine
from course.errors import UsageError
from course.grade import grade
from course.gradebook import Gradebook, parse_deadline, read_roster
from course.gradescope_export import (
    MAX_BYTES,
    METADATA,
    Submitter,
    read_metadata,
    read_metadata_text,
)
from course.results import ExerciseResult, Report, TaskResult
from course.sanitize import one_line

RIGHT = (engine.SOLUTIONS / "ex01_requires_grad.py").read_text()
WRONG = RIGHT.replace("float32", "float64")

# As Gradescope writes it (the layout of otter-grader's sample exports, which are real ones),
# with a programming assignment's :results: and :history: that the reader must step over.
METADATA_TEXT = """\
---
submission_101:
  :submitters:
  - :name: Ada Lovelace
    :email: ada@uni.edu
    :sid: '1815'
    section_name: sec-001
  :created_at: 2026-12-04 09:00:00.123456000 Z
  :score: 1.0
  :results: !ruby/hash:ActiveSupport::HashWithIndifferentAccess
    score: 1.0
    tests:
    - name: 'ex01: ok'
      output: |
        - :name: Mallory
        :sid: '666'
  :history:
  - :created_at: 2026-12-03 09:00:00.000000000 Z
    :score: 0.0
submission_102:
  :submitters:
  - :name: Bob Babbage
    :email: bob@uni.edu
    :sid: '1791'
  - :name: Cy Countess
    :email: cy@uni.edu
    :sid: '1852'
  :created_at: 2026-12-04 10:30:00.000000000 Z
  :score: 0.0
submission_103:
  :submitters:
  - :name: "Eve\\e[2J\\x07 Stranger"
    :email: eve@elsewhere.edu
    :sid: '9999'
  :created_at: 2026-12-04 09:30:00.000000000 Z
submission_999:
  :submitters:
  - :name: Gone Student
    :sid: '1'
  :created_at: 2026-12-04 09:30:00.000000000 Z
"""

ROSTER = """Student,ID,SIS User ID,SIS Login ID,Section
"Lovelace, Ada",2001,1815,ada,S1
"Babbage, Bob",2002,1791,bob,S1
"Countess, Cy",2003,1852,cy,S1
"Missing, Max",2004,1000,max,S1
"""


def _export(folder: Path) -> Path:
    """An export as unzipped: three submission folders and the metadata (which also lists
    a folder that is not there)."""
    for name, source in (("submission_101", RIGHT), ("submission_102", WRONG),
                         ("submission_103", RIGHT)):
        (folder / name).mkdir(parents=True)
        (folder / name / "ex01_requires_grad.py").write_text(source)
    (folder / METADATA).write_text(METADATA_TEXT)
    return folder


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return {row["student"]: row for row in csv.DictReader(f)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gradescope")
    export, out, log = _export(tmp / "export"), tmp / "grades", tmp / "terminal.txt"
    (tmp / "roster.csv").write_text(ROSTER)
    book = Gradebook("canvas", read_roster(tmp / "roster.csv"),
                     deadline=parse_deadline("2026-12-04T10:00Z"))
    with open(log, "w") as terminal:
        summary = grade([export], out, jobs=1, seed=11, progress=terminal,
                        isolation=ISOLATION, gradebook=book, exercises=["ex01"])
    return {"out": out, "summary": summary, "book": book, "log": log.read_text()}


def test_the_export_folder_grades_its_submission_folders(graded):
    assert sorted(graded["summary"].graded) == ["submission_101", "submission_102",
                                                "submission_103"]
    assert "Gradescope's export" in graded["log"]


def test_each_submission_counts_for_its_submitters_on_the_roster(graded):
    rows = _rows(graded["out"] / "gradebook.csv")
    ada = rows["Lovelace, Ada"]
    assert (ada["submission"], ada["ex01"], ada["status"]) == ("submission_101", "3", "on time")
    # Gradescope's receipt time, not the learner's clock
    assert ada["submitted_at"] == "2026-12-04T09:00:00.123456+00:00"
    # a group submission: each member's row, late for both
    for student in ("Babbage, Bob", "Countess, Cy"):
        row = rows[student]
        assert (row["submission"], row["status"]) == ("submission_102", "late by 0h30m")
    assert rows["Missing, Max"]["status"] == "missing"
    with open(graded["out"] / "canvas.csv", newline="", encoding="utf-8") as f:
        ids = [row["ID"] for row in csv.DictReader(f)][1:]
    assert ids == ["2001", "2002", "2003", "2004"]


def test_a_submitter_off_the_roster_is_named_cleanly_and_the_absent_folder_told(graded):
    rows = _rows(graded["out"] / "gradebook.csv")
    eve = one_line("Eve\x1b[2J\x07 Stranger")  # (the sanitiser's: no escape, no bell)
    assert "\x1b" not in eve and "\x07" not in eve
    assert rows[eve]["submission"] == "submission_103"
    assert (rows[eve]["status"], rows[eve]["ex01"]) == ("on time", "3")
    warnings = "\n".join(graded["book"].warnings)
    assert f"{eve}: submitted but not on the roster" in warnings
    assert "manifest" not in warnings
    log = graded["log"]
    assert "held control characters" in log
    assert "lists 1 folder(s) not in" in log and "submission_999" in log


def test_without_metadata_the_folders_are_named_by_folder(tmp_path):
    export = _export(tmp_path / "export")
    (export / METADATA).unlink()
    out = tmp_path / "grades"
    grade(sorted(export.iterdir()), out, jobs=1, seed=11, progress=open("/dev/null", "w"),
          isolation=ISOLATION, exercises=["ex01"])
    assert set(_rows(out / "gradebook.csv")) == {"submission_101", "submission_102",
                                                "submission_103"}


def test_its_folders_given_one_by_one_are_placed_too_and_the_zip_is_refused(tmp_path):
    export = _export(tmp_path / "export")
    (tmp_path / "roster.csv").write_text(ROSTER)
    out = tmp_path / "grades"
    with open(tmp_path / "terminal.txt", "w") as terminal:
        grade(sorted(export.glob("submission_*")), out, jobs=1, seed=11, progress=terminal,
              isolation=ISOLATION, exercises=["ex01"],
              gradebook=Gradebook("csv", read_roster(tmp_path / "roster.csv")))
    rows = _rows(out / "gradebook.csv")
    assert rows["Countess, Cy"]["submission"] == "submission_102"
    assert "submission_999" in (tmp_path / "terminal.txt").read_text()
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as zf:
        zf.writestr(f"export/{METADATA}", METADATA_TEXT)
        zf.writestr("export/submission_101/ex01_requires_grad.py", RIGHT)
    with pytest.raises(UsageError, match="unzip it and give the folder"):
        grade([tmp_path / "export.zip"], tmp_path / "g2", isolation=ISOLATION,
              exercises=["ex01"])


def test_the_export_folder_among_other_paths_is_refused_with_the_commands_that_work(tmp_path):
    # (graded as one submission, the class's export scored 0 for a name no roster holds)
    export = _export(tmp_path / "export")
    (tmp_path / "s01").mkdir()
    (tmp_path / "s01" / "ex01_requires_grad.py").write_text(RIGHT)
    out = tmp_path / "grades"
    with pytest.raises(UsageError) as refused:
        grade([tmp_path / "s01", export], out, jobs=1, seed=11, isolation=ISOLATION,
              exercises=["ex01"])
    assert f"{export} holds {METADATA}" in str(refused.value)
    assert f"course grade {export / 'submission_*'} ..." in str(refused.value)
    assert not out.exists()  # refused before anything was graded
    # what it says to give: its folders, placed by the metadata, beside the other path; as
    # export/* gives them, the metadata among them is read for them, not "skipped"
    (tmp_path / "roster.csv").write_text(ROSTER)
    with open(tmp_path / "terminal.txt", "w") as terminal:
        summary = grade([*sorted(export.iterdir()), tmp_path / "s01"], out, jobs=1, seed=11,
                        progress=terminal, isolation=ISOLATION, exercises=["ex01"],
                        gradebook=Gradebook("csv", read_roster(tmp_path / "roster.csv")))
    rows = _rows(out / "gradebook.csv")
    assert rows["Lovelace, Ada"]["submission"] == "submission_101"
    assert rows["s01"]["ex01"] == "3"
    assert summary.ignored == {}
    assert "skipped" not in (tmp_path / "terminal.txt").read_text()


def test_an_uploaded_zip_gradescope_left_unpacked_is_graded_as_its_autograder_grades_it(
        tmp_path):
    # The zip `course submit` wrote, uploaded as it is: Gradescope's autograder grades it
    # (course.upload), and graded as the folder it scored 0, "no exercise files".
    export = _export(tmp_path / "export")
    folder = export / "submission_101"
    (folder / "ex01_requires_grad.py").unlink()
    with zipfile.ZipFile(folder / "ada-20261204T085900Z.zip", "w") as zf:
        zf.writestr("exercises/ex01_requires_grad.py", RIGHT)
        zf.writestr("manifest.json", json.dumps({"name": "ada", "time": "20261204T085900Z"}))
    (folder / "notes.txt").write_text("my notes\n")
    (tmp_path / "roster.csv").write_text(ROSTER)
    out = tmp_path / "grades"
    grade([export], out, jobs=1, seed=11, progress=open("/dev/null", "w"),
          isolation=ISOLATION, exercises=["ex01"],
          gradebook=Gradebook("csv", read_roster(tmp_path / "roster.csv"),
                              deadline=parse_deadline("2026-12-04T10:00Z")))
    ada = _rows(out / "gradebook.csv")["Lovelace, Ada"]
    assert (ada["submission"], ada["ex01"], ada["problem"]) == ("submission_101", "3", "")
    # (still Gradescope's receipt time, not the zip's clock)
    assert ada["submitted_at"] == "2026-12-04T09:00:00.123456+00:00"


def _result(out: Path, name: str, submitters: list[dict[str, str]]) -> None:
    """A results file as `course grade` writes it of a Gradescope export's folder."""
    tasks = [TaskResult("ex01.make_trainable", "t", 1, 1, "passed", "")]
    report = Report([ExerciseResult("ex01", "Tensors", tasks)], 0, name)
    (out / "results").mkdir(parents=True, exist_ok=True)
    (out / "results" / f"{name}.json").write_text(json.dumps({"extra_data": {
        "report": report.to_json(), "submitted_at": "2026-12-04T09:00:00+00:00",
        "submitters": submitters}}))


def test_a_submitter_is_matched_by_sid_then_email_then_name(tmp_path):
    (tmp_path / "roster.csv").write_text(
        "Student,ID,SIS User ID,SIS Login ID\n"
        '"Lovelace, Ada",1815,A1,ada\n'  # Canvas's ID holds another student's SID
        '"Babbage, Bob",2002,1815,bob\n'
        '"Countess, Cy",2003,C3,cy\n'
        '"Twin, Tom",2004,T1,tom1\n"Twin, Tom",2005,T2,tom2\n')
    _result(tmp_path, "submission_1", [{"name": "Ada Lovelace", "email": "", "sid": "1815"}])
    _result(tmp_path, "submission_2", [{"name": "X", "email": "cy@uni.edu", "sid": "?"}])
    _result(tmp_path, "submission_3", [{"name": "Tom Twin", "email": "", "sid": ""}])
    _result(tmp_path, "submission_4", [{"name": "Ada Lovelace", "email": "", "sid": ""}])
    book = Gradebook("csv", read_roster(tmp_path / "roster.csv"))
    book.write(tmp_path)
    with open(tmp_path / "gradebook.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    placed = {(row["student"], row["submission"], row["status"]) for row in rows}
    assert ("Babbage, Bob", "submission_1", "submitted") in placed  # SID, not Canvas's ID
    assert ("Countess, Cy", "submission_2", "submitted") in placed  # the email's login
    assert ("Lovelace, Ada", "submission_4", "submitted") in placed  # "Lovelace, Ada"
    assert ("submission_3", "submission_3", "ambiguous") in placed  # two Tom Twins
    assert any("Tom Twin fits Twin, Tom (ID 2004" in w for w in book.warnings)


def test_the_reader_takes_what_gradescope_writes():
    export = read_metadata_text(METADATA_TEXT)
    assert export.submissions["submission_101"].submitters == (
        Submitter("Ada Lovelace", "ada@uni.edu", "1815"),)  # not the :results: text's Mallory
    assert export.submissions["submission_101"].created_at == datetime(
        2026, 12, 4, 9, 0, 0, 123456, tzinfo=timezone.utc)
    assert len(export.submissions["submission_102"].submitters) == 2
    # a long name Ruby folds over two lines; a time with an offset
    folded = read_metadata_text(
        "submission_1:\n  :submitters:\n  - :name: 'Ann Long\n      Name'\n"
        "  :created_at: 2026-12-04 03:00:00.5 -07:00\n")
    one = folded.submissions["submission_1"]
    assert one.submitters[0].name == "Ann Long Name"
    assert one.created_at == datetime(2026, 12, 4, 10, 0, 0, 500000, tzinfo=timezone.utc)


# PyYAML's yaml.dump(..., indent=4) of a Gradescope export: an instructor's script that
# re-saved the file. Every key four spaces in, a submitter's keys four past the "-".
FOUR_SPACES = """\
submission_1:
    :submitters:
    -   :name: Ada Lovelace
        :email: ada@uni.edu
        :sid: '1815'
    -   :name: 'Bob
            Babbage'
        :sid: '1791'
    :created_at: '2026-12-04 09:00:00.000000000 Z'
    :results:
        tests:
        -   name: x
            output: '- :name: Mallory

                :sid: ''666''

                '
submission_2:
    :submitters:
    - :name: Cy
    :created_at: 2026-12-04 10:00:00 Z
"""


def test_the_reader_follows_the_indent_the_file_uses():
    export = read_metadata_text(FOUR_SPACES)
    assert export.warnings == []
    one = export.submissions["submission_1"]
    assert one.submitters == (Submitter("Ada Lovelace", "ada@uni.edu", "1815"),
                              Submitter("Bob Babbage", "", "1791"))  # (not Mallory)
    assert one.created_at == datetime(2026, 12, 4, 9, 0, tzinfo=timezone.utc)
    assert export.submissions["submission_2"].submitters == (Submitter("Cy"),)
    # one file, one indent: a submission whose keys are nearer the margin than the first's
    mixed = read_metadata_text(FOUR_SPACES + "submission_3:\n  :submitters:\n  - :name: Di\n")
    assert "submission_3" not in mixed.submissions
    assert any("submission_3's keys are 2 spaces in, the first submission's 4" in warning
               for warning in mixed.warnings), mixed.warnings
    assert mixed.submissions["submission_2"].submitters == (Submitter("Cy"),)


@pytest.mark.parametrize("text, says", [
    ("submission_1:\n  :submitters: Ada\n", ":submitters: is not a list"),
    ("submission_1:\n  :submitters:\n  - :name: !ruby/object x\n", "not a text"),
    ("submission_1:\n  :created_at: soon\n", "is no time"),
    ("submission_1:\n  :submitters:\n  - :name: \"Ada\n", "no closing"),
    ("submission_1:\n  :submitters:\n  - :name: \"\\ud800\"\n", "bad \\u escape"),
    ("../../etc:\n  :submitters: []\n", "is no folder name"),
    ("submission_1:\n\t:submitters:\n", "a tab indents it"),
    ("- a\n- b\n", "not a key and value"),
    ("submission_1:\n  :created_at: 2026-12-04 09:00:00 Z\n", "no :submitters: list found"),
    # keys further in than the first submission's: not read as its keys
    ("submission_0:\n  :submitters: []\nsubmission_1:\n      :submitters:\n      - :name: A\n",
     "submission_1: no :submitters: list found 2 spaces in"),
    ("submission_1:\n  :submitters:\n" + "  - :sid: '1'\n" * 51, "at most 50"),
])
def test_bad_metadata_is_a_warning_and_the_rest_is_read(text, says):
    export = read_metadata_text(text + "submission_2:\n  :submitters:\n  - :name: Bo\n")
    assert any(says in warning for warning in export.warnings), export.warnings
    if not text.startswith("submission_1:\n\t"):  # (a tab: the file is not read at all)
        assert export.submissions["submission_2"].submitters == (Submitter("Bo"),)


def test_many_bad_parts_are_told_in_a_few_lines():
    export = read_metadata_text("".join(f"s{i}:\n  :created_at: never\n" for i in range(500)))
    assert len(export.warnings) == 21
    assert export.warnings[-1] == f"{METADATA}: 480 more warning(s) like these"


def test_a_huge_or_undecodable_file_is_not_read(tmp_path):
    with open(tmp_path / METADATA, "wb") as f:
        f.truncate(MAX_BYTES + 1)
    assert "not read" in read_metadata(tmp_path).warnings[0]
    (tmp_path / METADATA).write_bytes(b"submission_1:\n  :submitters:\n  - :name: \xff\n")
    assert "not UTF-8" in read_metadata(tmp_path).warnings[0]
    (tmp_path / METADATA).unlink()
    (tmp_path / METADATA).symlink_to(tmp_path / "elsewhere.yml")
    assert read_metadata(tmp_path) is None  # never through a link


def test_one_login_and_two_domains_place_neither_submitter(tmp_path):
    # A roster of bare logins matches an email by its part before the @: ada@uni.edu and
    # ada@gmail.com are two people (one not on the roster) who both fit "ada", and either's
    # submission counted for her could be the one that counts.
    (tmp_path / "roster.csv").write_text(
        "Student,ID,SIS User ID,SIS Login ID\n"
        '"Lovelace, Ada",1001,A1,ada\n"Babbage, Bob",1002,B2,bob\n')
    _result(tmp_path, "submission_1", [{"name": "A", "email": "ada@uni.edu", "sid": ""}])
    _result(tmp_path, "submission_2", [{"name": "B", "email": "ada@gmail.com", "sid": ""}])
    _result(tmp_path, "submission_3", [{"name": "C", "email": "bob@gmail.com", "sid": ""}])
    book = Gradebook("csv", read_roster(tmp_path / "roster.csv"))
    book.write(tmp_path)
    rows = _rows(tmp_path / "gradebook.csv")
    assert rows["Lovelace, Ada"]["status"] == "missing"
    assert rows["submission_1"]["status"] == rows["submission_2"]["status"] == "ambiguous"
    assert "ada@gmail.com and ada@uni.edu each fit Lovelace, Ada" in rows["submission_1"]["problem"]
    assert rows["Babbage, Bob"]["submission"] == "submission_3"  # one address: unambiguous


def test_full_addresses_on_the_roster_tell_two_domains_apart(tmp_path):
    # With full addresses (as SIS Login ID, or an Email column such as Moodle's worksheet
    # has), the domain counts: same local part, two students, no confusion.
    (tmp_path / "roster.csv").write_text(
        "Student,SIS Login ID,Email address\n"
        '"Lovelace, Ada",ada@uni.edu,\n"Other, Ada",a2,ada@gmail.com\n"Babbage, Bob",bob,\n')
    _result(tmp_path, "submission_1", [{"name": "A", "email": "ada@uni.edu", "sid": ""}])
    _result(tmp_path, "submission_2", [{"name": "B", "email": "ada@gmail.com", "sid": ""}])
    _result(tmp_path, "submission_3", [{"name": "C", "email": "ada@elsewhere.org", "sid": ""}])
    book = Gradebook("csv", read_roster(tmp_path / "roster.csv"))
    book.write(tmp_path)
    rows = _rows(tmp_path / "gradebook.csv")
    assert rows["Lovelace, Ada"]["submission"] == "submission_1"
    assert rows["Other, Ada"]["submission"] == "submission_2"
    assert rows["C"]["status"] == "submitted"  # fits no one: a row of their own
    assert "not on the roster" in " ".join(book.warnings)
