"""Safe unpacking of submissions (zip archives or folders) into a fresh directory.

A submission is untrusted input: whatever it holds becomes that submission's one-line
``UnsafeSubmission`` reason, never an exception that stops a batch. In order:

1. A zip's entry count and the size of its central directory are read from its end record
   (22 bytes, plus the ZIP64 record) before anything else, so a 300,000-entry archive is
   refused without building 300,000 ``ZipInfo`` objects.
2. A submission of more than 200 entries (a zipped course folder, a repository, a learner's
   folder on a shared server) is reduced to its exercise files: the ``exNN_*.py`` files of its
   exercises folder, found where ``exercises_folder`` looks. Up to 5,000 entries are read to
   find them; a folder's other entries (a ``.venv`` of thousands) are never listed at all.
3. Every name unpacked is checked before anything is written: no absolute paths, ``..``, control
   characters, names over 255 bytes, a file that is also a folder, the same name twice or
   two names differing only in case (they collide on macOS and Windows).
4. Every entry: a regular file or folder (no symlinks, fifos, devices), not encrypted,
   stored or deflated, declared sizes within the limits.
5. Sizes are counted again while inflating, never trusted from the headers, so a zip bomb
   (or a header that lies) stops at the limit. A file larger than a file may be is cut one
   byte past that size, never read further: that one exercise is not graded, told why
   (course.engine), rather than the whole submission refused (a learner who pasted a large
   array into one file lost every exercise for it).

    >>> unpack(Path("alice.zip"), Path("/tmp/alice"))                   # doctest: +SKIP
    PosixPath('/tmp/alice/exercises')
"""

from __future__ import annotations

import errno
import os
import re
import stat
import struct
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from course.workspace import read_head

EXERCISE_FILE = re.compile(r"ex\d\d_\w+\.py")
# The largest file a submission's exercise may be: the grader's own process parses an exercise
# file (similarity, source rules), whose syntax tree can take 700 times its size in memory
# (docs/grading.md, "Source is read too").
MAX_FILE_BYTES = 1 << 20
MAX_NAME_BYTES = 255  # one file or folder name: the limit of every common file system
MAX_PATH_BYTES = 1024
# A central directory record is 46 bytes plus name, extra field and comment; allow each entry
# a full-length path and as much again for the rest.
MAX_RECORD_BYTES = 46 + 2 * MAX_PATH_BYTES
# ...and the records of a long listing ~100 bytes each on average (a course folder's paths):
# zipfile parses the whole directory, however many records it holds (~2.7 us and 0.5 KB
# each), so its size bounds their number: at most max_listed * 256 / 46 records, ~28,000.
MEAN_RECORD_BYTES = 256
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# What macOS adds beside the folder a learner zips (Archive Utility's resource forks, Finder's
# view settings): not a second folder that would make the wrapping one ambiguous.
OS_LITTER = frozenset({"__MACOSX", ".DS_Store"})
ZIP_MAGIC = (b"PK\3\4", b"PK\5\6")  # a zip's first entry, or an empty zip's end record
_READ_FAILURES = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError,
                  NotImplementedError, struct.error)


@dataclass(frozen=True)
class UnpackLimits:
    max_files: int = 200  # files and folders of a submission unpacked whole
    # entries read to find the exercise files of a larger one (a course folder holds ~300 with
    # its caches; the same with its .venv, tens of thousands). A zip's directory is parsed in
    # the grader's own process: at most max_listed * MEAN_RECORD_BYTES, 1.3 MB (0.07 s, 12 MB).
    max_listed: int = 5000
    # (course.engine tells a file cut at MAX_FILE_BYTES + 1, whatever is set here)
    max_file_bytes: int = MAX_FILE_BYTES
    max_total_bytes: int = 8 << 20
    # a zip as submitted, read once into a private copy (a zipped course folder without its
    # .venv is a few MB)
    max_archive_bytes: int = 64 << 20


class UnsafeSubmission(Exception):
    """The submission cannot be unpacked safely; the message says why, in one line."""


