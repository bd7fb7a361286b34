"""What crosses from the sandboxed child to the grader: plain JSON plus numpy arrays in a .npz.

Nothing is ever unpickled. Arrays are written with ``np.save(allow_pickle=False)`` into a zip
and read back member by member with a size cap, so a hand-made archive cannot balloon in the
parent: each member's .npy header is read first, and only a bool, integer or float array whose
shape fits the bytes actually sent is built. Before ``zipfile`` parses the archive at all, its
end record's entry count and directory size are checked against ``MAX_ARRAYS``, so a directory
listing 400,000 entries (all pointing at one member) costs milliseconds, not seconds of the
grader's CPU. JSON is size-capped too. Anything unreadable is a ``WireError`` for that task
only.

    >>> import numpy as np
    >>> unpack(pack({"x": np.arange(3.0), "n": 2}))["x"]
    array([0., 1., 2.])
"""

from __future__ import annotations

import io
import json
import math
import struct
import zipfile
from typing import Any

import numpy as np

from course.unpack import UnsafeSubmission, directory_size

MAX_JSON_BYTES = 4 << 20
MAX_ARRAY_BYTES = 16 << 20
# Arrays in one reply. A probe reports one array per fact it records (a value, a .grad), never
# one per element of what the learner returned, so the count is fixed by the course's task
# specs: 12 at most today (ex04.layer_grad_norms, over all tasks and cases). 1000 leaves room for
# specs with far more cases, while refusing a forged directory (380,000 entries took ~6 s of
# the grader's CPU to parse and open) before zipfile builds a single ZipInfo.
MAX_ARRAYS = 1000
# One central directory record: 46 bytes plus the member's name ("a12.npy"; generously 64
# bytes) and an extra field (a ZIP64 one is at most 28 bytes). This bounds the bytes zipfile
# parses, which is what its cost follows, whatever entry count the end record claims.
_MAX_RECORD_BYTES = 46 + 64 + 32
MAX_DIRECTORY_BYTES = MAX_ARRAYS * _MAX_RECORD_BYTES
# The most characters of a line of the learner's file an error record quotes (the child cuts
# it there). The grader parses such a line (course.compare.swapped_data): a longer one is forged.
LINE_CHARS = 200
_ARRAY_KEY = "__array__"
# What probes send: bool, integer and float arrays. Object, string, structured and subarray
# dtypes are never facts (and an object array would need pickle).
_ARRAY_KINDS = "biuf"
_HEADER_READERS = {(1, 0): np.lib.format.read_array_header_1_0,
                   (2, 0): np.lib.format.read_array_header_2_0}


class WireError(Exception):
    """The child's reply could not be read safely."""


