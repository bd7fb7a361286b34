"""The `course` command (also `python -m course`): subcommands and exit codes.

Exit codes: 0 everything passed, 1 some checks failed, 2 usage or input error.
For `course grade`: 1 also when some uploads scored 0 for what they are (damaged, empty: the
class was graded, and the last line counts those needing attention); 2 when the run stopped
before writing the gradebook, or the grader itself failed on a submission (a 0 that is no
grade, graded again by the same command). An error is one
line on stderr (``course: error: ...``), never a traceback; one that lists problems (every
mistake `course release` would ship unnamed) gives each on a line of its own beneath it,
indented (course.errors.UsageError's items). A reader that stops reading early
(``course list | head -1``) is no error: the command's exit code stands.

    $ course check ex03
    $ course grade submissions/*.zip --out grades --jobs 2
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import NoReturn

from course import engine, published
from course.errors import UsageError
from course.sandbox import Limits, SandboxError
from course.sanitize import one_line
from course.tasks import EXERCISE_IDS, exercise

# Written into the checkout's state once the learner was told their code runs unsandboxed.
UNSANDBOXED_NOTED = "unsandboxed_noted"

OK, FAILED, USAGE = 0, 1, 2


# Commands for the course's repository, where the reference solutions are: the student
# edition (course.published marks one) has none, so it refuses them (_not_in_the_edition).
INSTRUCTORS = ("grade", "release", "autograder")


class _Parser(argparse.ArgumentParser):
    commands: dict[str, argparse.ArgumentParser] = {}  # the top level's: its subcommands
    edition = False  # the top level's: parsing for the student edition

    def error(self, message: str) -> NoReturn:  # one line instead of usage + message
        raise UsageError(f"{message} (see `course {self.prog.split()[-1]} --help`)"
                         if " " in self.prog else f"{message} (see `course --help`)")


def _silence_stdout() -> None:
    """Point stdout at /dev/null once its reader has gone (Python's recipe for a broken pipe):
    what is still buffered, flushed at exit, then goes nowhere instead of into a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is not a file (embedded, tests)
        pass


def _emit(text: str) -> None:
    """``print(text)``, ending where the reader does: ``course check | head -1`` still exits
    with the check's code, without a BrokenPipeError traceback."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        _silence_stdout()


def _positive(kind: type, least: int = 0, why: str = "") -> object:
    def parse(text: str) -> object:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
        if value < least:
            raise argparse.ArgumentTypeError(f"at least {least}: {why}")
        return value
    return parse


# The reference solutions need ~128 MB of the sandbox's memory (ex10's 10,000-node chain); below
# that a right answer loses points, and below ~20 MB the sandbox cannot start at all.
LEAST_MEMORY_MB = 256


EXERCISES_HELP = "the exercises graded, e.g. ex01-ex03 or 1,4,6-7 (default: all)"


def _exercise_list(text: str) -> list[str]:
    """``ex01,ex03-ex05`` (or ``1,3-5``): the exercises an assignment grades, in course order."""
    from course.local import resolve_ids
    chosen: set[str] = set()
    for item in filter(None, (part.strip() for part in text.split(","))):
        first, _, last = item.partition("-")
        try:
            start, end = (EXERCISE_IDS.index(resolve_ids([name])[0])
                          for name in (first, last or first))
        except UsageError as e:
            raise argparse.ArgumentTypeError(str(e)) from None
        if start > end:
            raise argparse.ArgumentTypeError(f"{item}: the range runs backwards")
        chosen.update(EXERCISE_IDS[start:end + 1])
    if not chosen:
        raise argparse.ArgumentTypeError("no exercise named")
    return [eid for eid in EXERCISE_IDS if eid in chosen]


def build_parser(edition: bool | None = None) -> argparse.ArgumentParser:
    """The command line; in the student edition (by default: if this is one) without the
    instructors' commands' help, which names options it cannot run and docs it leaves out
    (docs/instructors.md): `course --help` lists the learner's commands alone, and `course
    grade ...`, `--help` included, says in one line whose command it is."""
    edition = published.available() if edition is None else edition
    parser = _Parser(prog="course", description="The autograd course: exercises and grading.")
    parser.edition = edition
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    parser.commands = sub.choices
    sub.add_parser("list", help="lessons, exercises and your progress")
    lab = sub.add_parser("lab", help="open JupyterLab at the first unfinished lesson")
    lab.add_argument("--port", type=_positive(int), help="the server's port (default 8888, "
                     "or the next free one)")
    lab.add_argument("--no-browser", action="store_true",
                     help="do not open a browser; open the printed address yourself")
    check = sub.add_parser("check", help="check your exercises")
    check.add_argument("exercises", nargs="*", metavar="EXERCISE", help="e.g. ex03 (default: all)")
    check.add_argument("--json", action="store_true", help="print the results as JSON")
    submit = sub.add_parser("submit", help="write a submission archive to submissions/")
    submit.add_argument("--name", help="your name (default: submission)")
    if edition:  # (no help: not listed; any arguments, --help too, go to the refusal)
        for name in INSTRUCTORS:
            sub.add_parser(name, add_help=False)
    else:
        _instructors_commands(sub)
    sub.add_parser("doctor", help="check the environment")
    if edition:  # (else the usage line's {...} names them all the same)
        sub.metavar = "{" + ",".join(n for n in sub.choices if n not in INSTRUCTORS) + "}"
    return parser


def _instructors_commands(sub: argparse._SubParsersAction) -> None:
    """`course grade`, `release` and `autograder`, the commands of the course's repository."""
    grade = sub.add_parser(
        "grade", help="grade submissions (instructors)",
        description="Grade a class's submissions, each in a sandbox of its own, into OUT: "
                    "gradebook.csv (one row per student, their latest submission counted), "
                    "feedback/<name>.md and .html to hand back, similarity.csv (shared code). "
                    "A re-run grades only what is new, and refuses to replace results graded "
                    "with other settings (--force: everything again). See "
                    "docs/instructors.md.")
    grade.add_argument("submissions", nargs="+", type=Path, metavar="SUBMISSION",
                       help="the zips `course submit` writes (or Canvas's or Gradescope's "
                            "downloads of them), folders holding exercise files, or a folder "
                            "of zips (each graded)")
    grade.add_argument("--solutions", type=Path, default=engine.SOLUTIONS, metavar="FOLDER",
                       help="the reference solutions (default: this course's "
                            "course/solutions)")
    grade.add_argument("--out", type=Path, default=Path("grades"), metavar="FOLDER",
                       help="where results, feedback and the gradebook go (default: grades)")
    grade.add_argument("--jobs", type=_positive(int), default=2,
                       help="submissions graded at once (default 2; more than the machine's "
                            "cores gains nothing)")
    grade.add_argument("--timeout", type=_positive(float), default=10.0,
                       help="seconds per task (default 10)")
    grade.add_argument("--memory", type=_positive(int, LEAST_MEMORY_MB, "the reference "
                                                  "solutions need about 128 MB"),
                       default=Limits.memory_mb, metavar="MB",
                       help=f"memory of one submission's processes together "
                            f"(default {Limits.memory_mb}, at least {LEAST_MEMORY_MB})")
    grade.add_argument("--force", action="store_true",
                       help="grade again submissions already graded, and replace results "
                       "graded with other settings (another course version, reference, "
                       "limits or exercises)")
    grade.add_argument("--regrade", action="append", default=[], metavar="SUBMISSION",
                       help="grade this submission again though already graded (its name "
                            "as gradebook.csv's submission column shows it, or its path; or "
                            "a learner's name: each of theirs; repeatable); the others as on "
                            "any re-run")
    grade.add_argument("--seed", type=int, help="input seed (default: fresh each run; not 0, "
                       "the public cases' seed)")
    grade.add_argument("--no-sandbox", action="store_true",
                       help="run learner code WITHOUT a sandbox where none works (unsafe)")
    grade.add_argument("--format", choices=("csv", "canvas", "moodle"), default="csv",
                       help="csv (default): gradebook.csv; canvas: also canvas.csv, in "
                            "Canvas's gradebook import layout; moodle: also moodle.csv, the "
                            "--roster (Moodle's grading worksheet) with the grades filled in")
    grade.add_argument("--handback", action="store_true",
                       help="also write OUT/handback: each student's feedback page, and the "
                            "zip Canvas's Re-Upload Submissions or Moodle's Upload multiple "
                            "feedback files in a zip takes (docs/instructors.md)")
    grade.add_argument("--roster", type=Path, metavar="CSV",
                       help="expected students (e.g. Canvas's gradebook export, Moodle's "
                            "grading worksheet): missing ones get a row")
    grade.add_argument("--assignment", metavar="NAME_OR_ID",
                       help="with --format canvas: the Canvas assignment the students "
                            "submitted to, by its name or its ID in the --roster (Canvas's "
                            "gradebook export): canvas.csv fills it with each total, instead "
                            "of making a new assignment per exercise")
    grade.add_argument("--exercises", type=_exercise_list, default=EXERCISE_IDS,
                       metavar="LIST", help=EXERCISES_HELP)
    grade.add_argument("--deadline", metavar="TIME",
                       help="ISO 8601 with a time, e.g. 2026-12-01T23:59+01:00: later "
                            "submissions are marked late")
    committed = ("Run it in a git clone of the course: it ships what is committed (HEAD), "
                 "so answers in your working copy never reach learners.")
    release = sub.add_parser(
        "release", help="write the student edition (instructors)",
        description="Write the student edition: the course without the reference solutions "
                    "and the misconception variants, with the expected results `course "
                    f"check` compares against. {committed}")
    release.add_argument("out", type=Path, metavar="OUT", help="a new folder")
    release.add_argument("--solutions", type=Path, default=engine.SOLUTIONS, metavar="FOLDER",
                         help="the reference solutions (default: course/solutions)")
    bundle = sub.add_parser(
        "autograder", help="write a Gradescope autograder bundle (instructors)",
        description="Write a Gradescope autograder bundle that grades one submission per "
                    f"container (upload it on Configure Autograder). {committed}")
    bundle.add_argument("out", type=Path, metavar="OUT.zip", help="a new .zip file")
    bundle.add_argument("--solutions", type=Path, default=engine.SOLUTIONS, metavar="FOLDER",
                        help="the reference solutions (default: course/solutions)")
    bundle.add_argument("--exercises", type=_exercise_list, default=EXERCISE_IDS,
                        metavar="LIST", help=EXERCISES_HELP)


