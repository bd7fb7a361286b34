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
import struct
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
    write counts where the group is not the grader's; so does an ACL's named user or group).
    ``sticky``: a folder with the sticky bit (``/tmp``) counts as safe to write to, since no
    one but an entry's owner may then rename or remove it. A link is judged as itself, not
    what it points to, and by its owner alone: Linux shows every link as writable by all, yet
    only its folder decides who may replace it."""
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
    granted = _acl_writers(path, users, groups)
    if granted:
        return f"an ACL lets {granted} write {'in ' if folder else ''}{path}"
    return None



def others_may_change(folder: Path, inside: tuple[str, ...] = ()) -> str | None:
    """Why a user other than the grader's may change what ``folder`` holds (None: no one
    may): it, or an entry ``inside`` it, is another's or others may write to it, or a folder
    on the way to it (as given, or with its links followed) lets others rename what it holds
    (``changeable_by_others``, a sticky folder being safe). A folder of the grader's inside a
    drop folder every learner writes to is theirs to rename away and replace with their own
    between one look at it and the next."""
    for given in (Path(os.path.abspath(folder)), folder.resolve()):
        for path in (*(given / name for name in inside), given):
            if path.exists() or path.is_symlink():
                why = changeable_by_others(path)
                if why:
                    return why
        for path in given.parents:
            if path.exists():
                why = changeable_by_others(path, sticky=True)
                if why:
                    return why
    return None

# A POSIX ACL as Linux stores it in the system.posix_acl_access attribute: a version, then
# entries of (tag, permissions, id); a named user's or group's entry counts only as far as
# the mask entry allows.
_ACL, _DEFAULT_ACL = "system.posix_acl_access", "system.posix_acl_default"
_ACL_USER, _ACL_GROUP, _ACL_MASK = 0x02, 0x08, 0x10
_WRITE = 0o2


def _acl_writers(path: Path, users: set[int], groups: set[int]) -> str | None:
    """Who, of the users and groups not the grader's, a POSIX ACL on ``path`` lets write
    (None: none, or no ACL). The mode's group bits then show the ACL's mask, not the owning
    group's permissions: a drop folder of mode 0775 and the grader's group, with
    ``setfacl -m g:students:rwx``, read as the grader's own (red team 18)."""
    if not hasattr(os, "getxattr"):  # (Linux's: macOS keeps its ACLs elsewhere)
        return None
    try:
        raw = os.getxattr(path, _ACL, follow_symlinks=False)
    except OSError:  # no ACL, or a file system without them
        return None
    entries = [struct.unpack_from("<HHI", raw, at) for at in range(4, len(raw) - 7, 8)]
    mask = next((perm for tag, perm, _ in entries if tag == _ACL_MASK), 0o7)
    for tag, perm, who in entries:
        if perm & mask & _WRITE and (tag == _ACL_USER and who not in users
                                      or tag == _ACL_GROUP and who not in groups):
            return f"{'user' if tag == _ACL_USER else 'group'} {who}"
    return None


def without_acls(folder: Path) -> None:
    """Remove the ACLs a folder the grader made took from its folder's default ACL (a drop
    folder opened with ``setfacl -d -m g:students:rwx``): what is made in it then has plain
    modes, the grader's alone, and a re-run does not read its own results folder as one the
    students may write in."""
    for name in (_ACL, _DEFAULT_ACL) if hasattr(os, "removexattr") else ():
        try:
            os.removexattr(folder, name, follow_symlinks=False)
        except OSError:  # (none there, or a file system without ACLs)
            pass
