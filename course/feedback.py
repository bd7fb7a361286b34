"""Feedback in four forms from one ``Report``: terminal text, notebook HTML, markdown files,
and a summary of a line or so for an LMS's comment box (``summary``).

Everything that came from a submission (its name, printed output, values and exception
messages inside feedback) is cleaned of terminal escape sequences and control characters,
escaped in HTML and put in code spans or fenced blocks in Markdown (``course.sanitize``).

    >>> from course.results import Report, ExerciseResult, TaskResult
    >>> r = Report([ExerciseResult("ex01", "Tensors", [TaskResult("ex01.f", "make f", 1, 1,
    ...     "passed", "all 3 cases match")])])
    >>> print(text(r).splitlines()[0])
    ex01  Tensors  1/1
"""

from __future__ import annotations

import html as _html
import re

from course.results import ERROR, FAILED, NOT_ATTEMPTED, PASSED, ExerciseResult, Report, TaskResult
from course.sanitize import clean, md_code, md_fence, one_line, shorten
from course.tasks import CATALOG, filename

MARKS = {PASSED: "✓", NOT_ATTEMPTED: "·", ERROR: "!"}  # anything else (failed): ✗
# Feedback writes code in backticks (`grad +=`): a terminal shows them, a notebook a code span.
# Applied to escaped text, so what it wraps stays text.
CODE_SPAN = re.compile(r"`([^`\n]+)`")


def _mark(task: TaskResult) -> str:
    return MARKS.get(task.status, "✗")


def _name(task: TaskResult) -> str:
    return task.id.split(".", 1)[1]


AS_ABOVE = "(as above)"


def _said(tasks: list[TaskResult]) -> list[tuple[str, str]]:
    """Each task's feedback and printed output, or AS_ABOVE where an error repeats the
    previous task's word for word (a file that fails to import fails every task the same
    way, with the same output)."""
    said, previous = [], None
    for t in tasks:
        this = (t.feedback, t.output.strip())
        said.append((AS_ABOVE, "") if this == previous and t.status == ERROR else this)
        previous = this if t.status == ERROR else None
    return said


def _start_here(ex: ExerciseResult) -> str | None:
    """For an exercise not started (every function as handed out), where to begin: a
    learner's first check, from the cell at the end of its lesson, otherwise lists only
    "not attempted yet" beside each function's name. Checking reads the file as saved."""
    if not ex.nothing_attempted or ex.id not in {eid for eid, *_ in CATALOG}:
        return None
    return (f"To start: open `exercises/{filename(ex.id)}`, replace each "
            "`raise NotImplementedError` with your code, save the file and check again.")


def text(report: Report, verbose: bool = True) -> str:
    """The terminal table: one line per exercise and task, feedback under failing tasks."""
    lines = []
    if report.problem:
        lines.append(f"could not grade: {clean(report.problem)}")
    for ex in report.exercises:
        lines.append(f"{ex.id}  {ex.title}  {ex.score}/{ex.max_score}")
        for t, (feedback, output) in zip(ex.tasks, _said(ex.tasks)):
            lines.append(f"  {_mark(t)} {_name(t):<24}{t.points}/{t.max_points}  {t.title}")
            if verbose and t.status != PASSED and not report.problem:  # (said once, above)
                lines.append("      " + clean(feedback).replace("\n", "\n      "))
                if output:
                    shown = clean(output).replace("\n", "\n        ")
                    lines.append(f"      printed:\n        {shown}")
        if verbose and (start := _start_here(ex)):
            lines.append(f"  {start}")
    lines.append(f"total {report.score}/{report.max_score}")
    return "\n".join(lines)


def html(report: Report, start_here: bool = True) -> str:
    """A self-contained HTML table (what a notebook shows for ``check("ex03")``);
    ``start_here=False`` leaves out where to start an exercise (a graded submission's page)."""
    def e(text: str) -> str:
        return _html.escape(clean(text))

    def with_code(text: str) -> str:
        return CODE_SPAN.sub(r"<code>\1</code>", e(text))

    colors = {PASSED: "#1a7f37", NOT_ATTEMPTED: "#6e7781", ERROR: "#9a6700"}
    rows = []
    for ex in report.exercises:
        rows.append(f'<tr style="background:#f6f8fa"><th colspan="3" style="text-align:left">'
                    f"{e(ex.id)} {e(ex.title)}</th><th>{ex.score}/{ex.max_score}</th></tr>")
        for t, (feedback, output) in zip(ex.tasks, _said(ex.tasks)):
            color = colors.get(t.status, "#cf222e")
            # (A submission that could not be read says why once, above, not once per task.)
            detail = "" if t.status == PASSED or report.problem else \
                with_code(feedback).replace("\n", "<br>")
            if output and t.status != PASSED:
                detail += f"<pre style='margin:4px 0'>{e(output)}</pre>"
            rows.append(f'<tr><td style="color:{color}">{e(_mark(t))}</td>'
                        f"<td><code>{e(_name(t))}</code><br><small>{e(t.title)}</small></td>"
                        f'<td style="text-align:left">{detail}</td>'
                        f"<td>{t.points}/{t.max_points}</td></tr>")
        if start_here and (start := _start_here(ex)):
            rows.append(f'<tr><td></td><td colspan="3" style="text-align:left">'
                        f"{with_code(start)}</td></tr>")
    problem = f"<p><b>Could not grade:</b> {e(report.problem)}</p>" if report.problem else ""
    return (f'<div class="course-report">{problem}<table>{"".join(rows)}'
            f"<tr><th colspan='3' style='text-align:right'>total</th>"
            f"<th>{report.score}/{report.max_score}</th></tr></table></div>")


