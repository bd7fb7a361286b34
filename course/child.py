"""The sandboxed side of grading: a zygote that forks one fresh process per exercise file.

Importing numpy and minigrad costs a few tenths of a second; a submission has nine exercise
files. So ``python -m course.child SETTINGS`` starts a *zygote* that imports them once and never
runs learner code; it serves ONE submission (the grader starts a new one, in a new sandbox, for
the next), and for each of its exercise files it forks a process that locks itself down:

- its own session (the zygote kills it and everything it started when the job ends),
- resource limits: address space, CPU seconds, size of any file it writes, no core dumps,
- stdin from /dev/null, stdout and stderr into one size-capped file, a fresh scratch folder,
  faulthandler's stacks (``Locator``) into a file of the job's,
- ``course.solutions`` unimportable, and first in line for the kernel's out-of-memory killer,
- no kernel keyrings, which outlive their processes (the zygote's seccomp filter,
  ``course.seccomp``, inherited);
- in mode "user", no writing outside its scratch folder (the zygote's Landlock domain,
  ``course.landlock``, inherited).

A zygote started with ``"minigrad": false`` serves the exercises that are graded without
minigrad (``course.tasks.WITHOUT_MINIGRAD``: ex10, an engine of the learner's own): it never
imports minigrad and makes ``import minigrad`` fail in every fork (where bubblewrap runs it, the
package's folder is not in the sandbox at all), so no learner code finds an engine to lean on;
and its forks run no code but the learner's file (``course.audit``), so none can be brought.

The specs it imports are the student edition's, misconception variants withheld (they and the
correct helpers only they use are answers too): in bubblewrap they are mounted over
``course/specs`` (``course.bwrap``); as the "user" fallback the zygote, still root, points the
package at a copy it has written, and the full specs must be unreadable by that user. A zygote
that finds a variant in what it imported, or could read the full specs, refuses to start.

It then imports the exercise file and runs each requested task's probe on every case, writing
frames (``course.channel``, bodies ``course.wire.pack``) to its own pipe: ``{"start": i}``,
``{"done": i, "cases": [...], "seconds": s, "output": [from, to]}`` or ``{"import_failed": e}``,
and at most one ``{"running": i, "line": n, "function": name, "deeper": bool}`` per task (``i``
None: while importing the file): where the learner's code was ``limits["locate_s"]`` seconds
after the task (or the import) started, a moment before the grader's deadline, so that a task
that runs out of time can say which line of the file was running (``Locator``). It is a hint
for the feedback alone: the grader shows only a line its own copy of the file has, with that
copy's text, and no score depends on it.

The zygote guards itself: it is not dumpable (its forks, same uid, can neither ptrace it nor open
its ``/proc/<pid>/fd`` pipes) and, in bubblewrap, it is the PID namespace's init, so the kernel
passes it its forks' signals only where it has a handler: SIGCHLD's just wakes it, and SIGINT
(Python's KeyboardInterrupt) it ignores. It relays the fork's pipe to the grader and reports
the end. Nothing it relays is trusted: the grader parses it with size caps and keeps its own clock.

Protocol (fd 0 in, fd 1 out). Requests are JSON lines: first the settings (``{"isolated",
"processes", "user", "confine", "minigrad"}``), then ``{"secrets": [...]}``, the paths learner
code must not read (read by a short-lived fork alone: they name the class's submissions, and
what the zygote holds, every fork of learner code holds), then for each job ``{"token",
"exercise", "path", "tasks", "seed", "limits"}`` or ``{"abort": token}`` (end the running job
now). Replies are frames whose body is a kind byte, the job's 32-character token, then: ``R``
ready (token of zeros; JSON ``{"exposed": [...]}``: secrets it could read, which must be
none), ``D`` bytes the job's fork wrote, ``E`` end (JSON ``{"status": wait status, "stacks":
the end of the stacks file where the grader ended the job, else ""}``, a newline, the printed
output).
"""

from __future__ import annotations

import _thread
import ctypes
import faulthandler
import importlib.util
import json
import linecache
import os
import re
import resource
import select
import signal
import stat
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from types import FunctionType, ModuleType
from typing import Any

from course import audit, channel, landlock, seccomp, watch, wire
from course.scratch import remove_tree
from course.suggest import suggestion
from course.tasks import EXERCISE_IDS, WITHOUT_MINIGRAD, exercise

