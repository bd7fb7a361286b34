"""Watching the Python calls a piece of learner code makes, with a profiler it cannot switch off
unseen.

minigrad is pure Python, so a profiler set around a call (sys.setprofile) sees every function
of minigrad's the call runs, however the learner's code reached it: by name, through a
reference taken earlier, or from a node's methods. Probes that must know what learner code ran
use it: ex10's ``sum_to_size``, which must not call into minigrad, and ex03's ``Cube``, which
must not have a graph node's backward formula compute its derivative.

What would take calls out of the profiler's sight is itself seen, as the built-in function is
called: the profiler switched off or replaced (even to be put back after), a thread started, a
process forked (red team attacks on ex10 found each). The built-ins are the ones this module
took when it was imported, before any learner code. A built-in called from C makes no call
event: red team 23 switched the profiler off and back on with functools.partial(sys.setprofile,
...)(), and ex03's Cube ran autograd.grad unseen between. So the profiler switched, and a
process forked, are also seen by the events the interpreter audits (an audit hook, added as
this module is imported: nothing can remove it), however they are called. A thread started
from C is neither (Python 3.11 audits no thread start): red team 23b had Cube's backward run
autograd.grad in one, `functools.partial(_thread.start_new_thread, work, ())()`, waited for on
a lock, and scored 1/1 at ex03. So a thread is also seen by what every thread costs: its own
CPU time (``_elsewhere``). And one started before the call, as the learner's file was imported:
a worker fed the work through a lock is alive at the call's start and end, and scored 1/1 at
ex03 and ex08 until the CPU time of every thread alive through a call was read too; only the
grader's own threads may run then (``_OWN``: the Locator's, whose report comes a second before
a task's deadline and waits while a call is watched, ``QUIET``). A process started then is
seen likewise where the sandbox has a PID namespace of its own (``_processes``). Where there is
no /proc nothing is read. What stays open: this runs in the learner's process, and code that reaches
this module (sys.modules, a frame's globals) can rebind ``watched`` itself (red team 24).
It imports no minigrad: ex10's file runs where there is none.
"""

from __future__ import annotations

import _thread
import os
import sys
import threading
import time
import types
from collections.abc import Callable
from typing import Any

_SET_PROFILE, _GET_PROFILE = sys.setprofile, sys.getprofile
_FRAME = types.FrameType
try:  # how subprocess and multiprocessing start a process, on POSIX
    from _posixsubprocess import fork_exec as _fork_exec
except ImportError:
    _fork_exec = None

# What each way out of sight is said as.
SWITCHED_OFF, THREAD, PROCESS = "sys.setprofile", "a thread", "a process"
_OUT_OF_SIGHT = {
    sys.setprofile: SWITCHED_OFF,
    threading.setprofile: "threading.setprofile",
    _thread.start_new_thread: THREAD,
    **{start: PROCESS for start in (getattr(os, "fork", None), _fork_exec) if start is not None}}


# The unseen list of each watched() running (innermost last), which the audit hook adds to.
_WATCHING: list[list[str]] = []
_AUDITED = {"sys.setprofile": SWITCHED_OFF, "os.fork": PROCESS}


def _audit(event: str, _: Any, watching: list[list[str]] = _WATCHING,
           audited: dict[str, str] = _AUDITED) -> None:
    # (bound as defaults: learner code may rebind this module's names)
    if watching and event in audited:
        watching[-1].append(audited[event])


sys.addaudithook(_audit)


# Every thread of this process (a C one too, such as faulthandler's watchdog), by its id in
# the kernel: its CPU clock is Linux's, read without a handle of the thread's.
_TASKS, _LIST, _NATIVE_ID = "/proc/self/task", os.listdir, threading.get_native_id
_CLOCK_NS, _PROCESS_NS, _THREAD_NS = (time.clock_gettime_ns, time.process_time_ns,
                                      time.thread_time_ns)


def thread_ids() -> set[int] | None:
    """The kernel's ids of this process's threads but the calling one (None without /proc)."""
    try:
        me = _NATIVE_ID()
        return {int(tid) for tid in _LIST(_TASKS)} - {me}
    except (OSError, ValueError):
        return None


