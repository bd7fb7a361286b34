"""What `course grade` grades of the paths it is given: zips, folders, and a class's folder.

A submission is a zip (by its content, whatever its name ends with) or a folder. A folder given
alone may be one learner's or a class's download of zips: ``submissions_given`` decides which,
or refuses to guess. A folder holding Gradescope's ``submission_metadata.yml`` is Gradescope's
"Export Submissions" download: its folders are the submissions (course.gradescope_export). A
folder holding learners' folders named as Moodle's "Download all submissions" names them
(course.moodle) stands for those folders, each one learner's submission. An exercise file as
Canvas's or Moodle's download names it (``lovelaceada_1001_502_ex01_requires_grad.py``) is
taken with the zips: `course grade` gathers each learner's into one submission
(course.uploaded_files).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from course.download import Download
from course.errors import UsageError
from course.gradescope_export import METADATA, export_warnings, submission_of
from course.moodle import moodle_folder, moodle_other
from course.unpack import (
    EXERCISE_FILE,
    OS_LITTER,
    UnpackLimits,
    UnsafeSubmission,
    exercises_folder,
    holds_exercise_files,
    is_zip,
    open_zip,
)
from course.uploaded_files import uploaded_exercise


def _holds_exercises(folder: Path) -> bool:
    try:
        exercises_folder(folder)
    except (UnsafeSubmission, OSError):
        return False
    return True


def _archive(path: Path) -> bool:
    """A zip by its name (.zip in any case: a damaged one still gets its row) or its content."""
    return path.suffix.lower() == ".zip" or is_zip(path)


def within(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or inside it (links resolved: ``grades`` and
    ``./subs/../grades`` are one folder)."""
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


# The exercise files Canvas and Moodle name (course.uploaded_files), for a command line
_UPLOADS = "*_[0-9]*_ex[0-9][0-9]_*.py"


def _ambiguous(folder: Path, zips: list[Path], uploads: list[Path], learners: list[Path]
               ) -> UsageError:
    """The refusal of a folder given alone with zips (or exercise files an LMS named,
    ``uploads``) and exercise files beside them (in it, or in its ``learners`` folders): the
    command for each reading."""
    where = f" (in {', '.join(p.name + '/' for p in learners)})" if learners else ""
    given = [*([folder / "*.zip"] if zips or not uploads else []),
             *([folder / _UPLOADS] if uploads else []), *learners]
    each = f" and {'that folder' if len(learners) == 1 else 'those folders'} as one " \
           "submission each" if learners else ""
    return UsageError(
        f"{folder} holds {_count(len(zips), len(uploads))} and exercise files beside "
        f"them{where}: a download of the class's zips, or one learner's folder? To grade the "
        f"{'zips' if zips else 'files an LMS named'}{each}: course grade "
        f"{' '.join(map(str, given))}; to grade the folder as one submission, move the "
        f"{'zips' if zips else 'files an LMS named'} out of it")


def _count(zips: int, uploads: int) -> str:
    """``3 zip(s)``, and the exercise files an LMS named where there are any."""
    counted = [f"{zips} zip(s)"] * bool(zips or not uploads) + \
        [f"{uploads} exercise file(s) an LMS named"] * bool(uploads)
    return " and ".join(counted)


def _names_inside(archive: Path) -> list[str]:
    """The file names (without folders) in the zip ``archive``; a damaged one, none: grading
    names its problem."""
    try:
        with open_zip(archive, UnpackLimits()) as zf:
            return [Path(n).name for n in zf.namelist()]
    except (UnsafeSubmission, OSError, ValueError):
        return []


def _zips_inside(archive: Path) -> tuple[int, int]:
    """How many zips, and exercise files an LMS named, the zip ``archive`` holds when it holds
    them and no other exercise file (a class's download as Canvas gives it, not unzipped),
    else (0, 0)."""
    names = _names_inside(archive)
    download = Download.of(names)
    uploads = sum(uploaded_exercise(n, download) for n in names)
    if any(EXERCISE_FILE.fullmatch(n) and not uploaded_exercise(n, download) for n in names):
        return 0, 0
    return sum(n.lower().endswith(".zip") for n in names), uploads


