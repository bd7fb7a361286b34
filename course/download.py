"""What kind of download a batch of submissions is, decided once from the batch's names.

Each LMS names what it downloads its own way (course.canvas, course.moodle,
course.gradescope_export), and a learner's own file name can look like another LMS's naming:
Moodle names a learner's ``hw_1_2_final.zip``
``Ada Lovelace_7_assignsubmission_file_hw_1_2_final.zip``, which also reads as Canvas user 1's
file 2. Which reading wins depends on the download the name
came in, not on the name, so the kind is decided once for the batch and every reader of a name
asks it. A new LMS is one more member here, not one more flag through the gradebook.

    >>> Download.of(["Ada Lovelace_7_assignsubmission_file_hw_1_2_final.zip",
    ...              "Bob Babbage_8_assignsubmission_file"])
    <Download.MOODLE: "Moodle's Download all submissions">
    >>> Download.of(["Ada Lovelace_7_assignsubmission_file_hw_1_2_final.zip",
    ...              "babbagebob_1002_55_hw.zip"])
    <Download.CANVAS: "Canvas's Download Submissions">
    >>> Download.MOODLE.canvas_readings("Ada Lovelace_7_assignsubmission_file_hw_1_2_final.zip")
    []
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum

from course.canvas import CanvasName
from course.moodle import MoodleName

# The folder Gradescope's "Export Submissions" gives each submission (course.gradescope_export)
_GRADESCOPE_FOLDER = re.compile(r"submission_\d+")


class Download(Enum):
    """Where a batch of submissions came from; the value says it in words."""

    # <sortable name>_[LATE_]<user id>_<file id>_<name> (course.canvas). Also the reading of a
    # name whose download is not known: every way it reads as Canvas's counts, the strictest
    # rule, since a Canvas user may edit their sortable name to look like another LMS's name.
    CANVAS = "Canvas's Download Submissions"
    # a folder (or file) per learner, <full name>_<participant id>_assignsubmission_file...
    MOODLE = "Moodle's Download all submissions"
    # submission_<id>/ folders and submission_metadata.yml (course.gradescope_export)
    GRADESCOPE = "Gradescope's Export Submissions"
    # `course submit`'s zips and learners' folders, as the instructor collected them
    FOLDERS = "files and folders"

    @staticmethod
    def of(names: Iterable[str]) -> Download:
        """The kind of download ``names`` (a batch's submissions) are. Canvas's when one of
        them reads as Canvas's alone: in Canvas's download every name does (it starts with the
        sortable name and the IDs), so a name there that also reads as Moodle's (a sortable
        name edited to ``Lovelace, Ada_7_assignsubmission_file``) is still counted for no one."""
        names = list(names)
        if any(CanvasName.readings(n) and MoodleName.of(n) is None for n in names):
            return Download.CANVAS
        if any(MoodleName.of(n) for n in names):
            return Download.MOODLE
        if names and all(_GRADESCOPE_FOLDER.fullmatch(n) for n in names):
            return Download.GRADESCOPE
        return Download.FOLDERS

    def canvas_readings(self, name: str) -> list[CanvasName]:
        """Every way ``name`` reads as Canvas's (course.canvas.CanvasName.readings), except
        outside Canvas's download for a name Moodle gave: its ``_1_2_`` are the learner's own
        (``..._assignsubmission_file_hw_1_2.zip``), no Canvas user's."""
        if self is not Download.CANVAS and MoodleName.of(name):
            return []
        return CanvasName.readings(name)

    def canvas_name(self, name: str) -> CanvasName | None:
        """What ``name`` says as Canvas's, when it reads only one way (CanvasName.of)."""
        readings = self.canvas_readings(name)
        return readings[0] if len(readings) == 1 else None
