"""The gradebook: one row per student, rebuilt from every graded submission, ready to import.

`course grade` rebuilds it after each run from ``OUT/results/*.json`` of the submissions it was
given (graded now or by an earlier run; the others' results stay on disk, left out):

    OUT/gradebook.csv   always: student, submission, its time and status (on time, late, missing,
                        unreadable, nothing to grade), one column per exercise graded, total,
                        max_total, problem
    OUT/summary.csv     always: per task, how many passed, failed, errored, did not attempt it,
                        and its most common misconception
    OUT/canvas.csv      with ``--format canvas``: the same scores in Canvas's gradebook import
                        layout (Student, ID, SIS User ID, SIS Login ID, Section, then the total
                        in the column of ``--assignment``, or one column per exercise graded,
                        and a "Points Possible" row)
    OUT/moodle.csv      with ``--format moodle`` (the roster: Moodle's grading worksheet): that
                        worksheet with each graded student's total in its Grade column, for
                        Moodle's "Upload grading worksheet"

Whose submission is it: ``course submit --name alice`` writes ``alice-20261125T180102Z.zip``, so
the student is the file name without the time stamp. Canvas's "Download Submissions" renames
each file ``<sortable name>_[LATE_]<user id>_<file id>_<its name>``: there the student is
Canvas's user ID (the roster's ``ID``), which the learner cannot choose, and ``LATE`` is
Canvas's own mark; without a roster the row shows Canvas's sortable name and user ID
(``alpha (2001)``). Moodle's download names a learner's folder (and files) by their full name
and participant id (course.moodle): the roster's Identifier, from Moodle's grading worksheet,
where it has one. A ``--roster`` (Canvas's gradebook export works as is) lists the students
expected, so a missing one gets a row too; a Canvas-named submission is theirs when its user ID
equals their ID (that column only), another when its name equals their SIS Login ID, SIS User
ID, ID or name, both taken as `course submit` writes a name (``name_key``: case ignored,
composed Unicode, ``alice@uni.edu`` as ``alice-uni.edu``; a browser's `` (1)`` left out). A
name that fits more than one student (a sortable name the learner set to ``x__1001__9`` reads
as user 1001's too) counts for no one: it gets a row of its own,
status ``ambiguous``, and a warning, until the instructor says whose it is.

When was it submitted: by the LMS's clock where its files say it (Moodle's grading worksheet,
given as the roster: ``Last modified (submission)``; Gradescope's export: ``created_at``), else
the ``time`` in the archive's manifest, else the stamp in its name; both of those come from the
learner's own clock, so the mark helps the instructor and the LMS's receipt time stays the
authority. Late: after ``--deadline`` (or marked LATE by Canvas). When a student has
several submissions, the latest counts (as on Canvas and Gradescope): by Canvas's file ID when
Canvas named them all (upload order, which the learner cannot forge), else by that time. A
time later than the gradebook itself is a forged or wrong clock: it is ignored, with a warning.

Every text cell is neutralised for spreadsheets: a cell starting with ``= + - @``, a tab or a
carriage return gets a leading ``'``, so a submission named ``=HYPERLINK(...)`` stays text.
Cells of the learner's text (a name, an exception's message) are cleaned by
``course.sanitize.one_line`` first.

    >>> neutralise("=1+1"), neutralise("alice"), neutralise(3)
    ("'=1+1", 'alice', 3)
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from functools import cached_property
from itertools import islice
from pathlib import Path
from statistics import mean, median
from typing import Any

from course.canvas import POINTS_POSSIBLE, TEST_STUDENT, CanvasAssignment, CanvasName
from course.compare import OUTPUT_FLOOD
from course.download import Download
from course.errors import UsageError
from course.feedback import SUMMARY_MARK, summary
from course.gradescope_export import Submitter
from course.handback import FOLDER as HANDBACK
from course.handback import write as write_handback
from course.moodle import (
    SUBMITTED,
    MoodleName,
    participant,
    worksheet_in_another_language,
    worksheet_time,
)
from course.results import ERROR, FAILED, NOT_ATTEMPTED, PASSED, Report, TaskResult
from course.sanitize import one_line, shorten
from course.spreadsheet_csv import read_rows
from course.submit import UNNAMED, cut_name, submission_name
from course.tasks import EXERCISE_IDS, exercise
from course.unpack import (
    UnpackLimits,
    nothing_to_grade,
    open_submission,
    open_zip,
    read_member,
)
from course.workspace import atomic_write, read_head, read_json

FORMATS = ("csv", "canvas", "moodle")
# What each LMS's file is called, and where the instructor gives it to the LMS
UPLOADS = {"canvas": ("canvas.csv", "import it in Canvas's Grades > Import"),
           "moodle": ("moodle.csv", "upload it in the assignment's Grading action > Upload "
                                    "grading worksheet")}
# The columns Moodle's "Upload grading worksheet" reads: whose row (Identifier), the grade, and
# when that grade was last changed in Moodle (a grade changed since the worksheet was
# downloaded is not overwritten unless the instructor says so).
MOODLE_WORKSHEET = ("Identifier", "Grade", "Last modified (grade)")
# The column Moodle's upload reads into each student's feedback comment (its "Feedback
# comments" feedback type: the worksheet has it when that is on), as HTML
MOODLE_COMMENTS = "Feedback comments"
CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
_STAMP = re.compile(r"-(\d{8}T\d{6}Z)(?:-\d+)?$")
# A file's extension (.zip, .txt, .pdf): no part of the learner's name. Letters and digits
# only, so the "uni.edu-20261125T180102Z" of an email login is no extension.
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")
# A browser's name for a second download of one file: "s03-20261201T130000Z (1).zip", and the
# ".zip" a learner types when Windows hides the extension: "alice.zip" saved as alice.zip.zip.
# No part of the learner's name either (`course submit` never writes a space, parentheses or
# a dot before its time stamp).
_COPY_OR_TYPED_ZIP = re.compile(r"(?: \(\d+\)|\.zip)+$", re.IGNORECASE)
_MANIFEST_BYTES = 1 << 16


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet shows as text, never evaluates; numbers pass unchanged."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def without_extension(name: str) -> str:
    """``txtzip01-20261204T200000Z.txt`` -> ``txtzip01-20261204T200000Z``: a zip renamed
    .txt is still that learner's."""
    return _EXTENSION.sub("", name) or name


def _stem(name: str) -> str:
    """``s03-20261201T130000Z (1)`` -> ``s03-20261201T130000Z``: the name without a browser's
    duplicate-download suffix, nor a ``.zip`` typed by hand (``alice.zip.zip``'s name is
    ``alice.zip``; its student is ``alice``)."""
    return _COPY_OR_TYPED_ZIP.sub("", name) or name


def student_of(submission: str, download: Download = Download.CANVAS) -> str:
    """``alice-20261125T180102Z-2`` -> ``alice``: the name given to `course submit --name`
    (the original name, for a file Canvas renamed; a browser's `` (1)`` left out)."""
    canvas = download.canvas_name(submission)
    if canvas:
        submission = without_extension(canvas.original)
    submission = _stem(submission)
    return _STAMP.sub("", submission) or submission


def name_key(name: str) -> str:
    """What two names must share to be one student's: ``name`` as `course submit --name`
    writes it into a file name (composed Unicode, ``Ada Lovelace`` -> ``Ada-Lovelace``), case
    ignored. One function for both sides: a file saved by macOS (decomposed ``zoë``) or named
    by hand must meet the roster's and the manifest's spelling, not only a byte-equal one."""
    return (submission_name(name) or unicodedata.normalize("NFC", name)).casefold()


