"""`course grade`: grade a class's submissions (zips or folders) in parallel.

For every submission: unpack it safely into a temporary folder, grade each exercise file in
the sandbox with this run's fresh seed (so hard-coded outputs fail), then write, atomically,

    OUT/results/<name>.json    Gradescope's results.json format (+ our details in extra_data)
    OUT/feedback/<name>.md     and .html, for the learner
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

Submissions already graded (same content, solutions, course and minigrad code, limits and
exercises, results present) are skipped unless ``force``, so an interrupted run resumes where it
stopped. Results of the same submission graded with other settings (a fixed reference, an
updated course, new limits, other exercises) are replaced only with ``force``: grades an
instructor may have published do not change because the course was updated under them. A
submission that cannot be unpacked, or that the grader fails on, scores 0 with the reason; it
never stops the batch.

Each exercise is graded from its file of the course's name (``ex03_backward.py``), the file
`course check` grades; another ``ex03_*.py`` only when it is the one there is. Where there
were several, the exercise's feedback says which was graded.

    >>> summary = grade([Path("alice.zip"), Path("bob/")], Path("grades"), jobs=2)  # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import secrets
import shutil
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from course import engine, hints, similarity
from course.cgroup import JobCgroup
from course.errors import UsageError
from course.feedback import markdown, page
from course.given import submissions_given
from course.gradebook import (
    Gradebook,
    name_key,
    problems,
    student_of,
    submission_maker,
    submission_time,
    without_extension,
)
from course.gradescope_export import Submitter, submission_of
from course.hints import Mistake
from course.isolation import USER, Isolation, detect
from course.local import CHECK_SEED
from course.moodle import moodle_folder
from course.ownership import others_may_change, without_acls
from course.pool import Spares, run_parallel
from course.results import ExerciseResult, Report, TaskResult
from course.sandbox import Limits, Sandbox, SandboxError, TaskRun
from course.sanitize import one_line
from course.scratch import clear_abandoned, remove_tree, scratch_folder
from course.tasks import EXERCISE_IDS, exercise
from course.unpack import UnpackLimits, UnsafeSubmission, unpack
from course.upload import graded_upload
from course.uploaded_files import gather
from course.workspace import atomic_write, read_json


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


def fingerprint(path: Path, limits: UnpackLimits | None = None) -> str:
    """sha256 of what grading reads of a submission (see Read), from a scratch copy."""
    scratch = scratch_folder("course-fingerprint-")
    try:
        return read_submission(path, scratch / "submission", limits).sha256
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@dataclass(frozen=True)
class Read:
    """What grading read of a submission, read once: its exercises folder as unpacked (None:
    refused, and why), its submission time, and the sha256 of all of it. The sha256 covers
    the files unpacking wrote (names and contents; at most 8 MiB) or the refusal, and the
    time: never the submission's own bytes, of which a course folder's .venv, or a sparse
    16 GB file beside the exercises, would be read in full on every run (a red team's: 47 s)."""

    folder: Path | None
    refused: str | None
    submitted_at: str | None
    sha256: str
    made_by: str | None = None  # the name in its manifest (gradebook.submission_maker)
    # Who Gradescope's export says submitted it (course.gradescope_export): () if not one
    submitters: tuple[Submitter, ...] = ()


def read_submission(path: Path, dest: Path, limits: UnpackLimits | None) -> Read:
    """``path`` unpacked into ``dest``, and what else grading reads of it (see Read)."""
    digest = hashlib.sha256()

    def add(data: bytes) -> None:
        digest.update(len(data).to_bytes(8, "big") + data)

    # Of a folder of Gradescope's export, what its autograder graded: the zip `course submit`
    # wrote, where Gradescope left it unpacked (graded as the folder, it scored 0); the same
    # of a learner's folder of Moodle's download
    export = submission_of(path)
    upload = graded_upload(path) if export or moodle_folder(path) else path
    folder = refused = None
    try:
        folder = unpack(upload, dest, limits)
    except UnsafeSubmission as e:
        refused = str(e)
    except Exception as e:  # a problem unpack does not name yet stays this submission's
        refused = f"could not be read ({type(e).__name__}: {e})"
    if folder is None:
        add(f"refused: {refused}".encode())
    else:
        for file in sorted(p for p in dest.rglob("*") if p.is_file()):
            add(os.fsencode(file.relative_to(dest)))
            add(file.read_bytes())
    # Gradescope's receipt time, where its export says it: the learner's clock is only theirs
    submitted_at = export.created_at.isoformat() if export and export.created_at else \
        submission_time(upload, limits)
    add(str(submitted_at).encode())
    submitters = export.submitters if export else ()
    add(json.dumps([asdict(s) for s in submitters]).encode())  # (metadata changed: regraded)
    return Read(folder, refused, submitted_at, digest.hexdigest(),
                submission_maker(upload, limits), submitters)


def gradescope(report: Report, sha: str, sandbox: str = "") -> dict[str, Any]:
    """Gradescope's results.json for one submission; ``sandbox`` says how its code ran."""
    def test(t: TaskResult) -> dict[str, Any]:
        output = t.feedback + (f"\n\nPrinted output:\n{t.output}" if t.output.strip() else "")
        return {"name": f"{t.id}: {t.title}", "score": t.points, "max_score": t.max_points,
                "status": "passed" if t.points == t.max_points else "failed",
                "output": output, "visibility": "visible"}

    # What the gradebook's problem column says, at the top (the stubs uploaded as handed out,
    # files missing): on Gradescope, where the learner reads it, "0/32 points" said none of it
    found = problems(report)
    return {
        "score": report.score, "max_score": report.max_score,
        "output": (report.problem or f"{report.score}/{report.max_score} points"
                   + (f" ({found})" if found else "")) + (f"\n{sandbox}" if sandbox else ""),
        "visibility": "visible", "stdout_visibility": "hidden",
        "tests": [test(t) for t in report.tasks],
        "extra_data": {"submission_sha256": sha, "report": report.to_json(),
                       "sandbox": sandbox},
    }


def _empty_report(name: str, seed: int, problem: str, exercises: Sequence[str]) -> Report:
    report = Report([], seed, name, problem)
    for ex in map(exercise, exercises):
        runs = {i: TaskRun(None, f"not graded: {problem}") for i in range(len(ex.tasks))}
        report.exercises.append(ExerciseResult(
            ex.id, ex.title, [engine.judge(t, {}, runs[i]) for i, t in enumerate(ex.tasks)]))
    return report


NO_CODE = similarity.Code({}, {})  # of a submission that could not be read
# How a 0 that the grader's own failure gave starts: no grade of the learner's (graded again
# on a re-run), told apart from an upload's problem (course.cli's exit code)
GRADER_FAILED = "the grader failed on this submission"


def grade_one(open_box: Callable[[Path], Sandbox], path: Path, name: str, seed: int,
              solutions: Path, unpack_limits: UnpackLimits | None = None,
              exercises: Sequence[str] = EXERCISE_IDS,
              reference: similarity.Reference | None = None
              ) -> tuple[Report, similarity.Code, Read]:
    """Unpack and grade ``exercises`` of one submission in its own sandbox
    (``open_box(folder)``, holding that folder's files), and read its code for
    course.similarity (every function holding ``reference``'s code among its
    fingerprints); never raises for anything the submission contains. What it returns
    of the submission (Read) is what it graded: a folder changed since the run's first look
    at it (to be skipped or not) is recorded as it was graded, not as it was first seen."""
    work = scratch_folder("course-grade-")
    try:
        read = read_submission(path, work / "submission", unpack_limits)
        if read.folder is None:
            return _empty_report(name, seed, str(read.refused), exercises), NO_CODE, read
        results, graded = [], []
        with open_box(read.folder) as box:
            for eid in exercises:
                result, file = engine.grade_in_folder(box, eid, read.folder, seed, solutions)
                results.append(result)
                graded += [file] if file else []
        return Report(results, seed, name), similarity.read_code(graded, reference), read
    finally:
        shutil.rmtree(work, ignore_errors=True)


def sandbox_note(isolation: Isolation) -> str:
    """The line every report carries about how learner code ran."""
    if isolation.sandboxed:
        return f"Learner code ran in: {isolation.summary}."
    return (f"WARNING: learner code ran WITHOUT a sandbox ({isolation.reason}); it could read "
            "and change this machine's files, including the solutions and other results.")


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


# Modules of course/ that never run while a submission is graded: the gradebook and what is
# made from it after grading (its functions that grading calls name a results file, or give
# a submission's time, which is part of its fingerprint), the command line (the settings it
# passes that decide a grade, limits and exercises, are fingerprinted as such), the learner's
# lab and environment check, and the Gradescope bundle (a fresh container per submission,
# never a re-run). A fix in one of them must not make a class's results read as graded with
# other settings. A module not listed counts: a new one is fingerprinted until listed here.
NOT_GRADING = frozenset({"__main__.py", "cli.py", "gradebook.py", "handback.py",
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


def files_sha256(files: Iterable[tuple[str, bytes]]) -> str:
    """sha256 of ``files``, (name, contents) in the order given."""
    found = hashlib.sha256()
    for name, data in files:
        found.update(os.fsencode(name) + b"\0" + data)
    return found.hexdigest()


def _code_sha256(folder: Path, skip: frozenset[str] = frozenset(),
                 but: Path | None = None) -> str:
    """``files_sha256`` of the Python files under ``folder`` (named from it, in path order),
    but those named in ``skip`` and those under ``but``."""
    root = folder.resolve()
    return files_sha256((str(path.relative_to(root)), path.read_bytes())
                        for path in sorted(root.rglob("*.py"))
                        if str(path.relative_to(root)) not in skip
                        and not (but and path.is_relative_to(but)))


def solutions_sha256(solutions: Path) -> str:
    """The reference solutions' part of ``grading_parts``: what tells two sets of them apart."""
    return _code_sha256(solutions)


def grading_parts(solutions: Path, limits: Limits, exercises: Sequence[str],
                  solutions_digest: str | None = None) -> dict[str, str]:
    """sha256 of each thing that decides a grade besides the submission (GRADING_PARTS): the
    reference solutions (``solutions_digest``, by default ``solutions_sha256(solutions)``),
    the course's code that grades (course/ but NOT_GRADING: task specs, probes, comparisons,
    sandbox, unpacking), minigrad's, the limits and the exercises graded. A re-run after any
    of them changed (a course update with a fixed probe) grades every submission again rather
    than keeping results the new code would not give."""
    import minigrad

    def text(value: object) -> str:
        return hashlib.sha256(repr(value).encode()).hexdigest()

    # (the solutions, inside course/ by default, are a part of their own)
    return {"solutions": solutions_digest or solutions_sha256(solutions),
            "course": _code_sha256(Path(__file__).parent, NOT_GRADING, solutions.resolve()),
            "minigrad": _code_sha256(Path(minigrad.__file__).parent),
            "limits": text(limits), "exercises": text(tuple(exercises))}


def grading_fingerprint(parts: dict[str, str]) -> str:
    """One sha256 of ``grading_parts``: equal when every part is."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def changed_parts(old: dict[str, Any], parts: dict[str, str]) -> str:
    """What differs between the grading parts a result recorded and this run's, in words
    ("the course's version" for a result of a version that recorded none)."""
    recorded = old.get("grading_parts")
    if not isinstance(recorded, dict):
        return "the course's version"
    return " and ".join(GRADING_PARTS[k] for k in GRADING_PARTS if recorded.get(k) != parts[k]) \
        or "the course's version"


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
    if seed == CHECK_SEED:
        # Its cases are the public ones, their answers published (the student edition's
        # course/expected/, course check's feedback): a red team's submission that replays
        # them, with no working code, scored 28 of 32 points at it.
        raise UsageError(f"--seed {CHECK_SEED} is the seed of the public cases that course "
                         "check uses, whose expected results are published: any submission "
                         "can replay them. Leave --seed out (a fresh seed each run) or give "
                         "another")
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
        seed = fresh_seed() if seed is None else seed
        parts = grading_parts(solutions, limits or Limits(), exercises, solutions_digest)
        settings = grading_fingerprint(parts)
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
                    why[changed_parts(old, parts)] += 1
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
        # Never inside a sandbox, even where they lie inside a folder it shows (see course.bwrap).
        hide = [solutions, out, uploads, *submissions]
        ran = sandbox_note(isolation)
        bar = ProgressBar(len(todo), progress)

        def work(item: tuple[str, Path, str]) -> Report:
            name, path, sha = item
            code, submitted_at, made_by, failed = NO_CODE, None, None, False
            # (of a submission the grader failed on too: it is still theirs)
            export = submission_of(path)
            submitters = export.submitters if export else ()
            try:
                report, code, read = grade_one(lambda folder: spares.take().load(folder), path,
                                               name, seed, solutions, unpack_limits, exercises,
                                               reference)
                sha, submitted_at, made_by = read.sha256, read.submitted_at, read.made_by
                submitters = read.submitters
            except (UsageError, SandboxError):
                raise  # this machine's or the course's problem: every submission would hit it
            except Exception as e:  # a grader bug one submission triggers: its 0, not the batch's
                report = _empty_report(name, seed, f"{GRADER_FAILED}: {type(e).__name__}: {e}",
                                       exercises)
                failed = True
            hints.disclose(report, mistakes_seen, "submission")
            atomic_write(out / "feedback" / f"{name}.md", f"{markdown(report)}\n\n---\n\n{ran}\n")
            atomic_write(out / "feedback" / f"{name}.html", page(report, ran))
            # The results file is written last: its presence means "graded" on a re-run.
            doc = gradescope(report, sha, ran)
            doc["extra_data"]["submitted_at"] = submitted_at
            doc["extra_data"]["made_by"] = made_by
            doc["extra_data"]["submitters"] = [asdict(s) for s in submitters]
            doc["extra_data"]["grading_sha256"] = settings
            doc["extra_data"]["grading_parts"] = parts
            doc["extra_data"]["fingerprints"] = code.fingerprints
            doc["extra_data"]["hidden_code"] = code.hidden
            doc["extra_data"]["grader_failed"] = failed
            atomic_write(out / "results" / f"{name}.json", json.dumps(doc, indent=1))
            return report

        def done(item: tuple[str, Path, str], report: Report) -> None:
            summary.graded.append(item[0])
            summary.reports[item[0]] = report
            if report.problem:
                summary.rejected[item[0]] = report.problem
            bar.step(f"{item[0]} {report.score}/{report.max_score}")

        # Sandboxes start while the reference runs here (once per run, before the workers start).
        spares = Spares(lambda: Sandbox(limits, isolation=isolation, hide=hide), jobs, len(todo),
                        replace_ahead=isolation.mode != USER)
        try:
            for eid in exercises:
                engine.expectations(eid, seed, solutions)
            run_parallel(work, todo, jobs=jobs, done=done)
        finally:
            spares.close()
        if earlier:
            say(totals_moved(earlier, summary.reports))
        book = gradebook or Gradebook()
        summary.gradebook = book.write(out, exercises, given=names)
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


def fresh_seed() -> int:
    """A seed for the hidden cases, drawn anew (never the public cases' CHECK_SEED)."""
    return CHECK_SEED + 1 + secrets.randbelow(2**31 - 1)


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
