"""The gradebook against hostile submissions: text a CSV cannot hold, archives that break
while their manifest is read, and file names made to be read as another student's."""

import csv
import json
import os
import re
import stat
import struct
import tracemalloc
import zipfile
from pathlib import Path

import folder_sandboxes
import pytest

from course import engine
from course.grade import grade
from course.gradebook import CanvasName, Gradebook, read_roster, student_of, submission_time
from course.results import ExerciseResult, Report, TaskResult
from course.sandbox import Limits
from course.unpack import UnpackLimits, directory_bound
from course.workspace import atomic_write

STUB = "def predict_flags():\n    return {}\n"  # ex01 attempted, every answer wrong


def _grade(subs, out, **options):
    """`course grade --exercises ex01` over ``subs``, as the command runs it."""
    with open(os.devnull, "w") as quiet:
        return grade(sorted(subs), out, jobs=2, seed=3, limits=Limits(timeout=60),
                     progress=quiet, isolation=folder_sandboxes.ISOLATION,
                     exercises=["ex01"], **options)


def _learner(folder: Path, source: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "ex01_requires_grad.py").write_text(source)
    return folder


def _reference(folder: Path) -> Path:
    return _learner(folder, (engine.SOLUTIONS / "ex01_requires_grad.py").read_text())


def _table(path: Path) -> dict[str, dict[str, str]]:
    """gradebook.csv by student; read as strict UTF-8, as a spreadsheet would."""
    with open(path, newline="", encoding="utf-8", errors="strict") as f:
        rows = list(csv.DictReader(f))
    return {r["student"]: r for r in rows}


def _graded(out: Path, name: str, points: int, feedback: str = "", problem=None) -> None:
    """A results file as `course grade` writes it (json escapes a lone surrogate, and reads it
    back as one)."""
    status = "error" if feedback else "passed"
    tasks = [TaskResult("ex01.make_trainable", "t", points, 1, status, feedback)]
    report = Report([ExerciseResult("ex01", "Tensors", tasks)], 0, name, problem)
    (out / "results").mkdir(parents=True, exist_ok=True)
    (out / "results" / f"{name}.json").write_text(
        json.dumps({"extra_data": {"report": report.to_json(), "submitted_at": None}}))


# ---- A6: a lone surrogate in learner text ----------------------------------------------

def test_a_lone_surrogate_in_an_import_error_still_gets_a_gradebook(tmp_path):
    subs = [_reference(tmp_path / "alice"),
            _learner(tmp_path / "mallory", 'raise ValueError("\\ud800 lone surrogate")\n')]
    for _ in range(2):  # the re-run (nothing to grade again) rebuilds the gradebook too
        summary = _grade(subs, tmp_path / "out")
        body = _table(tmp_path / "out" / "gradebook.csv")
        assert set(body) == {"alice", "mallory"} and body["alice"]["total"] == "3"
        assert "lone surrogate" in body["mallory"]["problem"]
    assert summary.skipped == ["alice", "mallory"]


def test_every_learner_cell_is_cleaned_and_a_surrogate_never_stops_the_write(tmp_path):
    out = tmp_path / "out"
    _graded(out, "bob", 0, "importing failed: ValueError: \ud800\x1b]0;owned\x07 boom\nmore")
    _graded(out, "carol", 0, problem="could not be read (OSError: \udcff\r=cmd)")
    Gradebook("canvas").write(out)
    body = _table(out / "gradebook.csv")
    assert body["bob"]["problem"] == ("ex01.make_trainable: importing failed: ValueError: "
                                      "\ufffd boom")
    assert body["carol"]["problem"] == "could not be read (OSError: \ufffd =cmd)"
    atomic_write(tmp_path / "raw.txt", "a\ud800b")  # text no one cleaned is still written
    assert (tmp_path / "raw.txt").read_bytes() == b"a?b"


# ---- A1: an archive that breaks while its manifest is read -----------------------------

