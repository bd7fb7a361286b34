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
this module is imported: nothing can remove it), however they are called. It imports no
minigrad: ex10's file runs where there is none.
"""

from __future__ import annotations

import _thread
import os
import sys
import threading
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
    return result, (unseen[0] if unseen else None)


_HASH = hash  # (as it is now: learner code may replace builtins.hash)


def _hashable(value: Any) -> bool:
    try:
        _HASH(value)
    except TypeError:
        return False
    return True
