"""A third red team's attacks on reading submissions, each a real hostile submission through the
real code: a bzip2 manifest that inflates in one step, a folder nested too deep for a recursive
walk, a sparse file hashed in full on every run, a submission that is a link to another's,
a home folder with a private subfolder, zip directories that cost zipfile more than their
entry count says; and a sixth's: bytecode or a module shipped beside the exercise files."""

from __future__ import annotations

import json
import os
import py_compile
import shutil
import subprocess
import sys
import tempfile
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hostile_zips import cpu_bound, raw_zip

from course import engine
from course.grade import fingerprint, grade
from course.gradebook import submission_time
from course.sandbox import Limits
from course.unpack import UnsafeSubmission, unpack

EX01 = "ex01_requires_grad.py"
ROOT = Path(__file__).resolve().parents[1]


def _learner(folder: Path) -> Path:
    (folder / "exercises").mkdir(parents=True)
    shutil.copy(engine.SOLUTIONS / EX01, folder / "exercises" / EX01)
    return folder


def _grade(paths: list[Path], out: Path):
    return grade(paths, out, jobs=1, seed=5, exercises=["ex01"], limits=Limits(timeout=60),
                 progress=open(os.devnull, "w"))


def test_a_bzip2_manifest_is_not_inflated(tmp_path):
    """zipfile inflates a bzip2 member a whole chunk at a time: the red team's 96 KB zip held
    a manifest.json of 92 GB, and the grader was killed for its memory before any gradebook
    was written. Reading the time refuses any method but stored and deflate."""
    archive = tmp_path / "mallory-20261204T100000Z.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(f"exercises/{EX01}", (engine.SOLUTIONS / EX01).read_bytes())
        zf.writestr("manifest.json", b"\0" * (40 << 20), compress_type=zipfile.ZIP_BZIP2)
    assert archive.stat().st_size < 10_000
    tracemalloc.start()
    assert submission_time(archive) == "2026-12-04T10:00:00+00:00"  # the name's stamp
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 4 << 20, peak  # the manifest inflated: 40 MB


def test_a_folder_nested_deeper_than_pythons_recursion_is_one_submissions_problem(tmp_path):
    """A recursive walk of the submission (os.walk, to fingerprint it) raised RecursionError in
    the main loop: the run stopped before anyone was graded, on every run."""
    deep = _learner(tmp_path / "mallory")
    chain = [deep / "d"]
    for _ in range(sys.getrecursionlimit() + 100):  # (os.makedirs itself recurses)
        chain.append(chain[-1] / "d")
    try:
        for folder in chain:
            folder.mkdir()
        summary = _grade([_learner(tmp_path / "alice"), deep], tmp_path / "out")
    finally:  # pytest's clean-up of old temporary folders recurses too
        for folder in reversed(chain):
            if folder.is_dir():
                folder.rmdir()
    assert summary.reports["alice"].score == summary.reports["alice"].max_score
    assert summary.reports["mallory"].score == summary.reports["mallory"].max_score


def test_a_submission_is_fingerprinted_by_what_grading_reads(tmp_path):
    """The fingerprint that lets a re-run skip a graded submission hashed every byte of a
    folder: a 16 GB sparse file beside the exercises took 47 s of CPU on every run."""
    bob = _learner(tmp_path / "bob")
    for i in range(250):  # a course folder: graded from its exercise files
        (bob / "minigrad" / f"m{i // 50}").mkdir(parents=True, exist_ok=True)
        (bob / "minigrad" / f"m{i // 50}" / f"{i}.py").write_text("")
    with open(bob / "notes.bin", "wb") as f:
        f.truncate(16 << 30)  # sparse: no disk space
    with cpu_bound(0.5):
        first = fingerprint(bob)
    (bob / "notes.bin").unlink()
    assert fingerprint(bob) == first  # nothing grading reads has changed
    (bob / "exercises" / EX01).write_text("changed = 1\n")
    assert fingerprint(bob) != first


def test_a_submission_that_is_a_link_is_refused(tmp_path):
    """In a drop folder where each learner makes their own folder, `bob -> alice` was graded
    as bob's (31/31, alice's work) and `carol -> course/solutions` as carol's."""
    drop = tmp_path / "drop"
    _learner(drop / "alice")
    (drop / "bob").symlink_to(drop / "alice")
    (drop / "carol").symlink_to(engine.SOLUTIONS)
    with pytest.raises(UnsafeSubmission, match="the submission is a symbolic link"):
        unpack(drop / "bob", tmp_path / "out")
    summary = _grade(sorted(drop.iterdir()), tmp_path / "grades")
    assert summary.reports["alice"].score == 3
    for name in ("bob", "carol"):
        assert summary.reports[name].score == 0
        assert "symbolic link" in summary.reports[name].problem