NO_TOKEN = "0" * 32
# The fork's fd for the stacks faulthandler writes (``Locator``), read by the zygote at the
# job's end: after stdin, stdout, stderr and the reply pipe (``_lock_down``).
STACK_FD = 4
# The signal the zygote sends a fork the grader's deadline ended, before it is killed:
# faulthandler's handler writes every thread's stack to STACK_FD, then the signal's default
# action ends the fork (``Locator``). DUMP_GRACE: for it to do so, before it is killed.
DUMP_SIGNAL, DUMP_GRACE = signal.SIGUSR1, 1.0
PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER = 4, 36


def error_info(exc: BaseException, learner_file: str | None = None) -> dict[str, Any]:
    """Type and message of an exception, robust to exceptions with hostile ``__str__``, and
    the line of the learner's file it came from (the last frame there)."""
    try:
        message = str(exc)[:1000]
    except BaseException:  # the learner's exception may raise anything
        message = "<unprintable>"
    info: dict[str, Any] = {"type": type(exc).__name__[:100], "message": message}
    if learner_file:
        info["message"] = message.replace(str(Path(learner_file).parent) + os.sep, "")
        frames = [f for f in traceback.extract_tb(exc.__traceback__)
                  if f.filename == learner_file]
        if type(exc) in (SyntaxError, IndentationError, TabError) \
                and exc.filename == learner_file and isinstance(exc.lineno, int):
            # Raised by compiling the file: no frame of it, the line is the error's own.
            text = exc.text if isinstance(exc.text, str) else ""
            info["line"] = [exc.lineno, text.strip()[:wire.LINE_CHARS]]
        elif frames:
            info["line"] = [frames[-1].lineno, (frames[-1].line or "")[:wire.LINE_CHARS]]
            if isinstance(exc, (RuntimeError, ValueError, IndexError)):  # shapes, dtypes
                info["tensors"] = _tensors_on_line(exc, learner_file, info["line"][1])
    if learner_file and (meant := suggestion(exc)):
        info["suggestion"] = meant[:100]
    if isinstance(exc, OSError):
        info["errno"] = exc.errno
    if isinstance(exc, SystemExit):
        info["message"] = repr(exc.code)[:200]
    return info


# The most tensors of a line ``_tensors_on_line`` describes.
TENSORS_SHOWN = 6


def _tensors_on_line(exc: BaseException, learner_file: str, line: str) -> list[list[Any]]:
    """The minigrad tensors the error's line names, as its innermost frame of the learner's
    file held them: [name, shape, dtype] each, in the line's order. A shape or dtype error is
    about the tensors a line hands on (``model(y)`` for ``model(x)``), and its message gives
    their sizes without their names (course.compare.tensors_there says them)."""
    minigrad = sys.modules.get("minigrad")
    tb, frame = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == learner_file:
            frame = tb.tb_frame
        tb = tb.tb_next
    if minigrad is None or frame is None:
        return []
    found: list[list[Any]] = []
    for name in dict.fromkeys(re.findall(r"[A-Za-z_]\w*", line)):
        value = frame.f_locals.get(name)
        if type(value) in (minigrad.Tensor, minigrad.nn.Parameter) \
                and len(found) < TENSORS_SHOWN:
            try:  # (the learner's code may have changed how a tensor answers)
                found.append([name[:40], [int(n) for n in value.shape][:8],
                              str(value.dtype).rpartition(".")[2][:20]])
            except Exception:
                continue
    return found


def _limit(kind: int, value: int) -> None:
    try:
        resource.setrlimit(kind, (value, value))
    except (ValueError, OSError):
        pass  # a limit this platform refuses is not worth failing the run for


def _open_files(wanted: int) -> int:
    """``wanted`` (the grader's word: course.sandbox.OPEN_FILES), or the hard limit where that
    is lower (it cannot be raised)."""
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    return wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)


# glibc's mallopt option for how many malloc arenas a process may make (M_ARENA_MAX).
M_ARENA_MAX = -8


def _one_malloc_arena() -> None:
    """Every thread of the fork allocates from the main thread's arena. glibc gives a thread
    that allocates an arena of its own, 64 MiB of address space reserved at once, which
    RLIMIT_AS counts: with the Locator's threads started, red team 14's 1 MiB file of
    f-strings, which compiles in about 500 MiB, ran out of its 512 MiB (measured: 530 MiB
    needed with one more thread, 500 with one arena). The fork's threads are the learner
    code's and the Locator's two, which seldom allocate: one arena costs no speed."""
    try:
        ctypes.CDLL(None).mallopt(M_ARENA_MAX, 1)
    except (OSError, AttributeError):
        pass  # not glibc: no arena per thread to limit


def _prctl(option: int, value: int) -> None:
    try:
        ctypes.CDLL(None).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the zygote then runs without these guards (mode "none" only)


