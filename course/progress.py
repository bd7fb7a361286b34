"""The learner's progress: the lessons, their exercises and the score of each exercise's last check.

A lesson is a notebook ``notebooks/NN_<topic>.ipynb``; its exercise (if it has one: lesson 00
does not) is ``exercises/exNN_<topic>.py``. `course list` prints them; `course lab` opens
`next_lesson`.

    >>> print(listing(Path(".")))                                      # doctest: +SKIP
    lesson                                       exercise                         last check
    00  Why gradients matter
    01  requires_grad                            exercises/ex01_requires_grad.py  2/2 ✓
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from course.tasks import CATALOG
from course.workspace import STATE, read_json

NOTEBOOKS = "notebooks"
# A lesson's first heading, "# 03 · backward() and the chain rule": its title after the number.
_HEADING = re.compile(r"^#\s+(?:\d+\s*·\s*)?(?P<title>.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Lesson:
    number: str                  # "03"
    title: str
    notebook: Path | None        # relative to the course folder; None if the file is missing
    exercise: str | None         # "ex03", or None for a lesson without an exercise
    exercise_file: str | None    # "ex03_backward.py"


def progress(root: Path) -> dict[str, dict]:
    """Last check's score per exercise id (missing: never checked, or a damaged record)."""
    return {eid: record for eid, record in read_json(root / STATE / "progress.json", {}).items()
            if isinstance(record, dict) and all(type(record.get(k)) in (int, float)
                                                for k in ("score", "max_score"))}


def _finished(record: dict | None) -> bool:
    return bool(record) and record.get("score") == record.get("max_score")


def _title(notebook: Path) -> str | None:
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            found = _HEADING.search("".join(cell.get("source", "")))
            return found["title"].replace("`", "").strip() if found else None
    return None


def lessons(root: Path) -> list[Lesson]:
    """Every lesson, in order: each notebook, and each exercise even if its notebook is missing."""
    notebooks = {p.name[:2]: p for p in sorted((root / NOTEBOOKS).glob("[0-9][0-9]_*.ipynb"))}
    exercises = {eid[2:]: (eid, topic, title) for eid, topic, title in CATALOG}
    found = []
    for number in sorted(notebooks.keys() | exercises.keys()):
        notebook = notebooks.get(number)
        eid, topic, catalog_title = exercises.get(number, (None, None, None))
        title = (notebook and _title(notebook)) or catalog_title or notebook.stem[3:]
        found.append(Lesson(number, title, notebook.relative_to(root) if notebook else None,
                            eid, f"{eid}_{topic}.py" if eid else None))
    return found


def next_lesson(root: Path) -> Lesson | None:
    """The lesson to open: lesson 00 before any check, then the first lesson whose exercise is
    not finished, and the last lesson once all are; only lessons whose notebook exists."""
    available = [lesson for lesson in lessons(root) if lesson.notebook]
    if not available:
        return None
    done = progress(root)
    if not done:
        return available[0]
    unfinished = (lesson for lesson in available
                  if lesson.exercise and not _finished(done.get(lesson.exercise)))
    return next(unfinished, available[-1])


def all_finished(root: Path) -> bool:
    """Whether every lesson's exercise passed its last check, all of its tasks."""
    done = progress(root)
    return all(_finished(done.get(lesson.exercise)) for lesson in lessons(root)
               if lesson.exercise)


def after_check(root: Path) -> str:
    """Where to go next (`course list`'s last line, and `course check`'s after a pass)."""
    if all_finished(root):
        return "every exercise passes its checks: the course is done."
    upcoming = next_lesson(root)
    return f"next: {upcoming.notebook} (`course lab` opens it)" if upcoming else ""


def _status(root: Path, lesson: Lesson, record: dict | None) -> str:
    if not lesson.exercise:
        return ""
    if not (root / "exercises" / lesson.exercise_file).exists():
        return "missing file"
    if not record:
        return "not checked yet"
    return f"{record['score']}/{record['max_score']}" + (" ✓" if _finished(record) else "")


def listing(root: Path) -> str:
    """`course list`: a table of the lessons, their exercise files and last scores."""
    done = progress(root)
    all_lessons = lessons(root)
    width = max([len(lesson.title) for lesson in all_lessons] + [40])
    rows = [f"{'lesson':<{width + 4}}  {'exercise':<33} last check"]
    for lesson in all_lessons:
        exercise = f"exercises/{lesson.exercise_file}" if lesson.exercise else ""
        status = _status(root, lesson, done.get(lesson.exercise))
        rows.append(f"{lesson.number}  {lesson.title:<{width}}  {exercise:<33} {status}".rstrip())
    if where := after_check(root):
        rows.append(f"\n{where}")
    return "\n".join(rows)
