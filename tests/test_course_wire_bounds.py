"""A reply's .npz whose zip directory lists hundreds of thousands of entries: learner code can
write such a frame to its pipe itself (one ~19 MB frame, within the size cap, its 380,000
directory entries all pointing at one tiny member). zipfile parsed the whole directory and the
grader opened ~131,000 members before refusing it: ~6 s of the grader's own CPU and 280 MB per
task. The wire now reads the zip's end record first and refuses the reply in milliseconds,
whatever its ZIP64 record or directory size field claims; honest replies still load."""

import io
import json
import resource
import struct
import time
import tracemalloc
import zipfile
import zlib

import folder_sandboxes
import numpy as np
import pytest

from course import engine, wire

box, grade = folder_sandboxes.box, folder_sandboxes.grade

FAST = 0.5  # seconds: a refusal reads ~100 bytes; the unbounded parse took ~6 s

_NPY = io.BytesIO()
np.save(_NPY, np.zeros(0))
NPY = _NPY.getvalue()
NAME = b"a0.npy"
LOCAL = struct.pack("<4s5H3L2H", b"PK\3\4", 20, 0, 0, 0, 0, zlib.crc32(NPY), len(NPY), len(NPY),
                    len(NAME), 0) + NAME + NPY
ENTRY = struct.pack("<4s6H3L5H2L", b"PK\1\2", 20, 20, 0, 0, 0, 0, zlib.crc32(NPY), len(NPY),
                    len(NPY), len(NAME), 0, 0, 0, 0, 0, 0) + NAME  # every entry: member 0


def _end(entries: int, cd_size: int, cd_offset: int, comment: bytes = b"") -> bytes:
    return struct.pack("<4s4H2LH", b"PK\5\6", 0, 0, entries, entries, cd_size, cd_offset,
                       len(comment)) + comment


def _zip64_end(entries: int, cd_size: int, cd_offset: int, sig: bytes = b"PK\6\6") -> bytes:
    record = struct.pack("<4sQ2H2L4Q", sig, 44, 45, 45, 0, 0, entries, entries, cd_size,
                         cd_offset)
    locator = struct.pack("<4sLQL", b"PK\6\7", 0, cd_offset + cd_size, 1)
    return record + locator + _end(0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF)


def _frame(arrays: bytes) -> bytes:
    """One reply body as the child sends it: the JSON's length, the JSON, the .npz."""
    doc = json.dumps({"done": 0, "cases": [{"facts": {"x": {"__array__": "a0"}}}]}).encode()
    return struct.pack(">I", len(doc)) + doc + arrays


def _refused_fast(body: bytes, reason: str) -> None:
    start = time.perf_counter()
    with pytest.raises(wire.WireError, match=reason):
        wire.unpack(body)
    assert time.perf_counter() - start < FAST


N = 380_000  # the red team's frame: 18.8 MB, under the 20 MB a reply may be
CD = ENTRY * N
TAIL = wire.MAX_DIRECTORY_BYTES // len(ENTRY) * len(ENTRY)  # whole records, within the bound