# -- the fork: one exercise file ------------------------------------------------------------
def _lock_down(cfg: dict[str, Any], work: Path, output: Path, stack: Path, reply_fd: int
               ) -> int:
    """Limits, fds and working folder of a fork; returns the fd its frames go to."""
    os.setsid()
    # The zygote is not dumpable (so that its forks cannot reach its pipes); the fork is again:
    # a process that is not owns none of its /proc files (oom_score_adj below) where its user
    # is not root outside the sandbox.
    _prctl(PR_SET_DUMPABLE, 1)
    signal.set_wakeup_fd(-1)  # the zygote's; learner code gets Python's defaults
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:  # so that, over the memory limit, the kernel kills the job and not the zygote
        Path("/proc/self/oom_score_adj").write_text("1000")
    except OSError:
        pass
    limits = cfg["limits"]
    _one_malloc_arena()
    _limit(resource.RLIMIT_AS, limits["memory_mb"] << 20)
    _limit(resource.RLIMIT_CPU, limits["cpu_s"])
    _limit(resource.RLIMIT_FSIZE, limits["output_bytes"])
    _limit(resource.RLIMIT_CORE, 0)
    # No POSIX message queue (mq_open): one outlives its processes, and in "user" mode (no IPC
    # namespace) neither the kill nor the cleanup after a job finds it, so the next
    # submission's code, the same user, read what the one before left there (red team 9).
    _limit(resource.RLIMIT_MSGQUEUE, 0)
    _limit(resource.RLIMIT_NOFILE, _open_files(limits["open_files"]))
    # A write past RLIMIT_FSIZE then fails with EFBIG (reported as an output flood) instead of
    # killing the process with SIGXFSZ.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    out = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.dup2(reply_fd, 3)  # after: ``out`` or ``null`` may have been given fd 3
    # (opened now, with 0 to 3 taken: no dup2 above can have been given its fd)
    os.dup2(os.open(stack, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), STACK_FD)
    os.closerange(STACK_FD + 1, 1 << 16)  # the zygote's pipes and anything else inherited
    sys.stdin = open(0, closefd=False)  # lives as long as the process
    sys.stdout = open(1, "w", closefd=False)
    sys.stderr = open(2, "w", closefd=False)
    os.chdir(work)
    sys.path[:] = [p for p in sys.path if p not in ("", ".")]
    # The reference solutions are not in the sandbox; keep the obvious door shut where there is
    # no sandbox (mode "none").
    sys.modules["course.solutions"] = None  # type: ignore[assignment]
    return 3


def _output_position() -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # a flood makes flush fail; the task reports it
            pass
    try:
        return os.lseek(1, 0, os.SEEK_END)
    except OSError:
        return 0


def run_exercise(cfg: dict[str, Any], reply_fd: int, own_code_only: bool = False) -> None:
    """Import the learner's file and run the requested tasks (inside the locked-down fork);
    ``own_code_only``: no code runs but the file's own (course.audit)."""
    watch.learner_code_runs_here()  # (before the Locator starts a thread: those are recorded)
    locator = Locator(cfg["path"], reply_fd, cfg["limits"].get("locate_s"), STACK_FD)

    def say(message: dict[str, Any]) -> None:
        with locator.lock:  # no report in the middle of this frame, or after it
            locator.disarm()
            channel.send(reply_fd, wire.pack(message))

    ex = exercise(cfg["exercise"])
    _warnings_name_files_as_the_learner_knows_them(Path(cfg["path"]).parent)
    if own_code_only:
        audit.own_code_only(cfg["path"])
    locator.arm(None)
    try:
        module = _import_source(f"exercise_{ex.id}", cfg["path"])
    except BaseException as e:  # any failure of the learner's import is data
        _output_position()  # flushed: what it printed before the failure is shown with it
        say({"import_failed": error_info(e, cfg["path"])})
        return
    for index in cfg["tasks"]:
        task = ex.tasks[index]
        say({"start": index})
        locator.arm(index)  # (the grader's clock for this task runs from that frame)
        fn = getattr(module, task.name, None)
        start, begin = _output_position(), time.perf_counter()
        cases = []
        for case in _each_from_fresh_state(task.cases(task.rng(cfg["seed"]))):
            try:
                cases.append({"facts": task.probe(fn, case)})
            except BaseException as e:  # sys.exit etc. fail this case only
                info = _at_its_def(error_info(e, cfg["path"]), fn, cfg["path"])
                cases.append({"error": _with_grad_mode(info)})
        say({"done": index, "cases": cases, "seconds": time.perf_counter() - begin,
             "output": [start, _output_position()]})


# Opens the line written before each of faulthandler's stacks: "<DUMPED> <task> <thread>", the
# task's index ("None": the import) and the ident of the main thread, the one running it.
DUMPED = "running task"