# The grader's own threads (kernel ids), whose CPU time a watched call may see grow. None: every
# thread is, in the trusted parent, where the reference solution runs and no learner code does
# (its grading threads run beside it). The sandbox's fork, before it imports the learner's
# file, takes those alive then (``learner_code_runs_here``: none but itself), and each thread
# the grader starts later through ``grader_started`` (the Locator's, which report where a task
# is a second before its deadline). Learner code adds none by rebinding this module's names
# (the list is bound where it is read), by mutating what it reads here in place (a frozenset,
# replaced whole) or by calling learner_code_runs_here again (once only), and a thread of its
# own started in the moment the grader starts one makes neither the grader's. Code that reaches
# this module's objects themselves (sys.modules, a frame's globals) can call grader_started or
# rewrite a default, as it can rebind ``watched``: the limit of every check run in the learner's
# process (docs/grading.md; a strict xfail in tests/test_course_redteam24.py).
_OWN: list[frozenset[int] | None] = [None]


def learner_code_runs_here(own: list[frozenset[int] | None] = _OWN) -> None:
    """From now on the threads alive now (but the calling one) and those started through
    ``grader_started`` are this process's only threads of the grader's: called by the
    sandbox's fork before it imports the learner's file. Once: a second call changes nothing."""
    if own[0] is None:
        own[0] = frozenset(thread_ids() or ())


def grader_started(start: Callable[[], Any], own: list[frozenset[int] | None] = _OWN
                   ) -> frozenset[int]:
    """Run ``start()``, which starts one thread of the grader's own, and return it (its kernel
    id), taken for the grader's from then on (until it ends, or ``ended`` gives up on it).
    None is taken where ``start()`` started none, or more than one: a thread the learner's
    code started in the same moment, which cannot be told from the grader's (whose report then
    counts as the learner's thread where it comes during a call: only code that starts threads
    meets that). An exception of ``start()`` is the caller's."""
    before = thread_ids()
    start()
    after = thread_ids()
    if before is None or after is None or len(after - before) != 1:
        return frozenset()
    started = frozenset(after - before)
    if own[0] is not None:  # (those that ended are no one's: ids are reused)
        own[0] = (own[0] & after) | started
    return started


# Held through each watched call (reentrant: a probe may watch within a call it watches). The
# grader's own threads that run Python (the Locator's report) take it before they read or send
# anything, so that what learner code may have replaced on their way (json.dumps,
# sys._current_frames, a builtin) never runs in a thread of the grader's while a call is
# watched: all they may cost there is waking.
QUIET = _thread.RLock()


def watched(call: Callable[[], Any], on_call: Callable[[Any], None],
            own: list[frozenset[int] | None] = _OWN, quiet: Any = QUIET
            ) -> tuple[Any, str | None]:
    """``call()``'s result, ``on_call(frame)`` run for each Python function it calls (the
    called function's frame), and how the call took its calls out of sight: None, or one of
    ``SWITCHED_OFF`` (or "threading.setprofile"), ``THREAD``, ``PROCESS``.

    ``on_call`` runs inside the profiler, which sees nothing of what it runs: it must run no
    code of the learner's (read frames and objects with the built-in types' own methods).

        >>> def minigrad_like(): pass
        >>> seen = []
        >>> watched(lambda: minigrad_like() or 42, lambda frame: seen.append(frame.f_code.co_name))
        (42, None)
        >>> "minigrad_like" in seen
        True
    """
    unseen: list[str] = []
    returned = False  # (then the profiler's own removal is no learner's)

    def watch(frame: Any, event: str, arg: Any) -> None:
        if event == "call":
            if type(frame) is _FRAME:  # (learner code may call this function with its own)
                on_call(frame)
        elif event == "c_call" and not returned and _hashable(arg) and arg in _OUT_OF_SIGHT:
            unseen.append(_OUT_OF_SIGHT[arg])

    with quiet:  # (``own``, ``quiet``: bound here, as _OWN says)
        grader, before = own[0], _elsewhere(start=True)
        processes = None if grader is None else _processes()  # (in the trusted parent: none)
        _SET_PROFILE(watch)
        _WATCHING.append(unseen)  # (after: the profiler set here is no learner's)
        try:
            result = call()
            if _GET_PROFILE() is not watch:  # (switched off by other means than the built-ins)
                unseen.append(SWITCHED_OFF)
            returned = True
        finally:
            _WATCHING.pop()
            _SET_PROFILE(None)
        if _thread_seen(before, _elsewhere(start=False), grader):  # (started from C too)
            unseen.append(THREAD)
        if processes is not None and processes != _processes():  # (started before the call)
            unseen.append(PROCESS)
    return result, (unseen[0] if unseen else None)