def _cmd_list(args: argparse.Namespace) -> int:
    from course.progress import listing
    from course.workspace import find_root
    _emit(listing(find_root()))
    return OK


def _cmd_lab(args: argparse.Namespace) -> int:
    from course.lab import open_lab
    from course.workspace import find_root
    open_lab(find_root(), port=args.port, open_browser=not args.no_browser)
    return OK  # not reached: open_lab becomes the JupyterLab server


def _cmd_check(args: argparse.Namespace) -> int:
    from course.feedback import text
    from course.isolation import detect
    from course.local import course_root, run_check
    from course.progress import after_check
    from course.workspace import STATE
    isolation = detect()
    root = course_root(args.exercises)
    report = run_check(args.exercises, root=root, isolation=isolation)
    if not isolation.sandboxed and not (root / STATE / UNSANDBOXED_NOTED).exists():
        # Once per checkout: on a laptop without bubblewrap it would be every check's.
        print(f"course: note: your code ran without a sandbox here ({isolation.reason}); "
              "fine for checking your own work (see `course doctor`)", file=sys.stderr)
        try:
            (root / STATE / UNSANDBOXED_NOTED).touch()
        except OSError:
            pass
    if args.json:
        _emit(json.dumps(report.to_json(), indent=1))
    else:
        next_step = after_check(root) if report.passed and report.exercises else ""
        _emit(text(report) + (f"\n{next_step}" if next_step else ""))
    return OK if report.passed else FAILED