class Locator:
    """Reports, once per task, the line of the learner's file running ``after`` seconds into
    it: a thread of its own wakes then, reads the main thread's Python stack
    (``sys._current_frames``), finds the innermost frame of the file and writes
    ``{"running": ...}`` to the job's pipe; the code goes on, to be ended by the grader's
    deadline as before.

    A thread, not a signal (SIGALRM from ``setitimer``): a signal is delivered into the
    learner's code, which may have set its own handler (one that raises, or SIG_DFL, which
    ends the process) or be in a call a signal interrupts, so a task that would have ended in
    time could end otherwise; reading another thread's stack changes nothing in it. A bare
    ``_thread`` one, which ``threading.enumerate()`` does not list: code that joins every
    thread it finds is not held up by it. Best effort all the same: code that holds the
    interpreter inside one long C call (a regular expression that backtracks for ever) or
    never lets another thread run leaves no report in time, and code that forges one misleads
    only its own feedback (the grader checks the line against its copy of the file and shows
    that copy's text). Frames are written under ``lock``, so a report never lands in the
    middle of another frame, and none is written for a task that has ended.

    Code that holds the interpreter (one long C call: ``sum(range(10**12))``, a regular
    expression that backtracks for ever, a copy of a huge list, ``sys.setswitchinterval(1e6)``)
    lets no thread of Python's run, this one included. So each arming (a task's, the import's)
    writes a line naming the task and the main thread to ``stack_fd``, and faulthandler's
    handler of DUMP_SIGNAL, which needs no interpreter, writes every thread's stack there when
    the zygote ends a job the grader's deadline ended; the zygote sends the file's end with
    the job's end, and the grader reads the line there when no report came
    (``course.sandbox.dumped``).

    Only then, not at the report's moment by faulthandler's watchdog thread: such a dump
    reads the main thread's frames without the interpreter's lock, while they are pushed and
    freed, and in Python 3.11 that crashes the process now and then (SIGSEGV, CPython issue
    gh-140815): a right answer on a busy machine, past the report's moment but within its
    time, died so. When the deadline has ended the job, a crash there changes nothing."""

    def __init__(self, path: str, reply_fd: int, after: Any, stack_fd: int | None = None
                 ) -> None:
        self.path, self.reply_fd, self.stack_fd = path, reply_fd, stack_fd
        self.after = float(after) if type(after) in (int, float) and after > 0 else None
        self.lock = _thread.allocate_lock()
        if stack_fd is not None:
            try:  # (chain: then the signal's default action, which ends the fork)
                faulthandler.register(DUMP_SIGNAL, file=stack_fd, all_threads=True, chain=True)
                # ... and where code crashes the fork (ctypes.string_at(0) at the file's top,
                # red team 27): the crash's reply names its line as a deadline's does
                faulthandler.enable(file=stack_fd, all_threads=True)
            except (OSError, ValueError, RuntimeError):
                self.stack_fd = None
        # Held while a report may come; released by disarm, which wakes its thread early.
        self._armed: Any = None
        self._helpers: set[int] = set()  # the threads an arming started (kernel ids)

    def arm(self, index: int | None) -> None:
        """Report where the code is ``after`` s from now, as task ``index``'s (None: the
        import's), unless ``disarm`` comes first."""
        if self.after is None:
            return
        armed = _thread.allocate_lock()
        armed.acquire()
        with self.lock:
            self._armed = armed
        # Each thread started here is the grader's own (watch.grader_started): its report may
        # come while a probe watches a call, whose other threads may run no CPU time.
        # (The import's too: a hang in one C call at the top of the file names its line. Its
        # thread once made red team 14's 1 MiB file run out of memory: _one_malloc_arena.)
        if self.stack_fd is not None:
            try:
                os.write(self.stack_fd, f"{DUMPED} {index} {_thread.get_ident():#x}\n".encode())
            except OSError:  # (a file the learner's code filled)
                pass
        try:
            report = watch.grader_started(lambda: _thread.start_new_thread(
                self._report, (armed, index, _thread.get_ident())))
        except (RuntimeError, OSError):  # no thread to be had (processes over the limit)
            report = frozenset()
        self._helpers = set(report)

    def disarm(self) -> None:
        """No report from here on (called holding ``lock``, or where no report can come), its
        threads ended: a thread that ends while a probe watches a call counts as the learner's
        (course/watch.py)."""
        armed, self._armed = self._armed, None
        if armed is not None:
            armed.release()
            watch.ended(self._helpers, within=1.0)

    def _report(self, armed: Any, index: int | None, main: int, quiet: Any = watch.QUIET
                ) -> None:
        if armed.acquire(timeout=self.after):
            return  # disarmed in time
        # Not while a probe watches a call (``quiet``: a thread of the grader's may cost no more
        # than waking then, course/watch.py): faulthandler's dump at the end has the line.
        with quiet:
            try:
                where = running_line(sys._current_frames().get(main), self.path)
                # Not waiting for the lock: its holder is the task's end (``say``), whose
                # disarm waits for this thread to end (a second, then it counted as the
                # learner's); the report is moot by then.
                if where is not None and self.lock.acquire(blocking=False):
                    try:
                        if self._armed is armed:
                            channel.send(self.reply_fd, wire.pack({"running": index, **where}))
                    finally:
                        self.lock.release()
            except BaseException:  # (learner code may have broken whatever the walk touches)
                pass
        # Then it waits for disarm: a thread that ends while a probe watches a call counts as
        # one the call started (course/watch.py), and an answer that ends in the task's last
        # second, after this report, is no less right.
        armed.acquire()


