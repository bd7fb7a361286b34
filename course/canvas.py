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
