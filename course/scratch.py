"""The grader's scratch folders in the temp folder, and the removal of those a killed grader
left behind.

A run removes its own folders (an unpacked submission, a sandbox's copy of it) when it is done
with them. One killed first (kill -9, an out-of-memory kill, a power cut) cannot, and they hold
learner code: on a shared machine that should not linger. So each folder records whose it is
(``OWNER``: the process and its start time, which tells a reused process ID apart), and
``course grade`` removes, before it starts, the folders of processes that are gone.

    >>> folder = scratch_folder("course-doctest-")
    >>> clear_abandoned(("course-doctest-",))  # its owner, this process, is alive
    []
    >>> remove_tree(folder); folder.exists()
    False
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from course.workspace import read_head

OWNER = ".course-owner"
# What the grader makes (course.grade, course.sandbox): cleared at the start of `course grade`.
PREFIXES = ("course-grade-", "course-sandbox-", "course-fingerprint-")


def scratch_folder(prefix: str) -> Path:
    """A new folder in the temp folder, readable by this user only, that says whose it is."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    (folder / OWNER).write_text(_process(os.getpid()))
    return folder


def _process(pid: int) -> str:
    """``pid`` and its start time (since boot, in clock ticks: /proc/<pid>/stat's 22nd field;
    empty where there is no /proc, or no such process)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        started = stat[stat.rindex(")") + 2:].split()[19]  # (the name may hold spaces)
    except (OSError, ValueError, IndexError):
        started = ""
    return f"{pid} {started}"


def _alive(owner: str) -> bool:
    pid, _, started = owner.partition(" ")
    if not pid.isdigit():
        return False
    # (no /proc when the folder was made: the ID alone)
    return _process(int(pid)) == owner if started else running(int(pid))


def running(pid: int) -> bool:
    """Whether a process ``pid`` exists (one of another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clear_abandoned(prefixes: Sequence[str] = PREFIXES) -> list[Path]:
    """Remove this user's scratch folders whose owner is gone; -> those removed. A folder that
    says nothing of its owner (another program's, an older course's) is left alone."""
    removed = []
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(tuple(prefixes)) or not entry.is_dir(follow_symlinks=False):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
        except OSError:
            continue
        owner = read_head(Path(entry.path) / OWNER, 100, follow_links=False)
        if owner is not None and not _alive(owner.decode(errors="replace")):
            remove_tree(Path(entry.path))
            removed.append(Path(entry.path))
    return removed


def remove_tree(folder: Path) -> None:
    """Delete a folder even where code run in it took away the permissions (same uid)."""
    def writable(path: Path) -> None:
        try:
            os.chmod(path, 0o700)
            for entry in os.scandir(path):
                if entry.is_dir(follow_symlinks=False):
                    writable(Path(entry.path))
        except (OSError, RecursionError):
            pass

    writable(folder)
    shutil.rmtree(folder, ignore_errors=True)