def _parse_time(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def _folder_manifest(folder: Path, limits: UnpackLimits) -> bytes:
    """A folder's manifest.json, at its top or one folder down, read through the folder's own
    descriptor and never through a link (a learner who swapped a folder of theirs for a link
    to another's had that one's time read as theirs); of a folder with more entries than
    unpacking accepts, only as many are looked at."""
    fd = open_submission(folder)
    try:
        found = read_head("manifest.json", _MANIFEST_BYTES + 1, follow_links=False, dir_fd=fd)
        if found is not None:
            return found
        with os.scandir(fd) as entries:
            below = [e.name for e in islice(entries, limits.max_files)
                     if e.is_dir(follow_symlinks=False)]
        for name in below:
            try:
                sub = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            except OSError:
                continue
            try:
                found = read_head("manifest.json", _MANIFEST_BYTES + 1, follow_links=False,
                                  dir_fd=sub)
            finally:
                os.close(sub)
            if found is not None:
                return found
        return b""
    finally:
        os.close(fd)


def _zip_manifest(archive: Path, limits: UnpackLimits) -> bytes:
    with open_zip(archive, limits) as zf:
        return read_member(zf, "manifest.json", _MANIFEST_BYTES)


def _manifest(path: Path, limits: UnpackLimits | None = None) -> dict[str, Any]:
    """The ``manifest.json`` `course submit` puts in an archive, else {}: read as unpacking
    reads a submission (within ``limits``, the file capped), never trusted to be intact."""
    limits = limits or UnpackLimits()
    try:
        raw = (_folder_manifest(path, limits) if path.is_dir() else
               _zip_manifest(path, limits) if path.is_file() else b"")
        doc = json.loads(raw) if 0 < len(raw) <= _MANIFEST_BYTES else {}
    # Any exception: a damaged archive fails in more ways than a list names (zlib.error,
    # lzma.LZMAError, UnsafeSubmission, ...), and the time is a help, never worth a failed run.
    except Exception:
        return {}
    return doc if isinstance(doc, dict) else {}


def submission_time(path: Path, limits: UnpackLimits | None = None) -> str | None:
    """When the learner's `course submit` says it wrote ``path`` (UTC, ISO 8601), or None;
    ``limits``: unpacking's, which bound what is read of it."""
    when = _parse_time(_manifest(path, limits).get("time"))
    if when is None:
        stamp = _STAMP.search(_stem(without_extension(path.name) if path.is_file() else
                                    path.name))
        when = _parse_time(stamp.group(1)) if stamp else None
    return when.isoformat() if when else None


def submission_maker(path: Path, limits: UnpackLimits | None = None) -> str | None:
    """The name `course submit --name` wrote into ``path``'s manifest, or None: the learner's
    own word too, but a planted file named for a classmate (``alice-...`` made by mallory) says
    so unless its maker edited the manifest as well."""
    name = _manifest(path, limits).get("name")
    if not isinstance(name, str):
        return None
    return submission_name(name)[:100] or None


def parse_deadline(text: str) -> datetime:
    """ISO 8601 (``2026-12-01T23:59``, ``...Z``, ``...+01:00``); without an offset, the time
    is this machine's local time. A date alone is refused: read as the midnight that starts it,
    a whole day's submissions would be marked late."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        day = None
    if day is not None:
        raise UsageError(f"the deadline {text!r} has no time of day: give the time too, e.g. "
                         f"{day.isoformat()}T23:59 for the end of that day")
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"invalid deadline {text!r}: use ISO 8601, e.g. 2026-12-01T23:59 or "
                         "2026-12-01T23:59+01:00") from None
    return when.astimezone() if when.tzinfo is None else when


@dataclass(frozen=True)
class RosterEntry:
    """One expected student; ``identity`` holds Canvas's five identity columns, and
    ``participant`` Moodle's participant id (its grading worksheet's Identifier)."""

    identity: dict[str, str]
    participant: str = ""
    # The student's email address, where the roster has a column of them (Moodle's worksheet:
    # "Email address"): what a Gradescope submitter's email is matched with first.
    email: str = ""
    # The roster's row as read, every column: Moodle's worksheet is written back from it
    columns: dict[str, str] = field(default_factory=dict, compare=False)

    def keys(self) -> list[str]:
        """What a submission may be named to be this student's, most specific first, each as
        given (the row's name when there is no Student) and as ``name_key`` makes it
        (``alice@uni.edu`` becomes ``alice-uni.edu``)."""
        found = (*(self.identity[c].strip() for c in ("SIS Login ID", "SIS User ID", "ID")),
                 *self.names())
        return list(dict.fromkeys(k for key in found if key for k in (
            unicodedata.normalize("NFC", key).casefold(), name_key(key),
            cut_name(key).casefold())))  # (an older course's file name of a long name)

    def names(self) -> list[str]:
        """The Student column, and Canvas's sortable name read as the student writes their
        own: "Lovelace, Ada" also as "Ada Lovelace" (`course submit --name "Ada Lovelace"`,
        Gradescope's name)."""
        student = self.identity["Student"].strip()
        last, comma, first = student.partition(",")
        return [student, f"{first.strip()} {last.strip()}"] if comma and first.strip() \
            else [student]

    def canvas_prefix(self) -> str:
        """How Canvas's download names start for this student: the sortable name ("Liddell,
        Alice", the roster's Student column) as Canvas writes it, ``liddellalice``."""
        name = re.sub(r"_(\d+)_", r"\1", self.identity["Student"])
        return re.sub(r"[^\w]", "", name).lower()

    def gradescope_fit(self, person: Submitter) -> int | None:
        """How a Gradescope submitter is this student, the closest first: 0 by their SID (the
        SIS User ID or SIS Login ID), 1 by their email (the roster's email column, or the SIS
        Login ID), 2 by its part before the @ (a SIS Login ID without one, where the roster
        has no email address of this student), 3 by their name (Student, and Canvas's
        "Lovelace, Ada" as "Ada Lovelace"); None: not at all. Canvas's own ID column is never
        compared: its numbers are Canvas's, and a SID may hold the same digits for someone
        else. Fit 2 ignores the domain (``ada@uni.edu`` and ``ada@gmail.com`` both fit the
        login ``ada``): the gradebook takes it only where one email of the export fits so
        (``Gradebook._place_gradescope``)."""
        return self.fit_keys(gradescope_keys(person))

    def fit_keys(self, keys: tuple[str, ...]) -> int | None:
        """``gradescope_fit`` of the submitter whose ``gradescope_keys`` are ``keys``."""
        return next((fit for fit, (wanted, known) in enumerate(zip(keys, self._known))
                     if wanted and wanted in known), None)

    @cached_property
    def _known(self) -> tuple[set[str], ...]:
        """What ``gradescope_fit`` compares, by fit (made once: a class of 500 is 250,000
        comparisons)."""
        ids = self.identity
        login = _key(ids["SIS Login ID"])
        return (
            {_key(ids["SIS User ID"]), login},
            {login, _key(self.email)},
            {login} if "@" not in ids["SIS Login ID"] and not self.email.strip() else set(),
            {_key(name) for name in self.names()},
        )

    def shown(self) -> str:
        """``Liddell, Alice (ID 101)``: the student, for a message."""
        ids = ", ".join(f"{c} {self.identity[c]}" for c in ("ID", "SIS Login ID")
                        if self.identity[c].strip())
        return (self.identity["Student"] or "?") + (f" ({ids})" if ids else "")


def _key(text: str) -> str:
    """``name_key`` of a roster's or Gradescope's field ("" for an empty one)."""
    return name_key(text.strip()) if text.strip() else ""


def gradescope_keys(person: Submitter) -> tuple[str, ...]:
    """What of a Gradescope submitter ``RosterEntry.gradescope_fit`` compares, by fit."""
    return tuple(_key(text) for text in (person.sid, person.email, local_part(person.email),
                                         person.name))


BY_LOCAL_PART = 2  # RosterEntry.gradescope_fit: an email matched by its part before the @
_EMAIL_COLUMNS = ("email", "email address", "e-mail", "e-mail address")


def local_part(email: str) -> str:
    """``ada@uni.edu`` -> ``ada`` ("" for text without an @: no address)."""
    local, at, _ = email.strip().rpartition("@")
    return local if at else ""


def _nobody_to_grade(identity: dict[str, str]) -> bool:
    """A row of Canvas's gradebook export that is no student: its "Points Possible" row (and
    sometimes a posting-policy row, unnamed), and Student View's user (course.canvas), which
    has no SIS IDs (an enrolment of that name with them is a person's, and is kept)."""
    name = identity["Student"].strip()
    sis = any(identity[c].strip() for c in ("SIS User ID", "SIS Login ID"))
    return not sis and (name == TEST_STUDENT or
                        (name in (POINTS_POSSIBLE, "") and not identity["ID"].strip()))


def read_roster(path: Path) -> list[RosterEntry]:
    """Students from a CSV: Canvas's gradebook export, or any CSV with a ``Student`` (or
    ``name``) column and optionally the other identity columns, as a spreadsheet saves it
    (course.spreadsheet_csv)."""
    entries, first_cells = [], []
    for row in read_rows(path, "the roster"):
        row = {(k or "").strip(): (v or "") for k, v in row.items() if isinstance(v, str)}
        first_cells.append(next(iter(row.items()), ("", "")))
        lowered = {k.lower(): v for k, v in row.items()}
        identity = {c: row.get(c, lowered.get(c.lower(), "")) for c in CANVAS_IDENTITY}
        # (Moodle's grading worksheet: "Full name", and "Identifier" for the download's id)
        identity["Student"] = (identity["Student"] or lowered.get("name", "")
                               or lowered.get("full name", ""))
        moodle = participant(lowered.get("identifier", ""))
        if not moodle and _nobody_to_grade(identity):
            continue
        email = next((lowered[c] for c in _EMAIL_COLUMNS if lowered.get(c, "").strip()), "")
        entries.append(RosterEntry(identity, moodle, email.strip(), row))
    if not entries and worksheet_in_another_language(first_cells):
        raise UsageError(
            f"the roster {path} reads as Moodle's grading worksheet in another language (its "
            f"first column {one_line(first_cells[0][0])!r}, {one_line(first_cells[0][1])!r}): "
            "Moodle names the worksheet's columns in the language you download it in, and "
            "its upload reads them in the language you upload it in; course grade reads the "
            "English ones. In Moodle switch to English (the language menu, or Preferences > "
            "Preferred language), download the worksheet again, and upload moodle.csv in "
            "English too (docs/instructors.md)")
    if not entries:
        raise UsageError(f"the roster {path} lists no students (it needs a Student or name "
                         "column, or SIS Login ID / SIS User ID / ID, or Moodle's Identifier "
                         "and Full name)")
    return entries


@dataclass(frozen=True)
class Graded:
    """One graded submission read back from OUT/results, and the reading of its Canvas name
    that placed it (None: not a Canvas name)."""

    name: str
    submitted_at: datetime | None
    report: Report
    canvas: CanvasName | None = None
    made_by: str | None = None  # the name in its manifest (submission_maker)
    # Who Gradescope's export says submitted it; in a student's list, that student alone
    submitters: tuple[Submitter, ...] = ()


@dataclass
class Row:
    """One student's line: their counted submission (None: missing) and its standing."""

    student: str
    identity: dict[str, str]
    submission: str = ""
    submitted_at: datetime | None = None
    report: Report | None = None
    count: int = 0  # submissions graded for this student
    on_roster: bool = True
    # How Canvas named the counted file (None: not Canvas's): its LATE mark, and with no clock
    # of the learner's, whether it was late at all (``made_by_deadline``); its IDs are what
    # Canvas's Re-Upload Submissions places a feedback file by (course.handback)
    canvas: CanvasName | None = None
    ambiguous: str = ""  # why this submission is counted for no one: its name fits several
    graded: list[Graded] = field(default_factory=list)  # all of the student's, counted or not

    @property
    def late_by_canvas(self) -> bool:
        """Whether Canvas marked the counted file LATE in its download name."""
        return bool(self.canvas and self.canvas.late)

    def status(self, deadline: datetime | None) -> str:
        if self.report is None:
            return "missing"
        if self.ambiguous:
            return "ambiguous"
        if self.report.problem:  # (read, and nothing in it to grade; or not read at all)
            return "nothing to grade" if nothing_to_grade(self.report.problem) \
                else "unreadable"
        if deadline is None or self.submitted_at is None:
            return "late (Canvas)" if self.late_by_canvas else \
                "submitted" if deadline is None else \
                "on time (Canvas)" if self.canvas else "time unknown"
        late = self.submitted_at - deadline
        if late.total_seconds() > 0:
            return f"late by {_duration(late)}"
        return "late (Canvas)" if self.late_by_canvas else "on time"

    def late_hours(self, deadline: datetime | None) -> str:
        """The ``late_hours`` column: how late the counted submission is, in hours rounded up
        to the hundredth (0 on time), for a late policy to compute from; blank where not known
        (no deadline, no submission time, or Canvas marked late what the clock says is not)."""
        if deadline is None or self.report is None:
            return ""
        if self.submitted_at is None:  # (Canvas's unmarked file was on time; else not known)
            return "0.00" if self.canvas and not self.late_by_canvas else ""
        late = max(0.0, (self.submitted_at - deadline).total_seconds())
        return "" if late == 0 and self.late_by_canvas else f"{math.ceil(late / 36) / 100:.2f}"

    def on_time_total(self, deadline: datetime | None) -> str:
        """The ``on_time_total`` column: the total of the student's latest submission made
        by the deadline (a policy of "late work is not accepted" counts it, not a later one);
        blank without a deadline or such a submission (``made_by_deadline``)."""
        if deadline is None or self.ambiguous:
            return ""
        made = [g for g in self.graded if made_by_deadline(g, deadline)]
        return str(_latest(made).report.score) if made else ""

    def problem(self) -> str:
        """The ``problem`` column: why the submission is counted for no one, what went wrong."""
        found = (self.ambiguous, problems(self.report) if self.report else "")
        return "; ".join(p for p in found if p)


def made_by_deadline(graded: Graded, deadline: datetime) -> bool:
    """Whether ``graded`` was submitted by ``deadline``, as the gradebook's status says it.
    Canvas's LATE mark outranks the learner's clock; a file Canvas named with no clock of
    the learner's (exercise files uploaded one by one) is on time unless Canvas marked it
    LATE, as Canvas does each file it received after the assignment's due date; any other
    submission without a time is not known to be on time."""
    if graded.canvas is not None and graded.canvas.late:
        return False
    if graded.submitted_at is None:
        return graded.canvas is not None
    return graded.submitted_at <= deadline


def owner(submission: str, download: Download = Download.CANVAS) -> str:
    """Who a submission belongs to, as a roster key: Canvas's user ID when Canvas named the
    file (and the name reads only one way), Moodle's participant id when Moodle did, else the
    name given to `course submit`; a submission made without a name is its own
    (``unnamed``). ``download``: the batch's (course.download)."""
    canvas, found = download.canvas_name(submission), MoodleName.of(submission)
    if canvas:
        return canvas.user_id
    if found:
        return f"moodle:{found.participant}"
    return f"{UNNAMED}:{submission}" if unnamed(submission, download) \
        else name_key(student_of(submission, download))


def unnamed(submission: str, download: Download = Download.CANVAS) -> bool:
    """Whether `course submit` wrote ``submission`` without --name (``submission-<time>``):
    the files of every learner who forgot it share that name, and taken as one student's,
    all but the latest were lost (and no two of them compared for shared code)."""
    return download.canvas_name(submission) is None \
        and name_key(student_of(submission, download)) == UNNAMED


def _latest(mine: list[Graded]) -> Graded:
    """The submission that counts of a student's: by Canvas's file ID when Canvas named them
    all, else by their time (an unknown time first); the name breaks ties."""
    if all(g.canvas for g in mine):
        return max(mine, key=lambda g: (g.canvas.file_id, g.name))
    return max(mine, key=lambda g: (g.submitted_at is not None,
                                    g.submitted_at and g.submitted_at.timestamp(), g.name))


def _submitters(found: Any) -> tuple[Submitter, ...]:
    """The ``submitters`` a results file records (course.grade), each field text; () for
    anything else (a results file of an earlier version, or edited)."""
    if not isinstance(found, list):
        return ()
    return tuple(Submitter(*(one_line(person.get(k, "")) if isinstance(person.get(k), str)
                             else "" for k in ("name", "email", "sid")))
                 for person in found if isinstance(person, dict))


# How a Gradescope submitter fits a roster row (RosterEntry.gradescope_fit), in words
_FITS = ("SID", "email", "email's name", "name")


def _person(person: Submitter) -> str:
    """Who a Gradescope submitter is: their email and SID where Gradescope gives either
    (an account's, which its name is not), else their name."""
    ids = (person.email.strip(), person.sid.strip())
    return "|".join(map(name_key, ids)) if any(ids) else f"name|{name_key(person.name)}"


def _parse_iso(text: Any) -> datetime | None:
    try:
        when = datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None
    return when if when is None or when.tzinfo else when.replace(tzinfo=timezone.utc)


def _zone(zone: Any) -> str:
    """``UTC+01:00``: a fixed time zone as a person reads it."""
    offset = datetime.now(zone).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def _duration(delta: timedelta) -> str:
    """``1d 2h05m``; rounded up, so that a submission 5 s late never reads as ``0h00m``, and
    under a minute in seconds (``5s``): a clock a few seconds off is told from real lateness."""
    seconds = math.ceil(delta.total_seconds())
    if seconds < 60:
        return f"{seconds}s"
    days, rest = divmod(math.ceil(seconds / 60), 24 * 60)
    return (f"{days}d " if days else "") + f"{rest // 60}h{rest % 60:02d}m"


@dataclass
class Gradebook:
    """How `course grade` writes its gradebook (see the module docstring)."""

    format: str = "csv"
    roster: list[RosterEntry] | None = None
    deadline: datetime | None = None
    warnings: list[str] = field(default_factory=list)
    # Of the last write: the submissions counted (one per row: what similarity.csv compares)
    # and the class in one line (``class_summary``).
    counted: set[str] = field(default_factory=set)
    summary: str = ""
    missing: list[str] = field(default_factory=list)  # roster students with no submission
    download: Download = Download.CANVAS  # of the last rows(): where its submissions came from
    # `--handback`: also write OUT/handback (course.handback); of the last write, each file
    # written for an LMS and where it goes
    handback: bool = False
    handed_back: list[tuple[Path, str]] = field(default_factory=list)
    # `--assignment`: the Canvas assignment the students submitted to, whose column canvas.csv
    # fills with each total (None: a new assignment per exercise graded)
    assignment: CanvasAssignment | None = None
    # Warnings that say the same of each submission they name: (name, what), for the terminal
    # to say once for them all (``shown_warnings``)
    _each: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    # Each Gradescope submitter's fit and roster entries, found once a gradebook
    _fits: dict[Submitter, tuple[int | None, list[int]]] = field(default_factory=dict,
                                                                  repr=False)

    def __post_init__(self) -> None:
        # (checked before grading: a class takes minutes to grade, a missing column a second)
        if self.format == "moodle":
            moodle_columns(self.roster)

    def _warn(self, name: str, what: str) -> None:
        """A warning about the submission ``name`` that says ``what`` of it: one line each in
        ``warnings``, grouped with the others saying the same on the terminal."""
        self.warnings.append(f"{name}: {what}")
        self._each[self.warnings[-1]] = (name, what)

    def shown_warnings(self, named: int = 5) -> list[str]:
        """``warnings`` for the terminal: those that say the same of several submissions in
        one line each (500 students, 40 of them not on the roster, were 40 lines)."""
        lines = [self._each.get(w, ("", w)) for w in self.warnings]
        return grouped([(n, w) for n, w in lines if n], named) + [w for n, w in lines if not n]

    def _results(self, out: Path, given: Collection[str] | None) -> list[Path]:
        """The results files of the submissions ``given`` (None: all), with a word on those
        left out: an earlier run's README.txt must not stay a row of every later gradebook."""
        found = sorted((out / "results").glob("*.json"))
        listed = [path for path in found if given is None or path.stem in given]
        if len(listed) < len(found):
            left = len(found) - len(listed)
            self.warnings.append(
                f"{left} earlier result(s) in {out / 'results'} left out of the gradebook: "
                "their submissions were not given this time (the results stay on disk; give "
                "those submissions again to list them)")
        return listed

    def _graded(self, out: Path, given: Collection[str] | None = None) -> list[Graded]:
        """The submissions ``given`` that OUT/results holds (None: every one); a time in the
        future is dropped, with a warning."""
        now = datetime.now(timezone.utc)
        graded = []
        for path in self._results(out, given):
            doc = read_json(path, None)
            try:
                report = Report.from_json(doc["extra_data"]["report"])
            except (TypeError, KeyError, ValueError):
                continue
            when = _parse_iso(doc["extra_data"].get("submitted_at"))
            if when is not None and when > now:
                self.warnings.append(f"{path.stem}: its archive says it was written at "
                                     f"{when.isoformat()}, in the future; that time is ignored")
                when = None
            made_by = doc["extra_data"].get("made_by")
            graded.append(Graded(path.stem, when, report,
                                 made_by=made_by if isinstance(made_by, str) else None,
                                 submitters=_submitters(doc["extra_data"].get("submitters"))))
        return graded

    def _moodles_clock(self, graded: list[Graded]) -> list[Graded]:
        """``graded`` with each submission of Moodle's download timed by Moodle's clock
        where the roster, Moodle's grading worksheet, says when the participant's submission
        last changed (its ``Last modified (submission)``): the learner's own clock, in their
        archive, is theirs to set. The worksheet's times are the teacher's Moodle time zone's
        and say no zone: read in the deadline's (the one lateness is measured in, and right
        near the deadline, where lateness is decided), else this machine's."""
        header = list(self.roster[0].columns) if self.roster else []
        column = next((c for c in header if c.strip().lower() == SUBMITTED.lower()), None)
        moodles = [item for item in graded if MoodleName.of(item.name)]
        if column is None or not moodles:
            return graded
        zone = (self.deadline or datetime.now().astimezone()).tzinfo or timezone.utc
        times = {entry.participant: entry.columns.get(column, "").strip()
                 for entry in self.roster or [] if entry.participant}
        timed, unread = {}, set()
        for item in moodles:
            text = times.get(MoodleName.of(item.name).participant, "")
            when = worksheet_time(text, zone) if text else None
            if when is not None:
                timed[item.name] = when
            elif text not in ("", "-"):
                unread.add(text)
        if unread:
            self.warnings.append(one_line(
                f"the worksheet's {SUBMITTED} {sorted(unread)[0]!r} is no time course grade "
                "reads (Moodle's English, as it writes it): those submissions are timed by "
                "the learner's own clock; download the worksheet with Moodle in English"))
        left = len(moodles) - len(timed)
        if self.deadline is not None:  # (which clock decides lateness, where it is measured)
            self.warnings.append(
                f"lateness: {len(timed)} of Moodle's {len(moodles)} submission(s) timed by "
                f"Moodle (the worksheet's {SUBMITTED}, read in {_zone(zone)}, the deadline's "
                "time zone: your profile's in Moodle must be the same)"
                + (f"; {left} by the learner's own clock (the worksheet has no time of theirs)"
                   if left else ""))
            self._check_moodles_status(timed, self.deadline)
        return [replace(item, submitted_at=timed[item.name]) if item.name in timed else item
                for item in graded]

    def _check_moodles_status(self, timed: dict[str, datetime], deadline: datetime) -> None:
        """A warning where the worksheet's Status (Moodle's own word: "Submitted for grading
        - 1 hour 30 mins late") and ``deadline`` disagree on whether a submission ``timed``
        by Moodle was late: a deadline in another time zone than the teacher's Moodle profile
        (every time read an hour off), another due date than the assignment's, an extension
        granted in Moodle, or a submission in the deadline's own minute (the worksheet's
        times are to the minute, Moodle's mark to the second)."""
        status = {entry.participant: entry.columns.get("Status", "")
                  for entry in self.roster or [] if entry.participant}
        differ = {True: [], False: []}
        for name, when in timed.items():
            moodle = MoodleName.of(name)
            said = status.get(moodle.participant, "") if moodle else ""
            late = re.search(r"\blate\b", said, re.IGNORECASE) is not None
            if said and late != (when > deadline):
                differ[late].append(moodle.shown())
        if differ[True] or differ[False]:
            self.warnings.append(one_line(
                f"lateness: Moodle's Status and --deadline disagree for "
                f"{len(differ[True]) + len(differ[False])} submission(s) ("
                + "; ".join(f"{'late' if late else 'on time'} by Moodle, not by the deadline: "
                            f"{', '.join(names[:3])}{' and more' if len(names) > 3 else ''}"
                            for late, names in differ.items() if names)
                + "): check that --deadline is the assignment's due date in your Moodle "
                "profile's time zone; an extension granted in Moodle, or a submission within "
                "the deadline's minute, differs too"))

    def _gradescope_claims(self, person: Submitter) -> tuple[int | None, list[int]]:
        """How well, and which roster entries (by index), a Gradescope submitter may be: those
        that fit them best (``RosterEntry.gradescope_fit``), however many that is."""
        if person not in self._fits:
            keys = gradescope_keys(person)
            fits = [(entry.fit_keys(keys), i) for i, entry in enumerate(self.roster or [])]
            best = min((fit for fit, _ in fits if fit is not None), default=None)
            self._fits[person] = best, [i for fit, i in fits if best is not None and fit == best]
        return self._fits[person]

    def _by_local_part(self, graded: list[Graded]) -> dict[str, set[str]]:
        """The emails of the export's submitters placed by their part before the @ alone,
        by that part: ``ada@uni.edu`` and ``ada@gmail.com`` both fit the roster's login
        ``ada``, and two people may hold them (one of them not on the roster), so a part
        that two addresses share places neither."""
        found: dict[str, set[str]] = {}
        for person in {p for item in graded for p in item.submitters}:
            if self._gradescope_claims(person)[0] == BY_LOCAL_PART:
                found.setdefault(name_key(local_part(person.email)), set()).add(
                    one_line(person.email.strip()))
        return found

    def _place_gradescope(self, item: Graded, mine: list[list[Graded]],
                          strangers: dict[str, list[Graded]], ambiguous: list[Row],
                          by_local_part: dict[str, set[str]]) -> None:
        """A submission from Gradescope's export counts for each of its submitters: a group's
        one submission is each member's, as Gradescope grades it for each."""
        roster = self.roster or []
        for person in item.submitters:
            theirs = replace(item, submitters=(person,))
            fit, claims = self._gradescope_claims(person)
            shared = sorted(by_local_part.get(name_key(local_part(person.email)), ())) \
                if fit == BY_LOCAL_PART else []
            if len(claims) == 1 and len(shared) > 1:
                ambiguous.append(self._ambiguous(
                    theirs, [(claims[0], None)],
                    f"counted for no one: Gradescope's submitters {' and '.join(shared)} "
                    f"each fit {roster[claims[0]].shown()} by the part before the @; give the "
                    "roster full email addresses (SIS Login ID, or an Email column) or each "
                    "student's SIS User ID (the SID on Gradescope)"))
            elif len(claims) == 1:
                mine[claims[0]].append(theirs)
            elif claims:
                ambiguous.append(self._ambiguous(
                    theirs, [(i, None) for i in claims],
                    f"counted for no one: Gradescope's submitter {person.shown()} fits "
                    f"{' or '.join(roster[i].shown() for i in claims)}; give each roster row "
                    "its SIS User ID (the SID on Gradescope) or SIS Login ID"))
            else:  # (one row per person: a SID typed as another's is no merge with theirs)
                strangers.setdefault(f"gradescope:{_person(person)}", []).append(theirs)

    def _claims(self, submission: str) -> list[tuple[int, CanvasName | None]]:
        """The roster entries (by index) ``submission`` may be theirs, each with the reading of
        its Canvas name that says so. A Canvas name is matched on the ID column alone: the user
        ID is Canvas's, and another column (a SIS User ID) may hold the same digits for
        someone else."""
        roster = self.roster or []
        readings = self.download.canvas_readings(submission)
        moodle = MoodleName.of(submission)
        if readings:
            return [(i, r) for r in readings for i, entry in enumerate(roster)
                    if entry.identity["ID"].strip() == r.user_id]
        if moodle and any(entry.participant for entry in roster):
            return [(i, None) for i, entry in enumerate(roster)
                    if entry.participant == moodle.participant]
        key = name_key(moodle.full_name if moodle else student_of(submission))
        return [(i, None) for i, entry in enumerate(roster) if key in entry.keys()]

    def rows(self, out: Path, given: Collection[str] | None = None) -> list[Row]:
        """One row per roster entry, then per student not on it, then per submission whose
        name fits several students (it counts for none of them); of the submissions
        ``given`` (None: every one graded into ``out``)."""
        roster = self.roster or []
        mine: list[list[Graded]] = [[] for _ in roster]
        # Files whose Canvas name also reads as other users: counted for a student only when
        # nothing else of theirs is (see below).
        maybe: list[list[Graded]] = [[] for _ in roster]
        strangers: dict[str, list[Graded]] = {}
        ambiguous: list[Row] = []
        graded = self._moodles_clock(self._graded(out, given))
        self._fits.clear()
        self.download = Download.of(item.name for item in graded)
        by_local_part = self._by_local_part(graded)
        for item in graded:
            if item.submitters:
                self._place_gradescope(item, mine, strangers, ambiguous, by_local_part)
                continue
            claims = self._claims(item.name)
            # (a name that reads as Canvas's and as Moodle's is no more one person's than
            # one that reads as two Canvas users)
            several = len(self.download.canvas_readings(item.name)) \
                + bool(MoodleName.of(item.name)) > 1
            if len(claims) == 1 and not several:
                index, canvas = claims[0]
                mine[index].append(replace(item, canvas=canvas))
            elif len(claims) == 1 and claims[0][1].sortable == roster[claims[0][0]].canvas_prefix():
                # It reads as one roster student, starting with their sortable name: Jane's
                # `smithjane_1001_55_hw_3_2_final.zip` (also user 3), or another Canvas user's
                # named `smithjane__1001__9` (a red team's). Only when Jane has no other file
                # does it count for her, with a warning.
                index, canvas = claims[0]
                maybe[index].append(replace(item, canvas=canvas))
            elif claims or several:
                ambiguous.append(self._ambiguous(item, claims))
            else:
                strangers.setdefault(owner(item.name, self.download), []).append(
                    replace(item, canvas=self.download.canvas_name(item.name)))
        for index, theirs in enumerate(maybe):
            for item in theirs:
                if mine[index]:
                    ambiguous.append(self._ambiguous(item, [(index, item.canvas)]))
                else:
                    self.warnings.append(one_line(
                        f"{item.name}: counted for {roster[index].shown()}, whose only file it "
                        "is; its name also reads as another Canvas user: check its uploader"))
            if not mine[index]:
                mine[index] = theirs
        for index, theirs in enumerate(mine):
            mine[index] = self._one_submitter(index, self._one_participant(
                index, theirs, ambiguous), ambiguous)
        for theirs in [*mine, *strangers.values()]:
            self._check_maker(theirs)
        rows = [self._row(entry.identity["Student"] or entry.keys()[0], dict(entry.identity),
                          theirs, on_roster=True) for entry, theirs in zip(roster, mine)]
        return rows + [self._stranger(theirs) for theirs in strangers.values()] + ambiguous

    def _one_participant(self, index: int, theirs: list[Graded], ambiguous: list[Row]
                         ) -> list[Graded]:
        """A roster student's submissions without those of Moodle's download when they come
        from two participants (matched by full name, with no Identifier to tell them apart):
        two learners of one name, or one who took another's, and either could have the
        other's grade. Those count for no one."""
        found = {g.name: MoodleName.of(g.name) for g in theirs}
        participants = sorted({m.participant for m in found.values() if m})
        if len(participants) < 2:
            return theirs
        for item in (g for g in theirs if found[g.name]):
            ambiguous.append(self._ambiguous(item, [(index, None)], (
                f"counted for no one: Moodle participants {', '.join(participants)} all fit "
                f"{(self.roster or [])[index].shown()} by name; give the roster Moodle's "
                "Identifier column (its grading worksheet)")))
        return [g for g in theirs if not found[g.name]]

    def _one_submitter(self, index: int, theirs: list[Graded], ambiguous: list[Row]
                       ) -> list[Graded]:
        """A roster student's submissions without those of Gradescope's export made by
        another person than the one who fits them most closely: a learner who named their
        Gradescope account as a classmate (its name is theirs to edit, its email their own)
        fitted that classmate by name alone, and their later submission replaced the
        classmate's grade without a word (red team 13). Those count for no one; of two
        people who fit equally closely (a SID typed as another's), both do."""
        entry = (self.roster or [])[index]
        fits: dict[str, int] = {}
        for item in (g for g in theirs if g.submitters):
            person, fit = _person(item.submitters[0]), entry.gradescope_fit(item.submitters[0])
            fits[person] = min(fits.get(person, len(_FITS)), len(_FITS) if fit is None else fit)
        if len(fits) < 2:
            return theirs
        closest = [person for person, fit in fits.items() if fit == min(fits.values())]
        kept = closest[0] if len(closest) == 1 else None
        people = " and ".join(dict.fromkeys(g.submitters[0].shown() for g in theirs
                                            if g.submitters))
        for item in (g for g in theirs if g.submitters and _person(g.submitters[0]) != kept):
            fit = fits[_person(item.submitters[0])]
            ambiguous.append(self._ambiguous(item, [(index, None)], (
                f"counted for no one: Gradescope's submitters {people} fit "
                f"{entry.shown()}, this one by {_FITS[min(fit, len(_FITS) - 1)]}"
                f"{', another more closely' if kept else ', another as closely'}: look up "
                "who submitted it, and give each roster row its SIS User ID (the SID on "
                "Gradescope) and SIS Login ID (the email)")))
        return [g for g in theirs if not g.submitters or _person(g.submitters[0]) == kept]

    def _check_maker(self, theirs: list[Graded]) -> None:
        """A warning where the counted submission, named by `course submit` for one student,
        says in its manifest that it was made for another: in a drop folder anyone can write
        to, a file planted under a classmate's name (a red team's) would count as theirs."""
        if not theirs:
            return
        latest = _latest(theirs)
        student = student_of(latest.name, self.download)
        # (Gradescope's export, and Moodle's, name the uploader from their account: the
        # authority)
        if latest.canvas is None and not latest.submitters and latest.made_by \
                and MoodleName.of(latest.name) is None \
                and name_key(latest.made_by) != name_key(student):
            self.warnings.append(one_line(
                f"{latest.name}: counted for {student}, but its manifest says `course submit "
                f"--name {latest.made_by}` made it: check who uploaded it"))

    def _stranger(self, theirs: list[Graded]) -> Row:
        """The row of submissions from someone not on the roster (or of each, without one):
        named by Canvas's sortable name and user ID where Canvas named the counted file (the
        name the learner gave it is often just "submission"), else by `course submit`'s."""
        canvas, gradescope = _latest(theirs).canvas, _latest(theirs).submitters
        moodle = MoodleName.of(_latest(theirs).name)
        blank = {c: "" for c in CANVAS_IDENTITY}
        if gradescope:
            person = gradescope[0]
            name = one_line(person.name or person.email or person.sid)
            identity = blank | {"Student": name, "SIS Login ID": one_line(person.email),
                                "SIS User ID": one_line(person.sid)}
        elif canvas:  # the learner's text, as every name below: into both CSVs
            name = one_line(canvas.shown())
            identity = blank | {"Student": one_line(canvas.sortable), "ID": canvas.user_id}
        elif moodle:  # (no column of canvas.csv holds Moodle's id: shown in Student)
            name = one_line(moodle.shown())
            identity = blank | {"Student": name}
        elif unnamed(theirs[0].name, self.download):  # (named by the file: no student's name)
            name = one_line(theirs[0].name)
            identity = blank | {"Student": name}
            self._warn(name, "`course submit` wrote it without --name: a row of its own, "
                       "for no student; look up who handed it in")
        else:
            name = one_line(student_of(theirs[0].name, self.download))
            identity = blank | {"Student": name, "SIS Login ID": name}
            spellings = sorted({one_line(student_of(g.name, self.download)) for g in theirs})
            if len(spellings) > 1:  # (s002 and S002: one student by `course submit`'s rules)
                self.warnings.append(
                    f"{', '.join(spellings)}: counted as one student, their latest submission "
                    "(names match whatever their case); if they are two, a --roster or "
                    "Canvas's downloads tell them apart")
        if self.roster is not None:
            self._warn(name, "submitted but not on the roster")
        return self._row(name, identity, theirs, on_roster=self.roster is None)

    def _ambiguous(self, item: Graded, claims: list[tuple[int, CanvasName | None]],
                   reason: str = "") -> Row:
        """A row of its own for a submission whose name fits several students: crediting
        either could give one student's grade to another, so it counts for no one until the
        instructor says whose it is. ``reason``: why, where the file's name is not the
        question (Gradescope's submitter or Moodle's participants who fit several students:
        the roster then needs telling apart, not the file renaming)."""
        roster = self.roster or []
        fits = " or ".join(dict.fromkeys(
            [roster[i].shown() for i, _ in claims] or
            [f"Canvas user {r.user_id}" for r in self.download.canvas_readings(item.name)]))
        why = one_line(reason or
                       f"counted for no one: its name fits {fits}; look up who submitted it"
                       " (in Canvas, the uploader) and rename the file after their SIS Login ID")
        name = one_line(item.name)
        self.warnings.append(f"{name}: {why}")
        row = self._row(name, {c: "" for c in CANVAS_IDENTITY} | {"Student": name}, [item],
                        on_roster=False)
        row.ambiguous = why
        return row

    @staticmethod
    def _row(student: str, identity: dict[str, str], mine: list[Graded], on_roster: bool) -> Row:
        row = Row(student, identity, count=len(mine), on_roster=on_roster, graded=mine)
        if mine:
            latest = _latest(mine)
            row.submission, row.submitted_at, row.report = (latest.name, latest.submitted_at,
                                                            latest.report)
            row.canvas = latest.canvas
        return row

    def write(self, out: Path, graded: Sequence[str] = EXERCISE_IDS,
              given: Collection[str] | None = None) -> list[Path]:
        """Write gradebook.csv (and canvas.csv) into ``out``, a column for each of the
        ``graded`` exercises, a row for each student of the submissions ``given`` (None: every
        one graded into ``out``), and summary.csv; returns the gradebooks written."""
        if self.format not in FORMATS:
            raise UsageError(f"unknown gradebook format {self.format!r} "
                             f"(known: {', '.join(FORMATS)})")
        self.warnings.clear()
        self._each.clear()
        rows, exercises = self.rows(out, given), [exercise(eid) for eid in graded]
        self.counted = {row.submission for row in rows if row.submission}
        self.missing = [row.student for row in rows if row.on_roster and row.report is None]
        self.summary = class_summary([row.status(self.deadline) for row in rows],
                                     [row.report.score for row in rows if row.report],
                                     sum(ex.max_points for ex in exercises))
        _write_csv(out / "summary.csv", task_summary(rows, exercises))
        written = [out / "gradebook.csv"]
        # (the late policy's columns last: scripts read the others where they always were)
        table: list[list[Any]] = [["student", "submission", "submitted_at", "status",
                                   "submissions", *(ex.id for ex in exercises), "total",
                                   "max_total", "problem", "late_hours", "on_time_total"]]
        for row in rows:
            scores = {ex.id: ex.score for ex in row.report.exercises} if row.report else {}
            table.append([row.student, one_line(row.submission),
                          row.submitted_at.isoformat() if row.submitted_at else "",
                          row.status(self.deadline), row.count,
                          *(scores.get(ex.id, 0) for ex in exercises),
                          row.report.score if row.report else 0,
                          sum(ex.max_points for ex in exercises), row.problem(),
                          row.late_hours(self.deadline), row.on_time_total(self.deadline)])
        dropped = dropped_options(written[0], self.deadline, self.roster)
        if dropped:
            self.warnings.append(dropped)
        _write_csv(written[0], table)
        replaced = late_over_on_time(rows, self.deadline)
        if replaced:
            self.warnings.append(replaced)
        max_total = sum(ex.max_points for ex in exercises)
        for kind, (name, _) in UPLOADS.items():
            if self.format == kind:
                written.append(out / name)
                if kind == "canvas":
                    _write_csv(written[1], canvas_table(rows, exercises, self.assignment,
                                                        self.roster, self.warnings))
                else:  # Moodle's own cells, as it wrote them: its upload reads "-" as "never"
                    _write_csv(written[1], moodle_table(self.roster or [], rows, max_total,
                                                        self.warnings), neutral=False)
            elif (out / name).exists():
                self.warnings.append(f"{name} is from an earlier run and was not updated "
                                     f"(grade with --format {kind} to rebuild it)")
        if self.handback:
            self.handed_back = write_handback(out, rows, self.download)
        elif (out / HANDBACK).exists():
            self.warnings.append(f"{HANDBACK}/ is from an earlier run and was not "
                                 "updated (grade with --handback to rebuild it)")
        return written


def problems(report: Report, longest: int = 300) -> str:
    """What went wrong beyond wrong answers, for the ``problem`` column: the archive's own
    problem, else each exercise's tasks that could not run (a missing file, an endless loop, a
    crash), so an instructor tells them from work not attempted without opening feedback.
    Both hold learner text (an exception's message, a file name): cleaned, on one line."""
    if report.problem:
        return one_line(report.problem)
    if report.nothing_attempted:
        # (a 0 with nothing said read like a 0 of wrong answers, or a grader's fault)
        return "nothing attempted: every task still raises NotImplementedError, as handed out"
    found: dict[str, list[str]] = {}
    for task in report.tasks:
        why = _could_not_run(task)
        if why:
            found.setdefault(why, []).append(task.id)
    text = "; ".join(f"{_tasks(ids)}: {why}" for why, ids in found.items())
    return shorten(text, longest)


def _could_not_run(task: TaskResult) -> str | None:
    """Why ``task`` gave no answer to judge (None: it gave one, right or wrong): an error (a
    missing file, an endless loop, a crash), or output that filled the limit first (judged
    a failed case, as the learner's own print loop is their bug, but no answer either)."""
    first = task.feedback.splitlines()[0] if task.feedback else ""
    if task.status == ERROR:
        return one_line(first[:100]) if first else "could not run"
    # "case 2 (label): printed too much ...", the grader's line; a learner's exception reads
    # "case 2 (label): raised ValueError: ..." (one crafted to end alike only adds a note)
    if task.status == FAILED and re.fullmatch(r"case \d+ \(.*\): " + re.escape(OUTPUT_FLOOD),
                                              first):
        return OUTPUT_FLOOD
    return None


def _tasks(ids: list[str]) -> str:
    """``ex03.vjp`` / ``ex03.vjp, ex03.Cube`` / ``4 tasks of ex03``."""
    return ", ".join(ids) if len(ids) <= 2 else f"{len(ids)} tasks of {ids[0].split('.')[0]}"


def canvas_table(rows: list[Row], exercises: list[Any],
                 assignment: CanvasAssignment | None = None,
                 roster: list[RosterEntry] | None = None,
                 warnings: list[str] | None = None) -> list[list[Any]]:
    """Canvas's import layout. Canvas fills the assignment a column's header names as its
    gradebook export does (``Name (id)``), and makes a new assignment, worth its "Points
    Possible", of a column of any other name. With ``assignment`` (`--assignment`), the one
    column is that assignment's, each student's total in it; without, a column per exercise,
    named as the export (``roster``) names it where an earlier import made it, else new. A
    blank cell changes nothing, so a missing student keeps whatever Canvas has."""
    warnings = [] if warnings is None else warnings
    max_total = sum(ex.max_points for ex in exercises)
    exported = CanvasAssignment.columns(list(roster[0].columns) if roster else [])
    if assignment is not None:
        columns = [assignment.header]
        points: list[Any] = [max_total]
        if assignment.points and _number(assignment.points) != float(max_total):
            warnings.append(
                f"canvas.csv: the totals are out of {max_total}, and {assignment.header} is "
                f"worth {assignment.points} points in Canvas: set its points to {max_total} "
                "(the assignment's Edit page) before importing, or Canvas reads each total as "
                f"points of {assignment.points}")
    else:
        by_name = {CanvasAssignment(h.strip()).name.casefold(): h.strip() for h in exported}
        columns = [by_name.get(f"{ex.id} {ex.title}".casefold(), f"{ex.id} {ex.title}")
                   for ex in exercises]
        points = [ex.max_points for ex in exercises]
        new = [c for c in columns if c not in exported]
        if exported and new:
            warnings.append(
                f"canvas.csv makes {len(new)} new Canvas assignment(s) on import "
                f"({'; '.join(new)}), not filling the one your students submitted to: to fill "
                "that one with each total, run the same command with --assignment and its "
                "name or ID (nothing is graded again; the roster's "
                f"assignments: {'; '.join(exported[:5])}{' ...' if len(exported) > 5 else ''})")
    # Canvas's importer sets each column's points from this row, an existing assignment's
    # too (canvas-lms, GradebookImporter#process_pp): an assignment the export lists keeps
    # its own (a blank cell), so the import changes scores only; a new one gets its points.
    points = ["" if column in exported else p for column, p in zip(columns, points)]
    table: list[list[Any]] = [[*CANVAS_IDENTITY, *columns],
                              [POINTS_POSSIBLE, "", "", "", "", *points]]
    for row in rows:
        if not row.on_roster:
            continue  # Canvas cannot place a student it does not know
        if row.report is None:
            cells: list[Any] = [""] * len(columns)
        elif assignment is not None:
            cells = [row.report.score]
        else:
            scores = {ex.id: ex.score for ex in row.report.exercises}
            cells = [scores.get(ex.id, 0) for ex in exercises]
        table.append([*(row.identity[c] for c in CANVAS_IDENTITY), *cells])
    return table


def moodle_columns(roster: list[RosterEntry] | None) -> list[str]:
    """The columns of ``roster`` when it is Moodle's grading worksheet, which moodle.csv is
    written from (the worksheet is Moodle's own layout: anything else would not upload)."""
    header = list(roster[0].columns) if roster else []
    lacking = [c for c in MOODLE_WORKSHEET if c.lower() not in {h.lower() for h in header}]
    if lacking:
        raise UsageError(
            "--format moodle writes Moodle's grading worksheet back with the grades: give "
            "that worksheet as --roster (the assignment's Grading action > Download grading "
            "worksheet, with \"Offline grading worksheet\" on in its Feedback types); "
            + (f"the roster has no {', '.join(lacking)} column" if roster else "no --roster"))
    return header


def moodle_table(roster: list[RosterEntry], rows: list[Row], max_total: int,
                 warnings: list[str]) -> list[list[Any]]:
    """Moodle's grading worksheet as the roster gave it, each graded student's total in its
    Grade column. A missing student's row keeps the worksheet's own grade, so uploading
    changes nothing for them; students off the worksheet are left out (Moodle cannot place
    them). ``rows`` begin with the roster's, in its order (Gradebook.rows). Its Feedback
    comments column gets each graded student's summary (course.feedback.summary: points per
    exercise and what to fix), HTML-escaped since Moodle stores the comment as HTML; a
    comment written in Moodle (one not starting as a summary does) is kept, and said."""
    header = moodle_columns(roster)
    grade = next(i for i, c in enumerate(header) if c.lower() == "grade")
    comments = next((i for i, c in enumerate(header) if c.lower() == MOODLE_COMMENTS.lower()),
                    None)
    table: list[list[Any]] = [header]
    kept = []
    for entry, row in zip(roster, rows):
        cells: list[Any] = [entry.columns.get(c, "") for c in header]
        if row.report is not None:
            cells[grade] = row.report.score
            if comments is not None and cells[comments].strip() \
                    and not cells[comments].startswith(SUMMARY_MARK):
                kept.append(row.student)  # a teacher's, downloaded with the worksheet
            elif comments is not None:  # (it starts with the mark: never a formula)
                cells[comments] = html.escape(summary(row.report))
        table.append(cells)
    if comments is None and any(row.report for row in rows[:len(roster)]):
        warnings.append(f"moodle.csv: the worksheet has no {MOODLE_COMMENTS} column, so no "
                        f"summary goes back with the grades: turn on {MOODLE_COMMENTS} in the "
                        "assignment's Feedback types, download the worksheet again and give "
                        "it as --roster")
    if kept:
        warnings.append(f"moodle.csv: {len(kept)} student(s) have {MOODLE_COMMENTS} written "
                        f"in Moodle, kept as they are ({'; '.join(kept[:5])}"
                        f"{' and more' if len(kept) > 5 else ''}): clear them in the worksheet "
                        "to have the autograder's summary there instead")
    # Moodle takes the Grade as points of the assignment's Maximum grade: 32 uploaded to an
    # assignment out of 100 would read as 32%. A grade above the maximum it skips, saying only
    # how many grades it updated (assignfeedback_offline's process_import_grades: "out of
    # range"), so a student's 20 of 32 in an assignment out of 10 is no grade at all.
    maximum = next((c for c in header if c.lower() == "maximum grade"), None)
    out_of = {entry.columns.get(maximum, "").strip() for entry in roster} if maximum else set()
    wrong = sorted(m for m in out_of if _number(m) not in (None, float(max_total)))
    if wrong:
        below = any(_number(m) < max_total for m in wrong)  # type: ignore[operator]
        warnings.append(f"moodle.csv: the totals are out of {max_total}, the worksheet's "
                        f"Maximum grade is {', '.join(wrong)}: set the assignment's Maximum "
                        f"grade to {max_total} (Edit settings > Grade) before uploading, or "
                        "Moodle reads each total as points of the old maximum"
                        + (" and skips, without naming them, the totals above it"
                           if below else ""))
    return table


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))  # (a European Moodle writes "100,00")
    except ValueError:
        return None


