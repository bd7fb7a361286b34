"""Safe unpacking of submissions (zip archives or folders) into a fresh directory.

Refused: absolute paths, ``..`` components, symlinks and other non-regular files, too many
files, files or totals over the size limits. Sizes are counted while decompressing, never
taken from the archive's headers, so a zip bomb stops at the limit.

    >>> unpack(Path("alice.zip"), Path("/tmp/alice"))                   # doctest: +SKIP
    PosixPath('/tmp/alice/exercises')
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

EXERCISE_FILE = re.compile(r"ex\d\d_\w+\.py")


@dataclass(frozen=True)
class UnpackLimits:
    max_files: int = 200
    max_file_bytes: int = 1 << 20
    max_total_bytes: int = 8 << 20


class UnsafeSubmission(Exception):
    """The submission cannot be unpacked safely; the message says why, in one line."""


def _safe_parts(name: str) -> tuple[str, ...]:
    if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise UnsafeSubmission(f"refused path {name!r}: absolute")
    parts = PurePosixPath(name).parts
    if any(p in ("..", "") for p in parts):
        raise UnsafeSubmission(f"refused path {name!r}: it leaves the submission folder")
    return parts


def _copy_capped(src, dst: Path, limits: UnpackLimits, budget: list[int]) -> None:  # type: ignore[no-untyped-def]
    written = 0
    with open(dst, "xb") as out:
        while chunk := src.read(64 * 1024):
            written += len(chunk)
            budget[0] -= len(chunk)
            if written > limits.max_file_bytes:
                raise UnsafeSubmission(f"{dst.name} is larger than {limits.max_file_bytes} bytes")
            if budget[0] < 0:
                raise UnsafeSubmission(f"more than {limits.max_total_bytes} bytes in total "
                                       "(a zip bomb?)")
            out.write(chunk)


def _unzip(archive: Path, dest: Path, limits: UnpackLimits) -> None:
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as e:
        raise UnsafeSubmission(f"not a readable zip archive ({e})") from None
    budget = [limits.max_total_bytes]
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_files:
            raise UnsafeSubmission(f"more than {limits.max_files} files")
        for info in infos:
            parts = _safe_parts(info.filename)
            kind = stat.S_IFMT(info.external_attr >> 16)  # 0: no Unix type recorded
            if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
                raise UnsafeSubmission(f"refused {info.filename!r}: not a regular file")
            target = dest.joinpath(*parts)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(info) as src:
                    _copy_capped(src, target, limits, budget)
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError) as e:
                raise UnsafeSubmission(f"corrupt member {info.filename!r} ({e})") from None


def _copy_folder(folder: Path, dest: Path, limits: UnpackLimits) -> None:
    budget, count = [limits.max_total_bytes], 0
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            if path.is_symlink():
                raise UnsafeSubmission(f"refused {path.relative_to(folder)}: a symbolic link")
        for name in filenames:
            path = Path(dirpath) / name
            if not stat.S_ISREG(path.lstat().st_mode):
                raise UnsafeSubmission(f"refused {path.relative_to(folder)}: not a regular file")
            count += 1
            if count > limits.max_files:
                raise UnsafeSubmission(f"more than {limits.max_files} files")
            target = dest / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "rb") as src:
                _copy_capped(src, target, limits, budget)


def exercises_folder(root: Path) -> Path:
    """The folder (root, exercises/, or one wrapping folder down) holding exNN_*.py files."""
    candidates = [root, root / "exercises"]
    subdirs = [p for p in root.iterdir() if p.is_dir()] if root.is_dir() else []
    if len(subdirs) == 1:
        candidates += [subdirs[0], subdirs[0] / "exercises"]
    for folder in candidates:
        if folder.is_dir() and any(EXERCISE_FILE.fullmatch(p.name) for p in folder.iterdir()):
            return folder
    raise UnsafeSubmission("no exercise files (exNN_*.py) found")


def unpack(submission: Path, dest: Path, limits: UnpackLimits | None = None) -> Path:
    """Unpack a zip or copy a folder into ``dest`` (empty); return its exercises folder."""
    limits = limits or UnpackLimits()
    dest.mkdir(parents=True, exist_ok=True)
    if submission.is_dir():
        _copy_folder(submission, dest, limits)
    else:
        _unzip(submission, dest, limits)
    return exercises_folder(dest)
