"""How learner code is isolated on this machine: which of three modes grading runs in.

- ``bubblewrap``: each submission in its own bubblewrap sandbox (see ``course.bwrap``); the
  normal mode, wherever unprivileged or root bwrap can create namespaces. A root grader starts
  bwrap as uid 65534 where that works, so that learner code is not root outside its namespace
  either (the process limit, RLIMIT_NPROC, then holds without a cgroup).
- ``user``: where namespaces cannot be created (inside Docker with its default seccomp profile,
  as on Gradescope), a grader running as root runs learner code as a dedicated unprivileged user
  (``COURSE_SANDBOX_USER``, default ``course-sandbox``) with rlimits. It needs the solutions,
  the output folder and other submissions to be unreadable by that user (the grader checks the
  solutions before it starts) and cannot cut the network.
- ``none``: learner code runs as the current user with rlimits only: for `course check` on a
  learner's own machine, or `course grade --no-sandbox`.

Limits across all of a job's processes come from a cgroup where one can be created (see
``course.cgroup``), otherwise from rlimits. Other code asks ``detect()``:

    >>> detect().mode in (BUBBLEWRAP, USER, NONE)                        # doctest: +SKIP
    True
    >>> print(detect().summary)                                         # doctest: +SKIP
    bubblewrap sandbox (namespaces, uid 65534, read-only files), limits by cgroup v1
"""

from __future__ import annotations

import functools
import os
import pwd
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from course import bwrap, landlock
from course.cgroup import JobCgroup

BUBBLEWRAP, USER, NONE = "bubblewrap", "user", "none"
USER_VARIABLE = "COURSE_SANDBOX_USER"
DEFAULT_USER = "course-sandbox"
INSTALL = ("install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install "
           "bubblewrap; it needs Linux)")


@dataclass(frozen=True)
class Isolation:
    """The mode, why it was chosen, and the uid/gid learner code runs as outside its sandbox
    when it is not the grader's (mode ``user``; mode ``bubblewrap`` started by root)."""

    mode: str
    reason: str
    limits: str = "rlimits"  # "cgroup v1", "cgroup v2" or "rlimits"
    uid: int | None = None
    gid: int | None = None
    # Mode "user": learner code may write in its scratch folder alone (course.landlock), and
    # the sandbox refuses to start where that cannot be installed.
    confined: bool = False
    # What to do for a sandbox where there is none (`course grade`'s refusal, `course doctor`).
    fix: str = INSTALL

    @property
    def sandboxed(self) -> bool:
        return self.mode != NONE

    @property
    def summary(self) -> str:
        """One line for reports and `course doctor`."""
        what = {
            BUBBLEWRAP: "bubblewrap sandbox (namespaces, uid 65534, read-only files, no network)",
            USER: f"unprivileged user {self.uid} with rlimits, "
                  + ("writing only in its scratch folder (Landlock)" if self.confined else
                     "writing also in /tmp, /var/tmp, /dev/shm and /run/lock (no Landlock "
                     "here), each cleared after every job")
                  + f" (no bubblewrap: {self.reason})",
            NONE: f"NOT sandboxed: learner code runs as this user ({self.reason})",
        }[self.mode]
        return f"{what}, limits by {self.limits}"


def _limits() -> str:
    group = JobCgroup.create(memory_bytes=256 << 20, processes=16)
    if group is None:
        return "rlimits"
    group.remove()
    return f"cgroup v{group.version}" + ("" if group.cpu else ", no CPU share between jobs")