def grouped(found: list[tuple[str, str]], named: int = 5) -> list[str]:
    """``name: what`` for each (name, what) of ``found``, in order, those saying the same
    ``what`` of several names in one line, its first ``named`` names shown.

        >>> grouped([("a", "late"), ("b", "empty"), ("c", "late"), ("d", "late")], named=2)
        ['late: 3 submissions: a, c and 1 more', 'b: empty']
    """
    names: dict[str, list[str]] = {}
    for name, what in found:
        names.setdefault(what, []).append(name)
    lines = []
    for what, theirs in names.items():
        if len(theirs) < 3:
            lines += [f"{name}: {what}" for name in theirs]
            continue
        more = f" and {len(theirs) - named} more" if len(theirs) > named else ""
        lines.append(f"{what}: {len(theirs)} submissions: {', '.join(theirs[:named])}{more}")
    return lines


def dropped_options(old: Path, deadline: datetime | None,
                    roster: list[RosterEntry] | None) -> str:
    """What the gradebook.csv at ``old``, about to be replaced, was made with and this run was
    not given: a re-run typed shorter (`course grade submissions --out grades`) rebuilt a
    class's gradebook without its roster's missing students or its lateness, and said
    nothing. Read from the file itself: a ``missing`` row needs a roster, a ``late_hours`` a
    deadline. "" for nothing dropped (or no such file)."""
    if deadline is not None and roster is not None:
        return ""
    try:
        with open(old, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeError, csv.Error):
        return ""
    dropped = ([f"--roster (it listed {sum(r.get('status') == 'missing' for r in rows)} "
                "student(s) with no submission)"]
               if roster is None and any(r.get("status") == "missing" for r in rows) else []) \
        + (["--deadline (it marked lateness)"]
           if deadline is None and any(r.get("late_hours") for r in rows) else [])
    if not dropped:
        return ""
    return (f"gradebook.csv was rebuilt without {' and '.join(dropped)}, as the one it "
            "replaced was made: nothing graded is lost; run the command again with "
            f"{'them' if len(dropped) > 1 else 'it'} to have the gradebook as it was")


