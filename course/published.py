"""Expected results published with the student edition, in place of the reference solutions.

`course release` runs the reference solutions and every misconception variant on the public
cases (``course.local.CHECK_SEED``) and stores their outcomes here as plain data: per exercise
``expected/exNN.wire``: a JSON document followed by its arrays as a pickle-free .npz
(``course.wire``, the format the sandbox's replies use: nothing is unpickled).
`course check` in the student edition compares the learner's results with these, so its
feedback is the same as in the repository, misconceptions included. Other seeds (the fresh
inputs of a real grading run) cannot be answered from here.

    >>> available()                                                   # doctest: +SKIP
    True
    >>> load("ex03", 0)[0]["cases"][0]["label"]                       # doctest: +SKIP
    'f(x) = sin(x) * x, x0 = 1.274'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from course import wire
from course.errors import UsageError
from course.workspace import atomic_write

FOLDER = Path(__file__).parent / "expected"
EDITION = "edition.json"


def available(folder: Path = FOLDER) -> bool:
    return (folder / EDITION).is_file()


def save(folder: Path, exercise_id: str, seed: int, expected: list[dict[str, Any]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tasks = [{**task, "variants": dict(task["variants"])} for task in expected]  # all of them
    atomic_write(folder / f"{exercise_id}.wire",
                 wire.pack({"exercise": exercise_id, "seed": seed, "tasks": tasks}))


def describe(folder: Path, **fields: Any) -> None:
    """Write the edition's identity card (which edition, its seed, when it was released)."""
    atomic_write(folder / EDITION, json.dumps({"edition": "student", **fields}, indent=1))


def load(exercise_id: str, seed: int, folder: Path = FOLDER) -> list[dict[str, Any]]:
    """The published expectations of one exercise, in ``course.engine.expectations``' form."""
    try:
        doc = wire.unpack((folder / f"{exercise_id}.wire").read_bytes())
    except (OSError, wire.WireError) as e:
        raise UsageError(f"the expected results of {exercise_id} in this student edition are "
                         f"unreadable ({e}): download the edition again") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("tasks"), list):
        raise UsageError(f"the expected results of {exercise_id} in this student edition are "
                         "malformed: download the edition again")
    if doc.get("seed") != seed:
        raise UsageError(f"this student edition holds the expected results of the public "
                         f"cases (seed {doc.get('seed')}), not of seed {seed}: grading with "
                         "other inputs needs the reference solutions")
    return doc["tasks"]
