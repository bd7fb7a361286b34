"""Processes, as tests of the sandbox see them: those a test marked (by their `comm`, the name
a process gives itself), found through /proc to check that what learner code started was
killed; and a uid of no one's, for code run as "the sandbox user".

/proc is read entry by entry: a process that ends while it is walked is skipped (Path.glob
raised ProcessLookupError for it).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def named(mark: str) -> list[int]:
    """The live processes whose comm is ``mark``."""
    found = []
    for pid in _pids():
        try:
            if Path(f"/proc/{pid}/comm").read_text().strip() == mark:
                found.append(int(pid))
        except OSError:
            pass
    return found


def unused_uid() -> int:
    """A uid that no account and no process has, for tests that run code as "the sandbox
    user" and then kill all of its processes and delete its files: as nobody (65534) they did
    that to every nobody process and file on the machine, bubblewrap sandboxes among them."""
    import pwd
    import secrets

    # Drawn, not the first free one: two test runs at once would share it, and a user-mode run
    # waits for another that holds the same sandbox user (course.sandbox._hold_sandbox_user).
    uid = 2**31 - 2_000_000 + secrets.randbelow(1_000_000)
    while True:
        try:
            pwd.getpwuid(uid)
        except KeyError:
            if not any(_uid_of(pid) == uid for pid in _pids()):
                return uid
        uid += 1


@contextmanager
def sandbox_user() -> Iterator[int]:
    """``unused_uid()`` for one test, and afterwards the lock file that a grading run makes
    for it (course.sandbox._hold_sandbox_user) removed, and this process's hold on it let go:
    one ``course-user-mode-<uid>.lock`` per test and run was left in the temp folder. Safe here
    and not in the grader: the uid is this test's alone, so no other process waits on that
    lock (the grader keeps its lock file, as one removed while a second run waits on it lets
    a third make a new one and run beside the second)."""
    from course import sandbox

    uid = unused_uid()
    try:
        yield uid
    finally:
        with sandbox._held_guard:
            fd = sandbox._held_users.pop(uid, None)
        if fd is not None:
            os.close(fd)
        (Path(tempfile.gettempdir()) / f"course-user-mode-{uid}.lock").unlink(missing_ok=True)


def _pids() -> list[str]:
    return [entry.name for entry in os.scandir("/proc") if entry.name.isdigit()]


def _uid_of(pid: str) -> int | None:
    try:
        return os.stat(f"/proc/{pid}").st_uid
    except OSError:
        return None
