"""The grader's scratch folders in the temp folder, and the removal of those a killed grader
left behind.

A run removes its own folders (an unpacked submission, a sandbox's copy of it) when it is done
with them. One killed first (kill -9, an out-of-memory kill, a power cut) cannot, and they hold
learner code: on a shared machine that should not linger. So ``course grade`` removes, before it
starts, the folders (and cgroups, ``course.cgroup``) of runs that are gone.

Whether a run is gone is asked of the kernel, not read from process IDs: each process that makes
scratch folders holds a lock (``flock``) on a file of its own in the temp folder,
``course-run-<token>.lock``, for as long as it lives, and names its folders and cgroups by that
token. The kernel drops the lock when the process ends, however it ends. A process ID said
nothing in another PID namespace (a container, ``unshare``, a sandbox): there a live grader's
ID looked gone, and a second grader deleted the first one's folders mid-run, which graded its
submissions from missing files.

    >>> folder = scratch_folder("course-doctest-")
    >>> clear_abandoned(("course-doctest-",))  # its owner, this process, is alive
    []
    >>> remove_tree(folder); folder.exists()
    False
"""

from __future__ import annotations

import atexit
import fcntl
import os
import re
import secrets
import shutil
import stat
import tempfile
import threading
from collections.abc import Collection, Sequence
from pathlib import Path

from course.workspace import read_head

RUN = ".course-run"  # in each folder: the token of the run that made it
# Its process ID and start time, as older versions of the course wrote and judge them (they
# would take a folder without it for an abandoned one, and remove it under a live run).
OWNER = ".course-owner"
# What the grader makes (course.grade, course.sandbox): cleared at the start of `course grade`.
PREFIXES = ("course-grade-", "course-sandbox-", "course-fingerprint-")
_LOCK = "course-run-{}.lock"
_TOKEN = re.compile(r"[0-9a-f]{32}")

_guard = threading.Lock()  # (sandboxes start in worker threads)
_run: tuple[str, int, int] | None = None  # this process's token, its lock's fd, and its pid


def run_token() -> str:
    """This process's token, its lock taken on first use and held until it ends."""
    global _run
    with _guard:
        if _run is None or _run[2] != os.getpid():  # (a fork names its own run)
            token = os.urandom(16).hex()
            lock = _lock_file(Path(tempfile.gettempdir()), token)
            # Locked under another name, then renamed: a lock file is never seen unlocked
            # while its run lives (another run's clear would take it for a dead one's).
            fd = os.open(f"{lock}.new", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.write(fd, f"{os.getpid()}\n".encode())  # for a person looking
            os.rename(f"{lock}.new", lock)
            _run = (token, fd, os.getpid())
            atexit.register(_forget, lock, fd, token, os.getpid())
        return _run[0]


def _lock_file(folder: Path, token: str) -> Path:
    return folder / _LOCK.format(token)


def _forget(lock: Path, fd: int, token: str, pid: int) -> None:
    """At a normal exit: the lock file goes (a killed run's stays, for the next clear), but
    while a folder of the run is left (one an error path did not remove): without its lock file
    the folder named a run nobody could judge, and stayed in the temp folder for good. Only in
    the process that took the lock: a fork inherits atexit's list, and a fork's normal exit
    removed its parent's lock file under the live run."""
    if os.getpid() != pid:
        return
    if not any(_run_of(entry) == token for entry in _temp_entries()):
        lock.unlink(missing_ok=True)
    os.close(fd)


def _temp_entries() -> list[os.DirEntry]:
    try:
        return list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return []


def _run_of(entry: os.DirEntry, prefixes: Sequence[str] = PREFIXES) -> str | None:
    """The token of the run that made ``entry``, if it is a scratch folder of this user's
    ("" for one that names no run); None for anything else."""
    if not entry.name.startswith(tuple(prefixes)) or not _own(entry, directory=True):
        return None
    run = read_head(Path(entry.path) / RUN, 100, follow_links=False)
    return run.decode(errors="replace").strip() if run is not None else ""


def gone(token: str, folder: Path | None = None) -> bool:
    """Whether the run named ``token`` has ended: its lock file (in ``folder``, else the temp
    folder) is there, this user's, and nobody holds its lock. No such file: unknown, so not
    gone (a run of another temp folder or mount namespace, an older course's)."""
    if not _TOKEN.fullmatch(token):
        return False
    fd = open_own(_lock_file(folder or Path(tempfile.gettempdir()), token), os.O_RDONLY)
    if fd is None:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return True
    except OSError:  # held: the run lives (this process's own included)
        return False
    finally:
        os.close(fd)


def open_own(path: Path, flags: int) -> int | None:
    """An fd of the file ``path`` (created where ``flags`` say so) if it is a regular file of
    this user's, else None. In a temp folder every user shares, anyone may have put a link, a
    FIFO (whose open would block) or a file of their own at a lock file's name."""
    try:
        fd = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK, 0o600)
    except OSError:
        return None
    info = os.fstat(fd)
    if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid():
        return fd
    os.close(fd)
    return None


