"""What `course grade` grades of the paths it is given: zips, folders, and a class's folder.

A submission is a zip (by its content, whatever its name ends with) or a folder. A folder given
alone may be one learner's or a class's download of zips: ``submissions_given`` decides which,
or refuses to guess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from course.errors import UsageError
from course.unpack import EXERCISE_FILE, UnsafeSubmission, exercises_folder
from course.workspace import read_head

ZIP_MAGIC = (b"PK\3\4", b"PK\5\6")  # a zip's first entry, or an empty zip's end record


def is_zip(path: Path) -> bool:
    """Whether ``path`` is a zip by its content."""
    return read_head(path, 4) in ZIP_MAGIC


def _holds_exercises(folder: Path) -> bool:
    try:
        exercises_folder(folder)
    except (UnsafeSubmission, OSError):
        return False
    return True


def _archive(path: Path) -> bool:
    """A zip by its name (.zip in any case: a damaged one still gets its row) or its content."""
    return path.suffix.lower() == ".zip" or is_zip(path)


def submissions_given(paths: Sequence[Path], say: Callable[[str], None],
                      ignored: dict[str, str]) -> list[Path]:
    """What to grade of the ``paths`` given. A folder given alone that holds zips and no
    exercise files (Canvas's "Download Submissions", unzipped once) stands for its zips: its
    files that are zips by name or content, the others skipped with a warning; with exercise
    files beside them, it is refused (UsageError) for the instructor to say which. Given among
    other paths, a folder is one submission: a learner's own folder of zips is never taken for
    a download of the class's (a red team's held a zip named after another student, counted
    as hers). A file neither a folder nor a zip (a README.txt, a PDF among ``submissions/*``)
    goes into ``ignored`` with the reason, unless it is the only path given (then its report
    says why it scores 0)."""
    if len(paths) == 1 and paths[0].is_dir():
        files = sorted(p for p in paths[0].iterdir() if p.is_file())
        zips = [p for p in files if _archive(p)]
        if zips and any(EXERCISE_FILE.fullmatch(p.name) for p in files):
            # Side by side, both readings are possible, and a wrong guess grades no one right:
            # a red team's file named as Canvas names a learner's upload
            # (ex01_mallory_1003_503_notes.py) made a class's download one submission, and
            # every zip in it went ungraded.
            raise UsageError(
                f"{paths[0]} holds {len(zips)} zip(s) and exercise files beside them: a "
                f"download of the class's zips, or one learner's folder? To grade the zips: "
                f"course grade {paths[0] / '*.zip'}; to grade the folder as one submission, "
                f"move the zips out of it")
        if zips and not _holds_exercises(paths[0]):
            say(f"course: {paths[0]}: a folder of {len(zips)} zip(s) and no exercise files: "
                "grading each zip as a submission")
            _skip([p for p in files if p not in zips], say, ignored)
            return zips
        if zips:  # a learner's course folder (exercises/ inside) with a zip of theirs beside
            say(f"course: {paths[0]}: graded as one learner's folder, from its exercise files; "
                f"its {len(zips)} zip(s) are not graded (give them by name to grade them)")
    taken = [p for p in paths if p.is_dir() or len(paths) == 1 or _archive(p)]
    _skip([p for p in paths if p not in taken], say, ignored)
    return taken


def _skip(paths: list[Path], say: Callable[[str], None], ignored: dict[str, str]) -> None:
    for path in paths:
        ignored[str(path)] = "not a zip archive or a folder: skipped"
        say(f"course: {path}: {ignored[str(path)]}")
