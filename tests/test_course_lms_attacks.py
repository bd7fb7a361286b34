"""A thirteenth red team's attacks, each a real submission graded by the real `course grade`:
a Gradescope account named as a classmate, whose later submission took the classmate's row
and grade without a word; and learner code that read the class's submission paths (its
students' names) out of its own process, where the grader had sent them to be checked."""

from __future__ import annotations

import csv
import os
import secrets
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from folder_sandboxes import ISOLATION

from course import engine
from course.grade import grade
from course.gradebook import Gradebook, read_roster
from course.gradescope_export import METADATA, read_metadata
from course.sandbox import Limits
from course.unpack import UnpackLimits
from course.uploaded_files import gather

EX01 = "ex01_requires_grad.py"
RIGHT = (engine.SOLUTIONS / EX01).read_text()
WRONG = RIGHT.replace("float32", "float64")  # make_trainable's dtype: 2 of 3


def _grade(subs: list[Path], out: Path, **options) -> None:
    """`course grade --exercises ex01 --timeout 10` over ``subs``, within two minutes."""
    start = time.monotonic()
    with open(os.devnull, "w") as quiet:
        grade(subs, out, jobs=1, seed=5, limits=Limits(timeout=10), progress=quiet,
              isolation=ISOLATION, exercises=["ex01"], **options)
    assert time.monotonic() - start < 120


def _rows(out: Path) -> dict[str, dict[str, str]]:
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as f:
        return {row["student"]: row for row in csv.DictReader(f)}


# Ada's submission, then Mallory's, from an account she named "Ada Lovelace" (Gradescope's
# name is the student's to edit; its email, a personal one here, is no roster's).
METADATA_TEXT = """\
submission_101:
  :submitters:
  - :name: Ada Lovelace
    :email: ada@uni.edu
    :sid: '1815'
  :created_at: 2026-12-04 09:00:00.000000000 Z
submission_102:
  :submitters:
  - :name: Ada Lovelace
    :email: mallory.personal@example.com
    :sid: ''
  :created_at: 2026-12-04 09:30:00.000000000 Z
"""


def test_a_gradescope_account_named_as_a_classmate_takes_neither_row_nor_grade(tmp_path):
    """Ada fits her roster row by her email's login, Mallory's account by the name alone:
    the later submission counted, and Ada's row showed Mallory's 2 of 3 with no warning."""
    export = tmp_path / "export"
    for name, source in (("submission_101", RIGHT), ("submission_102", WRONG)):
        (export / name).mkdir(parents=True)
        (export / name / EX01).write_text(source)
    (export / METADATA).write_text(METADATA_TEXT)
    (tmp_path / "roster.csv").write_text("Student,ID,SIS User ID,SIS Login ID,Section\n"
                                         '"Lovelace, Ada",2001,,ada,S1\n'
                                         '"Smith, Mallory",2002,,msmith,S1\n')
    book = Gradebook("csv", read_roster(tmp_path / "roster.csv"))
    _grade([export], tmp_path / "out", gradebook=book)
    rows = _rows(tmp_path / "out")
    ada = rows["Lovelace, Ada"]
    assert (ada["submission"], ada["total"], ada["submissions"]) == ("submission_101", "3", "1")
    mallory = rows["submission_102"]
    assert mallory["status"] == "ambiguous" and "this one by name" in mallory["problem"], mallory
    assert any("submission_102: counted for no one" in w for w in book.warnings)


def test_two_accounts_that_fit_one_student_equally_count_for_no_one(tmp_path):
    """A SID typed at enrolment as another's fits as closely as the student's own: neither
    of the two submissions is that student's until the instructor says which is."""
    export = tmp_path / "export"
    for name, source in (("submission_1", RIGHT), ("submission_2", WRONG)):
        (export / name).mkdir(parents=True)
        (export / name / EX01).write_text(source)
    (export / METADATA).write_text(
        METADATA_TEXT.replace("_101", "_1").replace("_102", "_2")
        .replace(":sid: ''", ":sid: '1815'"))
    (tmp_path / "roster.csv").write_text("Student,SIS User ID\n\"Lovelace, Ada\",1815\n")
    book = Gradebook("csv", read_roster(tmp_path / "roster.csv"))
    _grade([export], tmp_path / "out", gradebook=book)
    rows = _rows(tmp_path / "out")
    assert rows["Lovelace, Ada"]["status"] == "missing"
    for name in ("submission_1", "submission_2"):
        assert rows[name]["status"] == "ambiguous", rows[name]
        assert "another as closely" in rows[name]["problem"]
    # Without a roster, two people, two rows (one SID no longer merges them)
    _grade([export], tmp_path / "alone")
    with open(tmp_path / "alone" / "gradebook.csv", newline="", encoding="utf-8") as f:
        assert sorted(row["submission"] for row in csv.DictReader(f)) == [
            "submission_1", "submission_2"]


