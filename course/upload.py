"""What is graded of a Gradescope submission's folder, the files one learner uploaded.

Gradescope puts an upload in a folder of its own: in the autograder's container
(``/autograder/submission``) and in its "Export Submissions" download (``submission_<id>/``);
so does Moodle's "Download all submissions" (course.moodle), a folder per learner.
Learners upload their exercise files, or the zip `course submit` writes, which Gradescope
may leave unpacked. Both readings of a submission grade the same file of it, so a class
graded again with `course grade` from the export gets the scores Gradescope gave.

    >>> graded_upload(Path("export/submission_1001"))  # doctest: +SKIP
    PosixPath('export/submission_1001/ada-20261201T100000Z.zip')
"""

from __future__ import annotations

from pathlib import Path

from course.errors import UsageError
from course.gradebook import submission_time
from course.tasks import EXERCISE_FILES
from course.unpack import OS_LITTER


def graded_upload(folder: Path) -> Path:
    """What to grade: the folder when it holds exercise files (uploaded one by one, or a zip
    Gradescope unpacked), else the zip in it (`course submit`'s archive; of several, the one
    written last). Anything else beside the zip (notes.py, a README) changes nothing."""
    if not folder.is_dir():
        raise UsageError(f"no submission folder {folder}")
    if any(folder.glob(EXERCISE_FILES)) or any(folder.glob(f"*/{EXERCISE_FILES}")):
        return folder
    zips = [p for p in folder.iterdir() if p.suffix.lower() == ".zip" and p.is_file()
            and not p.is_symlink() and not p.name.startswith(".") and p.name not in OS_LITTER]
    if zips:
        return max(zips, key=lambda p: (submission_time(p) or "", p.name))
    return folder