def try_bubblewrap(outside_uid: int | None = None) -> str | None:
    """None when a real sandbox starts Python here, else why not. (Only Python: importing numpy
    and minigrad would double the cost of `course check`; a sandbox that cannot import them
    fails at its start with bwrap's message.) ``outside_uid``: bwrap started as that user."""
    if not sys.platform.startswith("linux"):
        return "bubblewrap needs Linux"
    if bwrap.executable() is None:
        return "bubblewrap is not installed"
    with tempfile.TemporaryDirectory(prefix="course-probe-") as home:
        launch = bwrap.Launch(outside_uid, Path(home))
        cmd = bwrap.command([sys.executable, "-I", "-c", "pass"], Path(home), 1 << 20, [],
                            launch=launch)
        try:
            run = subprocess.run(cmd, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as e:
            return f"bwrap could not run ({e})"
    if run.returncode != 0:
        lines = run.stderr.decode(errors="replace").strip().splitlines()
        return f"bwrap fails here: {lines[-1] if lines else f'exit code {run.returncode}'}"
    return None


def _sandbox_user() -> tuple[int, int] | None:
    if os.geteuid() != 0:
        return None  # only root can switch to another user
    try:
        entry = pwd.getpwnam(os.environ.get(USER_VARIABLE, DEFAULT_USER))
    except KeyError:
        return None
    if entry.pw_uid == 0:
        return None
    return entry.pw_uid, entry.pw_gid


# Run as the sandbox user: which of the folders given it cannot list and enter, one a line.
_CLOSED = ("import os, sys\nfor p in sys.argv[1:]:\n"
           "    if not os.access(p, os.R_OK | os.X_OK): print(p)")


def _closed_to(path: Path, uid: int, gid: int) -> Path:
    """The first folder on the way to ``path`` that the user ``uid`` may not enter (by its mode
    bits; ACLs aside, this only names the folder for the message), else ``path`` itself."""
    for folder in [*reversed(path.parents), path]:
        try:
            info = folder.stat()
        except OSError:
            return folder
        if not stat.S_ISDIR(info.st_mode):
            continue
        bit = (stat.S_IXUSR if info.st_uid == uid else stat.S_IXGRP if info.st_gid == gid
               else stat.S_IXOTH)
        if not info.st_mode & bit:
            return folder
    return path


def python_closed_to(uid: int, gid: int) -> Path | None:
    """None when the user ``uid`` can run this Python and read every folder it imports from
    (its standard library, its packages, the course's), else the folder that stops it. Mode
    "user" forks learner code from a zygote that dropped to that user after importing only what
    grading needs: with a Python under root's 0700 home (pyenv's), every other import of a
    submission's (``import fractions``, matplotlib) failed as ModuleNotFoundError."""
    folders = [p for p in dict.fromkeys([*sys.path, *bwrap.python_path().split(os.pathsep)])
               if p and Path(p).is_dir() and Path(p).resolve() != Path.cwd().resolve()]
    try:
        run = subprocess.run([sys.executable, "-I", "-S", "-c", _CLOSED, *folders], user=uid,
                             group=gid, extra_groups=[], env={"PATH": "/usr/bin:/bin"},
                             cwd="/", capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    except PermissionError:  # (the interpreter itself, or a folder on the way to it)
        return _closed_to(Path(sys.executable).resolve(), uid, gid)
    except (OSError, subprocess.TimeoutExpired):
        return Path(sys.executable)
    if run.returncode != 0:  # it started and could not read its own standard library
        return _closed_to(Path(sys.base_prefix), uid, gid)
    closed = run.stdout.decode(errors="surrogateescape").splitlines()
    return _closed_to(Path(closed[0]), uid, gid) if closed else None


def _unreadable_python(why: str, limits: str, uid: int, closed: Path) -> Isolation:
    """No sandbox: the fallback user could not import what learner code imports."""
    name = os.environ.get(USER_VARIABLE, DEFAULT_USER)
    return Isolation(
        NONE, f"{why}; and the sandbox user {name} (uid {uid}) cannot read this Python "
              f"({sys.executable}): {closed} is closed to it, so learner code could import "
              "nothing the grader had not imported already", limits,
        fix=f"install the course with a Python outside {closed} that every user can read, "
            "and grade with it: /usr/bin/python3 -m venv /opt/course/venv && "
            "/opt/course/venv/bin/pip install -e COURSE_FOLDER (a folder outside "
            f"{closed} too), as `course autograder`'s setup.sh does")


@functools.lru_cache(maxsize=1)
def detect() -> Isolation:
    """The best mode this machine offers (tried for real once per process)."""
    limits = _limits()
    if os.geteuid() == 0:  # learner code had better not be root outside its namespace either
        outside = bwrap.SANDBOX_UID
        if try_bubblewrap(outside) is None:
            return Isolation(BUBBLEWRAP, "bubblewrap works", limits, outside, outside)
    why = try_bubblewrap()
    if why is None:
        return Isolation(BUBBLEWRAP, "bubblewrap works" + (
            " (started as root: without a cgroup, processes are not limited)"
            if os.geteuid() == 0 else ""), limits)
    user = _sandbox_user()
    if user is not None:
        closed = python_closed_to(*user)
        if closed is not None:
            return _unreadable_python(why, limits, user[0], closed)
        return Isolation(USER, why, limits, *user, confined=landlock.abi() >= 1)
    return Isolation(NONE, why, limits)


def unsandboxed(reason: str) -> Isolation:
    """The mode ``none``, chosen on purpose (e.g. `course grade --no-sandbox`)."""
    return Isolation(NONE, reason, _limits())