# What learner code finds of the class in its own process: among its objects, and in its
# memory as a determined learner reads it (the heap and anonymous mappings, through ctypes).
# It knows no classmate's name, so it reports whatever looks like a submission's path.
SNOOP = '''
import ctypes, gc


def predict_flags():
    found = set()
    for o in gc.get_objects():
        for v in (o.values() if type(o) is dict else o if type(o) in (list, tuple) else ()):
            if type(v) is str and v.endswith(".zip"):
                found.add(v[-80:])
    for line in open("/proc/self/maps"):
        f = line.split()
        a, b = (int(x, 16) for x in f[0].split("-"))
        if f[1].startswith("rw") and (len(f) < 6 or f[5] == "[heap]") and b - a < 64 << 20:
            data = ctypes.string_at(a, b - a)
            at = data.find(b".zip")
            while at >= 0 and len(found) < 50:
                found.add(data[max(0, at - 80):at + 4].decode(errors="replace"))
                at = data.find(b".zip", at + 1)
    print("FOUND", *sorted(found), sep="\\n")
    return {}
'''


def _zip(path: Path, source: str) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"exercises/{EX01}", source)
    return path


@pytest.mark.skipif(not ISOLATION.sandboxed, reason="without a sandbox nothing is kept from "
                                                     "learner code")
def test_learner_code_finds_no_classmates_name_in_its_process(tmp_path):
    """`course grade class/*.zip` sent every submission's path to each sandbox, to check
    that learner code could not read it, and the zygote every job is a fork of kept them:
    a red team's code printed the whole class's file names (Canvas's `<name>_<user id>_...`)
    into its own feedback. Only a short-lived fork of it reads them now."""
    token = secrets.token_hex(8)  # in a classmate's name: no code can know it
    folder = tmp_path / "class"
    folder.mkdir()
    subs = [_zip(folder / f"smithjane{token}_1001_55_hw.zip", RIGHT),
            _zip(folder / "mallory_1003_57_hw.zip", SNOOP)]
    _grade(subs, tmp_path / "out")
    feedback = (tmp_path / "out" / "feedback" / "mallory_1003_57_hw.md").read_text()
    assert "FOUND" in feedback, feedback  # (it ran, and looked)
    assert token not in feedback and "mallory_1003_57_hw.zip" not in feedback, feedback
    assert _rows(tmp_path / "out")[f"smithjane{token} (1001)"]["total"] == "3"
    shutil.rmtree(tmp_path / "out")


def test_a_learners_many_uploads_are_copied_no_further_than_unpacking_reads(tmp_path):
    """Canvas's download of exercise files uploaded one by one is gathered into a folder per
    learner, copied in full: 300 uploads of 1 MB took 300 MB of the grader's scratch space
    (more than 8 MB, unpacking refuses the folder anyway). Now the copy stops at the limits
    unpacking holds every submission to, and the refusal is the same."""
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / f"smithjane_1001_401_{EX01}").write_text(RIGHT)
    blob = b"#" * ((1 << 20) - 10)
    for i in range(40):
        (folder / f"mallory_1003_{500 + i}_ex01_part{i}.py").write_bytes(blob)
    limits = UnpackLimits()
    told: list[str] = []
    gathered = gather(sorted(folder.iterdir()), tmp_path / "uploads", told.append, limits)
    mallory = next(p for p in gathered if "_1003_" in p.name)
    copied = [p.stat().st_size for p in (mallory / "exercises").iterdir()]
    assert sum(copied) <= limits.max_total_bytes + limits.max_file_bytes, sum(copied)
    _grade([folder], tmp_path / "out")
    rows = _rows(tmp_path / "out")
    assert rows["smithjane (1001)"]["total"] == "3"
    assert "bytes in total" in rows["mallory (1003)"]["problem"], rows["mallory (1003)"]


