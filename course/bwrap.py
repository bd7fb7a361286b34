"""The bubblewrap command line that runs one submission's zygote (``course.child``).

Inside, the learner's code sees a file system holding only what Python needs, read-only:

- the operating system's programs and libraries (``/usr`` and its ``/lib``, ``/bin`` links),
- the Python installation and environment that runs the grader (``sys.base_prefix``,
  ``sys.prefix``, and any other site-packages folder on ``sys.path``), so numpy and the other
  installed packages are there,
- the ``minigrad`` and ``course`` package folders, at their own paths (an editable install's
  path hooks then still work), with ``course/solutions`` covered by an empty read-only tmpfs
  and ``course/specs`` by the specs as the student edition holds them (``withheld_specs``);
  with ``minigrad=False`` (the exercises graded without it) no ``minigrad`` at all: its folder
  is not shown, and covered where it lies inside another one shown (an installed package);
  nor any other installed package but numpy: every site-packages (or dist-packages) folder is
  covered, and numpy (with the libraries its wheel brings) and ``course`` shown again in it,
  so an engine installed beside them (sympy, say, in the base Python's) is not there either,
- the submission's files at ``/submission``,
- a size-capped tmpfs at ``/tmp`` (the only writable place; also ``HOME``), a fresh ``/proc`` of
  its own PID namespace and a minimal ``/dev``.

It runs as uid/gid 65534 ("nobody") in new user, mount, PID, network, IPC, UTS and cgroup
namespaces (and as 65534 outside too where the grader is root: see ``Launch``), with no
capabilities, no new privileges (bwrap always sets it), no nested user namespaces, a cleared
environment, and dies with the grader (``--die-with-parent``). The zygote is PID 1 there
(``--as-pid-1``): the kernel drops signals that its own forks send it, and when it ends, every
process of the namespace ends with it.

    >>> cmd = command(["python3", "-c", "pass"], Path("/tmp/alice"), 64 << 20, [])
    >>> Path(cmd[0]).name, "--unshare-all" in cmd, cmd[-3:]
    ('bwrap', True, ['python3', '-c', 'pass'])
"""

from __future__ import annotations

import atexit
import compileall
import functools
import hashlib
import os
import shlex
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import numpy

import course
import minigrad

SANDBOX_UID = 65534  # "nobody": owns no file outside, and only exists inside the namespace
SUBMISSION = Path("/submission")
SCRATCH = Path("/tmp")
PACKAGES = tuple(Path(m.__file__ or "").resolve().parent for m in (course, minigrad))
MINIGRAD = PACKAGES[1]
NUMPY = Path(numpy.__file__).resolve().parent
SOLUTIONS = PACKAGES[0] / "solutions"
SPECS = PACKAGES[0] / "specs"
_SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")


def executable() -> str | None:
    """bwrap's path, or None when bubblewrap is not installed."""
    return shutil.which("bwrap")


def not_links(paths: Iterable[Path]) -> list[Path]:
    """``paths`` that exist, each as the path it is, not followed if it is a link (its folder
    resolved, itself not): a submission a learner turned into a link to /usr is no reason to
    hide /usr. A link is refused as a submission anyway."""
    found = (Path(os.path.realpath(p.parent)) / p.name for p in paths)
    return list(dict.fromkeys(p for p in found if p.exists() and not p.is_symlink()))


