"""The grader's command line, as other processes read it, cut to its command.

``course grade submissions/*.zip`` lists every submission, often named after its student
(Canvas's ``smithjane_1001_...``), and ``/proc/<pid>/cmdline`` is readable by every process on
the machine: by other users, and in mode "user" (``course.isolation``) by learner code itself,
which runs there as another user of the same machine and printed the whole class's names into
its own feedback (red team 12). The kernel reads a process's command line from its own memory,
where the arguments were laid at its start; Python keeps copies of its own (``sys.argv``,
``sys.orig_argv``), so the original area can be overwritten with zero bytes once the arguments
are read: ``ps`` then shows ``python .../course grade`` and nothing after it. (A process that
reads it in the moment between the start and this call sees it all: this runs before any
learner code starts, and a grader run from a script of the instructor's is in that script's
command line too.) Forks of the grader, made later, inherit the cut area.

    >>> hide_arguments_after("grade")                                  # doctest: +SKIP
    True
"""

from __future__ import annotations

import ctypes
import platform
from pathlib import Path


def _argument_area() -> tuple[int, int] | None:
    """The addresses where this process's arguments lie (``arg_start``, ``arg_end``: fields
    48 and 49 of /proc/self/stat, Linux 3.5 and later), or None where they cannot be read."""
    try:
        stat = Path("/proc/self/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()  # (the name in parentheses may hold spaces)
    try:
        start, end = int(fields[48 - 3]), int(fields[49 - 3])
    except (IndexError, ValueError):
        return None
    return (start, end) if 0 < start < end else None


def hide_arguments_after(word: str) -> bool:
    """Overwrite this process's command line, as /proc shows it, after its first argument
    ``word`` (the command: ``grade``) with zero bytes; -> whether it was. Nothing else changes:
    ``sys.argv`` and ``sys.orig_argv`` are Python's own copies."""
    if platform.system() != "Linux":
        return False
    area = _argument_area()
    if area is None:
        return False
    start, end = area
    shown = (ctypes.c_char * (end - start)).from_address(start)
    arguments = bytes(shown).split(b"\0")
    if word.encode() not in arguments[1:]:
        return False  # not the arguments this process started with: leave them be
    kept = b"\0".join(arguments[:arguments.index(word.encode(), 1) + 1]) + b"\0"
    if len(kept) > end - start:
        return False
    ctypes.memset(start + len(kept), 0, end - start - len(kept))
    return True