def _corrupt_manifest_zip(path: Path, method: int, at: int = 0) -> Path:
    """A submission whose manifest.json member's compressed stream is damaged ``at`` bytes in
    (zlib.error, lzma.LZMAError: what a decompressor raises is its own)."""
    with zipfile.ZipFile(path, "w", method) as zf:
        zf.writestr("exercises/ex01_requires_grad.py", STUB)
        zf.writestr("manifest.json", json.dumps({"time": "20261101T000000Z", "pad": "x" * 2000}))
        info = zf.getinfo("manifest.json")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + at
    data[start:start + 4] = b"\xff\xff\xff\xff"
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("method, at", [(zipfile.ZIP_DEFLATED, 0), (zipfile.ZIP_LZMA, 9)])
def test_a_damaged_manifest_is_no_manifest(tmp_path, method, at):
    bad = _corrupt_manifest_zip(tmp_path / "mallory-20261204T100000Z.zip", method, at)
    assert submission_time(bad) == "2026-12-04T10:00:00+00:00"  # the name's stamp


def test_a_damaged_manifest_is_that_submissions_problem_not_the_runs(tmp_path):
    bad = _corrupt_manifest_zip(tmp_path / "mallory-20261204T100000Z.zip", zipfile.ZIP_DEFLATED)
    summary = _grade([bad, _reference(tmp_path / "zed")], tmp_path / "out")
    body = _table(tmp_path / "out" / "gradebook.csv")
    assert body["zed"]["total"] == "3"
    assert body["mallory"]["status"] == "unreadable"
    assert "corrupt or truncated member 'manifest.json'" in body["mallory"]["problem"]
    assert "manifest.json" in summary.rejected["mallory-20261204T100000Z"]


# ---- A2: a directory too large to parse -------------------------------------------------