def _inside(path: Path, roots: Iterable[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def read_only_trees(packages: Iterable[Path] = PACKAGES) -> list[Path]:
    """Host folders visible read-only in the sandbox (besides the system's and the files)."""
    trees: list[Path] = []
    # Installed packages may also live outside the prefixes (user site-packages, for one).
    sites = [Path(p) for p in sys.path if Path(p).name in ("site-packages", "dist-packages")
             and Path(p).is_dir()]
    for path in (Path(sys.base_prefix), Path(sys.prefix), Path(sys.exec_prefix), *sites,
                 *packages):
        path = path.resolve()
        if not _inside(path, [*trees, *map(Path, _SYSTEM)]):
            trees = [t for t in trees if not _inside(t, [path])] + [path]
    return trees


_generating = threading.Lock()


def withheld_specs() -> Path:
    """A folder holding ``course/specs`` as the student edition has it: every misconception's
    variant withheld, with the helpers only the variants use (ex10's correct engine, ex02's
    graph walk...). Learner code would otherwise import those correct helpers as answers, or
    print them into its feedback. Written and compiled once (the sandbox's packages are
    read-only, so it would compile them again each time) and kept in this user's cache folder
    under a digest of all that decides it, so later grading runs reuse it; where there is no
    usable cache folder, a temporary one lives as long as the grader."""
    with _generating:
        return _write_withheld_specs()


@functools.cache
def _write_withheld_specs() -> Path:
    from course.release import write_withheld_specs  # it imports the grader, which imports this

    digest = hashlib.sha256(sys.version.encode())
    for path in [*sorted(SPECS.glob("*.py")), PACKAGES[0] / "release.py"]:
        digest.update(os.fsencode(path.name) + b"\0" + path.read_bytes())
    cache = _cache_folder()
    kept = cache / f"specs-{digest.hexdigest()[:24]}" if cache else None
    if kept is not None and kept.is_dir():
        os.utime(kept)  # in use: see _prune
        return kept
    if cache is not None:
        _prune(cache)
    folder = Path(tempfile.mkdtemp(prefix="course-specs-", dir=cache))
    write_withheld_specs(SPECS, folder)
    compileall.compile_dir(folder, quiet=2)
    for path in [folder, *folder.rglob("*")]:  # readable by the sandbox's user
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    if kept is None:
        atexit.register(shutil.rmtree, folder, True)
        return folder
    try:
        folder.rename(kept)  # whole or not at all: a grader that reads it finds it complete
    except OSError:  # another grader was quicker: its copy is the same
        shutil.rmtree(folder, ignore_errors=True)
    return kept


def _prune(cache: Path, unused_for_s: float = 30 * 86400) -> None:
    """Remove the copies no grading run has used for a month (each version of the specs
    writes one, and an instructor who edits them would otherwise collect them forever), and
    what a writer that died left half-written. A run in progress touched its copy."""
    cutoff = time.time() - unused_for_s
    for path in [*cache.glob("specs-*"), *cache.glob("course-specs-*")]:
        try:
            if path.is_dir() and not path.is_symlink() and path.stat().st_mtime < cutoff:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:  # gone already: another grader pruned it
            pass


def _cache_folder() -> Path | None:
    """``~/.cache/autograd-course`` (or under ``$XDG_CACHE_HOME``), this user's alone, else
    None: a folder others could write into would let them choose what the sandbox imports."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "autograd-course"
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = root.stat()
    except (OSError, RuntimeError):  # RuntimeError: no home folder to expand
        return None
    return root if info.st_uid == os.getuid() and not info.st_mode & 0o077 else None


def installed_packages(visible: Iterable[Path]) -> list[Path]:
    """The folders of installed packages inside ``visible``: every site-packages and
    dist-packages folder of the Python installations there (the grader's venv, its base
    Python, the system's), whether on this Python's path or not (a path can be appended)."""
    found = [Path(p) for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]
    for root in visible:
        for pattern in ("lib*/python3*/*-packages", "local/lib*/python3*/*-packages",
                        "lib/python3/dist-packages"):
            found += root.glob(pattern)
    folders = dict.fromkeys(p.resolve() for p in found if p.is_dir())
    return [p for p in folders if _inside(p, visible)]


def other_copies(visible: Iterable[Path] | None = None) -> list[Path]:
    """Other installed copies of the ``course`` package in ``visible`` than the one grading
    (an earlier ``sudo pip install .`` into the system's Python, or into the Python a venv was
    made from): each holds reference solutions and the full specs, which the masks of this
    package's own do not cover. An eighth red team read a stale copy's solutions from an
    exercise file. ``visible``: by default the system's folders and the Python's."""
    if visible is None:
        visible = [*read_only_trees(), *map(Path, _SYSTEM)]
    own = PACKAGES[0]
    return [copy for site in installed_packages(visible)
            if (copy := site / "course").is_dir() and copy.resolve() != own
            and (copy / "solutions").is_dir()]


def checkout_history(packages: Iterable[Path] = PACKAGES) -> list[Path]:
    """The git folders of the checkout the packages are run from, if they are: every committed
    version of the reference solutions and the full specs is in there, at names a learner can
    know (an object's is its content's hash, and the open edition is public). A red team's
    files in mode "user" ran git on it as the sandbox's user and scored 28 of 32. A worktree's
    ``.git`` file names its folder, and that the main one (``commondir``)."""
    found: list[Path] = []
    for package in packages:
        for folder in package.parents:
            git = folder / ".git"
            if git.is_file():
                text = git.read_text(errors="replace").strip()
                if text.startswith("gitdir:"):
                    own = (folder / text.removeprefix("gitdir:").strip()).resolve()
                    common = own / "commondir"
                    found += [git, own] + ([(own / common.read_text().strip()).resolve()]
                                           if common.is_file() else [])
            elif git.is_dir():
                found.append(git)
            if git.exists():
                break
    return list(dict.fromkeys(found))


def python_path() -> str:
    """PYTHONPATH for the child: the folders holding the two packages, wherever they live."""
    return os.pathsep.join(dict.fromkeys(str(p.parent) for p in PACKAGES))


class Launch:
    """How bwrap is started: by the grader's own user, or (``outside_uid``) by a root grader as
    that unprivileged user. The kernel exempts processes that are root outside their user
    namespace from RLIMIT_NPROC, so only the second bounds a fork bomb where no cgroup does.

    bwrap running as that user must be able to reach every folder it shows, and a Python
    installed under root's 0700 home is not. So each folder is first bind-mounted into a
    folder of ``home`` (the grader's own) that user may enter, in a mount namespace of bwrap's
    own (util-linux's unshare; nothing shows outside, and it ends with bwrap); setpriv then
    drops to the user."""

    def __init__(self, outside_uid: int | None = None, home: Path | None = None) -> None:
        self.outside_uid = outside_uid
        self.staged: list[tuple[str, str]] = []  # (folder, where it is staged)
        if outside_uid is not None:
            if home is None:
                raise ValueError("a launch as another user needs a home to stage folders in")
            os.chmod(home, 0o711)  # enterable, not listable
            self.stage = home / "stage"
            self.stage.mkdir(mode=0o755, exist_ok=True)

    def bind(self, source: Path | str, dest: Path | str) -> list[str]:
        if self.outside_uid is None:
            return ["--ro-bind", str(source), str(dest)]
        staged = str(self.stage / str(len(self.staged)))
        self.staged.append((str(source), staged))
        return ["--ro-bind", staged, str(dest)]

    def prefix(self) -> list[str]:
        """What starts bwrap (the folders are known: ``command`` builds this last)."""
        if self.outside_uid is None:
            return []
        mounts = " && ".join(
            f"{'touch' if os.path.isfile(src) else 'mkdir'} {shlex.quote(staged)} && "
            f"mount --bind {shlex.quote(src)} {shlex.quote(staged)}"
            for src, staged in self.staged)
        uid = str(self.outside_uid)
        return ["unshare", "--mount", "--propagation", "private", "--",
                "/bin/sh", "-c", f'{mounts} && exec "$@"', "sh",
                "setpriv", "--reuid", uid, "--regid", uid, "--clear-groups", "--"]


def command(argv: list[str], files: Path, scratch_bytes: int, hide: Iterable[Path],
            env: dict[str, str] | None = None, launch: Launch | None = None,
            minigrad: bool = True) -> list[str]:
    """bwrap + options + ``argv``: ``files`` read-only at /submission, ``hide``'s paths masked
    wherever they fall inside a visible folder (the solutions always are; minigrad too, where
    it is not to be seen)."""
    launch = launch or Launch()
    cmd = [executable() or "bwrap",
           "--unshare-all", "--unshare-user", "--disable-userns", "--uid", str(SANDBOX_UID),
           "--gid", str(SANDBOX_UID), "--hostname", "sandbox", "--cap-drop", "ALL",
           "--die-with-parent", "--new-session", "--as-pid-1", "--clearenv"]
    for top in _SYSTEM:
        if os.path.islink(top):
            cmd += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            cmd += launch.bind(top, top)
    # The scratch tmpfs comes before the binds: a package or Python installation under /tmp
    # (a test's temporary folder, an unpacked bundle) stays visible on top of it.
    cmd += ["--size", str(scratch_bytes), "--tmpfs", str(SCRATCH)]
    trees = read_only_trees(PACKAGES if minigrad else [p for p in PACKAGES if p != MINIGRAD])
    for tree in trees:
        cmd += launch.bind(tree, tree)
    sites: list[Path] = [] if minigrad else installed_packages([*trees, *map(Path, _SYSTEM)])
    kept = [NUMPY, NUMPY.with_name("numpy.libs"), PACKAGES[0]]
    for site in sites:  # covered, with only what ex10's sandbox needs of it shown again
        cmd += ["--perms", "0555", "--size", "4096", "--tmpfs", str(site)]
        for folder in kept:
            if folder.parent == site and folder.is_dir():
                cmd += launch.bind(folder, folder)
        cmd += ["--remount-ro", str(site)]
    # The grader keeps the full specs: it runs the variants itself, learner code only probes.
    cmd += launch.bind(withheld_specs(), SPECS)
    # Masks come after the binds they cover; an empty read-only tmpfs hides a folder, /dev/null
    # a file. Anything secret that happens to live inside a visible folder stays out of sight.
    visible = [*trees, *map(Path, _SYSTEM)]
    for secret in not_links((SOLUTIONS, *(() if minigrad else (MINIGRAD,)), *other_copies(visible),
                             *hide)):
        # Not visible anyway; or it holds what the sandbox runs (a learner's submission turned
        # into a link to /usr was, resolved, a mask over the system: no sandbox started).
        if not _inside(secret, visible) or any(_inside(tree, [secret]) for tree in visible) \
                or (_inside(secret, sites) and not _inside(secret, kept)):  # (covered already)
            continue
        if secret.is_dir():
            cmd += ["--perms", "0555", "--size", "4096", "--tmpfs", str(secret),
                    "--remount-ro", str(secret)]
        else:
            cmd += launch.bind("/dev/null", secret)
    # bwrap's own root and its /dev are tmpfs mounts of no size limit that the sandbox's user
    # owns: left writable, they (and /dev/shm inside /dev) held whatever learner code wrote
    # there, past the scratch's cap and, without a cgroup, past the memory limit (a red team
    # wrote 1 GiB into /dev in 0.6 s with --memory 256). Both are made read-only once
    # everything is mounted, so the scratch tmpfs is the one writable place.
    cmd += [*launch.bind(files.resolve(), SUBMISSION),
            "--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev",
            "--remount-ro", "/", "--chdir", str(SCRATCH)]
    for key, value in (env or {}).items():
        cmd += ["--setenv", key, value]
    return [*launch.prefix(), *cmd, "--", *argv]
