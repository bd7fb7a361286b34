"""An LMS's download of learners who uploaded their exercise files one by one.

Canvas names each file of its download ``<sortable name>_[LATE_]<user id>_<file id>_<its
name>`` (course.canvas), and a file uploaded again under an earlier one's name
gets ``-1``, ``-2`` before its extension. A learner who handed in ``ex01_requires_grad.py`` and
``ex02_graph.py`` rather than `course submit`'s zip made one submission of several files: they
are graded together, from a folder of their own named as Canvas names a file of theirs,
``<sortable name>_[LATE_]<user id>_<latest file id>_exercises``, so that the gradebook places
it by Canvas's user ID as it places their zips (of those, the latest upload counts), late when
Canvas marked a file of it late.

Only a name that reads as one Canvas user is gathered: one a learner made read as another's as
well (an edited sortable name, a file named ``x_1001_9_ex01_a.py``) is a submission of its own,
in a folder named as the file, which the gradebook counts for no one, or for the one roster
student it starts with, as it does such a zip.

Moodle's download without folders names each file ``<full name>_<participant
id>_assignsubmission_file_<its name>`` (course.moodle): a learner's exercise files are
gathered into the folder Moodle would have put them in, ``<full name>_<participant
id>_assignsubmission_file``, graded as such a folder is.

    >>> [r.original for r in exercise_uploads("lovelaceada_LATE_1001_502_ex01_requires_grad-1.py")]
    ['ex01_requires_grad.py']
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from course.canvas import CanvasName
from course.download import Download
from course.gradebook import without_extension
from course.moodle import MoodleName
from course.unpack import EXERCISE_FILE, UnpackLimits

_REUPLOAD = re.compile(r"-\d+(?=\.py$)")
_LONGEST = 200  # bytes of a folder name: longer, it is named without the sortable name


def exercise_uploads(name: str, download: Download = Download.CANVAS) -> list[CanvasName]:
    """Each reading of the file ``name`` as Canvas's name of an uploaded exercise file, its
    re-upload suffix left out of ``original`` (none: not Canvas's name, or another file).
    ``download``: the batch's (course.download)."""
    readings = [replace(r, original=_REUPLOAD.sub("", r.original))
                for r in download.canvas_readings(name)]
    return [r for r in readings if EXERCISE_FILE.fullmatch(r.original)]


def uploaded_exercise(name: str, download: Download = Download.CANVAS) -> bool:
    """Whether the file ``name`` is an exercise file as Canvas or Moodle names it for the
    learner who uploaded it."""
    return bool(exercise_uploads(name, download) or _moodle_upload(name, download))


def _moodle_upload(name: str, download: Download = Download.CANVAS) -> MoodleName | None:
    """Moodle's name of an uploaded exercise file (outside Moodle's download, not one that
    reads as Canvas's too: that is Canvas's, for the gradebook to count for no one)."""
    found = MoodleName.of(name)
    return found if found and EXERCISE_FILE.fullmatch(found.original) \
        and not download.canvas_readings(name) else None


def gather(paths: list[Path], into: Path, say: Callable[[str], None],
           limits: UnpackLimits | None = None) -> list[Path]:
    """``paths`` with each learner's exercise files among them replaced by one folder made in
    ``into``, where the first of them was, and each file whose name reads as several Canvas
    users by a folder of its own. A Canvas user who also uploaded a zip has two submissions,
    of which the gradebook counts the one uploaded last; the terminal says so."""
    limits = limits or UnpackLimits()
    download = Download.of(p.name for p in paths)
    # Whose each file is, its name for the learner's folder, its own name in it, its order
    found: dict[Path, tuple[str, str, str, int]] = {}
    for path in (p for p in paths if p.is_file()):
        canvas = exercise_uploads(path.name, download)
        theirs_on_moodle = _moodle_upload(path.name, download)
        if len(canvas) == 1 and len(download.canvas_readings(path.name)) == 1:
            found[path] = (f"canvas:{canvas[0].user_id}", "", canvas[0].original,
                           canvas[0].file_id)
        elif canvas:  # (see the module docstring)
            found[path] = (f"file:{path}", without_extension(path.name), canvas[-1].original, 0)
        elif theirs_on_moodle:
            found[path] = (f"moodle:{theirs_on_moodle.participant}",
                           f"{theirs_on_moodle.full_name}_{theirs_on_moodle.participant}"
                           "_assignsubmission_file", theirs_on_moodle.original, 0)
    theirs: dict[str, list[Path]] = {}
    for path, (who, *_) in found.items():
        theirs.setdefault(who, []).append(path)
    made = {}
    for number, (who, files) in enumerate(theirs.items()):
        name = found[files[0]][1] or _name([exercise_uploads(p.name, download)[0]
                                            for p in files])
        # (a folder each, so that no two names meet: grading names any two that are one)
        made[who] = _folder(into / str(number) / name, files, found, say, limits)
    zipped = {f"canvas:{r.user_id}" for p in paths if p not in found
              for r in [download.canvas_name(p.name)] if r}
    for user in sorted(theirs.keys() & zipped):
        say(f"course: Canvas user {user.partition(':')[2]} uploaded exercise files and a zip: "
            "each is graded, and the one uploaded last (by Canvas's file ID) counts")
    gathered: list[Path] = []
    for path in paths:
        if path not in found:
            gathered.append(path)
        elif made[found[path][0]] not in gathered:
            gathered.append(made[found[path][0]])
    return gathered


def _name(readings: list[CanvasName]) -> str:
    """The folder's name: as Canvas names the latest file, its own name ``exercises``; LATE
    when any file is (Canvas marks a submission, not a file). Where the sortable name would
    make it read otherwise (or too long), it is left out: the user ID is what places it."""
    latest, late = max(readings, key=lambda r: r.file_id), any(r.late for r in readings)
    ids = f"{'LATE_' if late else ''}{latest.user_id}_{latest.file_id}_exercises"
    name = f"{latest.sortable}_{ids}"
    if CanvasName.of(name) != replace(latest, late=late, original="exercises") \
            or len(name.encode()) > _LONGEST:
        return f"_{ids}"
    return name


def _folder(folder: Path, files: list[Path], found: dict[Path, tuple[str, str, str, int]],
            say: Callable[[str], None], limits: UnpackLimits) -> Path:
    """The ``files`` of one submission, copied into ``folder/exercises`` under the names the
    learner gave them (``found``): of two of one name, the later upload. No more is copied
    once the folder holds more files or bytes than unpacking accepts, which then refuses it
    as it refuses any such submission: copied whole, a learner's 300 uploads of 1 MB each
    took 300 MB of the grader's scratch space before that refusal (red team 13)."""
    folder.mkdir(parents=True)
    sizes: dict[str, int] = {}
    for path in sorted(files, key=lambda p: found[p][3]):
        if len(sizes) > limits.max_files or sum(sizes.values()) > limits.max_total_bytes:
            break
        data = _read(path, limits)
        if data is None:
            say(f"course: {path}: not a regular file: left out of {folder.name}")
            continue
        # (made for a file only: of none, the submission is an empty folder, nothing to grade)
        (folder / "exercises").mkdir(exist_ok=True)
        (folder / "exercises" / found[path][2]).write_bytes(data)
        sizes[found[path][2]] = len(data)
    return folder


def _read(path: Path, limits: UnpackLimits) -> bytes | None:
    """The file's bytes, never through a link or from a pipe (None then), and at most one
    more than unpacking accepts (which then says it is too large)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(os.dup(fd), "rb") as f:
            return f.read(limits.max_file_bytes + 1)
    finally:
        os.close(fd)
