"""Checking the learner's own exercises: `course check` and ``check("ex03")`` in a notebook.

Inputs come from a fixed seed, so results are reproducible; each run's scores are saved in
``.course/`` (for `course list`, `course lab` and `course submit`).

    >>> from course import check
    >>> check("ex03")                                                 # doctest: +SKIP
    <HTML table: derivative ✓, Cube ✗ ..., vjp ✓>
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from course import engine, hints
from course.errors import UsageError
from course.isolation import Isolation, detect
from course.pool import run_parallel
from course.results import NOT_ATTEMPTED, ExerciseResult, Report
from course.sandbox import Limits, Sandbox
from course.tasks import EXERCISE_IDS, WITHOUT_MINIGRAD, exercise_file, filename
from course.workspace import STATE, find_root, update_json

CHECK_SEED = 0


def resolve_ids(names: list[str] | tuple[str, ...]) -> list[str]:
    """Accept "ex03", "ex3", "3", "03" or a file name "ex03_backward.py"; all when none given."""
    if not names:
        return list(EXERCISE_IDS)
    ids = []
    for name in names:
        stem = Path(name).name.split("_", 1)[0].removesuffix(".py").lower()
        eid = f"ex{stem.removeprefix('ex').zfill(2)}"
        if eid not in EXERCISE_IDS:
            raise UsageError(f"unknown exercise {name!r} (known: {', '.join(EXERCISE_IDS)})")
        ids.append(eid)
    return list(dict.fromkeys(ids))


def run_check(names: list[str] | tuple[str, ...] = (), root: Path | None = None,
              jobs: int = 2, limits: Limits | None = None,
              isolation: Isolation | None = None) -> Report:
    """Grade the exercise files in ``root``/exercises and record the scores."""
    ids = resolve_ids(names)
    root = root or course_root(names)
    folder = root / "exercises"
    for path in _named_files(names):  # graded only if it is the file check grades
        _must_be_graded(folder, path)
    isolation = isolation or detect()  # without a sandbox here: checking your own code is fine

    def grade(chunk: list[str]) -> list[ExerciseResult]:
        with Sandbox(limits, files=folder, isolation=isolation,
                     minigrad=chunk[0] not in WITHOUT_MINIGRAD) as box:
            # The file grading takes, and a note naming the others (an edited copy).
            return [engine.grade_in_folder(box, eid, folder, CHECK_SEED)[0] for eid in chunk]

    # One sandbox per worker: the exercises are all this learner's own.
    chunks = [ids[i::jobs] for i in range(min(jobs, len(ids)))]
    graded = {ex.id: ex for done in run_parallel(grade, chunks, jobs=jobs) for ex in done}
    report = Report([graded[eid] for eid in ids], seed=CHECK_SEED)
    # A known mistake's fix only once an earlier check has named it (course.hints).
    seen = root / STATE / "mistakes_seen.json"
    told = hints.load(seen)
    hints.disclose(report, told, "check")
    try:
        save_progress(root, report)
    except OSError as e:  # (.course/ read-only, a file, the disk full): the check stands
        print(f"course: warning: could not save this check in {STATE}/ ({e}): `course list` "
              "and `course submit` will not show its scores", file=sys.stderr)
        return report  # (and the mistakes it named would meet the same: one line says it)
    try:
        hints.save(seen, hints.mistakes(report.to_json()))
    except OSError as e:  # the check's result stands; at worst a fix waits one more try
        print(f"course: warning: could not save which mistakes were named ({e})",
              file=sys.stderr)
    return report


def _named_files(names: list[str] | tuple[str, ...]) -> list[Path]:
    return [Path(name).resolve() for name in names if Path(name).is_file()]


def course_root(names: list[str] | tuple[str, ...] = ()) -> Path:
    """The course folder to check: a file named by its path, that file's (so `course check
    ~/course/exercises/ex03_backward.py` works from anywhere); else the working directory's
    (where _must_be_graded says which file a stray copy is not)."""
    named = _named_files(names)
    if named:
        try:
            return find_root(named[0].parent)
        except UsageError:
            pass
    return find_root()


def _must_be_graded(folder: Path, path: Path) -> None:
    """Refuse a named file that is not the one check grades for its exercise: ``course check
    ~/Downloads/ex03_backward.py`` graded the course folder's stub instead, in silence, and
    scored the learner's work 0."""
    eid = resolve_ids([path.name])[0]
    graded = exercise_file(folder, eid)[0]
    if graded is None or graded.resolve() != path:
        raise UsageError(f"`course check` grades {folder / filename(eid)}, not {path}: "
                         "put your answer in that file (or copy this one over it)")


def save_progress(root: Path, report: Report) -> None:
    state = root / STATE

    def scores(progress: dict) -> dict:
        for ex in report.exercises:
            progress[ex.id] = {"score": ex.score, "max_score": ex.max_score,
                               "time": time.time()}
        return progress

    def last_check(last: dict) -> dict:
        kept = _last_checked(last)
        kept.update({ex["id"]: ex for ex in report.to_json()["exercises"]})
        # Rebuilt as a Report, so its totals are those of the exercises it holds (a
        # submission's results.json is this file).
        return Report.from_json({"seed": CHECK_SEED, "exercises": [
            kept[eid] for eid in EXERCISE_IDS if eid in kept]}).to_json()

    update_json(state / "progress.json", {}, scores)
    update_json(state / "last_check.json", {}, last_check)


def _last_checked(last: dict) -> dict[str, dict]:
    """The exercises of the last check's report that still read as results, by id: a damaged
    or hand-edited file loses those it cannot read, never the check that rewrites it."""
    kept = {}
    for ex in last.get("exercises") if isinstance(last.get("exercises"), list) else []:
        try:
            Report.from_json({"exercises": [ex]})
        except (KeyError, TypeError, AttributeError, ValueError):
            continue
        if ex["id"] in EXERCISE_IDS:
            kept[ex["id"]] = ex
    return kept


def check(*exercises: str | int) -> Report | None:
    """Check exercises from a notebook (``check("ex03")``, ``check(3)``); the returned report
    displays itself as HTML. A slip (``check("ex11")``, outside the course folder) is said in
    one line, as `course check` says it, not as a traceback."""
    try:
        report = run_check([str(e) for e in exercises])
    except UsageError as e:
        print(f"check: {e}")
        return None
    _name_answers_left_in_the_notebook(report, vars(sys.modules["__main__"]))
    return report


def _name_answers_left_in_the_notebook(report: Report, namespace: dict) -> None:
    """A task written in the notebook instead of its file is not what check() grades: say so
    where it reads "not attempted" (a learner's walk found that reply a puzzle). Not of the
    file's own definitions, which ``%run ../exercises/...`` (README) puts in the notebook."""
    for ex in report.exercises:
        for task in ex.tasks:
            name = task.id.rpartition(".")[2]  # ("ex03.derivative")
            defined = namespace.get(name)
            if task.status == NOT_ATTEMPTED and getattr(defined, "__module__", None) == "__main__" \
                    and _compiled_from(defined) != filename(ex.id):
                task.feedback += (f"\n(check() grades exercises/{filename(ex.id)}, not the "
                                  f"{name} defined in this notebook: your answer goes in that "
                                  "file)")


def _compiled_from(obj: object) -> str | None:
    """The name of the file a function (or a class's first method) was compiled from: a
    notebook cell's is the kernel's own, %run's the file it ran."""
    if isinstance(obj, type):
        obj = next((f for f in vars(obj).values() if hasattr(f, "__code__")), None)
    code = getattr(obj, "__code__", None)
    return Path(code.co_filename).name if code is not None else None
