"""`course autograder OUT.zip`: a Gradescope autograder bundle, and the grading run inside it.

Gradescope builds one image from the bundle (``setup.sh``), then grades every submission in a
fresh container of it (``run_autograder``, as root). The bundle, unzipped in /autograder/source:

    setup.sh          apt-get bubblewrap and Python, a venv in /opt/course with the course and
                      what learner code may import (LEARNER_IMPORTS), the unprivileged user
                      learner code runs as where bubblewrap cannot create namespaces
                      (Docker's default seccomp profile), and this folder made readable by
                      root only
    run_autograder    ``python -m course.autograder``: the run below
    src/              the course: pyproject.toml, minigrad/, course/ without reference solutions
    solutions/        the instructor's reference solutions of the exercises graded
    stubs/            their exercise stubs (the code they give learners is nobody's copy)
    exercises.txt     the exercises graded (``--exercises``, e.g. one week's assignment)
    requirements.txt  what learner code may import besides the course (numpy, matplotlib...)

The run (root overridable with ``COURSE_AUTOGRADER_ROOT``, for testing):

1. draws a fresh seed and computes the reference's and the misconceptions' outcomes from
   ``source/solutions``, before any learner code starts, and reads which known mistakes the
   learner's earlier submissions made (``submission_metadata.json``, then made root's alone:
   it holds their hidden tests): a mistake made again gets its fix in the feedback, a new one
   only its reason (course.hints);
2. deletes the solution files, their sha256 taken first (results.json's ``extra_data``
   records it in ``grading_parts``, telling results of a reference fixed mid-term from the
   earlier ones): the container serves this one submission, and learner code cannot read
   what is no longer there, whatever the sandbox mode;
3. grades ``submission/`` (the exercise files, a folder holding them such as a repository
   uploaded from GitHub, or `course submit`'s zip) with ``course.grade.grade`` (the
   learner's code in its sandbox), into a private folder;
4. adds a hidden test (instructors only, 0 points) naming the functions that hold the reference
   solutions' code, if any (course.similarity);
5. writes ``results/results.json`` in Gradescope's format, atomically and last, so whatever the
   learner's code wrote there is replaced. It always writes one, even when grading fails.

    >>> build(Path("autograder.zip"))                                 # doctest: +SKIP
    PosixPath('autograder.zip')
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import stat
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from course import engine, hints, similarity
from course.errors import UsageError
from course.grade import grade
from course.grading_parts import files_sha256, solutions_sha256
from course.isolation import INSTALL, USER_VARIABLE, Isolation, detect
from course.local import CHECK_SEED
from course.release import committed, solved_stubs
from course.sandbox import Limits
from course.sanitize import one_line
from course.submission import fresh_seed
from course.tasks import EXERCISE_FILES, EXERCISE_IDS, exercise, filename, named_near
from course.told_apart import refusal
from course.unpack import UnsafeSubmission, exercises_folder
from course.upload import graded_upload
from course.workspace import atomic_write, read_json

ROOT_VARIABLE = "COURSE_AUTOGRADER_ROOT"
REPOSITORY = Path(__file__).resolve().parents[1]
# Gradescope's default container has 768 MB and half a CPU: one job, a smaller memory cap.
LIMITS = Limits(timeout=10.0, memory_mb=512)
GRADED = "exercises.txt"
METADATA = "submission_metadata.json"  # Gradescope's: this submission's and earlier ones'
VENV = "/opt/course/venv"
SANDBOX_USER = "course-sandbox"  # course.sandbox's fallback user (COURSE_SANDBOX_USER)
SYSTEM_PYTHON = "/usr/bin/python3"  # apt's python3, which every user may run

SETUP = f"""\
#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu).
set -euo pipefail
SOURCE="$(cd "$(dirname "${{BASH_SOURCE[0]}}")" && pwd)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends bubblewrap python3 python3-venv
# The Python apt just installed, not the first python3 on PATH: a pyenv's or conda's under
# /root, which the sandbox user cannot read, leaves learner code no sandbox to run in.
{SYSTEM_PYTHON} -c 'import sys; sys.exit(sys.version_info < (3, 10))' || {{
    echo "the course needs Python 3.10 or newer: use the Ubuntu 22.04 (or newer) image" >&2
    exit 1
}}
{SYSTEM_PYTHON} -m venv {VENV}
{VENV}/bin/python -m pip install --quiet --upgrade pip
{VENV}/bin/python -m pip install --quiet -r "$SOURCE/requirements.txt"
{VENV}/bin/python -m pip install --quiet --no-deps "$SOURCE/src"
chmod -R a+rX /opt/course
# ...but the full task specs (their misconception variants are answers too): root only. Learner
# code imports them with the variants withheld (course.bwrap, course.child).
chmod -R go-rwx "$({VENV}/bin/python -c 'import course.specs as s; print(s.__path__[0])')"
# Learner code runs as this user where bubblewrap cannot create namespaces (Docker's seccomp).
id -u {SANDBOX_USER} >/dev/null 2>&1 || \\
    useradd --system --no-create-home --shell /usr/sbin/nologin {SANDBOX_USER}