class _TooMany(UnsafeSubmission):
    """More entries than a submission unpacked whole may hold."""


SUBMIT_INSTEAD = ("Submit the zip `course submit` makes, which holds only the exNN_*.py files, "
                  "or upload just those files")


def _too_large(most: int, size: int | None = None) -> UnsafeSubmission:
    """The refusal of an archive over ``most`` bytes, with what usually causes it: it read
    "the archive is larger than 67108864 bytes" to a learner who zipped their course folder."""
    mib = f"{size / (1 << 20):.0f} MiB, " if size else ""
    return UnsafeSubmission(f"the archive is too large ({mib}more than the {most >> 20} MiB a "
                            f"submission may be): the course folder with its .venv? "
                            f"{SUBMIT_INSTEAD}")


def _too_many(most: int, counted: str = "") -> _TooMany:
    """The refusal of more than ``most`` entries, with what usually causes it."""
    return _TooMany(f"more than {most} files and folders{f' ({counted})' if counted else ''}: "
                    f"the course folder with its .venv? {SUBMIT_INSTEAD}")


def _within(found: list, limits: UnpackLimits) -> list:
    """The exercise files found in a large submission, if no more than a submission may hold."""
    if len(found) > limits.max_files:
        raise UnsafeSubmission(f"more than {limits.max_files} exercise files in one folder")
    return found


def _no_exercises(limits: UnpackLimits) -> UnsafeSubmission:
    return UnsafeSubmission(
        f"more than {limits.max_files} files and folders, and no exercise files (exNN_*.py) "
        f"where they are looked for (the top, exercises/, or one folder down): {SUBMIT_INSTEAD}")


def is_zip(path: Path) -> bool:
    """Whether ``path`` is a zip by its content."""
    return read_head(path, 4) in ZIP_MAGIC


def _show(name: str) -> str:
    """A name quoted for a message: control characters escaped, long names shortened."""
    text = repr(name)
    return text if len(text) <= 60 else text[:45] + "..." + text[-12:]


# ---- names ------------------------------------------------------------------------------

def _safe_parts(name: str) -> tuple[str, ...]:
    """The path components of one entry name, or the reason it is refused."""
    if _CONTROL.search(name):
        raise UnsafeSubmission(f"refused {_show(name)}: control characters in a file name")
    try:
        size = len(name.encode("utf-8"))
    except UnicodeEncodeError:  # a folder's undecodable bytes, kept as surrogates by os
        raise UnsafeSubmission(f"refused {_show(name)}: the name is not valid UTF-8") from None
    if "\\" in name:
        raise UnsafeSubmission(f"refused {_show(name)}: a backslash in a name (a Windows path?)")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise UnsafeSubmission(f"refused path {_show(name)}: absolute")
    parts = PurePosixPath(name).parts
    if not parts:
        raise UnsafeSubmission(f"refused an entry named {_show(name)}: no file name")
    if ".." in parts:
        raise UnsafeSubmission(f"refused path {_show(name)}: it leaves the submission folder")
    if any(len(p.encode()) > MAX_NAME_BYTES for p in parts):
        raise UnsafeSubmission(f"refused {_show(name)}: a file or folder name longer than "
                               f"{MAX_NAME_BYTES} bytes")
    if size > MAX_PATH_BYTES:
        raise UnsafeSubmission(f"refused {_show(name)}: a path longer than {MAX_PATH_BYTES} "
                               "bytes")
    return parts


def _check_layout(files: Iterable[tuple[str, ...]], folders: Iterable[tuple[str, ...]]) -> None:
    """Refuse a set of entries that cannot all be written as given: the same file twice, a
    name that is both a file and a folder, names that differ only in case or in Unicode
    normalization (one would overwrite the other on macOS or Windows)."""
    seen_files: set[tuple[str, ...]] = set()
    all_folders = set(folders)
    for parts in files:
        if parts in seen_files:
            raise UnsafeSubmission(f"refused {_show('/'.join(parts))}: it appears twice")
        seen_files.add(parts)
        all_folders.update(parts[:i] for i in range(1, len(parts)))
    clash = seen_files & all_folders
    if clash:
        raise UnsafeSubmission(f"refused {_show('/'.join(min(clash)))}: it is both a file and "
                               "a folder")
    folded: dict[str, str] = {}
    for parts in sorted(seen_files | all_folders):
        name = "/".join(parts)
        key = unicodedata.normalize("NFC", name).casefold()
        if folded.setdefault(key, name) != name:
            raise UnsafeSubmission(f"refused {_show(name)} and {_show(folded[key])}: names that "
                                   "differ only in upper/lower case")


