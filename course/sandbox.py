"""Running one submission's exercise files in a sandbox (the grader's side of ``course.child``).

A ``Sandbox`` holds one zygote, started for one submission in the isolation this machine offers
(``course.isolation``: a bubblewrap sandbox, else a dedicated unprivileged user, else nothing),
inside a cgroup with the job's limits where one can be made. It runs one exercise file at a time
in a fresh fork of the zygote. The exercises graded without minigrad
(``course.tasks.WITHOUT_MINIGRAD``: ex10, an engine of the learner's own) run in a zygote of
their own, started in its place when one of them comes up, with minigrad neither imported nor,
in bubblewrap, in the sandbox's file system (``course.bwrap``). Nothing the child says is
trusted:

- every request carries a fresh random token and only frames with that token count;
- the deadline is this process's clock: each task gets ``Limits.timeout`` seconds from the
  moment it starts, and a task can start only once, in order (so no message extends the whole);
- a task that runs out of time may say which line of the learner's file was running: the fork
  reports it a moment before the deadline (``Running``; ``course.child.Locator``), which that
  report neither moves nor affects, or, where its code held the interpreter so that no report
  could come, the stacks faulthandler wrote then say it (``dumped``); ``course.engine`` shows
  it only as a line of its own copy of the file;
- everything is read with size caps and parsed defensively (``course.wire``);
- when the zygote dies, hangs or breaks the protocol, the task it was running fails, the
  sandbox is replaced by a fresh one, and the file's remaining tasks go on.

    >>> with Sandbox(Limits(timeout=5), files=Path("exercises")) as box:  # doctest: +SKIP
    ...     runs = box.run("ex03", "exercises/ex03_backward.py", [0, 1, 2], seed=0)
    >>> runs[0].cases[0]["facts"]                                   # doctest: +SKIP
    {"f'(x0).type": 'number', "f'(x0)": 0.5361}
"""

from __future__ import annotations

import compileall
import fcntl
import functools
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course import bwrap, channel, wire
from course.cgroup import JobCgroup
from course.child import DUMPED, dotted_name
from course.compare import as_float, describe_error, error_hint, text
from course.isolation import BUBBLEWRAP, NONE, USER, Isolation, detect
from course.scratch import open_own, remove_tree, scratch_folder
from course.tasks import EXERCISE_IDS, WITHOUT_MINIGRAD, exercise_file
from course.unpack import MAX_FILE_BYTES

# Open files per process. The kernel's file table is the whole machine's, and its other users
# (the grader where it is not root, the job beside this one, anything else running) are refused
# once it is full: the grader's own limit, which forks inherited, was 20,000 here (Docker's
# default is 1,048,576), and an eighth red team's 8 processes held 160,000 files of /dev/null
# under --memory 256. Where no cgroup counts the kernel memory a job's files hold (a full unix
# socket pair ~375 KB, which RLIMIT_AS does not see: it held 600 MB so), fewer.
OPEN_FILES, OPEN_FILES_WITHOUT_CGROUP = 1024, 64
OUTPUT_SHOWN = 1500  # characters of a task's printed output kept for feedback
START_SECONDS = 60.0  # for the zygote to import numpy and minigrad on a busy machine
ABORT_GRACE = 3.0  # for the zygote to end a job it was asked to end, before it is killed
CLOSE_GRACE = 1.0  # for the zygote to end itself when its sandbox closes, before it is killed
MAX_TASK_BYTES = wire.MAX_JSON_BYTES + wire.MAX_ARRAY_BYTES


@functools.cache
def compile_packages() -> None:
    """Compile course and minigrad to bytecode, once per grader. Inside a sandbox the packages
    are read-only and the child writes no bytecode, so a module never compiled here would be
    compiled from source again in every sandbox (about 0.1 s of CPU each: minutes for a class).
    Where the packages are not writable this does nothing. The solutions are left out: no
    sandbox imports them."""
    for package in bwrap.PACKAGES:
        compileall.compile_dir(package, quiet=2, rx=re.compile(r"[/\\]solutions([/\\]|$)"))


@dataclass(frozen=True)
class Limits:
    """Per task: wall clock (s). Per job (all processes of one submission together): memory,
    processes, disk (MiB of scratch) and printed output (bytes). ``memory_mb`` also caps each
    process's address space, so a single greedy allocation fails with a clear MemoryError."""

    timeout: float = 10.0
    memory_mb: int = 2048
    output_bytes: int = 1 << 20
    processes: int = 64
    disk_mb: int = 64

    def cpu_seconds(self, n_tasks: int) -> int:
        # A backstop only: the wall clock normally fires first.
        return int(self.timeout * (n_tasks + 1)) + 5

    def locate_seconds(self) -> float:
        """How long into a task its fork reports the line it is running
        (``course.child.Locator``): up to a second ahead of the deadline, so that the report is
        in the pipe when the clock runs out, on a busy machine too. A task that ends in time
        makes nothing of it."""
        return self.timeout - min(1.0, self.timeout / 2)