def _zip_with_manifest(path: Path, entries: int, comment_bytes: int = 0) -> Path:
    """A zip that zipfile reads, its manifest intact, whose directory holds ``entries``
    records of ``comment_bytes`` comment each."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"time": "20261101T000000Z"}))
        for i in range(entries - 1):
            info = zipfile.ZipInfo(f"f{i}")
            info.comment = b"c" * comment_bytes
            zf.writestr(info, b"")
    return path


def _directory_bytes(path: Path) -> int:
    return struct.unpack("<L", path.read_bytes()[-10:-6])[0]


def test_a_directory_over_unpackings_bound_is_never_parsed_for_the_manifest(tmp_path):
    limits = UnpackLimits()
    many = _zip_with_manifest(tmp_path / "many-20261204T100000Z.zip", limits.max_listed + 1)
    large = _zip_with_manifest(tmp_path / "large-20261204T100000Z.zip", 150, 10_000)
    assert _directory_bytes(large) > directory_bound(150, limits)
    for archive in (many, large):
        # zipfile would read the manifest's 1 November; the bound leaves the name's stamp.
        assert submission_time(archive) == "2026-12-04T10:00:00+00:00"
    # The bound is the run's: where unpacking takes more files, so does the manifest.
    assert submission_time(many, UnpackLimits(max_listed=6000)) == "2026-11-01T00:00:00+00:00"


def test_a_folders_manifest_is_read_capped(tmp_path):
    folder = _learner(tmp_path / "alice-20261204T100000Z", STUB)
    with open(folder / "manifest.json", "wb") as f:
        f.truncate(1 << 30)  # 1 GiB, sparse: a read of all of it would hold it in memory
    tracemalloc.start()
    try:
        assert submission_time(folder) == "2026-12-04T10:00:00+00:00"
        assert tracemalloc.get_traced_memory()[1] < 1 << 20
    finally:
        tracemalloc.stop()
    os.unlink(folder / "manifest.json")
    os.mkfifo(folder / "manifest.json")  # never waited on
    assert submission_time(folder) == "2026-12-04T10:00:00+00:00"
    assert stat.S_ISFIFO(os.stat(folder / "manifest.json").st_mode)


# ---- A3, A4, A5: whose submission a file name says it is --------------------------------

def canvas_name(sortable: str, user_id: int, file_id: int, original: str) -> str:
    """The name Canvas's "Download Submissions" gives a file (its ContentZipper:
    sanitize_user_name, then sanitize_file_name, then add_upload_submission)."""
    user = re.sub(r"_(\d+)_", r"\1", sortable)
    user = re.sub(r"[^\w]", "", f"{user}_{user_id}").lower()
    return f"{user}_{file_id}_{original}"


ROSTER = ("Student,ID,SIS User ID,SIS Login ID,Section\n"
          '"Smith, Alice",1001,2002,asmith,A\n'
          '"Mallory, X",2002,3003,mallory,A\n'
          '"Müller, Jan",1003,4004,jmuller,A\n')


def _book(tmp_path: Path) -> Gradebook:
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    return Gradebook("canvas", read_roster(tmp_path / "roster.csv"))


def test_a_sortable_name_holding_another_students_id_credits_no_one(tmp_path):
    subs = tmp_path / "subs"
    mallory = canvas_name("x__1001__99999999", 2002, 5001, "sub")
    assert mallory == "x_1001_99999999_2002_5001_sub"
    _reference(subs / canvas_name("Smith, Alice", 1001, 5000, "sub"))
    _learner(subs / mallory, STUB)
    book = _book(tmp_path)
    _grade(list(subs.iterdir()), tmp_path / "out", gradebook=book)
    body = _table(tmp_path / "out" / "gradebook.csv")
    assert body["Smith, Alice"]["total"] == "3" and body["Smith, Alice"]["submissions"] == "1"
    assert body["Mallory, X"]["status"] == "missing"
    assert body[mallory]["status"] == "ambiguous"
    assert "Smith, Alice (ID 1001" in body[mallory]["problem"]
    assert [w for w in book.warnings if w.startswith(mallory)]
    canvas = {r[0]: r for r in csv.reader(
        (tmp_path / "out" / "canvas.csv").read_text().splitlines())}
    assert canvas["Smith, Alice"][5] == "3" and mallory not in canvas


def test_a_name_that_reads_as_several_users_counts_for_no_one_whatever_the_roster(tmp_path):
    """With a roster, the one reading whose user was on it used to decide: a learner off the
    roster (enrolled after the export, a test student) who named a file `x_1001_99999999_y`
    replaced Alice's counted submission with it, without a warning (a fourth red team's).
    A name that reads as several users is ambiguous, with a roster or without."""
    out = tmp_path / "out"
    own = canvas_name("x__555__99999999", 2002, 5001, "sub")
    assert [r.user_id for r in CanvasName.readings(own)] == ["555", "99999999", "2002"]
    _graded(out, own, 1)
    Gradebook("csv").write(out)
    assert _table(out / "gradebook.csv")[own]["status"] == "ambiguous"
    _graded(out, canvas_name("Smith, Alice", 1001, 5000, "sub"), 1)
    stranger = canvas_name("Test, Student", 3001, 600, "x_1001_99999999_y")
    assert [r.user_id for r in CanvasName.readings(stranger)] == ["3001", "1001"]
    _graded(out, stranger, 0)
    book = _book(tmp_path)
    book.write(out)
    body = _table(out / "gradebook.csv")
    assert body["Smith, Alice"]["ex01"] == "1" and body["Smith, Alice"]["submissions"] == "1"
    assert body[own]["status"] == body[stranger]["status"] == "ambiguous"
    assert body["Mallory, X"]["status"] == "missing"


def test_an_honest_file_name_with_numbers_counts_for_its_uploader(tmp_path):
    """`hw_3_2_final.zip` or `hw1_2026_12_04.zip` make Canvas's name read as a second user
    (3, 2026): still counted for the one roster student whose sortable name it starts with,
    when it is their only file, with a warning."""
    out = tmp_path / "out"
    for original in ("hw_3_2_final", "hw1_2026_12_04"):
        name = canvas_name("Müller, Jan", 1003, 5003, original)
        assert len(CanvasName.readings(name)) == 2
        _graded(out, name, 1)
        book = _book(tmp_path)
        book.write(out)
        row = _table(out / "gradebook.csv")["Müller, Jan"]
        assert (row["status"], row["submission"], row["ex01"]) == ("submitted", name, "1")
        assert any("counted for Müller, Jan" in w and "check its uploader" in w
                   for w in book.warnings)
        (out / "results" / f"{name}.json").unlink()


def test_another_users_file_named_after_a_student_never_outranks_theirs(tmp_path):
    """A Canvas user missing from the roster, whose sortable name is `Smith, Alice__1001__
    99999`, uploads stubs: Canvas names the file `smithalice_1001_99999_3001_777_hw`, which
    reads as Alice's with a newer file ID than her own (a sixth red team's: her 31 became 0).
    A file that reads as other users too never counts over one that reads as hers alone."""
    out = tmp_path / "out"
    alice = canvas_name("Smith, Alice", 1001, 555, "hw")
    forged = canvas_name("Smith, Alice__1001__99999", 3001, 777, "hw")
    assert forged == "smithalice_1001_99999_3001_777_hw"
    _graded(out, alice, 1)
    _graded(out, forged, 0)
    _book(tmp_path).write(out)
    body = _table(out / "gradebook.csv")
    assert (body["Smith, Alice"]["submission"], body["Smith, Alice"]["ex01"]) == (alice, "1")
    assert body[forged]["status"] == "ambiguous"


def test_a_late_mark_is_kept_whatever_the_sortable_name_says(tmp_path):
    """A learner who renamed herself `x_3001_600_y` made Canvas's name for her late file read
    first as on time (sortable name `x`, file `y_LATE_3001_600_submission`)."""
    late = "x_3001_600_y_LATE_3001_600_submission"
    (reading,) = CanvasName.readings(late)
    assert reading.late and reading.original == "submission"


def test_canvas_names_match_the_id_column_only(tmp_path):
    """Alice's SIS User ID is Mallory's Canvas ID: Mallory's file is still Mallory's."""
    out = tmp_path / "out"
    _graded(out, canvas_name("Smith, Alice", 1001, 5000, "ex"), 1)
    _graded(out, canvas_name("Mallory, X", 2002, 5001, "ex"), 0)
    book = _book(tmp_path)
    book.write(out)
    body = _table(out / "gradebook.csv")
    assert (body["Smith, Alice"]["ex01"], body["Smith, Alice"]["submissions"]) == ("1", "1")
    assert (body["Mallory, X"]["ex01"], body["Mallory, X"]["submissions"]) == ("0", "1")
    assert book.warnings == []


def test_a_name_that_fits_two_students_is_named_and_counts_for_neither(tmp_path):
    out = tmp_path / "out"
    _graded(out, "2002-20261130T100000Z", 1)  # Alice's SIS User ID, and Mallory's ID
    book = _book(tmp_path)
    book.write(out)
    body = _table(out / "gradebook.csv")
    assert body["Smith, Alice"]["status"] == body["Mallory, X"]["status"] == "missing"
    row = body["2002-20261130T100000Z"]
    assert row["status"] == "ambiguous"
    assert "Smith, Alice (ID 1001" in row["problem"] and "Mallory, X (ID 2002" in row["problem"]
    assert len(book.warnings) == 1 and "counted for no one" in book.warnings[0]


def test_a_sortable_name_in_any_script_is_read(tmp_path):
    out = tmp_path / "out"
    name = canvas_name("Müller, Jan", 1003, 5002, "jan-20261130T100000Z")
    assert name == "müllerjan_1003_5002_jan-20261130T100000Z"
    assert CanvasName.of(name) == CanvasName("1003", 5002, False, "jan-20261130T100000Z")
    assert student_of(name) == "jan"
    _graded(out, name, 1)
    book = _book(tmp_path)
    book.write(out)
    assert _table(out / "gradebook.csv")["Müller, Jan"]["ex01"] == "1"
    assert book.warnings == []


def test_canvass_late_mark_is_one_reading_of_the_file():
    late = CanvasName.readings("smithhank_LATE_48213_990200_hank.zip")
    assert late == [CanvasName("48213", 990200, True, "hank.zip")]
