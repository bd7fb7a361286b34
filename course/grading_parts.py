"""What decides a grade besides the submission, as sha256s: the reference solutions, the
course's code that grades, minigrad's, the limits and the exercises graded.

`course grade` records them with each result (results.json's ``extra_data``:
``grading_parts``, their one ``grading_sha256``, and ``grading_files``, a digest per file of the
course's grading code) and, on a re-run, keeps a result only while they are the same: a course
update that fixed a probe grades every submission again (with ``--force``), one that fixed the
gradebook keeps them. ``changed_parts`` says what changed, naming the files.

    >>> parts = grading_parts(engine.SOLUTIONS, Limits(), EXERCISE_IDS)  # doctest: +SKIP
    >>> grading_fingerprint(parts)                                       # doctest: +SKIP
    '3f0c...'
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

COURSE = Path(__file__).parent

# Modules of course/ that never run while a submission is graded: the class's run around the
# grading (progress, which submissions to grade again, the --out checks, these digests), the
# gradebook and what is made from it after grading (its functions that grading calls name a
# results file, or give a submission's time, which is part of its fingerprint), the command
# line (the settings it passes that decide a grade, limits and exercises, are fingerprinted as
# such), the learner's lab and environment check, and the Gradescope bundle (a fresh container
# per submission, never a re-run). A fix in one of them must not make a class's results read as
# graded with other settings. A module not listed counts: a new one is fingerprinted until
# listed here. What grades one submission is course/submission.py, and counts.
NOT_GRADING = frozenset({"__main__.py", "cli.py", "grade.py", "grading_parts.py",
                         "gradebook.py", "handback.py",
                         "spreadsheet_csv.py", "lab.py", "doctor.py", "progress.py",
                         "autograder.py", "release.py", "told_apart.py", "ownership.py",
                         # whose a submission is (an LMS's file names and metadata), not
                         # what it scores
                         "canvas.py", "moodle.py", "download.py", "gradescope_export.py"})
# What each part of the fingerprint is, for the message saying why results differ
GRADING_PARTS = {"solutions": "the reference solutions",
                 "course": "the course's grading code (course/, specs and probes)",
                 "minigrad": "minigrad's code", "limits": "the limits (--timeout, --memory)",
                 "exercises": "the exercises graded (--exercises)"}
# Results recorded no grading_files before course/grade.py's driver left the fingerprint (it
# held both until then): their course part differs from any later run's, once.
BEFORE_SPLIT = ("files not recorded: graded before `course grade` moved its driver out of the "
                "grading code, which changes this part once")


def files_sha256(files: Iterable[tuple[str, bytes]]) -> str:
    """sha256 of ``files``, (name, contents) in the order given."""
    found = hashlib.sha256()
    for name, data in files:
        found.update(os.fsencode(name) + b"\0" + data)
    return found.hexdigest()


def _code(folder: Path, skip: frozenset[str] = frozenset(),
          but: Path | None = None) -> list[tuple[str, bytes]]:
    """The Python files under ``folder`` (named from it, in path order), but those named in
    ``skip`` and those under ``but``."""
    root = folder.resolve()
    return [(str(path.relative_to(root)), path.read_bytes())
            for path in sorted(root.rglob("*.py"))
            if str(path.relative_to(root)) not in skip
            and not (but and path.is_relative_to(but))]


def solutions_sha256(solutions: Path) -> str:
    """The reference solutions' part of ``grading_parts``: what tells two sets of them apart."""
    return files_sha256(_code(solutions))


def _text(value: object) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


def grading_parts(solutions: Path, limits: object, exercises: Sequence[str],
                  solutions_digest: str | None = None) -> dict[str, str]:
    """sha256 of each thing that decides a grade besides the submission (GRADING_PARTS): the
    reference solutions (``solutions_digest``, by default ``solutions_sha256(solutions)``),
    the course's code that grades (course/ but NOT_GRADING: task specs, probes, comparisons,
    sandbox, unpacking), minigrad's, the limits and the exercises graded. A re-run after any
    of them changed (a course update with a fixed probe) grades every submission again rather
    than keeping results the new code would not give."""
    import minigrad

    # (the solutions, inside course/ by default, are a part of their own)
    return {"solutions": solutions_digest or solutions_sha256(solutions),
            "course": files_sha256(_code(COURSE, NOT_GRADING, solutions.resolve())),
            "minigrad": files_sha256(_code(Path(minigrad.__file__).parent)),
            "limits": _text(limits), "exercises": _text(tuple(exercises))}


def grading_files(solutions: Path) -> dict[str, str]:
    """The course part's files (path from course/) and a short sha256 of each: recorded with
    each result, so that a re-run names the files that changed."""
    return {name: hashlib.sha256(data).hexdigest()[:16]
            for name, data in _code(COURSE, NOT_GRADING, solutions.resolve())}


def grading_fingerprint(parts: dict[str, str]) -> str:
    """One sha256 of ``grading_parts``: equal when every part is."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def changed_parts(old: dict[str, Any], parts: dict[str, str],
                  files: dict[str, str] | None = None) -> str:
    """What differs between the grading parts a result recorded (``old``, its extra_data) and
    this run's (``parts``, ``files``), in words, naming the course's files that changed ("the
    course's version" for a result of a version that recorded no parts)."""
    recorded = old.get("grading_parts")
    if not isinstance(recorded, dict):
        return "the course's version"
    said = []
    for key, what in GRADING_PARTS.items():
        if recorded.get(key) == parts[key]:
            continue
        if key == "course" and files is not None:
            what = f"{what[:-1]}: {_files_changed(old.get('grading_files'), files)})"
        said.append(what)
    return " and ".join(said) or "the course's version"


def _files_changed(recorded: Any, files: dict[str, str]) -> str:
    """``compare.py, specs/ex03.py`` (at most three named), or why they cannot be named."""
    if not isinstance(recorded, dict):
        return BEFORE_SPLIT
    names = sorted(name for name in recorded.keys() | files.keys()
                   if recorded.get(name) != files.get(name))
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return shown or "files not named"