def running_line(frame: Any, path: str, most: int = 100_000) -> dict[str, Any] | None:
    """The innermost frame of the file at ``path`` on the stack from ``frame`` outwards, as
    ``{"line", "function", "deeper"}``: ``deeper`` when frames of other code ran inside it (a
    call that line made), ``function`` the nearest enclosing function of the file that has a
    name ("<module>": code outside any function; None: none found); None when no frame is the
    file's."""
    deeper, line, function = False, None, None
    for _ in range(most):
        if frame is None:
            break
        code = frame.f_code
        if code.co_filename == path:
            if line is None:
                line = frame.f_lineno
            name = getattr(code, "co_qualname", code.co_name)  # (3.11+: "Value.backward")
            if not dotted_name(name):
                name = code.co_name  # a nested function's "train.<locals>.step": "step"
            if name == "<module>" or dotted_name(name):
                function = name
                break  # (a comprehension's or a lambda's: the function around it)
        elif line is None:
            deeper = True
        frame = frame.f_back
    return None if type(line) is not int else {"line": line, "function": function,
                                                "deeper": deeper}


def dotted_name(name: str) -> bool:
    """Whether ``name`` is a function's name as Python qualifies it: ``Value.backward``."""
    return all(part.isidentifier() for part in name.split("."))


def _import_source(name: str, path: str) -> ModuleType:
    """The learner's file imported from its source, always. importlib's loader would run a
    __pycache__ .pyc beside the file instead, and one marked "unchecked" is never compared with
    the source: a red team's stubs scored 28 of 32 points with the reference solutions
    compiled beside them. (The sandbox copies no such file now; this holds without it.)"""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    # compile() reads a coding line as import does; the file is compiled, then run, once each
    # (what course.audit lets ex10's file do).
    exec(compile(Path(path).read_bytes(), path, "exec", dont_inherit=True), module.__dict__)
    return module


def _warnings_name_files_as_the_learner_knows_them(folder: Path) -> None:
    """A warning names ex04_grad.py, not the sandbox's /submission/ex04_grad.py, which is no
    path on the learner's machine (exception messages are shortened alike: error_info)."""
    formatwarning, prefix = warnings.formatwarning, str(folder) + os.sep

    def shortened(message: Any, category: Any, filename: Any, lineno: Any, line: Any = None
                  ) -> str:
        return formatwarning(message, category, str(filename).removeprefix(prefix), lineno,
                             line)

    warnings.formatwarning = shortened


def _fresh_state() -> None:
    """What learner code may leave switched is switched back: a line such as
    `torch.set_grad_enabled(False)` at the top of one task (or of the file) must not fail the
    next case or task, whose code may be right."""
    minigrad = sys.modules.get("minigrad")
    if minigrad is None:  # a zygote without minigrad (course.tasks.WITHOUT_MINIGRAD)
        return
    minigrad.set_grad_enabled(True)
    minigrad.set_default_dtype(minigrad.float32)
    minigrad.autograd.set_detect_anomaly(False)


def _each_from_fresh_state(cases: Any) -> Any:
    """The cases, each built (cases are generated lazily) and probed from a fresh state."""
    iterator = iter(cases)
    while True:
        _fresh_state()
        try:
            case = next(iterator)
        except StopIteration:
            return
        yield case


def _at_its_def(info: dict[str, Any], fn: Any, learner_file: str) -> dict[str, Any]:
    """A TypeError of the check's own call of the task's function ("make_trainable() missing 1
    required positional argument: 'dtype'") has no frame in the learner's file: it names the
    function's def line, the line that differs from the stub's."""
    if type(fn) is not FunctionType or "line" in info or info["type"] != "TypeError":
        return info
    code = fn.__code__  # (a real function's own: FunctionType's descriptors, not the learner's)
    if code.co_filename == learner_file and info["message"].startswith(f"{fn.__qualname__}() "):
        line = linecache.getline(learner_file, code.co_firstlineno)
        info["line"] = [code.co_firstlineno, line.strip()[:wire.LINE_CHARS]]
    return info