HOSTILE = {
    # The red team's: a ZIP64 end record (the classic one saying "see ZIP64") tells the truth.
    "zip64": (LOCAL + CD + _zip64_end(N, len(CD), len(LOCAL)), "lists 380000 entries"),
    # A classic end record, honest about its 65,535 entries.
    "classic": (LOCAL + ENTRY * 0xFFFF + _end(0xFFFF, len(ENTRY) * 0xFFFF, len(LOCAL)),
                "lists 65535 entries"),
    # The ZIP64 record understates the entries; its directory size is the truth zipfile reads.
    "zip64-count-lies": (LOCAL + CD + _zip64_end(1, len(CD), len(LOCAL)),
                         f"directory is {len(CD)} bytes"),
    # The classic record understates them, with a comment so zipfile must search for it.
    "classic-count-lies": (LOCAL + CD[:len(ENTRY) * 60000]
                           + _end(1, len(ENTRY) * 60000, len(LOCAL), b"x" * 100),
                           "directory is"),
    # Both understated, the size just within the bound: zipfile parses no more than the bound
    # allows (a few thousand records) and the entries it finds are counted again.
    "size-lies": (LOCAL + CD + _end(1, TAIL, len(LOCAL) + len(CD) - TAIL),
                  f"more than {wire.MAX_ARRAYS} entries"),
    # A ZIP64 locator whose record is not one: zipfile would fall back on the classic record
    # (which a forger could fill with anything); refused instead.
    "zip64-broken": (LOCAL + CD + _zip64_end(1, 52, len(LOCAL), sig=b"XXXX"),
                     "broken ZIP64 record"),
    # No end record at all.
    "no-end": (LOCAL + CD, "no end-of-archive record"),
    # A second red team's: the classic record (claiming 1 entry) at the very start of the last
    # 64 KiB + 22 bytes, a "comment" of zeros after it, so a locator just before it lies
    # outside that tail; zipfile still reads it, and the ZIP64 record it follows.
    "zip64-locator-before-the-tail": (
        LOCAL + CD + _zip64_end(N, len(CD), len(LOCAL))[:-22]
        + _end(1, len(ENTRY), len(LOCAL)) + b"\0" * 65530, "lists 380000 entries"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_forged_directory_is_refused_before_zipfile_parses_it(name):
    arrays, reason = HOSTILE[name]
    body = _frame(arrays)
    assert len(body) <= wire.MAX_JSON_BYTES + wire.MAX_ARRAY_BYTES  # only the count refuses it
    _refused_fast(body, reason)


def test_the_bound_is_the_entry_count_not_the_frame_size():
    entries = wire.MAX_ARRAYS + 1
    cd = ENTRY * entries
    _refused_fast(_frame(LOCAL + cd + _end(entries, len(cd), len(LOCAL))),
                  f"lists {entries} entries")
    cd = ENTRY * wire.MAX_ARRAYS  # as many entries as allowed: read (they are all member 0)
    back = wire.unpack(_frame(LOCAL + cd + _end(wire.MAX_ARRAYS, len(cd), len(LOCAL))))
    assert np.array_equal(back["cases"][0]["facts"]["x"], np.zeros(0))


def test_honest_replies_still_load():
    # As many arrays as a probe sends (12 at most over the course's tasks), and the bound.
    for count in (12, wire.MAX_ARRAYS):
        sent = {"done": 3, "cases": [{"facts": {f"x{i}.grad": np.arange(i + 1.0)}}
                                     for i in range(count)]}
        start = time.perf_counter()
        back = wire.unpack(wire.pack(sent))
        assert time.perf_counter() - start < 2.0
        for i, case in enumerate(back["cases"]):
            assert np.array_equal(case["facts"][f"x{i}.grad"], np.arange(i + 1.0))
    with pytest.raises(wire.WireError, match=f"more than {wire.MAX_ARRAYS}"):
        wire.unpack(wire.pack([np.zeros(1)] * (wire.MAX_ARRAYS + 1)))


def test_a_bzip2_member_is_never_inflated():
    """zipfile inflates bzip2 a whole chunk at a time, however far it expands: a reply's 2 KB
    member took the grader to 5.4 GB (a red team's; 64 KB would be ~92 GB). np.savez stores
    its arrays, so anything else is refused before it is read."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a0.npy", NPY + b"\0" * (40 << 20), compress_type=zipfile.ZIP_BZIP2)
    assert len(buf.getvalue()) < 10_000
    tracemalloc.start()
    _refused_fast(_frame(buf.getvalue()), "refused arrays: compression method 12")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 4 << 20, peak


# ---- through the real grader --------------------------------------------------------------

LEARNER = """
    import io, json, os, struct, zlib
    import numpy as np
    from course import channel

    def _flood(*args, **kwargs):  # called by the task's probe, after the child said "start"
        npy = io.BytesIO(); np.save(npy, np.zeros(0)); npy = npy.getvalue()
        crc, name, n = zlib.crc32(npy), b"a0.npy", 380000
        local = struct.pack("<4s5H3L2H", b"PK\\3\\4", 20, 0, 0, 0, 0, crc, len(npy), len(npy),
                            len(name), 0) + name + npy
        cd = struct.pack("<4s6H3L5H2L", b"PK\\1\\2", 20, 20, 0, 0, 0, 0, crc, len(npy),
                         len(npy), len(name), 0, 0, 0, 0, 0, 0) + name
        cd *= n
        z64 = struct.pack("<4sQ2H2L4Q", b"PK\\6\\6", 44, 45, 45, 0, 0, n, n, len(cd),
                          len(local))
        loc = struct.pack("<4sLQL", b"PK\\6\\7", 0, len(local) + len(cd), 1)
        end = struct.pack("<4s4H2LH", b"PK\\5\\6", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                          0xFFFFFFFF, 0)
        doc = json.dumps({"done": 0, "cases": []}).encode()
        channel.send(3, struct.pack(">I", len(doc)) + doc + local + cd + z64 + loc + end)
        os._exit(0)

    topological_order = sum_to_size = _flood

    class Value:  # the Value task's probe wants a class; it floods once built
        def __init__(self, *args, **kwargs):
            _flood()
    """


def test_a_learner_sending_a_forged_directory_costs_only_its_tasks(grade, monkeypatch):
    # ex10's rule on the source (it imports course) would judge the file before its results.
    monkeypatch.setattr(engine, "_breaks_rule", lambda *_: None)
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    tasks = grade("ex10", LEARNER)
    used = resource.getrusage(resource.RUSAGE_SELF)
    assert tasks and all(t.points == 0 and "could not be read back" in t.feedback
                         for t in tasks.values()), tasks
    # The grader's own CPU: each task's frame cost ~6 s of it before; now a copy of 19 MB.
    assert (used.ru_utime + used.ru_stime) - (cpu.ru_utime + cpu.ru_stime) < 0.5 * len(tasks)
    assert time.perf_counter() - start < 15  # 20 s before, most of it parsing in the grader