def _cmd_submit(args: argparse.Namespace) -> int:
    from course.results import Report
    from course.submit import make_submission
    from course.workspace import STATE, find_root, read_json
    root = find_root()
    path = make_submission(root, args.name)
    _emit(f"wrote {path.relative_to(root)}")
    if not args.name:
        print("course: warning: no --name given, so the file is named 'submission-...': "
              "`course submit --name YOUR_LOGIN_ID` names it for your instructor",
              file=sys.stderr)
    try:
        checked = Report.from_json(read_json(root / STATE / "last_check.json", {}))
    except (KeyError, TypeError, AttributeError, ValueError):  # none yet, or a damaged file
        checked = None
    if checked is not None and checked.exercises:
        ids = [ex.id for ex in checked.exercises]
        unchecked = [eid for eid in EXERCISE_IDS if eid not in ids]
        # (a total of the exercises checked so far alone read like the whole course's)
        of, missed = (f" for {', '.join(ids)}", f"not checked: {', '.join(unchecked)}; ") \
            if unchecked else ("", "")
        _emit(f"your last `course check`: {checked.score}/{checked.max_score} on the public "
              f"inputs{of} ({missed}check again if you changed anything since)")
    else:
        _emit("no `course check` yet: run it to see what this scores on the public inputs")
    return OK