def ended(tids: set[int], within: float, own: list[frozenset[int] | None] = _OWN) -> None:
    """Wait (at most ``within`` s) until the threads ``tids`` have ended, and take them for
    the grader's no longer. The grader's helper threads end so before a task's calls are
    watched: one that ended during a call would be counted as a thread the call started
    (``_thread_seen``), and one that has not ended by then runs what it should not (learner
    code took it over: a function it calls replaced), so it counts as the learner's."""
    give_up = time.monotonic() + within
    while tids & (thread_ids() or set()) and time.monotonic() < give_up:
        time.sleep(0.001)
    if own[0] is not None:
        own[0] = own[0] - frozenset(tids)


def _elsewhere(start: bool) -> tuple[dict[int, int], int] | None:
    """The CPU time (ns) each other thread alive now has run, and a bound on what the threads
    that ended have run (the process's CPU time, less this thread's and those): at most that
    at a call's ``start``, at least it at its end (this thread runs while the clocks are read,
    so each is read where the bound holds). None where there is no /proc to list them."""
    tids = thread_ids()
    if tids is None:
        return None
    alive = _cpu_of(tids) if start else {}
    first, process, last = _THREAD_NS(), _PROCESS_NS(), _THREAD_NS()
    if not start:
        alive = _cpu_of(tids)
    return alive, process - (first if start else last) - sum(alive.values())


def _cpu_of(tids: set[int], clock: int = 6) -> dict[int, int]:
    """The CPU time of each thread of ``tids`` still alive (the kernel's clock id of thread
    tid's: MAKE_THREAD_CPUCLOCK(tid, CPUCLOCK_SCHED); ``clock`` 2: of process tid's)."""
    cpu = {}
    for tid in tids:
        try:
            cpu[tid] = _CLOCK_NS((~tid << 3) | clock)
        except OSError:  # (ended since it was listed: its time is the ended ones')
            pass
    return cpu


_PROC, _PARENT, _PID = "/proc", os.getppid, os.getpid


def _processes() -> dict[int, int] | None:
    """The CPU time (ns) each other process of the sandbox has run, where the zygote is PID 1
    of a PID namespace of its own (bubblewrap's): every process there but it and this one is
    the learner's (the zygote runs one job at a time and ends what each started). A process
    started as the file was imported and fed the work through a pipe scored 1/1 at ex03's
    Cube (red team 24): one that runs, ends or starts during a call is the call's. None
    elsewhere (no PID namespace: the machine's processes are no job's)."""
    try:
        if _PARENT() != 1:
            return None
        return _cpu_of({int(pid) for pid in _LIST(_PROC) if pid.isdigit()} - {1, _PID()},
                       clock=2)
    except (OSError, ValueError):
        return None


def _thread_seen(before: Any, after: Any, own: frozenset[int] | None) -> bool:
    """Whether a thread other than the calling one and the grader's ``own`` (None: all) ran
    during a call:
    one alive at its end that was not at its start, CPU time spent by threads that ended, or
    CPU time spent by a thread alive through it (a worker started before the call, fed the
    work through a lock). A thread alive at the start that ended during the call counts too:
    its time is among the ended ones', where it could hide a new thread's (red team 23b ended
    faulthandler's watchdog first), and the grader's own helpers have ended before a task's
    calls are watched (``ended``)."""
    if before is None or after is None:
        return False
    (started, at_most), (alive, at_least) = before, after
    return set(alive) != set(started) or at_least > at_most or own is not None and any(
        alive[tid] > started[tid] for tid in alive if tid not in own)


_HASH = hash  # (as it is now: learner code may replace builtins.hash)


def _hashable(value: Any) -> bool:
    try:
        _HASH(value)
    except TypeError:
        return False
    return True