# ---- copying with a budget --------------------------------------------------------------

def _copy_capped(src: BinaryIO, dst: Path, limits: UnpackLimits, budget: list[int]) -> None:
    """Copy ``src`` up to one byte more than a file may hold: a file cut there is too large,
    which grading says of its exercise, and nothing past it is read (or inflated)."""
    most, written = limits.max_file_bytes + 1, 0
    with open(dst, "xb") as out:
        while written < most and (chunk := src.read(min(64 * 1024, most - written))):
            written += len(chunk)
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise UnsafeSubmission(f"more than {limits.max_total_bytes} bytes in total "
                                       "(a zip bomb?)")
            out.write(chunk)


# ---- zip archives -----------------------------------------------------------------------

_END = struct.Struct("<4s4H2LH")  # end of central directory record
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64 = struct.Struct("<4sQ2H2L4Q")


def directory_size(f: BinaryIO) -> tuple[int, int]:
    """(entries, central directory bytes) from a zip's end record, found as zipfile finds it
    (in the last 64 KiB + 22 bytes, ZIP64 records included); raises UnsafeSubmission if absent.
    The ZIP64 locator is read from the file before the end record, not from the tail read:
    an end record at the very start of that tail (65,530 bytes of "comment" after it) hides a
    locator there, which zipfile still reads (a red team's 2,000,000-entry directory)."""
    f.seek(0, os.SEEK_END)
    length = f.tell()
    tail_start = max(0, length - ((1 << 16) + _END.size))
    f.seek(tail_start)
    tail = f.read()
    at = len(tail) - _END.size  # no archive comment: the record is last
    if at < 0 or tail[at:at + 4] != b"PK\5\6" or tail[-2:] != b"\0\0":
        at = tail.rfind(b"PK\5\6")
    if at < 0 or at + _END.size > len(tail):
        raise UnsafeSubmission("not a readable zip archive (no end-of-archive record: "
                               "truncated, or not a zip)")
    _, _, _, _, entries, cd_size, _, _ = _END.unpack_from(tail, at)
    locator = tail_start + at - _END64_LOCATOR.size
    if locator < 0:
        return entries, cd_size
    f.seek(locator)
    found = f.read(_END64_LOCATOR.size)
    if found[:4] != b"PK\6\7" or len(found) != _END64_LOCATOR.size:
        return entries, cd_size
    points_at = _END64_LOCATOR.unpack(found)[2]
    # zipfile reads the ZIP64 record just before the locator (Python 3.11) or where the
    # locator points (later versions): the larger of what either holds bounds both.
    records = []
    for record in {locator - _END64.size, points_at}:
        if 0 <= record <= length - _END64.size:
            f.seek(record)
            fields = _END64.unpack(f.read(_END64.size))
            if fields[0] == b"PK\6\6":
                records.append((fields[7], fields[8]))
    if not records:
        raise UnsafeSubmission("not a readable zip archive (a broken ZIP64 record)")
    return max(r[0] for r in records), max(r[1] for r in records)


def directory_bound(entries: int, limits: UnpackLimits) -> int:
    """The most bytes of directory a zip listing ``entries`` may have."""
    return min(max(entries, 1) * MAX_RECORD_BYTES, limits.max_listed * MEAN_RECORD_BYTES)