def submissions_given(paths: Sequence[Path], say: Callable[[str], None],
                      ignored: dict[str, str], out: Path | None = None) -> list[Path]:
    """What to grade of the ``paths`` given. A folder given alone that holds zips and no
    exercise files (Canvas's "Download Submissions", unzipped once) stands for its zips: its
    files that are zips by name or content, and the exercise files an LMS named (which
    `course grade` gathers by user), the others skipped with a warning; with exercise
    files beside them, in it or in a folder of its own (a learner's ``s24/exercises/``), it is
    refused (UsageError) for the instructor to say which; with them in its ``exercises/``, it
    is a learner's course folder. Given among other paths, a folder is one submission: a
    learner's own folder of zips is never taken for a download of the class's (a red team's
    held a zip named after another student, counted as hers), and Gradescope's export (a
    folder holding its metadata) is refused there, with the commands that grade it. A file
    neither a folder nor a zip (a README.txt, a PDF among ``submissions/*``) goes into
    ``ignored`` with the reason, unless it is the only path given (then its report says why
    it scores 0); a zip given alone that holds only zips is refused (unzip it first). The
    ``out`` folder, and anything inside it (``subs/*`` on a re-run with ``--out
    subs/grades``), is skipped with a warning: the grader's own results are no learner's."""
    if out is not None:
        mine = [p for p in paths if within(p, out)]
        for path in mine:
            ignored[str(path)] = "the --out folder (or inside it), where results go: skipped"
            say(f"course: {path}: {ignored[str(path)]}")
        paths = [p for p in paths if p not in mine]
        if not paths:
            raise UsageError(f"nothing to grade: every path given is the --out folder {out} "
                             "or inside it")
    if len(paths) == 1 and paths[0].is_file() and _archive(paths[0]):
        if METADATA in _names_inside(paths[0]):
            raise UsageError(
                f"{paths[0]} holds {METADATA} (Gradescope's \"Export Submissions\" as "
                f"downloaded?): unzip it and give the folder: course grade "
                f"{paths[0].with_suffix('')}")
        inside = _zips_inside(paths[0])
        if any(inside):
            raise UsageError(
                f"{paths[0]} holds {_count(*inside)} and no {'other ' if inside[1] else ''}"
                "exercise files (Canvas's \"Download Submissions\" as downloaded?): unzip it "
                f"and give the folder: course grade {paths[0].with_suffix('')}")
    exports = [p for p in paths if _is_export(p)]
    if exports and len(paths) > 1:
        # Graded as one submission, the class's export scored 0 for a name no roster holds;
        # expanded, a learner's own folder holding the file would place its folders by
        # submitters it wrote. Its folders given by name are read as its own (the metadata
        # beside them), so that is the command to give.
        raise UsageError(
            f"{exports[0]} holds {METADATA}: Gradescope's \"Export Submissions\" download, "
            "whose folders are the submissions, given among other paths. Give it alone "
            f"(course grade {exports[0]}), or give its folders with the others (course grade "
            f"{exports[0] / 'submission_*'} ...)")
    if exports:
        folder = paths[0]
        # Gradescope's export: each submission a folder, who and when in the metadata
        taken = sorted(p for p in folder.iterdir() if p.is_dir() and p.name not in OS_LITTER
                       and not (out is not None and within(p, out)))
        say(f"course: {folder}: Gradescope's export ({METADATA}): grading its "
            f"{len(taken)} submission folder(s)")
        _skip([p for p in folder.iterdir() if not p.is_dir() and p.name != METADATA
               and p.name not in OS_LITTER], say, ignored)
        _tell_exports(taken, say)
        return taken
    if len(paths) == 1 and paths[0].is_dir():
        folder = paths[0]
        files = sorted(p for p in folder.iterdir() if p.is_file())
        zips = [p for p in files if _archive(p)]
        # (a learner's exercise files, named by the LMS: a download of those is the class's)
        download = Download.of(p.name for p in files)
        uploads = [p for p in files if p not in zips and uploaded_exercise(p.name, download)]
        # Moodle's download: a folder per learner, named by Moodle (who it is)
        moodle = sorted(p for p in folder.iterdir() if moodle_folder(p)
                        and not (out is not None and within(p, out)))
        if moodle and not zips and not uploads and not holds_exercise_files(folder) \
                and not holds_exercise_files(folder / "exercises"):
            say(f"course: {folder}: Moodle's download: grading its {len(moodle)} learner "
                "folder(s), each one submission")
            _skip([p for p in folder.iterdir() if p not in moodle and p.name not in OS_LITTER
                   and not (out is not None and within(p, out))], say, ignored,
                  "not a learner's folder of Moodle's download: skipped")
            return moodle
        if (zips or uploads) and any(EXERCISE_FILE.fullmatch(p.name) for p in files
                                     if p not in uploads):
            # Side by side, both readings are possible, and a wrong guess grades no one right:
            # a red team's file named as Canvas names a learner's upload
            # (ex01_mallory_1003_503_notes.py) made a class's download one submission, and
            # every zip in it went ungraded.
            raise _ambiguous(folder, zips, uploads, [])
        if (zips or uploads) and holds_exercise_files(folder / "exercises"):
            # a learner's course folder (exercises/ inside) with a zip of theirs beside
            say(f"course: {folder}: graded as one learner's folder, from its exercise files; "
                f"its {_count(len(zips), len(uploads))} are not graded (give them by name to "
                "grade them)")
        elif zips or uploads:
            # A learner's unzipped folder among the class's zips (s24/exercises/) is the same
            # question: graded as the one wrapping folder, the class was one submission; left
            # out, that learner went ungraded without a word.
            learners = sorted(p for p in folder.iterdir() if p.is_dir()
                              and p.name not in OS_LITTER and p not in moodle
                              and not (out is not None and within(p, out))
                              and _holds_exercises(p))
            if learners:
                raise _ambiguous(folder, zips, uploads, learners)
            say(f"course: {folder}: a folder of {_count(len(zips), len(uploads))}"
                + ("" if uploads else " and no exercise files")
                + ": grading each zip as a submission"
                + (", and each learner's exercise files as one" if uploads else "")
                + (f", and its {len(moodle)} learner folder(s) of Moodle's download"
                   if moodle else ""))
            _skip([p for p in files if p not in zips and p not in uploads], say, ignored)
            return sorted(zips + uploads) + moodle
    # (Moodle's folder of a learner's online text: no files of theirs, and no second
    # submission to outrank the folder of their files)
    other = [p for p in paths if moodle_other(p)]
    _skip(other, say, ignored, "Moodle's folder of what is no file upload (online text): "
                               "skipped")
    download = Download.of(p.name for p in paths)
    taken = [p for p in paths if p not in other and (p.is_dir() or len(paths) == 1
             or _archive(p) or uploaded_exercise(p.name, download))]
    # (`course grade export/*`: the metadata is read for the folders beside it, not skipped)
    beside = {p.resolve().parent for p in taken if p.is_dir()}
    _skip([p for p in paths if p not in taken and p not in other
           and not (p.name == METADATA and p.resolve().parent in beside)], say, ignored)
    _tell_exports(taken, say)
    return taken