# The reference solutions (and the rest of the bundle): root only.
chown -R root:root "$SOURCE"
chmod -R go-rwx "$SOURCE"
"""

RUN = f"""\
#!/usr/bin/env bash
# Gradescope runs this as root, in a fresh container, for every submission.
ROOT="${{{ROOT_VARIABLE}:-/autograder}}"
PYTHON="${{COURSE_AUTOGRADER_PYTHON:-{VENV}/bin/python}}"
# Both as absolute paths: a relative one (a local test run's) would not survive the cd below.
ROOT="$(cd "$ROOT" && pwd)"
[[ "$PYTHON" == */* ]] && PYTHON="$(cd "$(dirname "$PYTHON")" && pwd)/$(basename "$PYTHON")"
cd "$ROOT" && exec "$PYTHON" -m course.autograder --root "$ROOT"
"""


# What an exercise file may import besides the standard library and the course, as it can under
# `course check`: numpy, and what the lessons import beside minigrad (matplotlib's plots,
# minigrad.viz's graphviz). A learner who kept a lesson's `import matplotlib.pyplot as plt` in
# ex09 passed at home and lost the exercise on Gradescope when only numpy was installed. Left
# out: pygraphviz (a C build against Graphviz's headers; minigrad.viz renders without it) and
# JupyterLab and ipykernel (the notebooks' interface, nothing an exercise calls).
LEARNER_IMPORTS = ("numpy", "matplotlib", "graphviz")


def _grading_requirements() -> list[str]:
    """The course's own requirements (pyproject.toml) of LEARNER_IMPORTS, each capped below its
    next major version: Gradescope rebuilds the image when the bundle is uploaded again,
    mid-term too, and a NumPy 3 must not arrive untested. (Not pinned exactly: the image's
    Python, 3.10 on Ubuntu 22.04, may have no wheel of the version running here.)"""
    try:
        declared = metadata.requires("autograd-course") or []
    except metadata.PackageNotFoundError:  # the course run from a checkout never installed
        declared = []
    floors = dict(r.split(";")[0].replace(" ", "").split(">=", 1) for r in declared
                  if ">=" in r and "extra ==" not in r)
    return [f"{name}>={floors[name]},<{int(floors[name].split('.')[0]) + 1}"
            if name in floors else name for name in LEARNER_IMPORTS]


def _committed_course(into: Path) -> tuple[list[tuple[Path, str]], Path]:
    """The course as committed (git's HEAD), written into ``into``: (file, name in the bundle)
    for its sources, reference solutions left out, and its exercise stubs' folder. Never the
    working copy, as `course release` (course.release.committed): an instructor may keep
    solved exercises there (which, as the bundle's stubs, would make a copy of the answers
    look like handed-out code) or notes and archives with answers (which would ship)."""
    committed(REPOSITORY, into, ("pyproject.toml", "README.md", "minigrad", "course",
                                 "exercises"))
    solved = solved_stubs(into)
    if solved:
        raise UsageError(f"{solved[0]}, as committed: the bundle takes its stubs from git's "
                         "HEAD (what every learner is handed), where they must still be stubs")
    files = [(path, "src/" + path.relative_to(into).as_posix())
             for path in sorted(into.rglob("*")) if path.is_file()
             and path.relative_to(into).parts[0] in ("pyproject.toml", "README.md", "minigrad",
                                                      "course")
             and path.relative_to(into).parts[:2] != ("course", "solutions")]
    return files, into / "exercises"


def build(out: Path, solutions: Path = engine.SOLUTIONS,
          exercises: Sequence[str] = EXERCISE_IDS) -> Path:
    """Write the bundle ``out`` (a new .zip) that grades ``exercises``, with their reference
    solutions only; those are checked first."""
    if out.exists():
        raise UsageError(f"{out} already exists: give a new file name")
    if out.suffix != ".zip":
        raise UsageError(f"{out}: the bundle is a .zip file (Gradescope asks for one)")
    if not solutions.is_dir():
        raise UsageError(f"no reference solutions in {solutions}")
    if not (REPOSITORY / "pyproject.toml").is_file():
        raise UsageError(f"{REPOSITORY} is not a course checkout: run it from a clone")
    for eid in exercises:  # each reference runs, and passes its own public cases
        broken = [t["broken"] for t in engine.expectations(eid, CHECK_SEED, solutions)
                  if t["broken"]]
        if broken:
            raise UsageError(f"the reference solution of {eid} fails: {broken[0]}")
    misnamed = refusal(exercises, solutions)  # (every variant run once: seconds)
    if misnamed:
        raise misnamed
    out.parent.mkdir(parents=True, exist_ok=True)  # as course release makes its folder
    partial = out.with_name(f".{out.name}.partial")
    course = Path(tempfile.mkdtemp(prefix="course-bundle-"))
    try:
        files, stubs = _committed_course(course / "committed")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            _add(zf, "setup.sh", SETUP, executable=True)
            _add(zf, "run_autograder", RUN, executable=True)
            _add(zf, "requirements.txt", "\n".join(_grading_requirements()) + "\n")
            for path, name in files:
                _add(zf, name, path.read_bytes())
            _add(zf, GRADED, "".join(f"{eid}\n" for eid in exercises))
            for eid in exercises:
                filename = exercise(eid).filename
                _add(zf, f"solutions/{filename}", (solutions / filename).read_bytes())
                # what the stubs give every learner: the same in every submission, no lead
                _add(zf, f"stubs/{filename}", (stubs / filename).read_bytes())
        partial.rename(out)
    finally:
        partial.unlink(missing_ok=True)
        shutil.rmtree(course, ignore_errors=True)
    return out


def recorded_solutions(bundle: Path) -> str:
    """The sha256 that every run of ``bundle`` records as its reference solutions'
    (results.json's ``extra_data``, ``grading_parts``), read from the bundle: `course
    autograder` prints it, for the instructor to tell its results from another bundle's."""
    with zipfile.ZipFile(bundle) as zf:
        # (in the order solutions_sha256 reads the folder they are unzipped into: by name)
        names = sorted(n for n in zf.namelist()
                       if n.startswith("solutions/") and n.endswith(".py"))
        return files_sha256((n.removeprefix("solutions/"), zf.read(n)) for n in names)


def _add(zf: zipfile.ZipFile, name: str, data: str | bytes, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.external_attr = (stat.S_IFREG | (0o755 if executable else 0o644)) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def _private_copy(original: Path, into: Path) -> Path:
    """A copy of what to grade, in ``into``. Of a folder, only its exercise files: an upload
    from GitHub brings the whole repository (lessons, minigrad: hundreds of files), more than
    a submission may hold. Links stay links, for the unpacking to refuse as it always does."""
    copy = into / original.name
    into.mkdir()
    if original.is_file():
        shutil.copy2(original, copy)
        return copy
    try:
        folder = exercises_folder(original)
        if not folder.resolve().is_relative_to(original.resolve()):
            # a link out of the submission ("exercises" -> a folder of root's): copied as root,
            # its files would reach learner code. As a link it is refused by the unpacking.
            raise UnsafeSubmission("a link out of the submission")
    except UnsafeSubmission:  # grading the folder as it is says what it holds instead
        shutil.copytree(original, copy, symlinks=True)
        return copy
    copy.mkdir()
    for path in folder.glob(EXERCISE_FILES):
        if path.is_symlink() or path.is_file():
            shutil.copy2(path, copy, follow_symlinks=False)
    # And an exercise file saved under another name (ex04_grad.py.txt, an editor's doing), so
    # that the feedback points to it as `course check` does ("ex04_grad.py is missing; found
    # ex04_grad.py.txt: save your answer as ex04_grad.py"), not "is missing" alone. Never a
    # link: only a file that is an exercise file's may be one, to be refused as such.
    for path in folder.iterdir():
        if not path.is_symlink() and path.is_file() and _meant_for(path.name) \
                and not (copy / path.name).exists():
            shutil.copy2(path, copy)
    return copy


def _meant_for(name: str) -> str | None:
    """The exercise file that a file named ``name`` reads as, saved under another name
    (``ex04_grad.py.txt``: ``ex04_grad.py``; course.tasks.named_near); None if none."""
    return next((wanted for wanted in map(filename, EXERCISE_IDS)
                 if named_near(name, wanted)), None)


def _shown(upload: Path, copy: Path, root: Path) -> str:
    """What of the submission is graded, as the instructor finds it among its files on
    Gradescope: the zip, or the folder and the exercise files copied from it, and the files
    copied under another exercise file's name (``_private_copy``), each with the name it
    misses: graded as nothing, they explain a learner's 0 for that exercise."""
    where = one_line(str(upload.relative_to(root)))
    if not copy.is_dir():
        return where
    graded = sorted(p.name for p in copy.glob(EXERCISE_FILES))
    misnamed = sorted(f"{one_line(p.name)} (for {_meant_for(p.name)})" for p in copy.iterdir()
                      if p.name not in graded and _meant_for(p.name))
    shown = _listed([one_line(name) for name in graded]) or "no exercise files"
    if misnamed:
        shown += f"; copied as they are, not graded (misnamed): {_listed(misnamed)}"
    return f"{where}/: {shown}"


def _listed(names: list[str], most: int = 12) -> str:
    """``names`` joined for a log line, the first ``most`` of them."""
    return ", ".join(names[:most]) + (f" and {len(names) - most} more"
                                      if len(names) > most else "")


def _graded(source: Path) -> list[str]:
    """The exercises this bundle grades (``course autograder --exercises``), in course order."""
    listed = (source / GRADED).read_text().split() if (source / GRADED).is_file() else []
    unknown = [eid for eid in listed if eid not in EXERCISE_IDS]
    if unknown or not listed:
        raise UsageError(f"{GRADED} in the bundle names no exercise or an unknown one "
                         f"({', '.join(unknown) or 'empty'}): build the bundle again")
    return [eid for eid in EXERCISE_IDS if eid in listed]


def _sandbox() -> Isolation:
    """This container's sandbox for learner code, found before anything is computed or
    deleted; where there is none, a refusal the instructor can act on. `course grade`'s own
    ("install bubblewrap ...; or pass --no-sandbox") names nothing Gradescope lets them do:
    what they can do is build the image again with this bundle's setup.sh, which installs
    bubblewrap and adds the user learner code runs as where bubblewrap cannot create
    namespaces, with a Python that user can read."""
    isolation = detect()
    if isolation.sandboxed:
        return isolation
    user = os.environ.get(USER_VARIABLE, SANDBOX_USER)
    why = isolation.reason + (f"; and there is no user {user}" if isolation.fix == INSTALL
                              else f"; {isolation.fix}")
    raise UsageError(f"no sandbox for learner code in this container ({why}). This bundle's "
                     f"setup.sh installs bubblewrap, the user {user} and {VENV}: upload the "
                     "bundle again in Configure Autograder and read setup.sh's output there "
                     "if the image fails to build; then Regrade All Submissions")


def results(root: Path, limits: Limits = LIMITS) -> dict[str, Any]:
    """Grade ``root``/submission with ``root``/source/solutions (see the module docstring)."""
    solutions = root / "source" / "solutions"
    if not any(solutions.glob(EXERCISE_FILES)):
        raise UsageError(f"no reference solutions in {solutions} (each run needs a fresh "
                         "container: the run removes them once the expected results exist)")
    exercises = _graded(root / "source")
    isolation = _sandbox()
    # Read before any learner code runs: the known mistakes of this learner's earlier
    # submissions, whose fixes this one's feedback may show (course.hints).
    seen = hints.previously_seen(read_json(root / METADATA, {}))
    # Then kept from learner code: the earlier submissions' results in it hold their hidden
    # tests too ("Shared code", instructors only), which code run as the sandbox's user (mode
    # "user", as on Gradescope) read and printed into this submission's visible feedback. The
    # container serves this one submission.
    if (root / METADATA).is_file() and not (root / METADATA).is_symlink():
        os.chmod(root / METADATA, 0o600)
    seed = fresh_seed()
    for eid in exercises:  # cached for this seed: grade() below finds them computed
        engine.expectations(eid, seed, solutions)
    reference = similarity.reference_digests(solutions, root / "source" / "stubs")
    # Recorded with the results (extra_data's grading_parts): which references graded them,
    # told apart after a reference is fixed mid-term. Taken now: below, they are removed.
    digest = solutions_sha256(solutions)
    for path in solutions.iterdir():  # the bytecode cache too: compiled answers are answers
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    work = Path(tempfile.mkdtemp(prefix="course-autograder-"))  # 0700: the grader's alone
    try:
        # A private copy: the sandbox refuses to start where learner code could read the
        # submission folder it is given, and Gradescope's may be readable by everyone.
        upload = graded_upload(root / "submission")
        submission = _private_copy(upload, work / "in")
        # (said here, not as `course grade` says its class: its summary.csv is deleted below)
        print(f"grading {_shown(upload, submission, root)}", flush=True)
        grade([submission], work / "out", solutions=solutions, jobs=1, limits=limits,
              seed=seed, isolation=isolation, progress=sys.stdout, exercises=exercises,
              mistakes_seen=seen, reference=reference,
              solutions_digest=digest,  # (taken before they went)
              class_line=False)
        doc = json.loads(next((work / "out" / "results").glob("*.json")).read_text())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    doc.pop("max_score", None)  # not in Gradescope's format: each test carries its own
    per_exercise: dict[str, int] = {}
    for test in doc["tests"]:
        eid = test["name"].split(".")[0]
        per_exercise[eid] = per_exercise.get(eid, 0) + 1
        test["number"] = f"{EXERCISE_IDS.index(eid) + 1}.{per_exercise[eid]}"
    functions, how = similarity.copied(doc["extra_data"].get("fingerprints", {}), reference)
    hidden = doc["extra_data"].get("hidden_code", {})
    leads = ([f"{len(functions)} functions hold the code of the published reference solutions "
              f"({how}): {', '.join(functions)}"] if functions else []) + \
        ([f"it runs code made from data, which no fingerprint reads: "
          f"{similarity.hidden_text(hidden)}"] if hidden else [])
    if leads:  # for the instructor only: Gradescope never shows a hidden test to students
        doc["tests"].append({
            "name": "Shared code (instructors only)", "number": f"{len(EXERCISE_IDS) + 1}.1",
            "score": 0, "max_score": 0, "status": "passed", "visibility": "hidden",
            "output": "; ".join(leads) + " (docs/grading.md, \"Shared code\")"})
    return doc


def run(root: Path, limits: Limits = LIMITS) -> dict[str, Any]:
    """`run_autograder`'s work: grade, then write results/results.json whatever happened."""
    start = time.monotonic()
    try:
        doc = results(root, limits)
    except Exception as e:  # Gradescope shows nothing useful without a results.json
        traceback.print_exc()
        doc = {"score": 0, "output": f"The autograder could not grade this submission ({e}). "
                                     "Please tell your instructor.",
               "visibility": "visible", "stdout_visibility": "hidden", "tests": []}
    doc["execution_time"] = round(time.monotonic() - start, 3)
    # Shown as plain text: Gradescope's default format passes some HTML through (links), and
    # the outputs hold what learner code printed and raised.
    doc.update(output_format="text", test_output_format="text", test_name_format="text")
    target = root / "results" / "results.json"
    if target.is_dir() and not target.is_symlink():  # planted by learner code
        shutil.rmtree(target)
    atomic_write(target, json.dumps(doc, indent=1))  # replaces a planted file or link itself
    print(f"score {doc['score']}, {len(doc['tests'])} tests, {doc['execution_time']} s: "
          f"{doc['output']}")
    return doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.autograder",
                                     description="Grade a Gradescope submission.")
    parser.add_argument("--root", type=Path,
                        default=Path(os.environ.get(ROOT_VARIABLE, "/autograder")))
    run(parser.parse_args(argv).root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
