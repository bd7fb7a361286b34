"""Whether someone other than the grader's user may have written a path, or may change it.

The grader trusts what it finds in two places a learner must not write: Gradescope's
``submission_metadata.yml`` (who submitted each folder; course.gradescope_export) and
``course grade``'s own ``--out`` folder (a result found there for a submission's content is
taken as its grade, and not graded again; course.grade). Either may lie in or beside a drop
folder every learner writes to, where a file is theirs if they made it.

The grader's user is this process's effective user, root, and under ``sudo`` the user who
ran it (whose files an instructor's ``sudo course grade`` reads): a file of any of them is
the grader's.

    >>> changeable_by_others(Path("/"), sticky=True) is None
    True
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def _graders() -> tuple[set[int], set[int]]:
    """The user IDs and group IDs whose files count as the grader's own."""
    users, groups = {os.geteuid(), 0}, {os.getegid(), 0}
    for ids, name in ((users, "SUDO_UID"), (groups, "SUDO_GID")):
        if os.environ.get(name, "").isdigit():
            ids.add(int(os.environ[name]))
    return users, groups


def changeable_by_others(path: Path, sticky: bool = False) -> str | None:
    """Why a user other than the grader's may have written ``path`` or may change what it
    holds (None: no one may): it is another user's, or others may write to it (a group's
    write counts where the group is not the grader's). ``sticky``: a folder with the sticky
    bit (``/tmp``) counts as safe to write to, since no one but an entry's owner may then
    rename or remove it. A link is judged as itself, not what it points to, and by its owner
    alone: Linux shows every link as writable by all, yet only its folder decides who may
    replace it."""
    users, groups = _graders()
    found = path.lstat()
    if found.st_uid not in users:
        return f"{path} is user {found.st_uid}'s, not this grader's user's"
    if stat.S_ISLNK(found.st_mode):
        return None
    folder = stat.S_ISDIR(found.st_mode)
    if sticky and folder and found.st_mode & stat.S_ISVTX:
        return None
    if found.st_mode & stat.S_IWOTH or (found.st_mode & stat.S_IWGRP
                                         and found.st_gid not in groups):
        return f"others may write {'in ' if folder else ''}{path}"
    return None