def late_over_on_time(rows: list[Row], deadline: datetime | None, named: int = 5) -> str:
    """The students whose counted submission, their latest, is late while an earlier one was
    on time, named with both totals: which of the two counts is the late policy's to say, and
    the gradebook's total and its LMS file count the latest. "" for none."""
    if deadline is None:
        return ""
    found = [f"{row.student} ({row.report.score} late, {row.on_time_total(deadline)} on time)"
             for row in rows if row.report is not None and row.graded
             and row.on_time_total(deadline) and not made_by_deadline(_latest(row.graded),
                                                                       deadline)]
    if not found:
        return ""
    more = f" and {len(found) - named} more" if len(found) > named else ""
    return (f"{len(found)} student(s) submitted again after the deadline, over an on-time "
            f"submission ({'; '.join(found[:named])}{more}): gradebook.csv's total (and "
            "canvas.csv's, moodle.csv's) counts the latest; its on_time_total the latest on "
            "time, for a policy that accepts no late work")


def missing_students(missing: list[str], roster: int, named: int = 5) -> str:
    """The roster students without a submission, the first ``named`` of them by name."""
    more = f" and {len(missing) - named} more" if len(missing) > named else ""
    return (f"{len(missing)} of {roster} students on the roster have no submission counted "
            f"({'; '.join(missing[:named])}{more}): status `missing` in gradebook.csv. The "
            "exit code counts the submissions graded, not these")


