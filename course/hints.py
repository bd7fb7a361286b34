"""Progressive hints: a known mistake's reason first, its fix on a later try.

When a learner's result is exactly what a known mistake gives (a ``Misconception``), the
feedback says what went wrong and why. Many of these mistakes are one line from right, so a
fix shown at once is the answer: copied, not understood. The fix is therefore held back the
first time. A later try that makes the same mistake again gets it, as "How to fix it: ...".

"Seen before" means named to the learner by any earlier try:

- `course check` and ``check("ex03")``: any earlier check (``.course/mistakes_seen.json``);
- Gradescope: any earlier submission, whose results Gradescope hands the autograder in
  ``submission_metadata.json``;
- `course grade`: none needed. A class's grades are the final word on a submission, so their
  feedback shows every fix (``seen=None``).

    >>> from course.results import ExerciseResult, TaskResult
    >>> from course.tasks import exercise
    >>> fix = exercise("ex03").tasks[2].misconceptions[0].fix
    >>> t = TaskResult("ex03.Cube", "Cube", 0, 1, "failed", "backward must apply the chain "
    ...     "rule.", "no-chain-rule", fix=fix)
    >>> r = Report([ExerciseResult("ex03", "backward", [t])])
    >>> disclose(r, seen=set(), next_try="check")
    >>> print(t.feedback)
    backward must apply the chain rule.
    Try a fix of your own first: a later check that finds this mistake again says how to fix it.
    >>> t.feedback, t.fix = "backward must apply the chain rule.", fix
    >>> disclose(r, seen={("ex03.Cube", "no-chain-rule")}, next_try="check")
    >>> print(t.feedback.replace(fix, "<its fix: in the repository, often the answer's line>"))
    backward must apply the chain rule.
    How to fix it: <its fix: in the repository, often the answer's line>

The student edition holds no fixes (course.release): there a mistake made twice is named
twice, and graded feedback shows its fix.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from course.engine import capped
from course.results import Report
from course.tasks import EXERCISE_IDS, exercise
from course.workspace import read_json, update_json

Mistake = tuple[str, str]  # (task id, misconception name)


def held_back(next_try: str) -> str:
    """What the learner reads in place of a fix they have not earned yet."""
    return (f"Try a fix of your own first: a later {next_try} that finds this mistake again "
            f"says how to fix it.")


def _fixes(seen: Collection[Mistake]) -> set[tuple[str, str]]:
    """(task id, fix) of each mistake seen: two mistakes with one fix (ex04's missing
    retain_grad() before .norm() or before torch.norm()) are one mistake to the learner."""
    fixes = {(task.id, m.name): m.fix
             for eid in {task_id.split(".")[0] for task_id, _ in seen} if eid in EXERCISE_IDS
             for task in exercise(eid).tasks for m in task.misconceptions}
    return {(mistake[0], fixes[mistake]) for mistake in seen if mistake in fixes}


def disclose(report: Report, seen: Collection[Mistake] | None, next_try: str) -> None:
    """Finish each task's feedback in ``report``: its known mistake's fix where a mistake
    with that fix was ``seen`` before (all fixes: ``seen`` None), else a word that a later try
    will show it. Each task's ``fix`` is emptied: the feedback now holds all there is to show."""
    told = None if seen is None else _fixes(seen)
    for task in report.tasks:
        if not task.fix:
            continue
        if told is None or (task.id, task.fix) in told:
            task.feedback = capped(f"{task.feedback}\nHow to fix it: {task.fix}")
        else:
            task.feedback = capped(f"{task.feedback}\n{held_back(next_try)}")
        task.fix = ""


def mistakes(report: dict[str, Any]) -> set[Mistake]:
    """The known mistakes a report (as JSON: ``Report.to_json()``) named, one per task. What
    it holds was read from a file: anything not shaped like a report names none."""
    found = set()
    exercises = report.get("exercises") if isinstance(report, dict) else None
    for ex in exercises if isinstance(exercises, list) else []:
        tasks = ex.get("tasks") if isinstance(ex, dict) else None
        for task in tasks if isinstance(tasks, list) else []:
            if isinstance(task, dict) and isinstance(task.get("id"), str) \
                    and isinstance(task.get("misconception"), str):
                found.add((task["id"], task["misconception"]))
    return found


def load(path: Path) -> set[Mistake]:
    """The known mistakes `course check` has named in this course folder (a damaged file: none)."""
    return _kept(read_json(path, []))


def save(path: Path, named: set[Mistake]) -> None:
    """Add ``named`` to the mistakes kept at ``path``: to those there now, not to those this
    check loaded (another check, in a notebook, may have saved its own since)."""
    update_json(path, [], lambda doc: sorted(map(list, _kept(doc) | named)))


def _kept(doc: Any) -> set[Mistake]:
    return {(m[0], m[1]) for m in doc if isinstance(m, list) and len(m) == 2
            and all(isinstance(part, str) for part in m)} if isinstance(doc, list) else set()


def previously_seen(gradescope_metadata: dict[str, Any]) -> set[Mistake]:
    """The known mistakes of every earlier submission in Gradescope's submission_metadata.json
    (each ``previous_submissions`` entry carries the results.json this autograder wrote, the
    report in its ``extra_data``)."""
    previous = gradescope_metadata.get("previous_submissions") \
        if isinstance(gradescope_metadata, dict) else None
    found: set[Mistake] = set()
    for entry in previous if isinstance(previous, list) else []:
        results = entry.get("results") if isinstance(entry, dict) else None
        extra = results.get("extra_data") if isinstance(results, dict) else None
        found |= mistakes(extra.get("report") if isinstance(extra, dict) else {})
    return found