# Planted by Mallory beside the folders of a drop folder: Gradescope's word, as it reads, that
# Alice's folder is Mallory's submission and Mallory's is Alice's, both on time.
SWAPPED = """\
alice:
  :submitters:
  - :name: Mallory Smith
    :email: msmith@uni.edu
  :created_at: 2026-12-04 09:00:00.000000000 Z
mallory:
  :submitters:
  - :name: Alice Liddell
    :email: aliddell@uni.edu
  :created_at: 2026-12-04 09:00:00.000000000 Z
"""


@pytest.mark.parametrize("planted", ["in a drop folder", "by another user"])
def test_gradescopes_metadata_planted_by_a_learner_names_no_one(tmp_path, planted):
    """`course grade drop/*` read submission_metadata.yml beside the folders it was given as
    Gradescope's export: a learner who wrote one there took Alice's 3 of 3 and gave her their
    own 2, without a warning. Metadata others could have written is not read now."""
    if planted == "by another user" and os.geteuid() != 0:
        pytest.skip("a file of another user's needs root to make")
    drop = tmp_path / "drop"
    for name, source in (("alice", RIGHT), ("mallory", WRONG)):
        (drop / name / "exercises").mkdir(parents=True)
        (drop / name / "exercises" / EX01).write_text(source)
    (drop / METADATA).write_text(SWAPPED)
    if planted == "in a drop folder":
        drop.chmod(0o1777)
    else:
        drop.chmod(0o755)
        os.chown(drop / METADATA, 65534, 65534)
    (tmp_path / "roster.csv").write_text('Student,SIS Login ID\n"Liddell, Alice",aliddell@uni.edu'
                                         '\n"Smith, Mallory",msmith@uni.edu\n')
    book = Gradebook("csv", read_roster(tmp_path / "roster.csv"))
    _grade(sorted(drop.iterdir()), tmp_path / "out", gradebook=book)
    rows = _rows(tmp_path / "out")
    assert rows["Liddell, Alice"]["submission"] != "mallory", rows
    assert rows["Smith, Mallory"]["submission"] != "alice", rows
    assert (rows["alice"]["total"], rows["mallory"]["total"]) == ("3", "2")


@pytest.mark.parametrize("download", ["gradescope", "moodle"])
def test_a_learners_upload_named_as_gradescopes_metadata_stops_no_ones_grading(tmp_path,
                                                                                download):
    """A learner who uploaded a file named submission_metadata.yml had their folder taken for
    Gradescope's whole export, given among other paths: `course grade export/submission_*`
    (the command the docs give) refused to grade anyone. Their folder is their submission."""
    if download == "gradescope":
        folder = tmp_path / "export"
        names = ("submission_101", "submission_102")
        (folder / names[0]).mkdir(parents=True)
        (folder / METADATA).write_text(METADATA_TEXT)
    else:
        folder = tmp_path / "moodle"
        names = ("Ada Lovelace_7_assignsubmission_file", "Mallory Smith_8_assignsubmission_file")
    for name, source in zip(names, (RIGHT, WRONG), strict=True):
        (folder / name).mkdir(parents=True, exist_ok=True)
        (folder / name / EX01).write_text(source)
    (folder / names[1] / METADATA).write_text("submission_7:\n  :submitters:\n  - :name: Ada\n")
    _grade([folder / name for name in names], tmp_path / "out")
    with open(tmp_path / "out" / "gradebook.csv", newline="", encoding="utf-8") as f:
        totals = sorted((row["submission"], row["total"]) for row in csv.DictReader(f))
    assert totals == [(names[0], "3"), (names[1], "2")]


def test_sudo_graders_own_group_writable_export_is_read(tmp_path, monkeypatch):
    """`sudo course grade` of an export the instructor unzipped with a umask of 002 (Debian's
    and Ubuntu's for users, whose group is their own): the instructor's group may write it,
    and that group is the grader's as much as the instructor's user is. Another group's
    write still keeps the metadata unread."""
    if os.geteuid() != 0:
        pytest.skip("a file of another group's needs root to make")
    export = tmp_path / "export"
    export.mkdir()
    (export / METADATA).write_text(SWAPPED)
    for path in (export, export / METADATA):
        os.chown(path, 0, 4242)
        path.chmod(path.stat().st_mode | 0o020)
    monkeypatch.delenv("SUDO_GID", raising=False)
    assert read_metadata(export).warnings, "a group not the grader's may write it: not read"
    monkeypatch.setenv("SUDO_GID", "4242")
    assert not read_metadata(export).warnings
    assert set(read_metadata(export).submissions) == {"alice", "mallory"}