def _with_grad_mode(info: dict[str, Any]) -> dict[str, Any]:
    """An error raised while grad mode was off says so: the learner's code switched it off and
    did not switch it back (set_grad_enabled(False), or no_grad() entered outside a with)."""
    minigrad = sys.modules.get("minigrad")
    if minigrad is not None and not minigrad.is_grad_enabled():
        info["message"] += (" (grad mode was off when this was raised: your code switched it "
                            "off, with torch.set_grad_enabled(False) or torch.no_grad() used "
                            "outside a with block, and did not switch it back)")
    return info


# -- the zygote: one submission -------------------------------------------------------------
class Zygote:
    def __init__(self) -> None:
        # The first line from the grader (not argv: /proc/1/cmdline is readable by the forks).
        # "isolated": the sandbox's uid is this job's alone, so kill(-1) ends exactly the job.
        self.settings: dict[str, Any] = {}
        self.isolated = False
        self.with_minigrad = True  # False: a zygote of the exercises graded without it
        self._wakeup = -1
        self.scratch = Path(tempfile.gettempdir())
        self._stdin = b""

    def reply(self, kind: bytes, token: str, payload: bytes) -> None:
        channel.send(1, kind + token.encode()[:32].ljust(32, b"0") + payload)

    def serve(self) -> None:
        self.with_minigrad = with_minigrad = bool(self.settings.get("minigrad", True))
        if with_minigrad:
            import minigrad  # noqa: F401 - preloaded once (numpy too), shared by every fork
            from minigrad import blas

            blas.works()  # numpy's BLAS checked once here, not in each fork taking an SGD step
        secret = []
        if self.settings.get("user"):
            secret += _use_withheld_specs(Path(self.settings["specs"]))  # (its fork imports it)
        if not with_minigrad:  # the import fails, wherever minigrad's files are (mode "user")
            sys.modules["minigrad"] = None  # type: ignore[assignment]
            audit.preload()  # what an engine may use: its forks import nothing (course.audit)
        variants = []  # what learner code could import and should not (see the docstring)
        served = EXERCISE_IDS if with_minigrad else sorted(WITHOUT_MINIGRAD)
        for eid in served:  # import every spec (and nn, optim) now, not once per fork
            try:
                ex = exercise(eid)
            except Exception:
                continue  # the fork reports it for that exercise alone
            if any(m.variant is not None for task in ex.tasks for m in task.misconceptions):
                variants.append(f"the misconception variants of course.specs.{eid}")
        if self.settings.get("user"):  # mode "user": become the sandbox's own user for good
            uid, gid = self.settings["user"]
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
        # The kernel's keyrings are its uid's, not its processes' (course.seccomp): without
        # the filter, in mode "user" one submission's code leaves keys for the next one's.
        keyrings = seccomp.refuse_keyrings()
        # Mode "user": learner code writes in its scratch folder alone, not in /dev/shm
        # (memory no cgroup counted there) or the other folders every user may write to
        # (course.landlock). The grader says whether this kernel must allow it.
        confined = bool(self.settings.get("user")) and landlock.write_only_beneath(self.scratch)
        _prctl(PR_SET_DUMPABLE, 0)
        _prctl(PR_SET_CHILD_SUBREAPER, 1)  # orphans of a job come back here to be reaped
        # A child's end wakes the job loop's select (through this pipe) instead of a poll.
        self._wakeup, wakeup_w = os.pipe()
        os.set_blocking(self._wakeup, False)
        os.set_blocking(wakeup_w, False)
        signal.set_wakeup_fd(wakeup_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        # As a PID namespace's init it receives from its forks only the signals it handles, and
        # Python handles SIGINT (KeyboardInterrupt). The grader's Ctrl-C does not come this way
        # (the zygote has a session of its own); the grader ends it by closing its stdin.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # As the sandbox's user, whose code runs on the grader's own file system, a folder it
        # may enter is exposed: the names in it can be known (the exercise files', a commit's).
        enter = bool(self.settings.get("user"))
        # (before the limit on processes, which counts those of the same user in another
        # sandbox: its fork is not to fail for them)
        graders = _secrets_exposed(enter)
        self.isolated = bool(self.settings.get("isolated"))
        if self.isolated:
            _limit(resource.RLIMIT_NPROC, int(self.settings["processes"]))
        exposed = graders + [p for p in secret if _readable(p, enter)] + (
            variants if self.isolated else []) + (
            ["the kernel's keyrings (no seccomp filter here)"]
            if self.settings.get("user") and not keyrings else []) + (
            ["the file system beyond its scratch folder (Landlock could not be installed)"]
            if self.settings.get("confine") and not confined else [])
        self.reply(b"R", NO_TOKEN, json.dumps({"exposed": exposed}).encode())
        while (request := self._request(None)) is not None:
            if "token" in request:
                self.run_job(request)
        self._end_all(None)

    def _request(self, timeout: float | None) -> dict[str, Any] | None:
        """The next JSON line from the grader; {} if none within ``timeout``; None at EOF."""
        while b"\n" not in self._stdin:
            if not select.select([0], [], [], timeout)[0]:
                return {}
            chunk = os.read(0, 1 << 16)
            if not chunk:
                return None
            self._stdin += chunk
        line, self._stdin = self._stdin.split(b"\n", 1)
        return json.loads(line)

    def _end_all(self, pid: int | None) -> None:
        """Kill every process of the job: all the sandbox's processes but this one where the
        uid is the job's own; else the fork's session and whatever was reparented here."""
        if self.isolated:
            targets = [(os.kill, -1)]
        else:
            targets = [(os.killpg, pid)] if pid else []
            targets += [(os.kill, child) for child in _children()]
        for kill, target in targets:
            _signal(target, signal.SIGKILL, kill)

    def _reap(self) -> dict[int, int]:
        """Wait statuses of the children that have ended (orphans of a job included)."""
        ended = {}
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return ended
            if pid == 0:
                return ended
            ended[pid] = status

    def run_job(self, cfg: dict[str, Any]) -> None:
        token = str(cfg["token"])
        job = Path(tempfile.mkdtemp(prefix="job-", dir=self.scratch))
        work, output, stack = job / "work", job / "output.txt", job / "stack.txt"
        work.mkdir()
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                os.close(read_fd)
                run_exercise(cfg, _lock_down(cfg, work, output, stack, write_fd),
                             own_code_only=not self.with_minigrad)
            except BaseException:  # the fork must end here, whatever happened
                code = 70
            finally:
                # os._exit: no atexit handlers or finalizers the learner may have registered.
                os._exit(code)
        os.close(write_fd)
        status, reading, drained_by, aborted = None, True, float("inf"), False
        killed_by = float("inf")  # once the grader's deadline ended the job: its DUMP_GRACE
        while reading and time.monotonic() < drained_by or status is None:
            ready = select.select([read_fd, 0, self._wakeup] if reading else [0, self._wakeup],
                                  [], [], min(0.5, max(0.0, killed_by - time.monotonic())))[0]
            if self._wakeup in ready:
                os.read(self._wakeup, 4096)
            if read_fd in ready:
                chunk = os.read(read_fd, 1 << 16)
                if chunk:
                    self.reply(b"D", token, chunk)
                else:  # every process holding the pipe has ended
                    reading = False
            request = self._request(0)
            if request is None:  # the grader is gone: nobody reads the stacks
                self._end_all(pid)
            elif request.get("abort") == token and not aborted:
                aborted, killed_by = True, time.monotonic() + DUMP_GRACE
                _signal(pid, DUMP_SIGNAL)  # its stacks first (Locator), then its end
            if time.monotonic() > killed_by:
                self._end_all(pid)
            if status is None and (status := self._reap().get(pid)) is not None:
                drained_by = time.monotonic() + 1  # what is still in the pipe, not more
            if status is not None:  # the fork ended: nothing it started may outlive it
                self._end_all(pid)
        os.close(read_fd)
        _wait_children(5)
        # Ended by the grader's clock, or by a signal (a crash): the end of the stacks says
        # where the task was.
        ended_by_signal = isinstance(status, int) and os.WIFSIGNALED(status)
        stacks = _tail(stack, MAX_STACKS).decode(errors="replace") \
            if aborted or ended_by_signal else ""
        self.reply(b"E", token, json.dumps({"status": status, "stacks": stacks}).encode()
                   + b"\n" + _head(output, int(cfg["limits"]["output_bytes"])))
        remove_tree(job)
        if request is None:
            sys.exit(0)


def _use_withheld_specs(folder: Path) -> list[str]:
    """Mode "user", still as root: point ``course.specs`` at a copy of it with the variants
    withheld (``course.release.write_withheld_specs``), written into ``folder``; -> the full
    specs' folder and files, which the sandbox's user must not be able to read. A short-lived
    fork writes the copy, so that nothing of the full specs (not even freed memory) is in the
    zygote, which every process of learner code is a fork of.

    ``folder`` is the grader's (root's, in a folder the sandbox's user may enter but not
    change), never one of the scratch folder the user owns: the user's processes of another
    submission could swap a folder there for their own, whose code this process, still root,
    would then import."""
    import course.specs

    full = Path(course.specs.__file__ or "").parent
    found = os.lstat(folder)
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid() \
            or found.st_mode & (stat.S_IWGRP | stat.S_IWOTH) or any(folder.iterdir()):
        raise RuntimeError(f"{folder} is not an empty folder of this user's alone")
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            from course.release import write_withheld_specs

            write_withheld_specs(full, folder)
            code = 0
        except BaseException:
            traceback.print_exc()  # into the zygote's log, which the grader shows
        finally:
            os._exit(code)
    if os.waitpid(pid, 0)[1] != 0:
        raise RuntimeError("could not write the specs with their variants withheld")
    course.specs.__path__[:] = [str(folder)]
    return [str(p) for p in (full, *full.rglob("*"))]


def _signal(target: int, sig: int, kill: Callable[[int, int], None] = os.kill) -> None:
    try:
        kill(target, sig)
    except (ProcessLookupError, PermissionError):
        pass  # ended already, or (mode "user") no longer one this process may signal


def _children() -> list[int]:
    """This process's children (Linux; elsewhere none are known beyond the fork)."""
    found = []
    for task in Path("/proc/self/task").glob("*/children"):
        try:
            found += [int(p) for p in task.read_text().split()]
        except (OSError, ValueError):
            pass
    return found


def _wait_children(timeout: float) -> None:
    """Reap children until there are none (all killed by now) or ``timeout`` passes."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                time.sleep(0.01)
        except ChildProcessError:
            return


def _head(path: Path, limit: int) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(limit)
    except OSError:
        return b""


# The most of a job's stacks file sent back: a dump of 100 frames is about 10 KB.
MAX_STACKS = 64 << 10


def _tail(path: Path, limit: int) -> bytes:
    """The last ``limit`` bytes of the file at ``path``, if it is a regular file: learner code
    may have put a link or a fifo (whose open would wait for ever) in its place."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return b""
    with open(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        f.seek(max(0, f.seek(0, os.SEEK_END) - limit))
        return f.read(limit)


def _readable(path: str, enter: bool = False) -> bool:
    """Whether anything of ``path`` can be read here (an empty mask shows nothing); ``enter``:
    a folder that may be entered counts, listed or not. A link is not what was masked: a
    learner may turn their submission into one while the run goes."""
    if os.path.islink(path):
        return False
    try:
        if os.path.isdir(path):
            return (enter and os.access(path, os.X_OK)) or bool(os.listdir(path))
        with open(path, "rb") as f:
            return bool(f.read(1))
    except OSError:
        return False


def _secrets_exposed(enter: bool) -> list[str]:
    """Of the grader's secrets, the second line on fd 0, those that can be read here, told by
    a short-lived fork that alone reads them: they are the paths of the solutions, the
    results and every submission of the class, named after its students, and what the
    zygote holds, even in freed memory, every fork of learner code holds too (red team 13's
    code found them among its objects and printed the class's names into its feedback)."""
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError as e:
        os.close(read)
        os.close(write)
        return [f"the grader's secrets (not checked: {e.strerror})"]
    if pid == 0:
        code = 1
        try:
            os.close(read)
            line = _read_line(1 << 16)  # (the grader sends nothing more until "R")
            found = [p for p in json.loads(line)["secrets"] if _readable(str(p), enter)]
            with open(write, "wb") as out:
                out.write(json.dumps(found).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    with open(read, "rb") as f:
        told = f.read()
    os.waitpid(pid, 0)
    try:
        found = json.loads(told)
    except ValueError:
        found = None
    return found if isinstance(found, list) else ["the grader's secrets (not checked)"]


def _read_line(size: int) -> bytes:
    """A line of fd 0 (to its end, where it has none), read ``size`` bytes at a time."""
    line = b""
    while not line.endswith(b"\n"):
        chunk = os.read(0, size)
        if not chunk:
            break
        line += chunk
    return line


def _first_line() -> dict[str, Any]:
    """The settings, the first line on fd 0, read a byte at a time: the secrets after them
    stay in the pipe, for the fork that checks them (``_secrets_exposed``)."""
    try:
        found = json.loads(_read_line(1))
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def main() -> None:
    """The zygote's entry point: ``python -c "from course.child import main; main()"``
    (not ``-m``: the package's __init__ has imported this module already)."""
    zygote = Zygote()
    zygote.settings = _first_line()
    zygote.serve()