def _cmd_grade(args: argparse.Namespace) -> int:
    from course.cmdline import hide_arguments_after
    from course.grade import grade
    from course.submission import sandbox_note
    # The submissions' paths (students' names) out of what /proc shows every process of this
    # machine, learner code run as another user among them (course.cmdline): this process's
    # own command line, where it is the one parsed (not main([...]) called by other code).
    if args.from_command_line:
        hide_arguments_after("grade")
    from course.canvas import CanvasAssignment
    from course.gradebook import (
        UPLOADS,
        Gradebook,
        grouped,
        missing_students,
        parse_deadline,
        read_roster,
    )
    from course.isolation import detect, unsandboxed
    from course.spreadsheet_csv import read_rows
    isolation = None
    if args.no_sandbox and not detect().sandboxed:
        isolation = unsandboxed(f"--no-sandbox: {detect().reason}")
    elif args.no_sandbox:
        print("course: note: --no-sandbox ignored: a sandbox works on this machine, and "
              "learner code runs in it", file=sys.stderr)
    if args.assignment is not None and args.format != "canvas":
        raise UsageError("--assignment names the Canvas assignment canvas.csv fills: it goes "
                         "with --format canvas")
    book = Gradebook(args.format, read_roster(args.roster) if args.roster else None,
                     parse_deadline(args.deadline) if args.deadline else None,
                     handback=args.handback, assignment=None if args.assignment is None else
                     CanvasAssignment.find(args.assignment, read_rows(args.roster, "the roster")
                                           if args.roster else None))
    try:
        summary = grade(args.submissions, args.out, solutions=args.solutions, jobs=args.jobs,
                        limits=Limits(timeout=args.timeout, memory_mb=args.memory),
                        force=args.force, seed=args.seed, isolation=isolation,
                        regrade=args.regrade,
                        gradebook=book, exercises=args.exercises)
    except KeyboardInterrupt:
        print(f"course: the results written to {args.out} so far are kept: the same command "
              "grades the rest", file=sys.stderr)
        raise
    # (a problem or warning that many submissions share in one line: 500 students' run
    # printed a line each, and the one that mattered scrolled away)
    for line in grouped([(one_line(n), one_line(p)) for n, p in summary.rejected.items()]):
        print(f"course: {line}", file=sys.stderr)
    for warning in book.shown_warnings():
        print(f"course: {one_line(warning)}", file=sys.stderr)
    if book.missing:  # (else only a count in the class's line, scrolled away by 500 rows)
        print(f"course: {one_line(missing_students(book.missing, len(book.roster or [])))}",
              file=sys.stderr)
    if summary.similarity and summary.similarity[1]:
        path, rows = summary.similarity
        print(f"course: shared code (with the reference solutions, or between students): "
              f"{rows} {'row' if rows == 1 else 'rows'} in {path}: leads to read, not proof "
              "(docs/grading.md, \"Shared code\")", file=sys.stderr)
    if summary.isolation is not None:
        print(f"course: {sandbox_note(summary.isolation)}", file=sys.stderr)
    if args.format in UPLOADS:  # (what to do with it: the step after grading)
        name, where = UPLOADS[args.format]
        print(f"course: {name}: {where}", file=sys.stderr)
    for path, where in book.handed_back:
        print(f"course: {path}: {where}", file=sys.stderr)
    # The last line, the one a 500-row run leaves on screen: missing students too, and what
    # needs the instructor before the grades go out.
    missing = f"{len(book.missing)} of {len(book.roster)} on the roster missing; " \
        if book.roster else ""
    attention = len(summary.need_attention)
    attention = f"{attention} {'upload needs' if attention == 1 else 'uploads need'} " \
        "attention (scored 0: unreadable or nothing to grade, see above); " if attention else ""
    failed = len(summary.grader_failed)
    failed = f"the grader failed on {failed} (no grade: the same command grades " \
        f"{'it' if failed == 1 else 'them'} again); " if failed else ""
    _emit(f"graded {len(summary.graded)}, skipped {len(summary.skipped)} (already graded); "
          f"{missing}{attention}{failed}gradebook: "
          f"{', '.join(str(p) for p in summary.gradebook)}")
    # (2 is for a run that failed: a learner's damaged upload is their 0, a grade, so a
    # class with one still exits 1, as any class where not everything passed)
    if summary.grader_failed:
        return USAGE
    return OK if summary.all_passed else FAILED