def _split(obj: Any, arrays: dict[str, np.ndarray]) -> Any:
    """Replace arrays by references, numpy scalars by Python ones, tuples by lists."""
    if isinstance(obj, np.ndarray):
        key = f"a{len(arrays)}"
        arrays[key] = obj
        return {_ARRAY_KEY: key}
    if isinstance(obj, dict):
        return {str(k): _split(v, arrays) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_split(v, arrays) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def _join(obj: Any, arrays: dict[str, np.ndarray]) -> Any:
    if isinstance(obj, dict):
        if set(obj) == {_ARRAY_KEY}:
            key = obj[_ARRAY_KEY]
            if not isinstance(key, str) or key not in arrays:
                raise WireError("reply refers to a missing array")
            return arrays[key]
        return {k: _join(v, arrays) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_join(v, arrays) for v in obj]
    return obj


def pack(obj: Any) -> bytes:
    """``obj`` as bytes: the JSON document's length (4 bytes), the JSON, then the arrays' .npz."""
    arrays: dict[str, np.ndarray] = {}
    doc = json.dumps(_split(obj, arrays)).encode()
    buf = io.BytesIO()
    if arrays:
        np.savez(buf, **arrays)
    return struct.pack(">I", len(doc)) + doc + buf.getvalue()


def _read_array(raw: bytes) -> np.ndarray:
    """One .npy member, its header checked before anything is allocated: numpy would otherwise
    allocate whatever shape the header claims (10**13 numbers) before finding the data short."""
    f = io.BytesIO(raw)
    reader = _HEADER_READERS.get(np.lib.format.read_magic(f))
    if reader is None:
        raise WireError("unreadable arrays: an unsupported .npy format version")
    shape, _, dtype = reader(f)
    if dtype.kind not in _ARRAY_KINDS:  # structured and subarray dtypes are kind "V"
        raise WireError(f"refused an array of dtype {str(dtype)[:40]}: not numbers")
    if any(n < 0 for n in shape) or math.prod(shape) * dtype.itemsize > len(raw) - f.tell():
        raise WireError("refused an array whose header claims more data than was sent")
    return np.lib.format.read_array(io.BytesIO(raw), allow_pickle=False)


def _check_directory(f: io.BytesIO) -> None:
    """Refuse an archive whose directory lists more than ``MAX_ARRAYS`` entries, read from its
    end record (the ZIP64 one if present, as zipfile does) before zipfile parses anything."""
    try:
        entries, cd_size = directory_size(f)
    except UnsafeSubmission as e:
        raise WireError(f"unreadable arrays: {e}") from None
    if entries > MAX_ARRAYS:
        raise WireError(f"refused arrays: the archive lists {entries} entries, more than "
                        f"{MAX_ARRAYS}")
    # zipfile reads exactly cd_size bytes of directory and ignores the entry count, so an end
    # record that understates the entries still cannot make it parse more than this.
    if cd_size > MAX_DIRECTORY_BYTES:
        raise WireError(f"refused arrays: the archive's directory is {cd_size} bytes, more "
                        f"than {MAX_ARRAYS} entries need")
    f.seek(0)


def _load_arrays(data: bytes) -> dict[str, np.ndarray]:
    arrays: dict[str, np.ndarray] = {}
    budget = MAX_ARRAY_BYTES
    f = io.BytesIO(data)
    _check_directory(f)
    try:
        with zipfile.ZipFile(f) as zf:
            if len(zf.infolist()) > MAX_ARRAYS:  # the end record may understate
                raise WireError(f"refused arrays: more than {MAX_ARRAYS} entries")
            for info in zf.infolist():
                # np.savez stores its arrays: anything else is a reply pack did not write, and
                # bzip2 or LZMA would be inflated a whole chunk at a time, however far.
                if info.compress_type != zipfile.ZIP_STORED:
                    raise WireError(f"refused arrays: compression method {info.compress_type}")
                with zf.open(info) as member:
                    raw = member.read(budget + 1)
                if len(raw) > budget:
                    raise WireError("reply too large")
                budget -= len(raw)
                name = info.filename.removesuffix(".npy")
                arrays[name] = _read_array(raw)
    except (OSError, ValueError, zipfile.BadZipFile, EOFError, struct.error, MemoryError) as e:
        raise WireError(f"unreadable arrays: {e}") from None
    return arrays


def unpack(data: bytes) -> Any:
    """Read back what ``pack`` wrote; raises ``WireError`` on anything suspicious."""
    if len(data) > MAX_JSON_BYTES + MAX_ARRAY_BYTES:
        raise WireError("reply too large")
    try:
        (size,) = struct.unpack(">I", data[:4])
        if size > MAX_JSON_BYTES or size > len(data) - 4:
            raise WireError("reply too large or cut short")
        doc = json.loads(data[4:4 + size])
    except (struct.error, ValueError, RecursionError) as e:
        raise WireError(f"unreadable reply: {e}") from None
    rest = data[4 + size:]
    arrays = _load_arrays(rest) if rest else {}
    try:
        return _join(doc, arrays)
    except RecursionError:
        raise WireError("reply nested too deeply") from None


def normalize(obj: Any) -> Any:
    """What ``obj`` looks like after a trip through ``dump``/``load`` (lists, Python scalars)."""
    arrays: dict[str, np.ndarray] = {}
    return _join(json.loads(json.dumps(_split(obj, arrays))), arrays)
