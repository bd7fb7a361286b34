"""A seccomp filter that takes the kernel's keyrings away from learner code.

The keyrings (``add_key``, ``keyctl``, ``request_key``) are kept per uid by the kernel, not per
process: the user keyring, the user session keyring and the persistent keyring outlive every
process of their user. In mode "user" each submission's code runs as one and the same sandbox
user, so a key the first submission's code left there was read by the next one's (red team 11:
a channel between submissions, up to 20,000 bytes, which no cleanup can close: the user may take
away everyone's right to clear its keyrings, root's too). Docker's default seccomp profile
refuses these calls for the same reason; elsewhere this filter does, for the zygote and every
fork of it (a filter cannot be removed, and it is inherited).

Calls of a foreign ABI are refused outright: learner code can make machine code that calls the
kernel the 32-bit way (``int 0x80``, whose numbers differ) or the x32 way.

    >>> refuse_keyrings()                                              # doctest: +SKIP
    True
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct

PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
# The native ABI's audit architecture, and its numbers of add_key, request_key and keyctl.
_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
_KEYRING_CALLS = {"x86_64": (248, 249, 250), "aarch64": (217, 218, 219)}
_X32_BIT = 0x40000000  # x86_64: a call made through the x32 ABI carries it in its number
# Classic BPF: load a 32-bit word of seccomp_data, compare, return.
_LOAD, _JEQ, _JGE, _RET = 0x20, 0x15, 0x35, 0x06
_ARCH_OFFSET, _NR_OFFSET = 4, 0
_ALLOW, _ERRNO = 0x7FFF0000, 0x00050000


def _program(arch: int, calls: tuple[int, ...]) -> bytes:
    """The filter's instructions (struct sock_filter each): refuse a foreign ABI, the x32 bit
    and ``calls`` with EPERM, allow the rest."""
    refuse = [(_RET, 0, 0, _ERRNO | errno.EPERM)]
    tests = [(_JGE, len(calls) + 1, 0, _X32_BIT)]  # jumps count instructions to skip
    tests += [(_JEQ, len(calls) - i, 0, nr) for i, nr in enumerate(calls)]
    body = [(_LOAD, 0, 0, _NR_OFFSET), *tests, (_RET, 0, 0, _ALLOW), *refuse]
    head = [(_LOAD, 0, 0, _ARCH_OFFSET), (_JEQ, 0, len(body), arch)]
    return b"".join(struct.pack("=HBBI", *op) for op in head + body + refuse)


def refuse_keyrings() -> bool:
    """Install the filter in this process (and so in every process it starts); -> whether it
    was installed (not on another system or machine, or a kernel without seccomp)."""
    return refuse(_KEYRING_CALLS.get(platform.machine(), ()))


def refuse(calls: tuple[int, ...]) -> bool:
    """Install a filter refusing ``calls`` (this machine's numbers) with EPERM, and a foreign
    ABI; -> whether it was installed. (Also how the tests make a machine whose seccomp profile
    refuses Landlock's calls, as an older Docker's does.)"""
    arch = _ARCH.get(platform.machine())
    if arch is None or not calls or platform.system() != "Linux":
        return False
    program = _program(arch, calls)
    code = ctypes.create_string_buffer(program, len(program))

    class _Fprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = _Fprog(len(program) // 8, ctypes.cast(code, ctypes.c_void_p))
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        # No new privileges (a filter requires it of a process without CAP_SYS_ADMIN): none
        # of learner code's processes needs a setuid program's.
        return libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 and libc.prctl(
            PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0
    except (OSError, AttributeError):
        return False