def _is_export(path: Path) -> bool:
    """Whether ``path`` is a folder holding Gradescope's metadata (its export, unzipped). A
    learner's folder holding a file of that name is none: a folder of an export (listed in
    the metadata beside it), of Moodle's download, or holding exercise files is the
    submission it is (red team 13: one learner who uploaded a submission_metadata.yml
    stopped `course grade export/submission_*`, the class's grading, before it began)."""
    return path.is_dir() and (path / METADATA).is_file() and submission_of(path) is None \
        and not moodle_folder(path) and not holds_exercise_files(path) \
        and not holds_exercise_files(path / "exercises")


def _tell_exports(taken: list[Path], say: Callable[[str], None]) -> None:
    """The warnings of each Gradescope export that folders ``taken`` come from (once each):
    what its metadata could not say, which is then a submission named by its folder alone."""
    folders = dict.fromkeys(p.resolve().parent for p in taken if p.is_dir())
    for folder in folders:
        mine = [p for p in taken if p.is_dir() and p.resolve().parent == folder]
        for warning in export_warnings(folder, mine):
            say(f"course: {warning}")


def _skip(paths: list[Path], say: Callable[[str], None], ignored: dict[str, str],
          why: str = "not a zip archive or a folder: skipped") -> None:
    for path in paths:
        ignored[str(path)] = why
        say(f"course: {path}: {ignored[str(path)]}")
