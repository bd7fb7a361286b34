"""Landlock: learner code in mode "user" may write in its scratch folder and nowhere else.

Mode "user" (``course.isolation``) runs learner code as a dedicated user on the grader's own
file system, where every world-writable folder is open to it: ``/tmp``, ``/var/tmp``,
``/run/lock`` and ``/dev/shm``, which is memory. Without a cgroup nothing counted what it wrote
there: a red team's code held 512 MiB of ``/dev/shm`` under ``RLIMIT_AS`` 512 MiB (half the
machine's memory is its default size), and a file left in such a folder, which the cleanup
after each job removes where it knows to look, is a channel to the next submission's code. No
mount namespace can be made there (that is why the mode runs), but Landlock (Linux 5.13 and
later, allowed by Docker's default seccomp profile since Docker 23) needs no privilege: a
process restricts itself and every process it starts, for good. The zygote does that once it
has become the sandbox's user, before any learner code runs: writing a file, making or
removing anything, linking or renaming into a folder, is refused outside its scratch folder
(``/dev/null`` may still be written). Reading is not restricted: mode "user" keeps secrets
from that user by their permissions (the grader checks).

    >>> abi() >= 1                                                       # doctest: +SKIP
    True
    >>> write_only_beneath(Path("/tmp/course-sandbox-x/scratch"))       # doctest: +SKIP
    True
"""

from __future__ import annotations

import ctypes
import os
import platform
import struct
from pathlib import Path

# The system calls' numbers: new calls share one numbering on every architecture Linux has.
_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446
_CREATE_RULESET_VERSION = 1  # flag: ask for the ABI version instead
_RULE_PATH_BENEATH = 1
PR_SET_NO_NEW_PRIVS = 38
# Access rights (include/uapi/linux/landlock.h), by the ABI version that brought them.
WRITE_FILE, REMOVE_DIR, REMOVE_FILE = 1 << 1, 1 << 4, 1 << 5
MAKE_CHAR, MAKE_DIR, MAKE_REG, MAKE_SOCK = 1 << 6, 1 << 7, 1 << 8, 1 << 9
MAKE_FIFO, MAKE_BLOCK, MAKE_SYM = 1 << 10, 1 << 11, 1 << 12
REFER, TRUNCATE = 1 << 13, 1 << 14  # ABI 2, ABI 3
_WRITES = {1: WRITE_FILE | REMOVE_DIR | REMOVE_FILE | MAKE_CHAR | MAKE_DIR | MAKE_REG
           | MAKE_SOCK | MAKE_FIFO | MAKE_BLOCK | MAKE_SYM, 2: REFER, 3: TRUNCATE}


def _libc() -> ctypes.CDLL | None:
    if platform.system() != "Linux":
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def abi() -> int:
    """The Landlock ABI version this kernel offers this process, 0 where it offers none (a
    kernel before 5.13 or without Landlock enabled, a seccomp profile refusing the call)."""
    libc = _libc()
    if libc is None:
        return 0
    try:
        found = libc.syscall(_CREATE_RULESET, None, ctypes.c_size_t(0),
                             ctypes.c_uint32(_CREATE_RULESET_VERSION))
    except (OSError, AttributeError):
        return 0
    return max(0, int(found))


def write_only_beneath(folder: Path) -> bool:
    """Restrict this process, and every process it starts, to writing beneath ``folder`` (and
    to ``/dev/null``); -> whether that holds now. Sets no-new-privileges (Landlock requires it
    of a process without CAP_SYS_ADMIN; nothing learner code starts needs a setuid program)."""
    version = abi()
    libc = _libc()
    if version < 1 or libc is None:
        return False
    handled = 0
    for since, rights in _WRITES.items():
        handled |= rights if version >= since else 0
    attr = ctypes.create_string_buffer(struct.pack("=Q", handled), 8)
    ruleset = libc.syscall(_CREATE_RULESET, attr, ctypes.c_size_t(8), ctypes.c_uint32(0))
    if ruleset < 0:
        return False
    try:
        for path, allowed in ((folder, handled),
                              (Path(os.devnull), handled & (WRITE_FILE | TRUNCATE))):
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            try:
                rule = ctypes.create_string_buffer(struct.pack("=Qi", allowed, fd), 12)
                if libc.syscall(_ADD_RULE, ruleset, ctypes.c_int(_RULE_PATH_BENEATH), rule,
                                ctypes.c_uint32(0)) != 0:
                    return False
            finally:
                os.close(fd)
        return libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 and libc.syscall(
            _RESTRICT_SELF, ruleset, ctypes.c_uint32(0)) == 0
    except OSError:
        return False
    finally:
        os.close(ruleset)