def page(report: Report, footer: str = "") -> str:
    """A whole HTML page for one submission (feedback/<name>.html): whose it is, the score and
    html()'s table, readable opened from disk or mailed (UTF-8 declared: ✓ and names show)."""
    name = _html.escape(clean(report.name or "submission"))
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Feedback: {name}</title>'
            f"</head>\n<body style='font-family:sans-serif'><h1>Feedback: {name}</h1>"
            f"<p><b>Score: {report.score}/{report.max_score}</b></p>\n"
            f"{html(report, start_here=False)}\n"
            f"<p><small>{_html.escape(clean(footer))}</small></p></body></html>\n")


def markdown(report: Report) -> str:
    """Markdown feedback for one submission (feedback/<name>.md)."""
    title = f"# Feedback{': ' + md_code(report.name) if report.name else ''}"
    out = [title, "", f"**Score: {report.score}/{report.max_score}**", ""]
    if report.problem:
        out += ["Could not grade this submission:", "", md_fence(report.problem), ""]
    for ex in report.exercises:
        out += [f"## {ex.id} {ex.title} ({ex.score}/{ex.max_score})", "",
                "| | task | points |", "|---|---|---|"]
        out += [f"| {_mark(t)} | `{_name(t)}`: {t.title} | {t.points}/{t.max_points} |"
                for t in ex.tasks]
        out.append("")
        for t, (feedback, output) in zip(ex.tasks, _said(ex.tasks)):
            if t.status != PASSED and not report.problem:  # (then said once, above)
                out += [f"**{_name(t)}**:", "", md_fence(feedback), ""]
                if output:
                    out += ["Printed output:", "", md_fence(output), ""]
    return "\n".join(out)


# How a summary starts: never a spreadsheet formula's lead (= + - @), and how a later run
# tells a comment of its own (which it may replace) from one a teacher wrote (which it keeps).
SUMMARY_MARK = "Autograder:"


def summary(report: Report, longest: int = 1000) -> str:
    """The points and what to fix, on one line of at most ``longest`` characters, for an
    LMS's comment box (Moodle's "Feedback comments"): each exercise's points and, where
    points were lost, which tasks and the first line of why. Plain text, cleaned: the
    learner's own text (an exception's message) may be in it, so a caller that writes it
    where HTML is read escapes it.

        >>> from course.results import ExerciseResult
        >>> r = Report([ExerciseResult("ex01", "Tensors", [TaskResult("ex01.f", "f", 0, 1,
        ...     "failed", "case 1 (x): expected 1, got 2\\nmore")])])
        >>> summary(r).split(". ")[:2]
        ['Autograder: 0/1 points', 'ex01 0/1: f failed (case 1 (x): expected 1, got 2)']
    """
    head = f"{SUMMARY_MARK} {report.score}/{report.max_score} points"
    if report.problem:
        return shorten(f"{head}: could not grade this submission: {one_line(report.problem)}",
                    longest)
    if report.nothing_attempted:
        return f"{head}: nothing attempted (every task still raises NotImplementedError)."
    parts = []
    for ex in report.exercises:
        # Tasks that lost points for one reason said once (a file that fails to import
        # fails each task alike): "a, b error (why)"
        lost: dict[str, list[str]] = {}
        for t in (t for t in ex.tasks if t.points < t.max_points):
            reason = t.status + (f" ({_first_line(t)})" if t.status in (ERROR, FAILED) else "")
            lost.setdefault(reason, []).append(_name(t))
        why = ", ".join(f"{', '.join(names)} {reason}" for reason, names in lost.items())
        parts.append(f"{ex.id} {ex.score}/{ex.max_score}" + (f": {why}" if why else ""))
    more = " The feedback file says more." if report.score < report.max_score else ""
    return shorten(f"{head}. {'; '.join(parts)}.{more}", longest)


def _first_line(task: TaskResult, longest: int = 120) -> str:
    """The first line of a task's feedback (a known mistake's reason, else the first case
    that differs), on one line, cut to ``longest`` characters."""
    first = task.feedback.splitlines()[0] if task.feedback else task.status
    return shorten(one_line(first).rstrip("."), longest)