UNREADABLE = """
import sys
from pathlib import Path
from course.unpack import unpack
home = Path(sys.argv[1])
print(unpack(home, Path(sys.argv[2])).relative_to(sys.argv[2]))
"""


@pytest.mark.parametrize("sibling", ["big", ".cache"])
def test_a_private_subfolder_does_not_decide_a_home_folders_fate(tmp_path, sibling):
    """A home folder with a 0700 .ssh and 300 files in another folder was graded or refused
    by directory order: an unreadable folder listed before the count passed 200 stopped the
    listing. It now counts as a refusal, which only a folder copied whole would meet."""
    # As another user, so that .ssh cannot be read (root reads anything), in a folder that
    # user may reach (pytest's tmp_path is root's own).
    as_other = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] \
        if os.geteuid() == 0 else []
    if as_other and shutil.which("setpriv") is None:
        pytest.skip("setpriv is needed to read as another user")
    shared = Path(tempfile.mkdtemp())
    try:
        shared.chmod(0o777)
        home = _learner(shared / "bob")
        (home / ".ssh").mkdir(mode=0o700)
        (home / sibling).mkdir()
        for i in range(300):
            (home / sibling / f"{i}.txt").touch()
        for folder in (home, home / "exercises", home / sibling):
            folder.chmod(0o755)
        run = subprocess.run([*as_other, sys.executable, "-c", UNREADABLE, str(home),
                              str(shared / "out")], capture_output=True, text=True, timeout=60,
                             env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
    finally:
        shutil.rmtree(shared)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "exercises"


def test_an_understated_entry_count_does_not_buy_a_longer_parse(tmp_path):
    """The end record said 1 entry; the directory was 10 MB of minimal records: zipfile built
    222,765 ZipInfo objects (0.6 s, 110 MB) before the count was checked. A directory may be
    as large as its entry count needs, and no larger."""
    entries = [{"name": b"a"}] * 2
    archive = raw_zip(tmp_path / "m.zip", entries * 100_000, listed=1)
    tracemalloc.start()
    with cpu_bound(0.1), pytest.raises(UnsafeSubmission, match="more than 1 entries can need"):
        unpack(archive, tmp_path / "out")
    assert tracemalloc.get_traced_memory()[1] < 1 << 20
    tracemalloc.stop()


def test_records_with_large_extra_fields_are_refused_before_zipfile_parses_them(tmp_path):
    """zipfile decodes an extra field in time quadratic in its length: 169 records of 65,532
    bytes of empty sub-fields took it 1.3 s to parse."""
    extra = b"\1\0\0\0" * (65_532 // 4)
    archive = raw_zip(tmp_path / "m.zip", [{"name": f"f{i}".encode(), "extra": extra}
                                           for i in range(169)])
    with cpu_bound(0.1), pytest.raises(UnsafeSubmission, match="more than 169 entries can need"):
        unpack(archive, tmp_path / "out")


@pytest.mark.parametrize("size", ["small", "course folder"])
def test_a_folder_swapped_for_a_link_after_listing_is_not_followed(tmp_path, size):
    """A folder graded where it lies can change while it is read. A fourth red team swapped
    the listed exercises/ for a link to the solutions between listing and copying (inotify on
    the grader's first open): the grader, as root, copied the solutions as hers, 31/31. Each
    folder is reached again from the submission's own descriptor, never through a link, and
    only if it is the folder listed: a swap is refused, and swapped back what was listed is
    copied. (The swaps happen here between the two steps: the same files, without the race's
    timing.)"""
    from course import unpack as unpacking

    mallory = _learner(tmp_path / "mallory")
    stub = (engine.SOLUTIONS.parents[1] / "exercises" / EX01).read_bytes()
    (mallory / "exercises" / EX01).write_bytes(stub)
    for i in range(250 if size == "course folder" else 0):
        (mallory / "lessons").mkdir(exist_ok=True)
        (mallory / "lessons" / f"{i}.txt").touch()
    fd = unpacking.open_submission(mallory)
    try:
        folders = unpacking._Folders(fd)
        chosen = unpacking._to_copy(folders, unpacking.UnpackLimits())
        (mallory / "exercises").rename(mallory / "mine")
        (mallory / "exercises").symlink_to(engine.SOLUTIONS)
        with pytest.raises(UnsafeSubmission, match="'exercises': a symbolic link"):
            unpacking._copy(folders, *chosen, tmp_path / "out", unpacking.UnpackLimits())
        # Swapped for another folder of hers instead: not the folder that was listed.
        (mallory / "exercises").unlink()
        (mallory / "theirs").mkdir()
        shutil.copy(engine.SOLUTIONS / EX01, mallory / "theirs" / EX01)
        (mallory / "theirs").rename(mallory / "exercises")
        with pytest.raises(UnsafeSubmission, match="'exercises' changed while it was read"):
            unpacking._copy(folders, *chosen, tmp_path / "out2", unpacking.UnpackLimits())
        # Swapped back: what was listed is copied.
        (mallory / "exercises").rename(mallory / "theirs")
        (mallory / "mine").rename(mallory / "exercises")
        unpacking._copy(folders, *chosen, tmp_path / "out3", unpacking.UnpackLimits())
    finally:
        os.close(fd)
    assert (tmp_path / "out3" / "exercises" / EX01).read_bytes() == stub
    # Swapped before listing, the link is refused.
    (mallory / "exercises").rename(mallory / "mine")
    (mallory / "exercises").symlink_to(engine.SOLUTIONS)
    with pytest.raises(UnsafeSubmission, match="'exercises': a symbolic link"):
        unpack(mallory, tmp_path / "out4")


DEEP = """
import resource, sys
from pathlib import Path
from course.unpack import unpack
resource.setrlimit(resource.RLIMIT_NOFILE, (32, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
print(unpack(Path(sys.argv[1]), Path(sys.argv[2])).name)
"""


def test_a_deep_folder_holds_few_descriptors(tmp_path):
    """Every listed folder held open (150 for a folder 150 deep): a few such submissions graded
    side by side used up the grader's descriptors, and others were refused for it ("Too many
    open files"), a refusal the re-run cache then kept. Only the way to one folder is open."""
    deep = _learner(tmp_path / "deep")
    below = deep
    for _ in range(150):
        below /= "d"
        below.mkdir()
    run = subprocess.run([sys.executable, "-c", DEEP, str(deep), str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
    assert run.returncode == 0 and run.stdout.strip() == "exercises", run.stderr


def test_a_submission_is_opened_once(tmp_path):
    """Checked by name, then opened by name again, a submission in a folder its learner owns
    could be swapped in between: for a link to another learner's zip (31/31 in 5 of 15 runs)
    or a fifo that blocked the grader for good. It is opened once, never through a link, and
    a fifo opens without waiting, to be refused for what it is."""
    os.mkfifo(tmp_path / "sub.zip")
    with cpu_bound(0.5, hang=10), pytest.raises(UnsafeSubmission, match="not a zip file"):
        unpack(tmp_path / "sub.zip", tmp_path / "out")
    (tmp_path / "link.zip").symlink_to(tmp_path / "sub.zip")
    with pytest.raises(UnsafeSubmission, match="the submission is a symbolic link"):
        unpack(tmp_path / "link.zip", tmp_path / "out2")


def test_the_cache_records_what_was_graded_not_what_was_first_seen(tmp_path, monkeypatch):
    """A learner who can change their folder while the run goes (reading a file updates its
    access time: they can tell when it is read) showed their stubs to the run's first look,
    the solutions to the grading, and put the stubs back: 31/31, recorded under the stubs'
    hash, so that a re-run kept the 31 and later looks found only stubs. The hash recorded is
    that of what was graded: a re-run of the stubs grades them again. (The flip happens here
    right after the first look: the same files, without the timing.)"""
    from course import grade as grading

    carol = _learner(tmp_path / "carol")  # the solution to ex01 ...
    solution = (carol / "exercises" / EX01).read_bytes()
    stub = (engine.SOLUTIONS.parents[1] / "exercises" / EX01).read_bytes()
    (carol / "exercises" / EX01).write_bytes(stub)  # ... but the stub in place
    first_look = grading.fingerprint

    def flipped_after(path, limits=None):
        sha = first_look(path, limits)
        (carol / "exercises" / EX01).write_bytes(solution)
        return sha

    monkeypatch.setattr(grading, "fingerprint", flipped_after)
    assert _grade([carol], tmp_path / "out").reports["carol"].score == 3
    monkeypatch.setattr(grading, "fingerprint", first_look)
    recorded = json.loads((tmp_path / "out" / "results" / "carol.json").read_text())
    assert recorded["extra_data"]["submission_sha256"] == fingerprint(carol)  # the solution's
    (carol / "exercises" / EX01).write_bytes(stub)
    again = _grade([carol], tmp_path / "out")
    assert again.graded == ["carol"] and again.reports["carol"].score == 0


def test_a_submission_turned_into_a_link_to_the_system_stops_no_one(tmp_path):
    """Submissions are hidden from every sandbox. One a learner turned into a link to /usr
    was resolved and /usr masked: no sandbox started, no one was graded, on every re-run."""
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "hw").symlink_to("/usr")
    summary = _grade([_learner(tmp_path / "alice"), tmp_path / "home" / "hw"], tmp_path / "out")
    assert summary.reports["alice"].score == 3
    assert "symbolic link" in summary.reports["hw"].problem


def test_a_zip_is_read_from_a_private_copy_within_a_size(tmp_path):
    """A learner who owns their zip rewrote its end record while it was read: one passed the
    checks, another, claiming a 2,000,000-entry (or 3 GB sparse) directory, was what zipfile
    parsed (790 MB, 3 GB). The zip is copied once, within 64 MB, and only the copy is read."""
    with zipfile.ZipFile(tmp_path / "hw.zip", "w") as zf:
        zf.writestr(f"exercises/{EX01}", (engine.SOLUTIONS / EX01).read_bytes())
    assert unpack(tmp_path / "hw.zip", tmp_path / "out").name == "exercises"
    with open(tmp_path / "hw.zip", "r+b") as f:
        f.truncate(3 << 30)  # sparse: what a claimed directory would have zipfile read
    with cpu_bound(0.1), pytest.raises(UnsafeSubmission,
                                       match=r"too large \(3072 MiB, more than the 64 MiB"):
        unpack(tmp_path / "hw.zip", tmp_path / "out2")


def test_a_submission_time_is_not_read_through_a_link(tmp_path):
    """A learner who swapped their folder for a link to another's (a private one) had that
    one's manifest.json read as theirs: its time in the gradebook."""
    alice = _learner(tmp_path / "alice")
    (alice / "manifest.json").write_text(json.dumps({"time": "20261111T111111Z"}))
    assert submission_time(alice) == "2026-11-11T11:11:11+00:00"
    (tmp_path / "hw").symlink_to(alice)
    assert submission_time(tmp_path / "hw") is None


def _stub_with_compiled_solution(folder: Path) -> Path:
    """The stub of ex01, and beside it the reference solution compiled into __pycache__ as an
    "unchecked" .pyc (one Python never compares with its source)."""
    exercises = folder / "exercises"
    (exercises / "__pycache__").mkdir(parents=True)
    shutil.copy(ROOT / "exercises" / EX01, exercises / EX01)
    py_compile.compile(str(engine.SOLUTIONS / EX01), dfile=EX01, doraise=True,
                       cfile=str(exercises / "__pycache__" /
                                 f"{EX01[:-3]}.{sys.implementation.cache_tag}.pyc"),
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    return exercises


def test_what_runs_is_the_exercise_files_source(tmp_path):
    """A sixth red team's stubs scored 28 of 32 points: importlib ran the reference solutions
    compiled beside them in __pycache__ instead of the files the instructor sees (and
    similarity.csv compares). Another file's code imported from beside the exercise file
    would likewise run ungraded and unseen. Learner code now finds only the exercise files,
    and each is run from its source."""
    _stub_with_compiled_solution(tmp_path / "mallory")
    beside = _learner(tmp_path / "trudy") / "exercises"
    (beside / "helper.py").write_text((engine.SOLUTIONS / EX01).read_text())
    (beside / EX01).write_text("from helper import *  # noqa\n")
    _grade([tmp_path / "mallory", tmp_path / "trudy"], tmp_path / "out")
    for name, says in (("mallory", "NotImplementedError"), ("trudy", "helper")):
        result = json.loads((tmp_path / "out" / "results" / f"{name}.json").read_text())
        assert result["score"] == 0, name
        assert says in (tmp_path / "out" / "feedback" / f"{name}.md").read_text(), name


def test_an_exercise_file_is_compiled_from_its_source_even_beside_bytecode(tmp_path):
    """The loader itself ignores bytecode beside the file (for a sandbox that copied it)."""
    from course.child import _import_source

    exercises = _stub_with_compiled_solution(tmp_path)
    module = _import_source("exercise_ex01", str(exercises / EX01))
    with pytest.raises(NotImplementedError):
        module.make_trainable([1.0])


def test_a_stray_exercise_file_beside_the_one_graded_does_not_run(tmp_path):
    """A tenth red team's ex01 file imported the reference solution from a stray
    ex01_notes.py beside it (sys.path pointed at its own folder): the sandbox held every
    exNN_*.py, so the task scored full marks while similarity.csv, which reads the file
    graded, named nothing. Only the file graded of each exercise is in the sandbox now."""
    eve = tmp_path / "eve" / "exercises"
    eve.mkdir(parents=True)
    shutil.copy(engine.SOLUTIONS / EX01, eve / "ex01_notes.py")
    (eve / EX01).write_text("import sys\nsys.path.insert(0, __file__.rsplit('/', 1)[0])\n"
                            "from ex01_notes import *  # noqa\n")
    _grade([tmp_path / "eve"], tmp_path / "out")
    result = json.loads((tmp_path / "out" / "results" / "eve.json").read_text())
    assert result["score"] == 0
    feedback = (tmp_path / "out" / "feedback" / "eve.md").read_text()
    assert "No module named 'ex01_notes'" in feedback and "not graded: ex01_notes.py" in feedback
