"""`course submit`: a zip of exercises/ with a manifest and the last local results.

The archive goes to ``submissions/<name>-<UTC time>.zip``; the file is created exclusively, so
an earlier submission is never overwritten (a numeric suffix is added on a clash). It holds for
each exercise the file `course check` and the grader grade (``course.tasks.exercise_file``: its
own, ``ex03_backward.py``, else the only ``ex03_*.py``); other ``exNN_*.py`` files
(``ex03_backup.py``) are left out, with a warning naming them.

    >>> make_submission(Path("."), "alice")                           # doctest: +SKIP
    PosixPath('submissions/alice-20261125T180102Z.zip')
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys
import time
import unicodedata
import zipfile
from importlib import metadata
from pathlib import Path

from course.errors import UsageError
from course.tasks import (
    EXERCISE_FILES,
    EXERCISE_IDS,
    exercise_file,
    filename,
    missing_file,
    too_large,
)
from course.unpack import MAX_FILE_BYTES
from course.workspace import STATE, read_json


def course_version() -> str:
    try:
        return metadata.version("autograd-course")
    except metadata.PackageNotFoundError:
        return "unknown"


MAX_NAME = 64  # characters of a name in a file name (its time stamp and suffix follow)
# The name of a submission made without --name: every such learner's file is
# submission-<time>.zip, so it names no one (the gradebook gives each its own row).
UNNAMED = "submission"


def submission_name(name: str) -> str:
    """``name`` as a file name's safe part: ``alice@uni.edu`` -> ``alice-uni.edu``, ``Zoë
    Müller`` -> ``Zoë-Müller`` (letters of any script are letters; the gradebook matches roster
    logins through the same function). Composed and decomposed accents are one name (NFC).
    A name longer than MAX_NAME is cut and ends with a digest of the whole, case ignored as the
    gradebook ignores it: cut alone, two students whose names agree in their first 64
    characters wrote one name, and their files counted for neither."""
    cleaned = _cleaned(name)
    if len(cleaned) <= MAX_NAME:
        return cleaned
    digest = hashlib.sha256(cleaned.casefold().encode()).hexdigest()[:8]
    return f"{cleaned[:MAX_NAME - len(digest) - 1].rstrip('.-')}-{digest}"


def cut_name(name: str) -> str:
    """``name`` as versions before 2026-12-06 wrote it into a file name: cut at MAX_NAME
    characters, with no digest (the gradebook still matches their files by it)."""
    return _cleaned(name)[:MAX_NAME]


def _cleaned(name: str) -> str:
    return re.sub(r"[^\w.-]+", "-", unicodedata.normalize("NFC", name)).strip(".-")


def _clean_name(name: str) -> str:
    cleaned = submission_name(name)
    if not cleaned:
        raise UsageError(f"invalid submission name {name!r}: use letters, digits, - _ .")
    return cleaned


def _read(root: Path, file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as e:  # (made unreadable, say): nothing is submitted without it
        raise UsageError(f"cannot read {file.relative_to(root)} ({e.strerror or e}): nothing "
                         "was submitted; make it readable and run `course submit` again") from None


def _not_written(root: Path, path: Path, e: OSError) -> UsageError:
    return UsageError(f"could not write {path.relative_to(root)} ({e.strerror or e}): nothing "
                      "was submitted; make room or the folder writable and run `course submit` "
                      "again")


def make_submission(root: Path, name: str | None = None) -> Path:
    """Write a new submission archive for the course folder ``root``; returns its path."""
    exercises = root / "exercises"
    # The file `course check` grades for each exercise (its own, else the only exNN_*.py).
    files = [f for f in (exercise_file(exercises, eid)[0] for eid in EXERCISE_IDS) if f]
    others = sorted(p.name for p in exercises.glob(EXERCISE_FILES)
                    if p not in files and p.is_file())
    # A file the learner can see but is not one (a folder, ex03_backward.py.txt) was left out
    # without a word; one plainly deleted shows in `course list` as "missing file".
    left_out = [why for why in (missing_file(exercises, filename(eid)) for eid in EXERCISE_IDS
                                if exercise_file(exercises, eid)[0] is None)
                if not why.endswith(" is missing")]
    if left_out:
        print(f"course: warning: not in this submission: {'; '.join(left_out)}",
              file=sys.stderr)
    if others:  # graded nowhere: say so now, not when the grade comes back
        eid = others[0][:4] if others[0][:4] in EXERCISE_IDS else EXERCISE_IDS[0]
        print(f"course: warning: not submitted: {', '.join(others)} (only each exercise's own "
              f"file, like {filename(eid)}, is graded)", file=sys.stderr)
    if not files:
        raise UsageError(f"no exercise files in {exercises}")
    name = _clean_name(name or UNNAMED)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    # Each file read once: the bytes hashed into the manifest are the bytes packed.
    contents = {f"exercises/{f.name}": _read(root, f) for f in files}
    for file in files:  # (course check says it too, in that exercise's feedback)
        if len(contents[f"exercises/{file.name}"]) > MAX_FILE_BYTES:
            print(f"course: warning: {too_large(file.name).splitlines()[0]}", file=sys.stderr)
    manifest = {
        "name": name, "time": stamp, "course_version": course_version(),
        "files": {arcname: hashlib.sha256(data).hexdigest() for arcname, data in contents.items()},
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for arcname, data in contents.items():
            zf.writestr(arcname, data)
        zf.writestr("manifest.json", json.dumps(manifest, indent=1))
        zf.writestr("results.json", json.dumps(read_json(root / STATE / "last_check.json", {}),
                                               indent=1))
    folder = root / "submissions"
    try:
        folder.mkdir(exist_ok=True)
    except OSError as e:  # a read-only course folder, or a file of that name
        raise _not_written(root, folder, e) from None
    for n in range(1, 1000):
        path = folder / f"{name}-{stamp}{'' if n == 1 else f'-{n}'}.zip"
        created = False
        try:
            with open(path, "xb") as out:  # "x": fail rather than overwrite
                created = True
                out.write(buf.getvalue())
            return path
        except FileExistsError:
            continue
        except OSError as e:  # a full disk: no half-written archive left to hand in
            if created:
                path.unlink(missing_ok=True)
            raise _not_written(root, path, e) from None
    raise UsageError(f"too many submissions named {name}-{stamp}")
