"""Who a submission is, by the name Canvas's "Download Submissions" gives it.

Canvas renames each file ``<sortable name>_[LATE_]<user id>_<file id>_<original name>``. The
user ID is Canvas's and no learner can choose it; the sortable name is the learner's to edit,
so a name may read as more than one user's (course.gradebook decides whose it is then).

    >>> CanvasName.of("lovelaceada_LATE_1001_502_hw.zip")
    CanvasName(user_id='1001', file_id=502, late=True, original='hw.zip', sortable='lovelaceada')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from course.errors import UsageError

# The sortable name is the learner's to edit, in any script, and may itself hold "_<id>_<id>"
# (Canvas turns "x__1001__9" into "x_1001_9"), so this is tried at every "_" of the name.
_CANVAS_IDS = re.compile(r"_(LATE_)?(\d+)_(\d+)_(.+)$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class CanvasName:
    """What Canvas's download name says: who uploaded it, in which order, and whether late."""

    user_id: str
    file_id: int
    late: bool
    original: str = ""  # the name the learner gave the file
    # Canvas's "lastfirst" for the user, which the learner may edit: shown, never matched on.
    sortable: str = field(default="", compare=False)

    def shown(self) -> str:
        """``alpha (2001)``: the uploader, for the gradebook's student column."""
        return f"{self.sortable} ({self.user_id})" if self.sortable else f"user {self.user_id}"

    @staticmethod
    def readings(submission: str) -> list[CanvasName]:
        """Every way ``submission`` reads as a Canvas download name, one per user and file.
        Of two readings of one file, a LATE one is kept: Canvas writes LATE, and a learner who
        edits their sortable name to ``x_7_9_y`` must not read as on time (``x_7_9_y_LATE_7_9_a``
        also reads as sortable name ``x``, file name ``y_LATE_7_9_a``). Whether a name of
        another LMS's download is read so at all is the download's to say
        (course.download.Download.canvas_readings)."""
        found: dict[tuple[str, int], CanvasName] = {}
        for at in (i for i, c in enumerate(submission) if c == "_"):
            ids = _CANVAS_IDS.match(submission, at)
            if ids:
                reading = CanvasName(ids[2], int(ids[3]), bool(ids[1]), ids[4], submission[:at])
                kept = found.get((reading.user_id, reading.file_id))
                if kept is None or (reading.late and not kept.late):
                    found[reading.user_id, reading.file_id] = reading
        return list(found.values())

    @staticmethod
    def of(submission: str) -> CanvasName | None:
        """What the name says, when it reads only one way (None: not Canvas's, or ambiguous:
        a sortable name that holds another user's ID must not make the file theirs)."""
        readings = CanvasName.readings(submission)
        return readings[0] if len(readings) == 1 else None


# A column of Canvas's gradebook export that is an assignment: "Autograd week 1 (12345)", its
# name and its ID. Canvas's import fills the assignment a column names this way (the ID
# decides); a column of any other name becomes a new assignment.
_ASSIGNMENT = re.compile(r"(?P<name>.*\S)\s*\((?P<id>\d+)\)", re.DOTALL)
# The label of the export's second row: each assignment's points (its cell in Student)
POINTS_POSSIBLE = "Points Possible"
# Student View's user, whom Canvas enrols in a course the first time its teacher opens Student
# View, and lists in the gradebook export by its sortable name, without SIS IDs. It is nobody
# to grade: on the roster it read as a student missing in every class.
TEST_STUDENT = "Student, Test"


@dataclass(frozen=True)
class CanvasAssignment:
    """An assignment of Canvas's gradebook export, the column canvas.csv fills with each
    student's total: its header as the export writes it, and its points possible there ("":
    not known)."""

    header: str
    points: str = ""

    @property
    def name(self) -> str:
        found = _ASSIGNMENT.fullmatch(self.header)
        return found["name"] if found else self.header

    @staticmethod
    def columns(header: list[str]) -> list[str]:
        """The columns of a gradebook export that are assignments (``Name (id)``)."""
        return [h for h in header if _ASSIGNMENT.fullmatch(h.strip())]

    @staticmethod
    def find(wanted: str, rows: list[dict[str, str]] | None) -> CanvasAssignment:
        """The assignment ``wanted`` names (its ID, its name, or its whole header; case and
        spacing aside) among the columns of Canvas's gradebook export, whose ``rows`` are
        given; with no export (None), ``wanted`` is the header itself: Canvas's import fills
        the assignment of exactly that name, or makes one. A UsageError where no column, or
        more than one, is the one."""
        wanted = " ".join(wanted.split())
        if not wanted:
            raise UsageError("--assignment is empty: give the Canvas assignment's name or ID")
        if rows is None:
            if wanted.isdigit():
                raise UsageError(f"--assignment {wanted} is an ID, which only Canvas's "
                                 "gradebook export tells apart: give that export as --roster "
                                 "(in Canvas, Grades > Export), or the assignment's name")
            return CanvasAssignment(wanted)
        known = CanvasAssignment.columns(list(rows[0]) if rows else [])
        if not known:
            raise UsageError("--assignment: the roster has no assignment columns (Canvas's "
                             "gradebook export names each as \"Name (ID)\"): give that export "
                             "as --roster (in Canvas, Grades > Export)")
        found = [h for h in known if wanted.casefold() in _spellings(h)]
        if len(found) > 1:
            raise UsageError(f"--assignment {wanted!r} fits {len(found)} assignments of the "
                             f"roster ({'; '.join(found)}): give its ID, the number in "
                             "parentheses")
        if not found:
            raise UsageError(f"--assignment {wanted!r} is no assignment of the roster "
                             f"(Canvas's gradebook export), whose assignments are "
                             f"{'; '.join(known)}")
        points = next((row for row in rows
                       if (row.get("Student") or "").strip() == POINTS_POSSIBLE), {})
        return CanvasAssignment(found[0].strip(), (points.get(found[0]) or "").strip())


def _spellings(header: str) -> set[str]:
    """What ``--assignment`` may say to name the column ``header`` (``Name (id)``): the
    header, the name (each with its spacing made single, case ignored), or the ID."""
    found = _ASSIGNMENT.fullmatch(header.strip())
    return {" ".join(header.split()).casefold(), " ".join(found["name"].split()).casefold(),
            found["id"]} if found else set()
