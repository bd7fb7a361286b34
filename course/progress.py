"""`course list`: the lessons, their exercise files and the score of the last check.

    >>> print(listing(Path(".")))                                      # doctest: +SKIP
    ex01  Tensors that require grad          exercises/ex01_requires_grad.py  2/2 ✓
"""

from __future__ import annotations

from pathlib import Path

from course.tasks import CATALOG
from course.workspace import STATE, read_json


def progress(root: Path) -> dict[str, dict]:
    """Last check's score per exercise id (missing: never checked)."""
    return read_json(root / STATE / "progress.json", {})


def first_unfinished(root: Path) -> str | None:
    """The first exercise whose last check did not score full marks, or None if all did."""
    done = progress(root)
    for eid, _, _ in CATALOG:
        p = done.get(eid)
        if not p or p.get("score") != p.get("max_score"):
            return eid
    return None


def listing(root: Path) -> str:
    done = progress(root)
    lines = []
    for eid, topic, title in CATALOG:
        path = root / "exercises" / f"{eid}_{topic}.py"
        p = done.get(eid)
        status = "not checked yet" if not p else f"{p['score']}/{p['max_score']}" + (
            " ✓" if p["score"] == p["max_score"] else "")
        if not path.exists():
            status = "missing file"
        lines.append(f"{eid}  {title:<58} exercises/{path.name:<26} {status}")
    return "\n".join(lines)