def scratch_folder(prefix: str) -> Path:
    """A new folder in the temp folder, readable by this user only, that says whose it is."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    (folder / RUN).write_text(run_token())
    (folder / OWNER).write_text(_process(os.getpid()))
    return folder


def _process(pid: int) -> str:
    """``pid`` and its start time (/proc/<pid>/stat's 22nd field; empty without /proc)."""
    try:
        line = Path(f"/proc/{pid}/stat").read_text()
        started = line[line.rindex(")") + 2:].split()[19]  # (the name may hold spaces)
    except (OSError, ValueError, IndexError):
        started = ""
    return f"{pid} {started}"


def clear_abandoned(prefixes: Sequence[str] = PREFIXES, keep: Collection[str] = ()
                    ) -> list[Path]:
    """Remove this user's scratch folders whose run is gone; -> those removed. A folder that
    names no run (another program's, an older course's) is left alone. Gone runs' lock files
    go too, but those of runs with a folder left (one that ended while this ran) or with a
    token in ``keep`` (a cgroup not removed yet): that file will tell them gone later. An
    earlier version's ``.course-removing-<hex>`` folders go when no other run is alive here."""
    removed: list[Path] = []
    temp = Path(tempfile.gettempdir())
    entries = _temp_entries()
    for entry in entries:
        token = _run_of(entry, prefixes)
        if token is None:
            continue
        if gone(token, temp):
            remove_tree(Path(entry.path))
            removed.append(Path(entry.path))
        else:  # its lock file stays, even if the run ends now: it is what tells the folder gone
            keep = {*keep, token}
    live = False
    for entry in entries:
        token = entry.name[len("course-run-"):-len(".lock")]
        if entry.name != _LOCK.format(token) or not _own(entry, directory=False):
            continue
        if gone(token, temp):
            if token not in keep:
                Path(entry.path).unlink(missing_ok=True)
        else:
            live = live or token != _own_token()
    if not live:  # no other run of this user's here that could be removing them now
        for entry in entries:
            if _REMOVING.fullmatch(entry.name) and _own(entry, directory=True):
                remove_tree(Path(entry.path))
                removed.append(Path(entry.path))
    return removed


# What earlier versions (since red team 9's fixed-length names) left in the temp folder when
# killed while removing a tree: folders that name no run, so removed only when no other run of
# this user's is alive here (a run of such a version moves its folders there as it removes).
_REMOVING = re.compile(r"\.course-removing-[0-9a-f]{16}")


def _own_token() -> str | None:
    """This process's run token, if it has taken one."""
    run = _run
    return run[0] if run is not None and run[2] == os.getpid() else None


def _own(entry: os.DirEntry, directory: bool) -> bool:
    """Whether ``entry`` is this user's folder (or file), not a link to one."""
    try:
        kind = entry.is_dir if directory else entry.is_file
        return kind(follow_symlinks=False) and \
            entry.stat(follow_symlinks=False).st_uid == os.getuid()
    except OSError:
        return False


def remove_tree(folder: Path) -> None:
    """Delete a folder even where code run in it took away the permissions (same uid) or made
    it deeper than a recursive walk goes: an eighth red team's tree of 1,200 folders, files at
    its bottom, stopped shutil.rmtree (RecursionError), and stayed on the grading machine with
    its data (the "user" fallback's shared /tmp and /dev/shm, the sandbox's scratch). So no
    recursion, and no long path: each folder found below ``folder``'s own is first moved up into
    ``folder`` itself, then emptied and removed; ``folder``'s own files go last. A removal cut
    short (the grader killed) so leaves everything inside ``folder``, which still names its run
    (``RUN``) for the next ``clear_abandoned``: moved beside it, into the temp folder, the
    folders named no run, and nothing ever removed them. Links are removed, never followed."""
    try:
        if folder.is_symlink() or not folder.is_dir():
            folder.unlink(missing_ok=True)
            return
        top = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return
    try:
        _empty(top)
    finally:
        os.close(top)
    try:
        os.rmdir(folder)
    except OSError:
        pass
    try:
        shutil.rmtree(folder, ignore_errors=True)  # whatever could not be moved (best effort)
    except RecursionError:  # (a tree that could not be moved, too deep for it: left)
        pass


def _empty(top: int) -> None:
    """Remove what the folder open as ``top`` holds, every folder reached by name from ``top``
    (never through a path a link could be swapped into)."""
    try:
        os.fchmod(top, 0o700)
        pending = [entry.name for entry in os.scandir(top) if entry.is_dir(follow_symlinks=False)]
    except OSError:
        pending = []
    for name in pending:
        try:
            _writable(name, top)
        except OSError:
            pass
    while pending:
        name = pending.pop()
        try:
            fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=top)
        except OSError:
            continue
        try:
            for entry in list(os.scandir(fd)):
                try:
                    if entry.is_dir(follow_symlinks=False):
                        _writable(entry.name, fd)  # (moving a folder rewrites its "..")
                        # A name of fixed length: one made of the folder's own (up to 255
                        # bytes, the sandbox user's choice in /tmp) was too long to exist, every
                        # move failed, and the recursive fallback stopped (red team 9).
                        moved = f".course-removing-{secrets.token_hex(8)}"
                        os.rename(entry.name, moved, src_dir_fd=fd, dst_dir_fd=top)
                        pending.append(moved)
                    else:
                        os.unlink(entry.name, dir_fd=fd)
                except OSError:
                    pass
        except OSError:
            pass
        finally:
            os.close(fd)
        try:
            os.rmdir(name, dir_fd=top)
        except OSError:
            pass
    try:  # the folder's own files, the one that names its run last
        names = sorted((e.name for e in os.scandir(top) if not e.is_dir(follow_symlinks=False)),
                       key=lambda n: n == RUN)
    except OSError:
        names = []
    for name in names:
        try:
            os.unlink(name, dir_fd=top)
        except OSError:
            pass


def _writable(name: str, parent: int) -> None:
    """chmod 700 the folder ``name`` in the folder open as ``parent``, not following a link."""
    fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=parent)
    try:
        os.fchmod(fd, 0o700)
    finally:
        os.close(fd)