def _cmd_release(args: argparse.Namespace) -> int:
    from course.release import release
    out = release(args.out, args.solutions)
    _emit(f"wrote the student edition to {out}")
    return OK


def _cmd_autograder(args: argparse.Namespace) -> int:
    from course.autograder import build, recorded_solutions
    out = build(args.out, args.solutions, args.exercises)
    points = sum(exercise(eid).max_points for eid in args.exercises)
    _emit(f"wrote {out}: it grades {', '.join(args.exercises)} for {points} points (the "
          "assignment's points on Gradescope); upload it in Gradescope's Configure Autograder "
          "page (docs/instructors.md). Its results record its reference solutions as "
          f"{recorded_solutions(out)[:16]}... (results.json's grading_parts)")
    return OK


def _cmd_doctor(args: argparse.Namespace) -> int:
    from course.doctor import checks
    results = checks()
    _emit("\n".join(f"{'✓' if ok else '✗'} {name}: {detail}" for name, ok, detail in results))
    return OK if all(ok for _, ok, _ in results) else FAILED


def _parse(parser: _Parser, argv: list[str] | None) -> argparse.Namespace:
    """The arguments; one the command does not know is reported with that command's help
    (`course grade --help`), not the top level's."""
    args, unknown = parser.parse_known_args(argv)
    _not_in_the_edition(parser, args.command)
    if unknown:
        parser.commands[args.command].error(f"unrecognized arguments: {' '.join(unknown)}")
    return args


COMMANDS = {"list": _cmd_list, "lab": _cmd_lab, "check": _cmd_check, "submit": _cmd_submit,
            "grade": _cmd_grade, "release": _cmd_release,
            "autograder": _cmd_autograder, "doctor": _cmd_doctor}


def _not_in_the_edition(parser: _Parser, command: str) -> None:
    """Refuse an instructors' command in the student edition (course.published marks one):
    it has no reference solutions and withholds the known mistakes' code, so none of them can
    run there. A learner who tried `course grade` read "no reference solutions in
    .../course/solutions", a folder the edition leaves out on purpose, as if theirs were
    damaged."""
    if parser.edition and command in INSTRUCTORS:
        raise UsageError(f"`course {command}` is for instructors, in the course's repository: "
                         "this student edition has no reference solutions. Check your work "
                         "with `course check`; your instructor grades it")


def _no_files_as_options(argv: list[str]) -> None:
    """Refuse a `course grade` argument that reads as an option and is the name of a file or
    folder here. Run inside a drop folder, `course grade *.zip` hands the shell's expansion
    to the parser (a name starting with "-" first, in the C locale): red team 16's file named
    `--solutions=mine.zip` became an option, the class was graded against its maker's folder
    `mine.zip` as the reference (their wrong answers 3/3, a classmate's right ones 1/3), and a
    file named `--x.zip` stopped the whole run. After `--` every argument is a path; a file
    named `--` is refused too, since the `--` that ends the options may be that file (red
    team 17's, with one named `--out`: `course grade * --out ~/grades` took `--out` and the
    instructor's results folder for submissions, graded that folder as one, and wrote the
    class's results in the drop folder)."""
    if argv[:1] != ["grade"]:
        return
    for arg in argv[1:]:
        if arg.startswith("-") and os.path.lexists(arg):
            after = "" if arg == "--" else " or after -- (course grade --out grades -- *.zip)"
            raise UsageError(
                f"{arg!r} reads as an option, but a file or folder of that name is here (a "
                "learner's, from a * on the command line?): give the submissions with a folder "
                f"in front (course grade ./*.zip, or submissions/*.zip from the folder above)"
                f"{after}")
        if arg == "--":
            return


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # ✓ on a terminal that cannot show it
    try:
        _no_files_as_options(sys.argv[1:] if argv is None else argv)
        args = _parse(build_parser(), argv)
        args.from_command_line = argv is None
        return COMMANDS[args.command](args)
    except UsageError as e:
        # (each line cleaned: a learner's file name in a message never starts a line of its own)
        print("\n".join([f"course: error: {one_line(e.message)}",
                         *(f"  {one_line(item)}" for item in e.items)]), file=sys.stderr)
        return USAGE
    except SandboxError as e:
        first = str(e).strip().splitlines()[-1] if str(e).strip() else "unknown"
        print(f"course: error: the grading sandbox failed ({first}); run `course doctor`",
              file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        print("course: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # printed by something other than _emit: its outcome is unknown
        _silence_stdout()
        return FAILED