def open_submission(path: Path) -> int:
    """A descriptor of the submission at ``path``, opened once and never through a link: what
    is checked is what is read. (Checked, then opened again by name, the path could be swapped
    in between by a learner who owns the folder holding it: for a link to another's work, or a
    fifo that blocked the grader.) A fifo opens without waiting, to be refused by its type."""
    try:
        return os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise UnsafeSubmission("the submission is a symbolic link") from None
        raise


@contextmanager
def open_zip(archive: Path | BinaryIO, limits: UnpackLimits) -> Iterator[zipfile.ZipFile]:
    """``archive`` (a path, or a file opened by open_submission) opened by zipfile only once
    its end record shows a directory within ``limits`` (zipfile alone would parse any size of
    directory, in this process); raises UnsafeSubmission. For anything else that reads a
    submission's zip, too."""
    try:
        given = os.fdopen(open_submission(archive), "rb") if isinstance(archive, Path) \
            else archive
    except OSError as e:
        raise UnsafeSubmission(f"cannot read the archive ({e.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(given.fileno()).st_mode):
            raise UnsafeSubmission("not a zip file")
        with _snapshot(given, limits) as f:
            yield from _checked_zip(f, limits)
    finally:
        if isinstance(archive, Path):
            given.close()


def _checked_zip(f: BinaryIO, limits: UnpackLimits) -> Iterator[zipfile.ZipFile]:
    """open_zip's checks, then zipfile, on the private copy."""
    if f.seek(0, os.SEEK_END) == 0:  # (an upload that failed, or an LMS's placeholder)
        raise UnsafeSubmission(f"empty file (0 bytes): not a zip, not even an empty one{_NONE}")
    try:
        entries, cd_size = directory_size(f)
    except OSError as e:
        raise UnsafeSubmission(f"cannot read the archive ({e.strerror})") from None
    if entries > limits.max_listed:
        raise _too_many(limits.max_listed, f"the archive lists {entries}")
    if cd_size > directory_bound(entries, limits):
        raise UnsafeSubmission(f"the archive's directory is {cd_size} bytes, more than "
                               f"{entries} entries can need")
    try:
        zf = zipfile.ZipFile(f)  # parses at most cd_size bytes of directory
    except UnicodeDecodeError:
        raise UnsafeSubmission("a file name in the archive is marked UTF-8 but is not valid "
                               "UTF-8 (re-create the archive, e.g. with `course submit`)"
                               ) from None
    except _READ_FAILURES as e:
        raise UnsafeSubmission(f"not a readable zip archive ({e})") from None
    with zf:
        if len(zf.infolist()) > limits.max_listed:  # the end record may understate
            raise _too_many(limits.max_listed)
        yield zf


def _snapshot(f: BinaryIO, limits: UnpackLimits) -> BinaryIO:
    """A private copy of an archive, read once. A learner who owns the zip can rewrite it
    while it is read: an end record that passed the checks, then another for zipfile (a red
    team's: a 2,000,000-entry directory, 790 MB; a 3 GB sparse one, 3 GB). The copy is what
    the checks and zipfile read."""
    most = limits.max_archive_bytes
    if (size := os.fstat(f.fileno()).st_size) > most:
        raise _too_large(most, size)
    copy = tempfile.SpooledTemporaryFile(max_size=256 << 10)  # (a course submit zip: ~30 KB)
    f.seek(0)
    copied = 0
    while chunk := f.read(1 << 16):
        copied += len(chunk)
        if copied > most:  # it grew while read
            copy.close()
            raise _too_large(most)
        copy.write(chunk)
    copy.seek(0)
    return copy


def _unreadable(info: zipfile.ZipInfo) -> UnsafeSubmission | None:
    """Why a member cannot be read within a bound, if it cannot. zipfile stops inflating
    deflate at the size a read asks for, but decompresses a whole chunk of bzip2 or LZMA at
    once, however far it expands (a red team's 64 KiB manifest.json: 92 GB)."""
    if info.flag_bits & 0x1:
        return UnsafeSubmission(f"refused {_show(info.filename)}: it is encrypted "
                                "(password-protected)")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return UnsafeSubmission(f"refused {_show(info.filename)}: compression method "
                                f"{info.compress_type} is not supported (use deflate, the "
                                "default of every zip tool)")
    return None


def read_member(zf: zipfile.ZipFile, name: str, most: int) -> bytes:
    """At most ``most`` + 1 bytes of member ``name`` (KeyError if there is none), for anything
    that reads one member of a submission's zip without unpacking it."""
    info = zf.getinfo(name)
    if (refused := _unreadable(info)) is not None:
        raise refused
    with zf.open(info) as f:
        return f.read(most + 1)


def _check_entry(info: zipfile.ZipInfo) -> tuple[str, ...]:
    parts = _safe_parts(info.filename)
    kind = stat.S_IFMT(info.external_attr >> 16)  # 0: no Unix type recorded
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise UnsafeSubmission(f"refused {_show(info.filename)}: not a regular file")
    if (refused := _unreadable(info)) is not None:
        raise refused
    return parts


def _unzip(archive: BinaryIO, dest: Path, limits: UnpackLimits) -> None:
    with open_zip(archive, limits) as zf:
        infos = zf.infolist()
        if len(infos) > limits.max_files:  # a zipped course folder, say: its exercise files
            infos = _exercise_entries(infos, limits)
        entries = [(info, _check_entry(info)) for info in infos]
        _check_layout((p for i, p in entries if not i.is_dir()),
                     (p for i, p in entries if i.is_dir()))
        # (a file larger than a file may be is unpacked only as far as _copy_capped reads it)
        if sum(min(i.file_size, limits.max_file_bytes + 1) for i, _ in entries) \
                > limits.max_total_bytes:
            raise UnsafeSubmission(f"more than {limits.max_total_bytes} bytes in total once "
                                   "unpacked (a zip bomb?)")
        budget = [limits.max_total_bytes]
        for info, parts in entries:
            target = dest.joinpath(*parts)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(info) as src:
                    _copy_capped(src, target, limits, budget)
            except _READ_FAILURES as e:
                raise UnsafeSubmission(f"corrupt or truncated member {_show(info.filename)} "
                                       f"({e})") from None


def _exercise_entries(infos: list[zipfile.ZipInfo], limits: UnpackLimits
                      ) -> list[zipfile.ZipInfo]:
    """The exercise files of an archive too large to unpack whole, from the first of
    ``_places`` that holds any. Other entries are never written, so their names are not
    refused (one that is not even a safe path is just not looked at)."""
    named = []
    for info in infos:
        try:
            named.append((info, _safe_parts(info.filename)))
        except UnsafeSubmission:
            continue
    tops = {parts[0] for info, parts in named if len(parts) > 1 or info.is_dir()}
    for where in _places(tops):
        found = [info for info, parts in named if parts[:-1] == where and not info.is_dir()
                 and EXERCISE_FILE.fullmatch(parts[-1])]
        if found:
            return _within(found, limits)
    raise _no_exercises(limits)


# ---- folders ----------------------------------------------------------------------------

_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW


class _Folders:
    """A submission folder, read through descriptors. A folder graded where it lies (a drop
    folder, a shared server) can change while it is read: a learner who swaps a listed folder
    for a link to the solutions, between listing and copying, only has the swap refused (a
    red team's race: opening by path, the grader (root) read the solutions as hers). Each
    folder is reached from the submission's own descriptor one folder at a time, none through
    a link, each the same folder (device and inode) as when first reached; only the way to one
    folder is open at a time (holding every listed folder open, a few deep submissions graded
    side by side used up the grader's descriptors)."""

    def __init__(self, root_fd: int) -> None:
        self.root = root_fd
        self.seen: dict[tuple[str, ...], tuple[int, int]] = {}

    @contextmanager
    def folder(self, parts: tuple[str, ...]) -> Iterator[int | None]:
        """A descriptor of the folder at ``parts``, closed after; None if none is there."""
        fd = os.dup(self.root)
        try:
            for i in range(1, len(parts) + 1):
                try:
                    child = os.open(parts[i - 1], _DIRECTORY, dir_fd=fd)
                except OSError as e:
                    # A link is refused with ELOOP, or ENOTDIR (O_DIRECTORY checked first).
                    if e.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link(parts[i - 1], fd):
                        raise UnsafeSubmission(f"refused {_show('/'.join(parts[:i]))}: a "
                                               "symbolic link") from None
                    if e.errno in (errno.ENOENT, errno.ENOTDIR):
                        os.close(fd)
                        fd = -1
                        break
                    raise
                os.close(fd)
                fd = child
                found = os.fstat(fd)
                if self.seen.setdefault(parts[:i], (found.st_dev, found.st_ino)) != (
                        found.st_dev, found.st_ino):
                    raise UnsafeSubmission(f"{_show('/'.join(parts[:i]))} changed while it "
                                           "was read")
            yield None if fd < 0 else fd
        finally:
            if fd >= 0:
                os.close(fd)

    def entries(self, parts: tuple[str, ...], most: int) -> list[tuple[str, int]]:
        """(name, type and mode, not following links) of up to ``most`` + 1 entries of the
        folder at ``parts`` (none if it is no folder)."""
        with self.folder(parts) as fd:
            if fd is None:
                return []
            with os.scandir(fd) as it:
                return [(e.name, e.stat(follow_symlinks=False).st_mode)
                        for e in islice(it, most + 1)]

    def open_file(self, parts: tuple[str, ...]) -> BinaryIO:
        """A regular file of the submission, opened without following a link."""
        shown = _show("/".join(parts))
        with self.folder(parts[:-1]) as parent:
            if parent is None:
                raise UnsafeSubmission(f"{shown} changed while it was read")
            try:
                fd = os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK,
                             dir_fd=parent)
            except OSError as e:
                if e.errno == errno.ELOOP:
                    raise UnsafeSubmission(f"refused {shown}: a symbolic link") from None
                raise
        src = open(fd, "rb")  # (O_NONBLOCK: a fifo swapped in opens, and is refused below)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            src.close()
            raise UnsafeSubmission(f"refused {shown}: not a regular file")
        return src


