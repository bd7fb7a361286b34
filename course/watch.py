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
CPU time (``_elsewhere``). It imports no minigrad: ex10's file runs where there is none.
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


def watched(call: Callable[[], Any], on_call: Callable[[Any], None]) -> tuple[Any, str | None]:
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

    before = _elsewhere(start=True)
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
    if _thread_seen(before, _elsewhere(start=False)):  # (started from C too)
        unseen.append(THREAD)
    return result, (unseen[0] if unseen else None)


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


def ended(tids: set[int], within: float) -> None:
    """Wait (at most ``within`` s) until the threads ``tids`` have ended. The grader's helper
    threads end so before a task's calls are watched: one that ended during a call would be
    counted as a thread the call started (``_thread_seen``)."""
    give_up = time.monotonic() + within
    while tids & (thread_ids() or set()) and time.monotonic() < give_up:
        time.sleep(0.001)


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


def _cpu_of(tids: set[int]) -> dict[int, int]:
    """The CPU time of each thread of ``tids`` still alive (the kernel's clock id of thread
    tid's: MAKE_THREAD_CPUCLOCK(tid, CPUCLOCK_SCHED))."""
    cpu = {}
    for tid in tids:
        try:
            cpu[tid] = _CLOCK_NS((~tid << 3) | 6)
        except OSError:  # (ended since it was listed: its time is the ended ones')
            pass
    return cpu


def _thread_seen(before: Any, after: Any) -> bool:
    """Whether a thread other than those alive at a call's start ran during it: one alive at
    its end, or CPU time spent by threads that ended. A thread alive at the start that ended
    during the call counts too: its time is among the ended ones', where it could hide a new
    thread's (red team 23b ended faulthandler's watchdog first), and the grader's own helpers
    have ended before a task's calls are watched (``ended``)."""
    if before is None or after is None:
        return False
    (started, at_most), (alive, at_least) = before, after
    return set(alive) != set(started) or at_least > at_most


_HASH = hash  # (as it is now: learner code may replace builtins.hash)


def _hashable(value: Any) -> bool:
    try:
        _HASH(value)
    except TypeError:
        return False
    return True
