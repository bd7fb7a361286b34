"""One submission graded: unpacked safely into a scratch folder, each exercise file run in the
sandbox with the run's seed (fresh each run: hard-coded outputs fail), its results file and
feedback written. What runs here decides a score, and counts in the grading fingerprint
(course.grading_parts); the class's run around it (course.grade) does not.

    OUT/results/<name>.json    Gradescope's results.json format (+ our details in extra_data)
    OUT/feedback/<name>.md     and .html, for the learner

Each exercise is graded from its file of the course's name (``ex03_backward.py``), the file
`course check` grades; another ``ex03_*.py`` only when it is the one there is. Where there
were several, the exercise's feedback says which was graded. A submission that cannot be
unpacked, or that the grader fails on, scores 0 with the reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Callable, Collection, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from course import engine, hints, similarity
from course.errors import UsageError
from course.feedback import markdown, page
from course.gradebook import problems, submission_maker, submission_time
from course.gradescope_export import Submitter, submission_of
from course.hints import Mistake
from course.isolation import Isolation
from course.local import CHECK_SEED
from course.moodle import moodle_folder
from course.results import ExerciseResult, Report, TaskResult
from course.sandbox import Limits, Sandbox, SandboxError, TaskRun
from course.scratch import scratch_folder
from course.tasks import EXERCISE_IDS, exercise
from course.unpack import UnpackLimits, UnsafeSubmission, unpack
from course.upload import graded_upload
from course.workspace import atomic_write


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


def empty_report(name: str, seed: int, problem: str, exercises: Sequence[str]) -> Report:
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
            return empty_report(name, seed, str(read.refused), exercises), NO_CODE, read
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



def fresh_seed() -> int:
    """A seed for the hidden cases, drawn anew (never the public cases' CHECK_SEED)."""
    return CHECK_SEED + 1 + secrets.randbelow(2**31 - 1)


def hidden_seed(seed: int | None) -> int:
    """The seed of a run's hidden cases: ``seed`` as given (`--seed`), or a fresh one."""
    if seed == CHECK_SEED:
        # Its cases are the public ones, their answers published (the student edition's
        # course/expected/, course check's feedback): a red team's submission that replays
        # them, with no working code, scored 28 of 32 points at it.
        raise UsageError(f"--seed {CHECK_SEED} is the seed of the public cases that course "
                         "check uses, whose expected results are published: any submission "
                         "can replay them. Leave --seed out (a fresh seed each run) or give "
                         "another")
    return fresh_seed() if seed is None else seed


def sandboxes(limits: Limits | None, isolation: Isolation,
              hide: Sequence[Path]) -> Callable[[], Sandbox]:
    """What makes each submission's sandbox: ``hide`` (the solutions, the results, every
    submission) is never inside one, even where it lies inside a folder it shows (see
    course.bwrap)."""
    return lambda: Sandbox(limits, isolation=isolation, hide=list(hide))


@dataclass(frozen=True)
class Grading:
    """A run's settings, the same for each submission it grades into ``out``."""

    out: Path
    seed: int
    solutions: Path
    exercises: Sequence[str]
    note: str  # sandbox_note: how learner code ran, in every report
    # What decided the grades besides the submission (course.grading_parts), with each result
    recorded: dict[str, Any]
    unpack_limits: UnpackLimits | None = None
    reference: similarity.Reference | None = None
    mistakes_seen: Collection[Mistake] | None = None  # (course.hints.disclose)

    def grade(self, open_box: Callable[[Path], Sandbox], name: str, path: Path,
              sha: str) -> Report:
        """Grade ``path`` (``sha``: its fingerprint at the run's first look) and write its
        feedback and, last, its results file; a grader bug it triggers is its 0, with the
        reason, not the batch's."""
        code, submitted_at, made_by, failed = NO_CODE, None, None, False
        # (of a submission the grader failed on too: it is still theirs)
        export = submission_of(path)
        submitters = export.submitters if export else ()
        try:
            report, code, read = grade_one(open_box, path, name, self.seed, self.solutions,
                                           self.unpack_limits, self.exercises, self.reference)
            sha, submitted_at, made_by = read.sha256, read.submitted_at, read.made_by
            submitters = read.submitters
        except (UsageError, SandboxError):
            raise  # this machine's or the course's problem: every submission would hit it
        except Exception as e:  # a grader bug one submission triggers
            report = empty_report(name, self.seed, f"{GRADER_FAILED}: {type(e).__name__}: {e}",
                                  self.exercises)
            failed = True
        hints.disclose(report, self.mistakes_seen, "submission")
        doc = gradescope(report, sha, self.note)
        doc["extra_data"].update(
            submitted_at=submitted_at, made_by=made_by,
            submitters=[asdict(s) for s in submitters], **self.recorded,
            fingerprints=code.fingerprints, hidden_code=code.hidden, grader_failed=failed)
        # The results file is written last: its presence means "graded" on a re-run.
        for path, text in ((Path("feedback", f"{name}.md"),
                            f"{markdown(report)}\n\n---\n\n{self.note}\n"),
                           (Path("feedback", f"{name}.html"), page(report, self.note)),
                           (Path("results", f"{name}.json"), json.dumps(doc, indent=1))):
            try:
                atomic_write(self.out / path, text)
            except OSError as e:  # (a full disk, a folder made read-only): no grade is lost
                raise NotWritten(self.out / path, e) from e
        return report


class NotWritten(Exception):
    """A submission's feedback or results file that could not be written (a full disk, a
    read-only --out): the run stops, as every later one would fail alike; what was written
    before stays, and this submission, with no results file, is graded on the next run."""

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(f"cannot write {path} ({error.strerror or error})")