def _is_link(name: str, dir_fd: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _list_folder(folders: _Folders, limits: UnpackLimits
                 ) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Relative files and folders, refusing links and special files; stops counting early
    (_TooMany). The first refusal is raised once the count is known to be within bounds: in a
    course folder too large to copy whole, a .venv's links are no reason to refuse it."""
    files, listed, refusals, pending = [], [], [], [()]
    while pending:
        here = pending.pop()
        try:
            entries = folders.entries(here, limits.max_files)
        except UnsafeSubmission as refused:
            refusals.append(refused)
            continue
        except OSError as e:  # a home folder's private .ssh: refused only if copied whole
            if not here:
                raise  # the submission itself: unpack says it cannot be read
            refusals.append(UnsafeSubmission(f"cannot read {_show('/'.join(here))} "
                                             f"({e.strerror or e})"))
            continue
        for name, mode in entries:
            parts = (*here, name)
            shown = "/".join(parts)
            if len(files) + len(listed) + len(refusals) >= limits.max_files:
                raise _too_many(limits.max_files)
            try:
                if stat.S_ISLNK(mode):
                    raise UnsafeSubmission(f"refused {_show(shown)}: a symbolic link")
                _safe_parts(shown)
                if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                    raise UnsafeSubmission(f"refused {_show(shown)}: not a regular file "
                                           "(a fifo, socket or device)")
            except UnsafeSubmission as refused:
                refusals.append(refused)
                continue
            if stat.S_ISDIR(mode):
                listed.append(parts)
                pending.append(parts)
            else:
                files.append(parts)
    if refusals:
        raise refusals[0]
    return files, listed


def _exercise_files(folders: _Folders, limits: UnpackLimits
                    ) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """The exercise files of a folder too large to copy whole, from the first of ``_places``
    that holds any, and the folders above them. Only those folders are listed: a course
    folder's .venv or .git is never walked. A link on the way, or as an exercise file, is
    refused as _list_folder refuses it."""
    tops = {name for name, mode in _scan(folders, (), limits) if stat.S_ISDIR(mode)}
    for where in _places(tops):
        names = _exercise_names(folders, where, limits)
        if names:
            return _within([(*where, name) for name in names], limits), \
                [where[:i] for i in range(1, len(where) + 1)]
    raise _no_exercises(limits)


def _exercise_names(folders: _Folders, where: tuple[str, ...], limits: UnpackLimits
                    ) -> list[str]:
    names = []
    for name, mode in _scan(folders, where, limits):
        if EXERCISE_FILE.fullmatch(name):
            shown = "/".join((*where, name))
            _safe_parts(shown)
            if stat.S_ISLNK(mode):
                raise UnsafeSubmission(f"refused {_show(shown)}: a symbolic link")
            if not stat.S_ISREG(mode):
                raise UnsafeSubmission(f"refused {_show(shown)}: not a regular file")
            names.append(name)
    return sorted(names)


def _scan(folders: _Folders, where: tuple[str, ...], limits: UnpackLimits
          ) -> list[tuple[str, int]]:
    """One folder's entries (none if it is no folder), at most ``limits.max_listed``."""
    entries = folders.entries(where, limits.max_listed)
    if len(entries) > limits.max_listed:
        raise _too_many(limits.max_listed, f"in {_show('/'.join(where) or '.')}")
    return entries


def _to_copy(folders: _Folders, limits: UnpackLimits
             ) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """The files and folders of a submission folder to copy, checked."""
    try:
        files, listed = _list_folder(folders, limits)
    except _TooMany:  # a course folder, say: only its exercise files
        files, listed = _exercise_files(folders, limits)
    _check_layout(files, listed)
    return files, listed


def _copy(folders: _Folders, files: list[tuple[str, ...]], listed: list[tuple[str, ...]],
          dest: Path, limits: UnpackLimits) -> None:
    """Copy what _to_copy chose, each file reached as its folder was when listed."""
    budget = [limits.max_total_bytes]
    for parts in listed:
        dest.joinpath(*parts).mkdir(parents=True, exist_ok=True)
    for parts in files:
        with folders.open_file(parts) as src:
            _copy_capped(src, dest.joinpath(*parts), limits, budget)


def _places(folders: Iterable[str]) -> list[tuple[str, ...]]:
    """Where a submission's exercise files may be, in the order looked at, given the folders
    at its top: the top itself, exercises/, and the same one folder down when one folder wraps
    everything (a zipped folder; macOS's litter beside it aside)."""
    wrapping = [name for name in folders if name not in OS_LITTER]
    places = [(), ("exercises",)]
    if len(wrapping) == 1:
        places += [(wrapping[0],), (wrapping[0], "exercises")]
    return places


def holds_exercise_files(folder: Path) -> bool:
    """Whether ``folder`` itself (not below) holds exNN_*.py files."""
    return folder.is_dir() and any(EXERCISE_FILE.fullmatch(p.name) for p in folder.iterdir())


def exercises_folder(root: Path) -> Path:
    """The folder (root, exercises/, or one wrapping folder down) holding exNN_*.py files."""
    subdirs = [p.name for p in root.iterdir() if p.is_dir()] if root.is_dir() else []
    for where in _places(subdirs):
        folder = root.joinpath(*where)
        if holds_exercise_files(folder):
            return folder
    raise UnsafeSubmission("no exercise files (exNN_*.py) found")


def unpack(submission: Path, dest: Path, limits: UnpackLimits | None = None) -> Path:
    """Unpack a zip or copy a folder into ``dest`` (empty); return its exercises folder."""
    limits = limits or UnpackLimits()
    dest.mkdir(parents=True, exist_ok=True)
    try:
        fd = open_submission(submission)  # `bob -> alice` in a drop folder: refused
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                folders = _Folders(fd)
                _copy(folders, *_to_copy(folders, limits), dest, limits)
            elif stat.S_ISREG(mode):
                with os.fdopen(os.dup(fd), "rb") as archive:
                    _unzip(archive, dest, limits)
            else:  # a fifo, opened without waiting
                raise UnsafeSubmission("not a zip file or a folder")
        finally:
            os.close(fd)
    except OSError as e:  # e.g. a folder we may not read: the submission's problem, not ours
        raise UnsafeSubmission(f"cannot read the submission ({e.strerror or e})") from None
    try:
        return exercises_folder(dest)
    except UnsafeSubmission:
        zips = _zips_in(dest)
        if not zips:
            raise UnsafeSubmission(_nothing_to_grade(
                dest, "folder" if stat.S_ISDIR(mode) else "zip")) from None
        # A learner's zip of zips (or folder of them), given among the class's: its zips are
        # not graded (a red team's was named after another student), which a bare "no
        # exercise files" left the instructor and the learner to puzzle out.
        shown = ", ".join(_show("/".join(z)) for z in zips[:3]) + (", ..." if len(zips) > 3
                                                                   else "")
        raise UnsafeSubmission(
            f"no exercise files (exNN_*.py) found, only {len(zips)} zip(s) inside ({shown}): "
            "a zip is not unpacked from a submission; hand in the zip `course submit` writes, "
            "or give a zip inside to `course grade` by name") from None


NOTHING_TO_GRADE = ("empty zip", "empty folder", "empty file", "no exercise files")
_NONE = "; no exercise files (exNN_*.py) to grade"  # (what a learner on Gradescope reads)


def nothing_to_grade(problem: str) -> bool:
    """Whether a submission's ``problem`` is that it was read and holds nothing to grade (an
    empty zip, one of folders or of other files), not that it could not be read."""
    return problem.startswith(NOTHING_TO_GRADE)


def _litter(parts: tuple[str, ...]) -> bool:
    """Whether a file is what macOS adds to what it zips (``__MACOSX/``, ``.DS_Store``,
    ``._name``), none of the learner's."""
    return bool(OS_LITTER & set(parts)) or parts[-1].startswith("._")


def _nothing_to_grade(dest: Path, what: str) -> str:
    """Why an unpacked submission (``dest``, ours) holding no exercise files has nothing to
    grade, saying what it holds: an empty zip from a learner who zipped nothing (or an LMS's
    placeholder) read as "no exercise files found", which told no one it was empty."""
    files, folders = [], []
    for folder, subdirs, names in os.walk(dest):
        here = Path(folder).relative_to(dest).parts
        folders += [(*here, d) for d in subdirs]
        files += [(*here, n) for n in names]
    theirs = sorted(f for f in files if not _litter(f))
    if not files and not folders:
        return f"empty {what}: no files in it{_NONE}"
    if not files:
        shown = sorted("/".join(f) + "/" for f in folders if not (OS_LITTER & set(f)))
        return (f"empty {what}: only folders ({_shown(shown) or '__MACOSX/'}), no files in "
                f"them{_NONE}")
    if not theirs:
        return (f"empty {what}: only the files macOS adds to what it zips (__MACOSX/, "
                f".DS_Store), none of the learner's{_NONE}")
    empty = [f for f in theirs if (dest.joinpath(*f)).stat().st_size == 0]
    return (f"no exercise files (exNN_*.py) found, only {len(theirs)} other file(s): "
            f"{_shown(['/'.join(f) for f in theirs])}"
            + (" (all empty: 0 bytes)" if len(empty) == len(theirs) else "")
            + "; the course's files are named like ex01_requires_grad.py")


def _shown(names: list[str], most: int = 3) -> str:
    """The first ``most`` names, quoted for a message."""
    return ", ".join(_show(n) for n in names[:most]) + (", ..." if len(names) > most else "")


def _zips_in(dest: Path) -> list[tuple[str, ...]]:
    """The zips (by name or content) of an unpacked submission, as paths inside it."""
    found = []
    for folder, _, files in os.walk(dest):
        for name in sorted(files):
            path = Path(folder, name)
            if name.lower().endswith(".zip") or is_zip(path):
                found.append(path.relative_to(dest).parts)
    return sorted(found)