@dataclass(frozen=True)
class Running:
    """Where a task's code was a moment before its time ran out, as its fork said
    (``course.child.Locator``): a line of the learner's ``file`` (the grader's name for the
    file run), the function around it and whether that line was inside a call it made.
    Checked for its form only: ``course.engine`` shows the line if its own copy of the file
    has it."""

    file: str
    line: int
    function: str | None
    deeper: bool


# The longest function name a report may give ("Value.backward"), and the highest line number.
MAX_FUNCTION_NAME, MAX_LINE = 200, 1 << 24


def running(msg: dict[str, Any], file: str) -> Running | None:
    """A ``{"running": ...}`` record as a ``Running``; None unless every field has its form."""
    line, function, deeper = msg.get("line"), msg.get("function"), msg.get("deeper")
    if type(line) is not int or not 0 < line <= MAX_LINE or type(deeper) is not bool:
        return None
    if function is not None and not (
            type(function) is str and len(function) <= MAX_FUNCTION_NAME
            and (function == "<module>" or dotted_name(function))):
        return None
    return Running(file, line, function, deeper)


# One frame of a stack faulthandler wrote: '  File "/submission/ex06_zeroing.py", line 12 in train'
DUMPED_FRAME = re.compile(r'  File "(.*)", line (\d+) in (.*)')


def dumped(stacks: str, index: int | None, path: str, file: str) -> Running | None:
    """Where task ``index`` was, from the stacks faulthandler wrote for it
    (``course.child.Locator``; None: the import's): the innermost frame of the learner's
    file at ``path`` on the main thread's stack, under the last line that names the task;
    None where there is none.
    Only what the fork's report would hold is read, in the same form (``running``): the
    function is the frame's own name (``backward``, where a report says ``Value.backward``)."""
    head = f"{DUMPED} {index} "
    last = stacks.rfind("\n" + head)
    if last < 0 and not stacks.startswith(head):
        return None
    lines = stacks[last + 1:].splitlines()
    thread = lines[0].removeprefix(head)
    frames, in_main = [], False  # the main thread's, innermost first
    for line in lines[1:]:
        if line.startswith(("Thread 0x", "Current thread 0x")):
            in_main = _same_ident(line.split()[line.startswith("Current") + 1], thread)
        elif in_main and (frame := DUMPED_FRAME.fullmatch(line)):
            frames.append((frame[1], int(frame[2]), frame[3]))
    mine = [n for n, (where, _, _) in enumerate(frames) if where == path]
    if not mine:
        return None
    names = [frames[n][2] for n in mine]
    function = next((name for name in names if name == "<module>" or dotted_name(name)), None)
    return running({"line": frames[mine[0]][1], "function": function, "deeper": mine[0] > 0},
                   file)


def _same_ident(one: str, other: str) -> bool:
    try:
        return int(one, 16) == int(other, 16)
    except ValueError:
        return False


@dataclass
class TaskRun:
    """What one task produced in the child: its cases, or why it produced nothing (and,
    when its time ran out, where it was: ``running``)."""

    cases: list[dict[str, Any]] | None
    failure: str | None = None
    output: str = ""
    seconds: float = 0.0
    running: Running | None = None


class SandboxError(RuntimeError):
    """The sandbox itself could not run (not the learner's fault)."""


class _Died(Exception):
    """The zygote went away or stopped answering during a job."""