def class_summary(statuses: list[str], totals: list[int], max_total: int) -> str:
    """The class in one line: how many rows of each status (``late by 2h05m`` counted as
    ``late``), and the mean and median total of the submissions."""
    counts = Counter(status.split(" by ")[0] for status in statuses)
    standing = ", ".join(f"{status} {n}" for status, n in counts.most_common())
    points = (f"total mean {mean(totals):.1f}, median {median(totals):g} of {max_total} "
              f"over {len(totals)} submission(s)" if totals else "no submissions")
    return f"class of {len(statuses)}: {standing or 'nobody'}; {points}"


SUMMARY_STATUSES = {PASSED: "passed", FAILED: "failed", ERROR: "errored",
                    NOT_ATTEMPTED: "not_attempted"}


def task_summary(rows: list[Row], exercises: list[Any]) -> list[list[Any]]:
    """summary.csv: per task, how many counted submissions passed, failed, errored or did not
    attempt it, and the misconception named most often (a lesson to go over again). An
    unreadable archive, or one with nothing to grade, is left out: it attempted nothing, and
    would count as every task's error."""
    tally: dict[str, Counter[str]] = {}
    mistakes: dict[str, Counter[str]] = {}
    for row in rows:
        if row.report is None or row.report.problem:
            continue
        for task in row.report.tasks:
            tally.setdefault(task.id, Counter())[task.status] += 1
            if task.misconception:
                mistakes.setdefault(task.id, Counter())[task.misconception] += 1
    table: list[list[Any]] = [["task", "title", "max_points", *SUMMARY_STATUSES.values(),
                               "misconception", "misconception_count"]]
    for task in (task for ex in exercises for task in ex.tasks):
        common = mistakes.get(task.id, Counter()).most_common(1)
        name, count = common[0] if common else ("", 0)
        table.append([task.id, task.title, task.points,
                      *(tally.get(task.id, Counter())[s] for s in SUMMARY_STATUSES),
                      one_line(name), count])
    return table


def _write_csv(path: Path, table: list[list[Any]], neutral: bool = True) -> None:
    """``table`` as CSV; ``neutral``: each cell as a spreadsheet shows it as text (neutralise).
    Not for a file written back to the LMS cell for cell as it was downloaded (moodle.csv): a
    "'" there would change what the LMS reads, and the file holds nothing the download did not."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    for line in table:
        writer.writerow([neutralise(v) for v in line] if neutral else line)
    atomic_write(path, buf.getvalue())
