"""Hostile inputs for the grader's tests, built for real: zips written byte by byte (what
zipfile would not write) and a bound on the CPU time a block may take."""

from __future__ import annotations

import signal
import struct
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Hung(BaseException):
    """Raised by the alarm of ``cpu_bound`` (not an OSError, which unpack would report)."""


@contextmanager
def cpu_bound(seconds: float, hang: int = 30) -> Iterator[None]:
    """Fails unless the block takes under ``seconds`` of this process's CPU time: its work,
    whatever else the machine runs meanwhile. A block that waits instead (on a fifo, say) uses
    no CPU: an alarm ends it after ``hang`` s of wall-clock time, and the test fails."""
    def alarm(*_: object) -> None:
        raise Hung(f"still waiting after {hang} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(hang)
    start = time.process_time()
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    used = time.process_time() - start
    assert used < seconds, f"took {used:.2f} s of CPU time (the bound: {seconds} s)"


def raw_zip(path: Path, entries: list[dict], listed: int | None = None) -> Path:
    """A zip written byte by byte, so a test can build what zipfile would not write: invalid
    UTF-8 names, duplicates, encrypted flags, lying sizes, hundreds of thousands of entries.
    Each entry: ``name`` (bytes), ``data``, ``flags``, ``method`` (0 stored, 8 deflate),
    ``mode`` (Unix file type and permissions), ``size`` (the declared size, if it lies),
    ``extra`` (the directory record's extra field).
    ``listed``: the entry count the end record claims."""
    local, central, offset = [], [], 0
    for e in entries:
        data, method = e.get("data", b""), e.get("method", 0)
        packed = data if method == 0 else zlib.compress(data)[2:-4]  # raw deflate
        crc, size = zlib.crc32(data), e.get("size", len(data))
        name, flags = e["name"], e.get("flags", 0)
        header = struct.pack("<4s5H3L2H", b"PK\3\4", 20, flags, method, 0, 0x21, crc,
                             len(packed), size, len(name), 0) + name
        local += [header, packed]
        extra = e.get("extra", b"")
        central.append(struct.pack("<4s6H3L5H2L", b"PK\1\2", 0x0314, 20, flags, method, 0,
                                   0x21, crc, len(packed), size, len(name), len(extra), 0, 0,
                                   0, e.get("mode", 0o100644) << 16, offset) + name + extra)
        offset += len(header) + len(packed)
    directory = b"".join(central)
    count = len(entries) if listed is None else listed
    zip64 = b""
    if count > 0xFFFF:  # the count lives in the ZIP64 end record; the classic one says 0xFFFF
        zip64 = struct.pack("<4sQ2H2L4Q", b"PK\6\6", 44, 45, 45, 0, 0, count, count,
                            len(directory), offset)
        zip64 += struct.pack("<4sLQL", b"PK\6\7", 0, offset + len(directory), 1)
    short = min(count, 0xFFFF)
    end = struct.pack("<4s4H2LH", b"PK\5\6", 0, 0, short, short, len(directory), offset, 0)
    path.write_bytes(b"".join(local) + directory + zip64 + end)
    return path