def child_env(home: str) -> dict[str, str]:
    """A minimal environment: no tokens or settings of the grader reach learner code."""
    return {
        "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": home, "TMPDIR": home,
        "PYTHONPATH": bwrap.python_path(),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "PYTHONIOENCODING": "utf-8",
        # One thread each: cores are shared with other jobs.
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


# Signals a right answer's process may die of for a cause outside its code and the grader's:
# a fault of the machine's (its memory, a library's bug, CPython's own, as faulthandler's
# watchdog was: course.child.Locator). A task whose fork dies so runs once more in a fresh one
# before it is scored; code that crashes so by itself (ctypes.string_at(0)) crashes again.
CRASH_SIGNALS = frozenset({signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGFPE,
                           signal.SIGABRT})
CRASHED_TWICE = " (twice: it was run again in a fresh process, in case the machine was to blame)"


def _crash(status: Any) -> bool:
    return isinstance(status, int) and os.WIFSIGNALED(status) \
        and os.WTERMSIG(status) in CRASH_SIGNALS


def _death_reason(status: Any, limits: Limits, n_tasks: int, out_of_memory: bool) -> str:
    if not isinstance(status, int):
        return "ended the process before returning"
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            return f"used more than {limits.cpu_seconds(n_tasks)} s of CPU time"
        if sig == signal.SIGKILL and out_of_memory:
            return f"was killed: its processes went over the memory limit ({limits.memory_mb} MB)"
        if sig == signal.SIGKILL:
            return "was killed (out of memory?)"
        if sig == signal.SIGSEGV:
            return "crashed (segmentation fault)"
        try:
            return f"was killed by signal {signal.Signals(sig).name}"
        except ValueError:
            return f"was killed by signal {sig}"
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
    return f"ended the process (exit code {code}, e.g. os._exit) before returning"


def _processes_of(uid: int) -> list[int]:
    """The live processes of ``uid`` (zombies are dead already: only a reap removes them)."""
    found = []
    # (Not Path.glob: a process that ends while it looks raised ProcessLookupError from it.)
    for pid in (entry.name for entry in os.scandir("/proc") if entry.name.isdigit()):
        try:
            fields = dict(line.split(":", 1) for line in
                          Path(f"/proc/{pid}/status").read_text().splitlines()
                          if line.startswith(("Uid:", "State:")))
            if int(fields["Uid"].split()[0]) == uid and not fields["State"].split()[0] == "Z":
                found.append(int(pid))
        except (OSError, KeyError, ValueError, IndexError):
            pass
    return found


# A uid that no process has: the largest one (4294967295, -1, means "unchanged" to setresuid).
_NO_ONES_UID = 4294967294
# Where any user may leave files that outlive its processes (/run/lock: Debian and Ubuntu
# make it world-writable, /var/lock a link to it).
SHARED_FOLDERS = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")
# System V IPC objects outlive their processes too (kernel.shm_rmid_forced is 0 by default),
# and "user" mode has no IPC namespace of its own: /proc/sysvipc's table, its id column, and
# the libc call (with its IPC_RMID command, 0) that removes one.
_SYSV_IPC = (("shm", "shmid", "shmctl"), ("msg", "msqid", "msgctl"), ("sem", "semid", "semctl"))


_held_users: dict[int, int] = {}  # sandbox uid -> the fd of its lock, held until this ends
_held_guard = threading.Lock()  # (sandboxes start in worker threads)


def _hold_sandbox_user(uid: int) -> None:
    """One grading run at a time per sandbox user on this machine, waiting for one that runs:
    each job ends by killing every process of that user and removing its files, another run's
    among them (a ninth red team's two graders side by side failed each other's tasks, and
    one's learner code read the other's submissions). Held until this process ends."""
    with _held_guard:
        if uid in _held_users:
            return
        lock = Path(tempfile.gettempdir()) / f"course-user-mode-{uid}.lock"
        for _ in range(5):  # (the temp folder is the sandbox user's too: it may plant one)
            fd = open_own(lock, os.O_RDWR | os.O_CREAT)
            if fd is not None:
                break
            lock.unlink(missing_ok=True)
        else:
            raise SandboxError(f"could not make the lock file {lock}")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"course: another grading run on this machine runs learner code as uid {uid};"
                  " waiting for it to end", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        _held_users[uid] = fd


def _refuse_a_home_of(uid: int, gid: int) -> None:
    """SandboxError if the sandbox user has a home folder it may write to: one that outlives
    every job, which no cleanup after a job looks at (it may be anywhere). A red team's
    sandbox user made by `useradd -m` kept a file one submission's code wrote there, and the
    next submission's code read it."""
    try:
        home = pwd.getpwuid(uid).pw_dir
        found = os.stat(home)
    except (KeyError, OSError):
        return  # no such user (a test's uid) or no such folder: nothing outlives a job there
    if found.st_uid == uid or found.st_mode & stat.S_IWOTH \
            or (found.st_gid == gid and found.st_mode & stat.S_IWGRP):
        raise SandboxError(f"the sandbox user (uid {uid}) may write to its home folder {home}, "
                           "where one submission's code would leave files for the next one's: "
                           "give it none (useradd --system --no-create-home) or make it root's")


def _kill_user(uid: int, wait: float = 5.0) -> None:
    """SIGKILL every process of ``uid`` (mode "user": that uid belongs to the sandbox alone),
    then remove what it left in the shared folders; SandboxError if any is still alive after
    ``wait`` s (the next submission's processes would run beside it, as the same user).

    A fork of this process sends SIGKILL to -1 as that user, which the kernel delivers to
    every process the sender may signal at once: a process that keeps forking a successor and
    exiting (its pid ever new) outruns any pass over /proc. The fork is that user by its
    effective uid alone: its real and saved uids are one no process has, so the user's
    processes, which may signal only processes whose real or saved uid is theirs, cannot stop
    it (a seventh red team's spinner SIGSTOPped a fork that had become the user in full, in
    the moment before its kill, and outlived it). Repeated until none is left alive (zombies
    are dead already)."""
    end = time.monotonic() + wait
    while True:
        pid = os.fork()
        if pid == 0:  # only system calls here: this process may have other threads' locks
            try:
                _become_killer_of(uid)
                os.kill(-1, signal.SIGKILL)  # every process this user may signal, but itself
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        if not _processes_of(uid):
            break
        if time.monotonic() > end:
            raise SandboxError(f"processes of the sandbox user (uid {uid}) outlived "
                               f"SIGKILL: {_processes_of(uid)[:5]}; stopped before grading "
                               "another submission beside them")
    _remove_files_of(uid)
    _remove_ipc_of(uid)


def _become_killer_of(uid: int) -> None:
    """This process (a fork of root's) may now signal ``uid``'s processes, and they not it."""
    os.setgroups([])
    os.setresuid(_NO_ONES_UID, uid, _NO_ONES_UID)


def _remove_ipc_of(uid: int) -> None:
    """Remove the System V shared memory segments, message queues and semaphore sets that
    ``uid`` created or owns. An eighth red team's submission left 1 GiB of shared memory,
    detached, which stayed in use after grading ended (each submission could leave as much as
    its memory limit, for good) and which the next submission's code, the same user, could
    read."""
    import ctypes  # (only here: "user" mode alone needs it)

    libc = ctypes.CDLL(None, use_errno=True)
    for table, id_column, call in _SYSV_IPC:
        try:
            header, *rows = Path(f"/proc/sysvipc/{table}").read_text().splitlines()
        except (OSError, ValueError):
            continue
        columns = header.split()
        for row in rows:
            fields = dict(zip(columns, row.split()))
            try:
                if uid in (int(fields["uid"]), int(fields["cuid"])):
                    remove = getattr(libc, call)
                    if call == "semctl":
                        remove(int(fields[id_column]), 0, 0)
                    else:
                        remove(int(fields[id_column]), 0, None)
            except (KeyError, ValueError, AttributeError):
                pass  # (best effort, as for files)


def _remove_files_of(uid: int) -> None:
    """Delete what ``uid`` left in the SHARED_FOLDERS, where the next submission's code (the
    same user) would find it, and where a folder filled to the brim would stay full."""
    for folder in SHARED_FOLDERS:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.stat(follow_symlinks=False).st_uid != uid:
                    continue
                remove_tree(Path(entry.path))  # (however deep: see there)
            except OSError:
                pass


class Sandbox:
    """One submission's zygote and the bookkeeping to run its exercise files; not thread-safe
    (give each worker thread its own) and never shared between submissions. The thread that
    creates it must outlive it (the sandbox dies with that thread: bwrap's --die-with-parent)."""

    def __init__(self, limits: Limits | None = None, files: Path | str | None = None,
                 isolation: Isolation | None = None, hide: Iterable[Path] = (),
                 minigrad: bool = True) -> None:
        """``minigrad``: whether the zygote that starts now has it (``run`` switches)."""
        self.limits = limits or Limits()
        self.minigrad = minigrad
        self.isolation = isolation or detect()
        self.files = Path(files).resolve() if files is not None else None
        self.hide = [Path(p) for p in hide]
        self._proc: subprocess.Popen[bytes] | None = None
        self._start()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- starting and stopping the zygote ---------------------------------------------------
    def _start(self) -> None:
        compile_packages()
        mode, limits = self.isolation.mode, self.limits
        if mode == USER:
            _refuse_a_home_of(self.isolation.uid or 0, self.isolation.gid or 0)
            _hold_sandbox_user(self.isolation.uid)
        self._group: JobCgroup | None = None
        self._home = scratch_folder("course-sandbox-")
        self._log = open(self._home / "zygote.log", "w+b")
        # The submission's files are copied here (see ``load``): the sandbox can start before
        # it is known which submission it will grade, and the grader's own folders stay 0700.
        self._copy = self._home / "files"
        self._copy.mkdir()
        if self.files is not None:
            self.load(self.files)
        # What learner code must not read; checked from inside (without a sandbox it can).
        secret = [str(p) for p in bwrap.not_links((bwrap.SOLUTIONS, *self.hide))] \
            if mode != NONE else []
        if mode == USER:  # (in bubblewrap neither is in the sandbox, or it is masked)
            secret += [str(p) for p in bwrap.checkout_history()]
            secret += [str(p) for copy in bwrap.other_copies()
                       for p in (copy / "solutions", copy / "specs")]
        if mode == BUBBLEWRAP and not self.minigrad:  # (elsewhere its files stay readable)
            secret.append(str(bwrap.MINIGRAD))
        settings: dict[str, Any] = {"isolated": mode != NONE, "processes": limits.processes,
                                    "minigrad": self.minigrad}
        argv = [sys.executable, "-c", "from course.child import main; main()"]
        if mode == BUBBLEWRAP:
            self._inside = bwrap.SUBMISSION
            launch = bwrap.Launch(self.isolation.uid, self._home)
            cmd = bwrap.command(argv, self._copy, limits.disk_mb << 20, self.hide,
                                env=child_env(str(bwrap.SCRATCH)), launch=launch,
                                minigrad=self.minigrad)
            env = {"PATH": "/usr/bin:/bin"}
        else:
            self._inside = self._copy
            scratch = self._home / "scratch"
            scratch.mkdir()
            if mode == USER:
                # A scratch folder the sandbox user owns, next to the files it may read, under
                # a folder it may enter but not list.
                os.chmod(self._home, 0o711)
                os.chown(scratch, self.isolation.uid or 0, self.isolation.gid or 0)
                # The zygote drops to that user itself, once inside the cgroup (joining one
                # needs root) and before it runs anything of the learner's; first it writes the
                # specs learner code may read into a folder of the grader's (course.child).
                settings["user"] = [self.isolation.uid, self.isolation.gid]
                settings["confine"] = self.isolation.confined  # (course.landlock)
                specs = self._home / "specs"
                specs.mkdir(mode=0o755)
                settings["specs"] = str(specs)
            cmd, env = argv, child_env(str(scratch))
        self._group = JobCgroup.create(limits.memory_mb << 20, limits.processes)
        if self._group is not None:
            cmd = self._group.join(cmd)
        self._proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=self._log, cwd=self._home, env=env,
                                      start_new_session=True)
        self._reader = channel.Reader(self._proc.stdout.fileno(),  # type: ignore[union-attr]
                                      max_frame=MAX_TASK_BYTES + limits.output_bytes + 64)
        try:
            self._send(settings)
            self._send({"secrets": secret})  # (for the zygote's fork that checks them alone)
            kind, _, payload = self._next(START_SECONDS)
            exposed = json.loads(payload)["exposed"] if kind == b"R" else None
        except (_Died, ValueError, KeyError, TypeError):
            exposed = None
        if exposed is None:
            status = self._proc.poll()
            # What it wrote, else what is known: an empty reason sent instructors to a
            # `course doctor` that found nothing wrong.
            log = self._log_tail().strip() or (
                f"it did not answer within {START_SECONDS:g} s" if status is None else
                f"it ended (exit status {status}) without writing why")
            self.close()
            raise SandboxError(f"the grading sandbox did not start:\n{log}")
        if exposed:
            self.close()
            fix = ("make it readable by the grader only (chmod -R go-rwx)"
                   if str(exposed[0]).startswith("/") else "this kernel cannot close it")
            raise SandboxError(f"learner code could read {exposed[0]} ({mode} mode): {fix}")

    def load(self, folder: Path | str) -> Sandbox:
        """Give this (not yet used) sandbox its submission: the files of ``folder``, which
        learner code sees read-only."""
        self.files = Path(folder).resolve()
        # Into the folder itself, which stays: a running bubblewrap has it mounted. Only the
        # files graded come (one per exercise, course.tasks.exercise_file): what else a
        # submission holds is not graded, so it must not run either (a red team's stubs
        # imported the reference solutions shipped beside them as __pycache__ bytecode; another
        # shipped minigrad for ex10's engine; a tenth imported the reference from a stray
        # ex06_notes.py, which similarity.csv does not read). The zygote without minigrad gets
        # its own exercises' files alone.
        try:
            shutil.copytree(self.files, self._copy, symlinks=True, dirs_exist_ok=True,
                            ignore=_only_graded_files(self.files, EXERCISE_IDS if self.minigrad
                                                      else WITHOUT_MINIGRAD))
        except shutil.Error as e:
            # A learner's file they cannot read (chmod 000, made by sudo) is not copied and
            # its exercise says so (course.engine); it ended every check in a traceback.
            if any(os.access(source, os.R_OK) for source, _, _ in e.args[0]):
                raise
        for path in [self._copy, *self._copy.rglob("*")]:  # readable by the sandbox's user
            if not path.is_symlink():
                os.chmod(path, 0o755 if path.is_dir() else 0o644)
        return self

    def _log_tail(self) -> str:
        self._log.seek(0)
        return self._log.read()[-2000:].decode(errors="replace")

    def close(self) -> None:
        """End every process of this sandbox and delete its files."""
        proc, self._proc = self._proc, None
        if proc is not None:
            # Asked first (its stdin closes): the zygote then ends its job and itself, and
            # bubblewrap reaps it, so their CPU time is counted in this process's children's
            # (resource.RUSAGE_CHILDREN). Killed when it does not end within a moment.
            try:
                proc.stdin.close()  # type: ignore[union-attr]
                proc.wait(timeout=CLOSE_GRACE)
            except (OSError, subprocess.TimeoutExpired):
                pass
            for kill in (os.killpg, os.kill):
                try:
                    kill(proc.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            proc.wait()
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    stream.close()
        if self._group is not None:
            self._group.remove()
        try:
            if self.isolation.mode == USER and self.isolation.uid:
                _kill_user(self.isolation.uid)
        finally:
            self._log.close()
            remove_tree(self._home)  # (the user's scratch is in it)

    def _restart(self) -> None:
        self.close()
        self._start()

    # -- talking to the zygote --------------------------------------------------------------
    def _send(self, message: dict[str, Any]) -> None:
        try:
            self._proc.stdin.write(json.dumps(message).encode() + b"\n")  # type: ignore[union-attr]
            self._proc.stdin.flush()  # type: ignore[union-attr]
        except (OSError, AttributeError):
            raise _Died from None

    def _next(self, timeout: float) -> tuple[bytes, str, bytes]:
        """The zygote's next frame as (kind, token, payload); kind b"" after ``timeout``."""
        try:
            body = self._reader.read(max(0.0, timeout))
        except channel.ChannelError:
            raise _Died from None
        if body is None:
            return b"", "", b""
        return body[:1], body[1:33].decode(errors="replace"), body[33:]

    # -- running an exercise file -----------------------------------------------------------
    def inside(self, path: Path | str) -> Path:
        """Where the file at ``path`` (in this sandbox's ``files``) is seen by learner code."""
        if self.files is None:
            raise ValueError("no files loaded into this sandbox")
        return self._inside / Path(path).resolve().relative_to(self.files)

    def run(self, exercise_id: str, path: Path | str, tasks: list[int], seed: int
            ) -> dict[int, TaskRun]:
        """Run ``tasks`` (indices) of the exercise file at ``path``; one ``TaskRun`` each."""
        if (exercise_id not in WITHOUT_MINIGRAD) != self.minigrad:
            self.minigrad = not self.minigrad
            self._restart()
        runs: dict[int, TaskRun] = {}
        crashed: set[int | None] = set()  # tasks whose fork crashed once (None: the import)
        pending = list(tasks)
        while pending:
            retries = len(crashed)
            left = _Job(self, exercise_id, self.inside(path), pending, seed, runs,
                        crashed).run()
            if left == pending and len(crashed) == retries:  # no progress: never loop forever
                _fail_all(pending, runs, "the grading process ended unexpectedly", "")
                left = []
            pending = left
        return runs


class _Job:
    """One exercise file's run in one fork: the request, the clock and the replies."""

    def __init__(self, box: Sandbox, exercise_id: str, path: Path, pending: list[int],
                 seed: int, runs: dict[int, TaskRun], crashed: set[int | None]) -> None:
        self.box, self.pending, self.runs, self.crashed = box, pending, runs, crashed
        self.path = path  # (where learner code sees the file)
        self.token = secrets.token_hex(16)
        self.request = {
            "token": self.token, "exercise": exercise_id, "path": str(path),
            "tasks": pending, "seed": seed,
            "limits": {"memory_mb": box.limits.memory_mb,
                       "cpu_s": box.limits.cpu_seconds(len(pending)),
                       "output_bytes": box.limits.output_bytes,
                       "open_files": OPEN_FILES if box._group is not None
                       else OPEN_FILES_WITHOUT_CGROUP,
                       "locate_s": box.limits.locate_seconds()},
        }
        self.frames = channel.Frames(MAX_TASK_BYTES)
        self.received = 0
        self.started: list[int] = []  # tasks in the order they started (each at most once)
        self.done: dict[int, dict[str, Any]] = {}
        self.import_error: Any = None
        self.trouble: str | None = None  # why the job was ended early, if it was
        self.timed_out = False  # ended by the clock (the trouble says so)
        # The latest {"running": ...} record of each task (None: the import), in its form;
        # read only when the clock ended that task. A record that is not well formed, or names
        # a task not running, is dropped without a word: it changes no task's result.
        self.running: dict[int | None, Running] = {}
        self.deadline = 0.0  # on this process's clock (see run)
        self.stacks = ""  # what faulthandler wrote in the fork (sent with the job's end)

    def run(self) -> list[int]:
        """Run until the zygote reports the end; -> the tasks left to run in a new fork."""
        box, limits = self.box, self.box.limits
        kills_before = box._group.oom_kills() if box._group else 0
        self.deadline, aborted = time.monotonic() + limits.timeout, False
        ended: tuple[Any, bytes] | None = None
        try:
            box._send(self.request)
            while ended is None:
                now = time.monotonic()
                if now > self.deadline and not aborted and not self.trouble:
                    ended = self._caught_up()
                    if ended is not None:
                        break
                    now = time.monotonic()
                if now > self.deadline and aborted:
                    raise _Died
                if now > self.deadline or (self.trouble and not aborted):
                    if not self.trouble:
                        self.trouble, self.timed_out = (
                            f"took longer than {limits.timeout:g} s (the time limit): an "
                            "endless loop?"), True
                    box._send({"abort": self.token})
                    self.deadline, aborted = now + ABORT_GRACE, True
                ended = self._take(*box._next(min(0.5, self.deadline - now)))
        except (_Died, ValueError, AttributeError):
            self.trouble = self.trouble or ("stopped the process that grades it (the code "
                                            "killed or broke it?)")
            box._restart()
        status, output = ended or (None, b"")
        out_of_memory = bool(box._group and box._group.oom_kills() > kills_before)
        reason = self.trouble or _death_reason(status, limits, len(self.pending), out_of_memory)
        return self._results(reason, output, not self.trouble and _crash(status))

    def _take(self, kind: bytes, token: str, payload: bytes) -> tuple[Any, bytes] | None:
        """Take in one frame of the zygote's; -> (wait status, printed output) at the job's
        end, else None (``self.deadline`` moves on when a task starts: each task gets the
        time limit from the moment it starts)."""
        if token != self.token:
            return None  # not this job's: stale, or not from the zygote at all
        if kind == b"D" and not self.trouble:
            if self._receive(payload):
                self.deadline = time.monotonic() + self.box.limits.timeout  # a task started
        elif kind == b"E":
            head, _, output = payload.partition(b"\n")
            end = json.loads(head)
            if isinstance(end.get("stacks"), str):
                self.stacks = end["stacks"]
            return end.get("status"), output
        return None

    # Frames read, at most, once a deadline has passed, before the clock decides: what a fork
    # sends after that point cannot hold its deadline off for long.
    CATCH_UP_FRAMES = 64

    def _caught_up(self) -> tuple[Any, bytes] | None:
        """Read the frames that arrived while this thread was not running, before a passed
        deadline is taken as the job's: the grader's process can be held up past it by one
        long call in another thread, which no thread runs beside (a red team's exercise file
        of one 600 KB f-string held it in ast.parse for a minute, and the honest job graded
        beside it, its replies waiting in the pipe, timed out). -> as ``_take``."""
        for _ in range(self.CATCH_UP_FRAMES):
            kind, token, payload = self.box._next(0)
            if not kind:
                return None
            ended = self._take(kind, token, payload)
            if ended is not None:
                return ended
        return None

    def _receive(self, payload: bytes) -> bool:
        """Take in the fork's bytes; True when a task (the next one, once) has just started."""
        self.received += len(payload)
        started = False
        try:
            if self.received > MAX_TASK_BYTES * (len(self.pending) + 1):
                raise channel.ChannelError("too much data")
            self.frames.feed(payload)
            while (body := self.frames.pop()) is not None:
                started |= self._message(wire.unpack(body))
        except Exception:  # MemoryError too: whatever the child's bytes do here ends this job
            self.trouble = ("sent results that could not be read back (were they tampered "
                            "with?)")
        return started

    def _message(self, msg: Any) -> bool:
        if not isinstance(msg, dict):
            raise TypeError("not a message")
        waiting = [i for i in self.pending if i not in self.done]
        if "start" in msg:
            index = msg["start"]
            if waiting and index == waiting[0] and index not in self.started:
                self.started.append(index)
                return True
            raise ValueError("a task started out of order")
        if "done" in msg:
            index = msg["done"]
            cases = msg["cases"]
            if not self.started or index != self.started[-1] or index in self.done:
                raise ValueError("a result for a task that was not running")
            if not isinstance(cases, list) or not all(isinstance(c, dict) for c in cases):
                raise ValueError("malformed cases")
            self.done[index] = msg
        elif "import_failed" in msg and not self.started:
            self.import_error = msg["import_failed"]
        elif "running" in msg:  # (course.child.Locator)
            index = msg["running"]
            current = self.started[-1] if self.started else None  # None: still importing
            where = running(msg, self.path.name)
            if where is not None and type(index) in (int, type(None)) and index == current \
                    and index not in self.done:
                self.running[index] = where
        return False

    def _where(self, index: int | None, crash: bool = False) -> Running | None:
        """Where task ``index`` (None: the import) was when the clock ended it, or when it
        ``crash``ed, if known: the fork's report, else the stacks faulthandler wrote (code
        that held the interpreter, or crashed it)."""
        if not (self.timed_out or crash):
            return None
        return self.running.get(index) or dumped(self.stacks, index, str(self.path),
                                                 self.path.name)

    def _results(self, reason: str, output: bytes, crash: bool) -> list[int]:
        """Turn what arrived into ``TaskRun``s; -> the tasks still to run in a fresh fork.
        ``crash``: the fork died of a signal the machine may cause (``_crash``)."""
        runs, pending = self.runs, self.pending
        if self.import_error is not None:
            return _fail_all(pending, runs, f"importing the file failed: "
                             f"{_import_error(self.import_error)}", _output(output, 0, None))
        for i in pending:
            if i in self.done:
                msg = self.done[i]
                span = msg.get("output")
                span = span if isinstance(span, list) and len(span) == 2 else [0, 0]
                runs[i] = TaskRun(msg["cases"], None, _output(output, span[0], span[1]),
                                  as_float(msg.get("seconds")) or 0.0)
                continue
            if i in self.started and crash and i not in self.crashed:
                self.crashed.add(i)  # once more, in a fresh fork, before it is scored
                return pending[pending.index(i):]
            again = CRASHED_TWICE if crash else ""
            if i in self.started:  # this task ended its process: fail it, go on
                runs[i] = TaskRun(None, f"this task {reason}{again}",
                                  _output(output, None, None), running=self._where(i, crash))
                return pending[pending.index(i) + 1:]
            if not self.started and crash and None not in self.crashed:
                self.crashed.add(None)  # the import, once more in a fresh fork, as a task's
                return pending
            if not self.started:  # ended before the first task: while importing
                return _fail_all(pending, runs, f"importing the file {reason}{again}",
                                 _output(output, 0, None), self._where(None, crash))
            return pending[pending.index(i):]
        return []


def _only_graded_files(folder: Path, exercise_ids: Iterable[str]
                       ) -> Callable[[str, list[str]], set[str]]:
    """copytree's ``ignore``: every folder and every file but the one graded of each of
    ``exercise_ids`` in ``folder`` (course.tasks.exercise_file), unless it is larger than a
    file may be: not graded (course.engine), nor fingerprinted, it must not run either, from
    another exercise's import (a copy of the reference hidden from similarity.csv so)."""
    graded = {file.name for eid in exercise_ids
              if (file := exercise_file(folder, eid)[0]) is not None and not _too_large(file)}

    def ignored(directory: str, names: list[str]) -> set[str]:
        return {n for n in names if os.path.isdir(os.path.join(directory, n))
                or n not in graded}

    return ignored


def _too_large(file: Path) -> bool:
    try:
        return file.lstat().st_size > MAX_FILE_BYTES
    except OSError:  # gone since it was listed: copying says so, as of any file
        return False


def _import_error(info: Any) -> str:
    hint = error_hint(info) if isinstance(info, dict) else None
    meaning = f"\nWhat it means: {hint}" if hint else ""
    if isinstance(info, dict) and text(info.get("type"), 100) in (
            "SyntaxError", "IndentationError", "TabError"):
        # Python's own words (they name the file and line), and the line, as Python shows it.
        where = info.get("line")
        line = " ".join(text(where[1], 5000).split())[:120] if isinstance(where, list) \
            and len(where) == 2 else ""
        return f"{text(info.get('type'), 100)}: {text(info.get('message'), 300)}" + (
            f"\n    {line}" if line else "") + meaning
    return describe_error(info).removeprefix("raised ") + meaning


def _fail_all(tasks: list[int], runs: dict[int, TaskRun], failure: str, output: str,
              where: Running | None = None) -> list[int]:
    for i in tasks:
        runs[i] = TaskRun(None, failure, output, running=where)
    return []


def _output(data: bytes, start: Any, end: Any) -> str:
    """What the child printed between two offsets (the tail when ``start`` is None)."""
    try:
        end = len(data) if end is None else min(int(end), len(data))
        start = max(0, end - OUTPUT_SHOWN) if start is None else max(0, int(start))
    except (ValueError, TypeError, OverflowError):
        return ""
    text = data[start:end][:OUTPUT_SHOWN + 1].decode(errors="replace")
    return text[:OUTPUT_SHOWN] + ("\n... (output truncated)" if len(text) > OUTPUT_SHOWN else "")
