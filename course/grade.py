"""`course grade`: grade a class's submissions (zips or folders) in parallel.

This is the run around the grading: which submissions, under which names, which to grade
again, progress on the terminal, the --out checks, the gradebook. Each submission is graded by
course.submission (unpacked safely, its exercises run in the sandbox with this run's fresh seed
so that hard-coded outputs fail), which writes, atomically,

    OUT/results/<name>.json    Gradescope's results.json format (+ our details in extra_data)
    OUT/feedback/<name>.md     and .html, for the learner

and then this run writes

    OUT/gradebook.csv          one row per student (see course.gradebook), and canvas.csv;
                               summary.csv: per task, the class's results
    OUT/similarity.csv         code shared with the reference solutions or between students
                               (see course.similarity)

A submission is a zip (by its content, whatever its name ends with) or a folder; a folder of
zips without exercise files (Canvas's "Download Submissions") stands for its zips, and any other
file given with others (a README.txt) is skipped with a warning (course.given). The exercise
files a learner uploaded to Canvas or Moodle one by one are graded together, one submission of
theirs (course.uploaded_files).

``exercises`` picks the exercises graded (`course grade --exercises ex01-ex03`, an
assignment for week 3); the others get no column and no points.

Submissions already graded (same content, solutions, course grading code and minigrad code,
limits and exercises: course.grading_parts; results present) are skipped unless ``force``, so
an interrupted run resumes where it stopped. Results of the same submission graded with other
settings (a fixed reference, an updated course, new limits, other exercises) are replaced only
with ``force``: grades an instructor may have published do not change because the course was
updated under them. This module is none of the grading code: a fix here keeps a class's
results. A submission that cannot be unpacked, or that the grader fails on, scores 0 with the
reason; it never stops the batch.

    >>> summary = grade([Path("alice.zip"), Path("bob/")], Path("grades"), jobs=2)  # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import hashlib
import os
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from course import engine, similarity
from course.cgroup import JobCgroup
from course.errors import UsageError
from course.given import submissions_given
from course.gradebook import Gradebook, name_key, student_of, without_extension
from course.grading_parts import changed_parts, grading_files, grading_fingerprint, grading_parts
from course.hints import Mistake
from course.isolation import USER, Isolation, detect
from course.moodle import moodle_folder
from course.ownership import others_may_change, without_acls
from course.pool import Spares, run_parallel
from course.results import Report
from course.sandbox import Limits
from course.sanitize import one_line
from course.scratch import clear_abandoned, remove_tree, scratch_folder
from course.submission import (
    GRADER_FAILED,
    Grading,
    NotWritten,
    fingerprint,
    hidden_seed,
    sandbox_note,
    sandboxes,
)
from course.tasks import EXERCISE_IDS
from course.unpack import UnpackLimits
from course.uploaded_files import gather
from course.workspace import read_json


@dataclass
class GradeSummary:
    graded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    gradebook: list[Path] = field(default_factory=list)
    similarity: tuple[Path, int] | None = None  # OUT/similarity.csv and its number of rows
    isolation: Isolation | None = None
    ignored: dict[str, str] = field(default_factory=dict)  # a path given, and why not graded
    # Whether each skipped submission passed everything when it was graded: with ``reports``,
    # the whole gradebook's (`course grade`'s exit code).
    passed_before: dict[str, bool] = field(default_factory=dict)

    @property
    def all_passed(self) -> bool:
        return all(r.passed for r in self.reports.values()) and all(
            self.passed_before.values())

    @property
    def grader_failed(self) -> list[str]:
        """The submissions the grader itself failed on: their 0 is no grade (GRADER_FAILED)."""
        return [name for name, problem in self.rejected.items()
                if problem.startswith(GRADER_FAILED)]

    @property
    def need_attention(self) -> list[str]:
        """The uploads graded 0 for what they are (unreadable, nothing to grade): a grade, but
        one to look at before publishing it (ask the learner for the file again)."""
        failed = set(self.grader_failed)
        return [name for name in self.rejected if name not in failed]


def submission_name(path: Path) -> str:
    """The file's name without its extension (a zip renamed .txt is still its learner's), or
    the folder's: names the output files and the gradebook row. A file in a learner's folder
    of Moodle's download is named as Moodle names it without folders (``<folder>_hw``): two
    learners' ``hw.zip`` are two names, each saying whose it is. A name that could not be
    written or shown as it is (control characters, undecodable bytes, longer than 200 bytes)
    is cleaned and shortened, with a hash of the original so that distinct submissions keep
    distinct names."""
    name = (without_extension(path.name) if path.is_file() else path.name) or "submission"
    if path.is_file() and moodle_folder(path.parent):
        name = f"{path.parent.name}_{name}"
    shown = one_line(name)
    if shown == name and len(name.encode()) <= 200:
        return name
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:12]
    return f"{shown.encode()[:100].decode(errors='ignore')}-{digest}"


class ProgressBar:
    """``[#####.....] 3/10 alice`` on stderr, redrawn in place on a terminal."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total, self.count, self.stream = total, 0, stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def step(self, label: str) -> None:
        self.count += 1
        filled = int(30 * self.count / max(1, self.total))
        line = (f"[{'#' * filled}{'.' * (30 - filled)}] {self.count}/{self.total} "
                f"{one_line(label)}")
        self.stream.write(("\r\033[K" + line) if self.tty else line + "\n")
        if self.tty and self.count == self.total:
            self.stream.write("\n")
        self.stream.flush()


def _extra_data(results: Path) -> dict[str, Any]:
    """What an earlier run recorded of a submission (its results file's extra_data)."""
    doc = read_json(results, {})
    extra = doc.get("extra_data") if isinstance(doc, dict) else None
    return extra if isinstance(extra, dict) else {}


def _earlier(report: Any) -> Report | None:
    """The report an earlier run recorded (None: a damaged file)."""
    try:
        return Report.from_json(report)
    except Exception:
        return None


def _total(report: Any) -> str:
    """``23/32``: the total an earlier run recorded."""
    earlier = _earlier(report)
    return f"{earlier.score}/{earlier.max_score}" if earlier else "no total"


def _passed(report: Any) -> bool:
    earlier = _earlier(report)
    return earlier is not None and earlier.passed  # (damaged: not known to have passed)


def grade(submissions: list[Path], out: Path, *, solutions: Path = engine.SOLUTIONS,
          jobs: int = 2, limits: Limits | None = None, force: bool = False,
          seed: int | None = None, unpack_limits: UnpackLimits | None = None,
          progress: TextIO | None = None, isolation: Isolation | None = None,
          gradebook: Gradebook | None = None,
          exercises: Sequence[str] = EXERCISE_IDS,
          mistakes_seen: Collection[Mistake] | None = None,
          reference: similarity.Reference | None = None,
          solutions_digest: str | None = None,
          class_line: bool = True, regrade: Collection[str] = ()) -> GradeSummary:
    """Grade ``exercises`` of ``submissions`` into ``out`` (see the module docstring).
    Learner code runs in the best sandbox this machine offers; with none, grading is refused
    unless ``isolation`` says otherwise (``course.isolation.unsandboxed``, i.e. `course grade
    --no-sandbox`). Feedback shows the fix of every known mistake, or (Gradescope's earlier
    submissions) only of those seen before (``mistakes_seen``; course.hints). ``reference``:
    the reference solutions' fingerprints (by default ``solutions``'), by which every copy of
    them in a file is fingerprinted however many functions come first (similarity.read_code).
    ``solutions_digest``: their ``solutions_sha256`` (by default ``solutions``'), recorded
    with each result; both given by a caller that removes the solutions before any learner
    code runs (the Gradescope bundle), where ``solutions`` no longer holds them.
    ``regrade``: submissions graded again though already graded (`--regrade`: a learner's
    timeout on a busy machine, say), by name (gradebook.csv's ``submission``) or path as
    given; the others as on any re-run (``force`` grades them all again).
    ``class_line``: end with the class in one line on ``progress``, naming ``out``'s
    summary.csv (the Gradescope autograder grades a class of one into a folder it then
    deletes: it says what it graded itself)."""
    missing = [p for p in submissions if not p.exists()]
    if missing:
        raise UsageError(f"no such submission: {missing[0]}{_did_you_mean(missing[0])}")
    seed = hidden_seed(seed)
    if not solutions.is_dir():
        raise UsageError(f"no solutions folder {solutions}")
    if isolation is None:
        isolation = detect()
        if not isolation.sandboxed:
            raise UsageError(f"no sandbox for learner code here ({isolation.reason}): "
                             f"{isolation.fix}; or pass --no-sandbox to run it unprotected")
    if isolation.mode == USER:
        jobs = 1  # the one sandbox user's processes are all killed after each job
    summary = GradeSummary(isolation=isolation)
    say = _teller(progress)
    groups = JobCgroup.clear_abandoned()
    left = clear_abandoned(keep=JobCgroup.tokens())
    if left:  # (learner code, unpacked: not to linger on a shared machine)
        say(f"course: removed {len(left)} scratch folder(s) that a grading run killed before "
            f"it could clean up left in {left[0].parent}")
    if groups:
        say(f"course: removed {groups} cgroup(s) of grading runs killed before they could")
    names: dict[str, Path] = {}
    # (a.zip and a.ZIP; A.zip and a.zip, whose results files are one on macOS and Windows):
    # the first graded, the other named, not lost.
    seen: dict[str, str] = {}
    # Each learner's exercise files, gathered into a folder of theirs (course.uploaded_files)
    made = _check_out(out)
    uploads = scratch_folder("course-grade-uploads-")
    try:
        for path in gather(submissions_given(submissions, say, summary.ignored, out), uploads,
                           say, unpack_limits):
            name = submission_name(path)
            key = unicodedata.normalize("NFC", name).casefold()
            if key in seen:
                summary.ignored[str(path)] = (f"the same submission name {seen[key]!r} as "
                                              f"{names[seen[key]]}: skipped; rename one")
                say(f"course: {path}: {summary.ignored[str(path)]}")
                continue
            seen[key] = name
            names[name] = path
        parts = grading_parts(solutions, limits or Limits(), exercises, solutions_digest)
        settings, files = grading_fingerprint(parts), grading_files(solutions)
        if reference is None:
            reference = similarity.reference_digests(solutions)
        again = _asked_for(regrade, names)
        todo, regraded, why, replaced = [], [], Counter(), []
        earlier: dict[str, str] = {}  # the same files graded again: the total they had
        for name, path in names.items():
            sha = fingerprint(path, unpack_limits)
            old = _extra_data(out / "results" / f"{name}.json")
            same = old.get("submission_sha256") == sha
            if old.get("submission_sha256") and not same:
                replaced.append(f"{name} (was {_total(old.get('report'))})")
            # A failure of the grader's own is no grade of the submission's: graded again.
            if not force and name not in again and same \
                    and old.get("grading_sha256") == settings and not old.get("grader_failed"):
                summary.skipped.append(name)
                report = old.get("report")
                summary.passed_before[name] = _passed(report)
                problem = report.get("problem") if isinstance(report, dict) else None
                if problem:  # still the reason for its 0: said again on every run
                    summary.rejected[name] = str(problem)
            else:
                if same and old.get("grading_sha256") != settings and name not in again:
                    regraded.append(name)
                    why[changed_parts(old, parts, files)] += 1
                if same and isinstance(old.get("report"), dict):
                    earlier[name] = _total(old["report"])
                todo.append((name, path, sha))
        # (what changed, so that an instructor can tell a fixed probe from a typo in the code)
        changed = "; ".join(f"{what} ({n})" if len(why) > 1 else what
                            for what, n in why.most_common())
        if regraded and not force:
            raise UsageError(
                f"{len(regraded)} of these submissions ({', '.join(regraded[:3])}"
                f"{', ...' if len(regraded) > 3 else ''}) were graded into {out} with other "
                f"settings ({changed} changed since): --force grades them again, replacing "
                "their results and feedback and naming each total that changes (a gradebook "
                "of two gradings is no class's); or grade into another --out, leaving these "
                "as they are")
        if regraded:
            say(f"course: grading {len(regraded)} submission(s) again (--force): {changed} "
                "changed since they were graded")
        if replaced:  # `course submit` never rewrites a file: someone replaced it, and a grade
            # that may be published changes (Canvas's and Moodle's downloads name each upload)
            say(f"course: {len(replaced)} submission(s) hold other files than when they were "
                f"graded into {out}: graded again, their results and feedback replaced: "
                f"{', '.join(replaced[:5])}{' ...' if len(replaced) > 5 else ''}")
        grading = Grading(out, seed, solutions, exercises, sandbox_note(isolation),
                          {"grading_sha256": settings, "grading_parts": parts,
                           "grading_files": files},
                          unpack_limits, reference, mistakes_seen)
        bar = ProgressBar(len(todo), progress)

        def work(item: tuple[str, Path, str]) -> Report:
            return grading.grade(lambda folder: spares.take().load(folder), *item)

        def done(item: tuple[str, Path, str], report: Report) -> None:
            summary.graded.append(item[0])
            summary.reports[item[0]] = report
            if report.problem:
                summary.rejected[item[0]] = report.problem
            bar.step(f"{item[0]} {report.score}/{report.max_score}")

        # Sandboxes start while the reference runs here (once per run, before the workers start).
        spares = Spares(sandboxes(limits, isolation, [solutions, out, uploads, *submissions]),
                        jobs, len(todo), replace_ahead=isolation.mode != USER)
        try:
            for eid in exercises:
                engine.expectations(eid, seed, solutions)
            run_parallel(work, todo, jobs=jobs, done=done, stopping=lambda n: say(
                f"course: stopping: finishing the {n} submission(s) being graded (at most "
                "--timeout per task), whose results are then kept") if n else None)
        except NotWritten as e:
            raise _not_written(str(e), out, names) from e
        finally:
            spares.close()
        if earlier:
            say(totals_moved(earlier, summary.reports))
        book = gradebook or Gradebook()
        try:
            summary.gradebook = book.write(out, exercises, given=names)
        except OSError as e:
            raise _not_written(f"cannot write the gradebook into {out} ({e.strerror or e})",
                               out, names) from e
        if class_line:  # (no "course: " before it: that marks what needs attention)
            say(f"{book.summary} (per task: {out / 'summary.csv'})")
        # Only what the gradebook counts: a learner's superseded copy is no one's lead.
        summary.similarity = similarity.write(out, solutions, only=book.counted)
        return summary
    except UsageError:  # (refused before grading: the folder this run made goes too)
        _unmake(out, made)
        raise
    finally:
        remove_tree(uploads)


def _not_written(why: str, out: Path, names: Collection[str]) -> UsageError:
    """The error that stops a run whose results cannot be written: what is kept, and how to
    go on (the run that made the room grades only what has no results file yet)."""
    kept = sum((out / "results" / f"{name}.json").is_file() for name in names)
    return UsageError(f"{why}: the results of {kept} of the {len(names)} submissions are in "
                      f"{out} and kept; make room there (or make it writable) and run the same "
                      "command again: it grades the rest and writes the gradebook")


def totals_moved(earlier: dict[str, str], reports: dict[str, Report]) -> str:
    """What graded again (--force, --regrade: the same files) did to totals an instructor may
    have posted already: each that changed, named, or that none did."""
    now = {name: f"{reports[name].score}/{reports[name].max_score}" for name in earlier
           if name in reports}
    moved = [f"{name} {was} -> {now[name]}" for name, was in earlier.items()
             if name in now and now[name] != was]
    if not moved:
        return f"course: the {len(now)} submission(s) graded again kept their totals"
    return (f"course: {len(moved)} of the {len(now)} submission(s) graded again have another "
            f"total now (the hidden cases are drawn anew on each run; the course may have "
            f"changed): {', '.join(moved[:10])}{' ...' if len(moved) > 10 else ''}: "
            "gradebook.csv has the new ones; post them again where the old ones were posted")


def _asked_for(regrade: Collection[str], names: dict[str, Path]) -> set[str]:
    """The submissions ``regrade`` names, each by its name (gradebook.csv's ``submission``)
    or its path as given, else by its learner's name (`course submit --name`'s, what a
    regrade request says: ``bob`` is each of bob's submissions); refused, before anything is
    graded, for one that is none of these."""
    found = set()
    for asked in regrade:
        named = {name for name, path in names.items()
                 if asked == name or Path(asked).absolute() == path.absolute()}
        learners = {name for name in names if name_key(student_of(name)) == name_key(asked)}
        if not named and not learners:
            raise UsageError(f"--regrade {one_line(asked)}: no submission of that name or path "
                             "among those given, nor of a learner of that name (a name is as "
                             "gradebook.csv's submission column shows it)")
        if len(named) > 1:  # alice.zip.zip's name is alice.zip, another file's path
            which = " and ".join(f"{one_line(str(names[n]))} (named {one_line(n)})"
                                 for n in sorted(named))
            raise UsageError(f"--regrade {one_line(asked)}: the name of one submission and "
                             f"the path of another ({which}): give the path of the one you "
                             f"mean with a folder in front (./{one_line(Path(asked).name)})")
        found |= named or learners
    return found


def _did_you_mean(path: Path) -> str:
    """`` (did you mean submissions?)`` for a path typed wrong (``submisions``): the name in its
    folder closest to it, by difflib's similarity of 0.75 (as course.suggest takes it); "" if
    none is."""
    try:
        names = [entry.name for entry in os.scandir(path.parent if str(path.parent) else ".")]
    except OSError:
        return ""
    near = difflib.get_close_matches(path.name, names, n=1, cutoff=0.75)
    return f" (did you mean {path.parent / near[0]}?)" if near else ""


def _check_out(out: Path) -> Path | None:
    """Refuse, before anything is graded, an ``out`` that cannot be a folder: an existing file
    (`--out roster.csv`, a slip of the command line), or a path through one; and an ``out``
    that anyone but the grader's user may change (``_others_may_change``). Else make it (the
    grader's alone: learner code runs on this machine as another user in mode "user", who
    must not read the class's results), so that no one else can between here and grading.
    Returns the first folder of its path it made (None: it was there)."""
    made = None
    for path in (out, *out.parents):
        if path.exists():
            if not path.is_dir():
                raise UsageError(f"--out {out}: {path} is a file, not a folder: give a folder "
                                 "for the results (it is created if need be)")
            break
        made = path
    why = _others_may_change(out)
    if not why:
        # Made now, and judged again once made: made only once the class was unpacked, an
        # `out` in a drop folder with the sticky bit was a learner's to make first, after this
        # check, with her results in it (red team 18). Made here it is the grader's, 0700,
        # and only its owner may rename it there.
        try:
            out.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as e:
            raise UsageError(f"--out {out}: cannot make that folder "
                             f"({e.strerror or e})") from None
        for path in (out, *out.parents) if made else ():
            without_acls(path)
            if path == made:
                break
        why = _others_may_change(out)
    if why:
        raise UsageError(f"--out {out}: {why}, so a learner could put results there (a result "
                         "found for a submission is its grade, not graded again) or change "
                         "the grades written: give a folder only you may write to, away from "
                         "the submissions (e.g. --out ~/grades)")
    return made


def _unmake(out: Path, made: Path | None) -> None:
    """Remove the folders ``_check_out`` made for ``out``, up to ``made``, where still empty:
    a refused run leaves nothing behind."""
    if made is None:
        return
    for path in (out, *out.parents):
        try:
            path.rmdir()
        except OSError:
            return
        if path == made:
            return


def _others_may_change(out: Path) -> str | None:
    """Why a user other than the grader's may change what ``out`` holds (None: no one may):
    it, or a results folder in it, is another's or others may write to it, or a folder on the
    way to it lets others rename what it holds. Run in a drop folder, `--out grades` was a
    folder a learner had made there first, holding her results file: her stubs, skipped as
    already graded, scored 3/3 (red team 17)."""
    return others_may_change(out, inside=("results",))


def _teller(progress: TextIO | None) -> Callable[[str], None]:
    """How grading tells the instructor something on the terminal: a line where the progress
    bar goes (stderr by default)."""
    def say(text: str) -> None:
        stream = progress or sys.stderr
        stream.write(f"{one_line(text)}\n")
        stream.flush()
    return say
