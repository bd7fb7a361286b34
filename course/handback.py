"""Handing feedback back in bulk: what each LMS takes in one upload, made from the gradebook.

`course grade ... --handback` writes ``OUT/handback/`` anew on each run, from the gradebook's
rows (each student's counted submission, as gradebook.csv shows it):

    OUT/handback/feedback/<student>.html   each student's feedback page, one file per student
                                           (to mail, or to copy into a shared drive; a name
                                           cleaned to be a file name has a hash after it)
    OUT/handback/canvas.zip   for Canvas's "Re-Upload Submissions" (the assignment's page), when
                              Canvas's download named the submissions
    OUT/handback/moodle.zip   for Moodle's "Upload multiple feedback files in a zip" (the
                              assignment's Grading action), when Moodle's download did

Each LMS places a file by the name it reads in it, so the names here are made by this module
from what the gradebook placed each student by, never taken from a learner's file name:

- Canvas (app/models/assignment.rb, ``infer_comment_context_from_filename``) splits a name at
  ``_`` and reads its first two all-digit parts as the user ID and the ID of a file of that
  user's submission, and attaches the file to that submission as a comment ("See attached
  file"), under the name of the learner's own file. So: ``feedback_<user id>_<file id>_
  feedback.html``, the IDs of the counted file as the gradebook read them;
- Moodle (mod/assign/feedback/file/importziplib.php) reads ``<name>_<participant id>_
  assignsubmission_file_<file name>`` and stores ``<file name>`` as a feedback file of that
  participant. So: ``<full name>_<participant id>_assignsubmission_file_feedback.html``.

A submission counted for no one (``ambiguous``) is in no file: its name fits several students,
and handing its feedback to one of them could hand one learner's results to another.

    >>> safe_file_name("../Lovelace, Ada\\x00")
    'Lovelace, Ada'
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from course.download import Download
from course.moodle import MoodleName
from course.sanitize import one_line

if TYPE_CHECKING:
    from course.gradebook import Row

FOLDER = "handback"
# Where each file goes, for the terminal
UPLOADS = {"canvas.zip": "upload it on the assignment's page in Canvas > Re-Upload Submissions",
           "moodle.zip": "upload it in the assignment's Grading action > Upload multiple "
                         "feedback files in a zip"}
# A zip's entries get one fixed time: the same class gives the same bytes on every run.
_STAMP = (2020, 1, 1, 0, 0, 0)


def safe_file_name(name: str, longest: int = 150) -> str:
    """``name`` as a file name on any system: one line, no folder separators or characters
    Windows refuses, no leading dots (no hidden file, no ``..``), at most ``longest`` bytes
    of UTF-8 (a file system takes 255: a name of 100 four-byte characters is 400, and its
    page could not be written); "student" if nothing is left.

        >>> len(safe_file_name("𝒜" * 100).encode())
        148
    """
    kept = re.sub(r'[\\/:*?"<>|]', "", one_line(name).replace("\ufffd", ""))
    cut = kept.strip(" .").encode()[:longest].decode(errors="ignore")
    return cut.strip(" .") or "student"


def write(out: Path, rows: list[Row], download: Download) -> list[tuple[Path, str]]:
    """Write ``out``/handback from ``rows`` (see the module docstring), replacing an earlier
    run's; returns each file written for an LMS with where it goes, the folder of pages first.
    A row whose feedback page is not in ``out``/feedback (graded by an older course) is left
    out of every file."""
    pages = [(row, out / "feedback" / f"{row.submission}.html") for row in rows
             if row.report is not None and not row.ambiguous]
    pages = [(row, page) for row, page in pages if page.is_file()]
    fresh = Path(tempfile.mkdtemp(prefix=".handback-", dir=out))
    try:
        taken: set[str] = set()
        (fresh / "feedback").mkdir()
        for row, page in pages:  # (roster rows first: a stranger of the same name gets " (2)")
            name = _unused(_page_name(row.student), taken)
            shutil.copyfile(page, fresh / "feedback" / f"{name}.html")
        written = [(out / FOLDER / "feedback", f"{len(pages)} feedback page(s), one per student")]
        canvas = {f"feedback_{row.canvas.user_id}_{row.canvas.file_id}_feedback.html": page
                  for row, page in pages if row.canvas is not None}
        moodle = {_moodle_name(found): page for found, page in (
            (MoodleName.of(row.submission), page) for row, page in pages) if found}
        for name, files in (("canvas.zip", canvas if download is Download.CANVAS else {}),
                            ("moodle.zip", moodle if download is Download.MOODLE else {})):
            if files:
                _zip(fresh / name, files)  # (how many: a class of 500 missing 20 shows)
                written.append((out / FOLDER / name, f"{UPLOADS[name]} ({len(files)} "
                                                     f"student(s))"))
        _replace(out / FOLDER, fresh)
        return written
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def _page_name(student: str) -> str:
    """The name of ``student``'s page (without ``.html``): ``safe_file_name(student)``, and
    where that had to change the name, a hash of it after a ``-``. A name read from a
    learner's file is theirs to choose: red team 17's `a:lice.zip` sorted before `alice.zip`
    and its page, cleaned to `alice.html`, was handed the name of a classmate's, hers
    `alice (2).html`; a name cleaned so never reads as one that needed no cleaning.

        >>> _page_name("Lovelace, Ada"), _page_name("a:lice")
        ('Lovelace, Ada', 'alice-d54a68fe')
    """
    safe = safe_file_name(student, longest=140)
    if safe == student:
        return safe
    return f"{safe}-{hashlib.sha256(student.encode(errors='surrogatepass')).hexdigest()[:8]}"


def _unused(name: str, taken: set[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)``...: the first not in ``taken`` (case ignored,
    as on macOS and Windows), which then holds it. Two students' pages never share a file."""
    n, found = 1, name
    while found.casefold() in taken:
        n += 1
        found = f"{name} ({n})"
    taken.add(found.casefold())
    return found


def _moodle_name(found: MoodleName) -> str:
    """The name Moodle's zip import reads as a feedback file of ``found``'s participant: its
    full name without ``_`` (which would end it early) or a folder separator."""
    return (f"{safe_file_name(found.full_name).replace('_', ' ')}_{found.participant}"
            "_assignsubmission_file_feedback.html")


def _zip(path: Path, files: dict[str, Path]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, source in sorted(files.items()):
            entry = zipfile.ZipInfo(name, _STAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(entry, source.read_bytes())


def _replace(folder: Path, fresh: Path) -> None:
    """Put ``fresh`` where ``folder`` is: an earlier run's files do not linger in it (a
    student's page whose submission was since counted for no one)."""
    old = folder.with_name(f".{folder.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    fresh.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
