"""Where the learner's files live: the course folder with exercises/, and its .course/ state.

    >>> find_root().joinpath("exercises").is_dir()                    # doctest: +SKIP
    True
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from course.errors import UsageError

STATE = ".course"


def _is_root(path: Path) -> bool:
    return any((path / "exercises").glob("ex0*_*.py"))


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (the working directory) holding exercises/."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_root(folder):
            return folder
    raise UsageError(f"no exercises/ folder in {here} or above: run `course` from your "
                     "course folder")


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write a file so that readers see the old or the new content, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            # errors="replace": a lone surrogate (learner text decoded with surrogateescape, or
            # a "\ud800" in an exception message) becomes "?" rather than losing the whole file
            # to a UnicodeEncodeError, a crash every re-run would hit again.
            f.write(data.encode(errors="replace") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def read_head(path: Path | str, limit: int, follow_links: bool = True,
              dir_fd: int | None = None) -> bytes | None:
    """The first ``limit`` bytes of a regular file (``path`` relative to ``dir_fd`` if given),
    None if it is none (a folder, a fifo, which is never waited on: the file may have been
    swapped since it was listed)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow_links else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags, dir_fd=dir_fd)
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # (before open(): a folder raises there)
        os.close(fd)
        return None
    with open(fd, "rb") as f:
        return f.read(limit)


def update_json(path: Path, default: Any, change: Callable[[Any], Any]) -> None:
    """Rewrite the JSON document at ``path`` as ``change`` makes it from the one there now
    (``default`` where there is none), one process at a time: two checks at once (a
    notebook's and a terminal's) each read the scores, added their own and wrote them back,
    and the later dropped the earlier's (7 of 10 kept, of ten run together). The lock is on
    a file beside it; the kernel drops it however the process ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / ".lock", "a") as lock:
        if fcntl is not None:  # (Windows has none: a lost update there, as before)
            fcntl.flock(lock, fcntl.LOCK_EX)
        atomic_write(path, json.dumps(change(read_json(path, default)), indent=1))


def read_json(path: Path, default: Any) -> Any:
    """The JSON document at ``path``, or ``default`` where it is missing, damaged or, for a
    ``default`` other than None, not of its type (a list where a dict was written crashed the
    readers of .course/)."""
    try:
        doc = json.loads(path.read_text())
    except (OSError, ValueError):
        return default
    return doc if default is None or isinstance(doc, type(default)) else default
