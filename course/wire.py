"""What crosses from the sandboxed child to the grader: plain JSON plus numpy arrays in a .npz.

Nothing is ever unpickled. Arrays are written with ``np.save(allow_pickle=False)`` into a zip
and read back member by member with a size cap, so a hand-made archive cannot balloon in the
parent; JSON is size-capped too. Anything unreadable is a ``WireError`` for that task only.

    >>> import numpy as np, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t"
    >>> dump(p, {"x": np.arange(3.0), "n": 2})
    >>> load(p)["x"]
    array([0., 1., 2.])
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

MAX_JSON_BYTES = 4 << 20
MAX_ARRAY_BYTES = 16 << 20
_ARRAY_KEY = "__array__"


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


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def dump(stem: Path, obj: Any) -> None:
    """Write ``stem.json`` (and ``stem.npz`` when there are arrays); the JSON lands last."""
    arrays: dict[str, np.ndarray] = {}
    doc = json.dumps(_split(obj, arrays)).encode()
    if arrays:
        buf = io.BytesIO()
        np.savez(buf, **arrays)
        _atomic_write(stem.with_suffix(".npz"), buf.getvalue())
    _atomic_write(stem.with_suffix(".json"), doc)


def _read_capped(f: Any, limit: int) -> bytes:
    data = f.read(limit + 1)
    if len(data) > limit:
        raise WireError("reply too large")
    return data


def _load_arrays(path: Path) -> dict[str, np.ndarray]:
    arrays: dict[str, np.ndarray] = {}
    budget = MAX_ARRAY_BYTES
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                with zf.open(info) as member:
                    raw = _read_capped(member, budget)
                budget -= len(raw)
                name = info.filename.removesuffix(".npy")
                arrays[name] = np.lib.format.read_array(io.BytesIO(raw), allow_pickle=False)
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as e:
        raise WireError(f"unreadable arrays: {e}") from None
    return arrays


def load(stem: Path) -> Any:
    """Read back what ``dump`` wrote; raises ``WireError`` on anything suspicious."""
    try:
        with open(stem.with_suffix(".json"), "rb") as f:
            raw = _read_capped(f, MAX_JSON_BYTES)
        doc = json.loads(raw)
    except (OSError, ValueError, RecursionError) as e:
        raise WireError(f"unreadable reply: {e}") from None
    npz = stem.with_suffix(".npz")
    arrays = _load_arrays(npz) if npz.exists() else {}
    try:
        return _join(doc, arrays)
    except RecursionError:
        raise WireError("reply nested too deeply") from None


def normalize(obj: Any) -> Any:
    """What ``obj`` looks like after a trip through ``dump``/``load`` (lists, Python scalars)."""
    arrays: dict[str, np.ndarray] = {}
    return _join(json.loads(json.dumps(_split(obj, arrays))), arrays)
