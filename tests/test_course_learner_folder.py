"""`course` in the folders learners make: an exercise file linked from elsewhere, a damaged or
unwritable .course/, a submissions/ that cannot be written. Each says what is wrong in one line
and loses nothing; none ends in a traceback. Real `course` processes on real files."""

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from course import engine, hints, lab
from course.tasks import EXERCISE_IDS

ROOT = Path(__file__).resolve().parents[1]


def course(*args, cwd, preexec_fn=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-m", "course", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, preexec_fn=preexec_fn)


@pytest.fixture
def workspace(tmp_path):
    shutil.copytree(ROOT / "exercises", tmp_path / "exercises")
    return tmp_path


def _no_traceback(result):
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


def test_an_exercise_file_linked_from_another_folder_is_named_not_a_traceback(workspace,
                                                                               tmp_path_factory):
    """The sandbox holds exercises/ alone: a link to work kept elsewhere ended the check in a
    ValueError from the sandbox's path arithmetic."""
    elsewhere = tmp_path_factory.mktemp("dropbox") / "ex01_requires_grad.py"
    shutil.copy(engine.SOLUTIONS / "ex01_requires_grad.py", elsewhere)
    linked = workspace / "exercises" / "ex01_requires_grad.py"
    linked.unlink()
    linked.symlink_to(elsewhere)
    checked = course("check", "ex01", cwd=workspace)
    _no_traceback(checked)
    assert checked.returncode == 1
    said = ("ex01_requires_grad.py is a link to another file, which the check does not see: "
            "put the file itself there (copy it over the link)")
    assert said in checked.stdout
    # Linked to a file beside it, it said "FileNotFoundError: ... 'mine.py'".
    mine = workspace / "exercises" / "mine.py"
    shutil.copy(elsewhere, mine)
    linked.unlink()
    linked.symlink_to(mine.name)
    checked = course("check", "ex01", cwd=workspace)
    _no_traceback(checked)
    assert checked.returncode == 1 and said in checked.stdout, checked.stdout


@pytest.mark.parametrize("damage", ["[1, 2]", "null", '{"ex01": 5, "ex02": {"score": "x"}}'])
def test_state_files_of_the_wrong_shape_are_read_as_none(workspace, damage):
    """Valid JSON of another shape (a hand edit, another tool) crashed `course list` and every
    later `course check` with an AttributeError or TypeError."""
    state = workspace / ".course"
    state.mkdir()
    for name in ("progress.json", "last_check.json", "mistakes_seen.json"):
        (state / name).write_text(damage)
    (state / "last_check.json").write_text('{"exercises": [1, {"id": [1]}, {"id": "ex02"}]}')
    for args in (("list",), ("check", "ex01"), ("list",), ("submit", "--name", "al")):
        result = course(*args, cwd=workspace)
        _no_traceback(result)
        assert result.returncode in (0, 1), result
    assert json.loads((state / "progress.json").read_text())["ex01"]["max_score"] == 3
    assert [ex["id"] for ex in json.loads((state / "last_check.json").read_text())
            ["exercises"]] == ["ex01"]


def test_a_course_state_that_cannot_be_written_costs_one_warning_not_the_check(workspace):
    (workspace / ".course").write_text("not a folder")  # as a read-only one would refuse
    checked = course("check", "ex01", cwd=workspace)
    _no_traceback(checked)
    assert checked.returncode == 1 and "total 0/3" in checked.stdout
    assert checked.stderr.splitlines() == [next(
        line for line in checked.stderr.splitlines() if "could not save this check in .course/")]
    assert "`course list` and `course submit` will not show its scores" in checked.stderr
    assert course("list", cwd=workspace).returncode == 0


def test_a_submission_that_cannot_be_written_says_so_and_leaves_no_half_archive(workspace):
    (workspace / "submissions").write_text("a file where the folder goes")
    refused = course("submit", "--name", "al", cwd=workspace)
    _no_traceback(refused)
    assert refused.returncode == 2
    assert refused.stderr.startswith("course: error: could not write submissions ")
    assert "nothing was submitted" in refused.stderr
    (workspace / "submissions").unlink()

    def small_disk():  # a write past 2 KB fails (EFBIG), as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    full = course("submit", "--name", "al", cwd=workspace, preexec_fn=small_disk)
    _no_traceback(full)
    assert full.returncode == 2 and "nothing was submitted" in full.stderr, full
    assert list((workspace / "submissions").iterdir()) == []  # no truncated zip to hand in
    assert course("submit", "--name", "al", cwd=workspace).returncode == 0


def test_lab_in_a_folder_whose_state_cannot_be_written_still_opens(tmp_path, capsys):
    (tmp_path / ".course").write_text("not a folder")
    assert lab.terminal_shell(tmp_path, "/bin/bash") == ["/bin/bash"]
    assert "JupyterLab's terminals run your shell as it is" in capsys.readouterr().err


def test_a_file_named_by_its_path_is_the_one_graded_or_refused(workspace, tmp_path_factory):
    """`course check ~/Downloads/ex01_requires_grad.py` graded the course folder's stub, in
    silence, and scored the learner's finished file 0/3; from another folder, a path into the
    course folder was refused ("no exercises/ folder")."""
    downloads = tmp_path_factory.mktemp("downloads") / "ex01_requires_grad.py"
    shutil.copy(engine.SOLUTIONS / "ex01_requires_grad.py", downloads)
    refused = course("check", str(downloads), cwd=workspace)
    _no_traceback(refused)
    assert refused.returncode == 2
    assert refused.stderr == (f"course: error: `course check` grades "
                              f"{workspace.resolve() / 'exercises' / downloads.name}, not "
                              f"{downloads.resolve()}: put your answer in that file (or copy "
                              "this one over it)\n")
    shutil.copy(downloads, workspace / "exercises")
    by_path = course("check", str(workspace / "exercises" / downloads.name), cwd=downloads.parent)
    assert by_path.returncode == 0 and "total 3/3" in by_path.stdout, by_path
    assert "total 3/3" in course("check", downloads.name, cwd=workspace / "exercises").stdout


@pytest.mark.parametrize("make, said", [
    (lambda e: e.rename(e.with_name(e.name + ".txt")),
     "ex01_requires_grad.py is missing; found ex01_requires_grad.py.txt: save your answer as "
     "ex01_requires_grad.py"),
    (lambda e: (e.unlink(), e.mkdir()),
     "ex01_requires_grad.py is a folder, not a file: put your exercise file in its place"),
    (lambda e: (e.unlink(), e.symlink_to(e.with_name("gone.py"))),
     "ex01_requires_grad.py is a link to a file that does not exist: put the file itself "
     "there"),
    (lambda e: e.write_text(e.read_text(), encoding="utf-16"),  # it said "null bytes"
     "ex01_requires_grad.py is saved as UTF-16 (Notepad: Unicode), which Python cannot read: "
     "save it as UTF-8 text"),
    # Latin-1 (a Windows editor's default) in a string: Python's "(unicode error) 'utf-8'
    # codec can't decode byte 0xe9" alone
    (lambda e: e.write_text(e.read_text().replace('"""', '"""Café ', 1), encoding="latin-1"),
     "What it means: the file is not saved as UTF-8, the encoding Python reads"),
])
def test_an_exercise_file_saved_under_another_name_or_kind_is_named(workspace, make, said):
    """Each said only "ex01_requires_grad.py is missing", beside a file the learner could see."""
    make(workspace / "exercises" / "ex01_requires_grad.py")
    checked = course("check", "ex01", cwd=workspace)
    _no_traceback(checked)
    assert checked.returncode == 1 and said in checked.stdout, checked.stdout


def test_submit_names_the_exercises_it_leaves_out_and_why(workspace):
    """A folder named like an exercise file was "not submitted: ex01_requires_grad.py (only
    each exercise's own file, like ex01_requires_grad.py, is graded)", and a file saved as
    .py.txt was left out without a word."""
    ex01 = workspace / "exercises" / "ex01_requires_grad.py"
    ex01.unlink()
    ex01.mkdir()
    ex02 = workspace / "exercises" / "ex02_graph.py"
    ex02.rename(ex02.with_name("ex02_graph.py.txt"))
    submitted = course("submit", "--name", "al", cwd=workspace)
    _no_traceback(submitted)
    assert submitted.returncode == 0
    assert submitted.stderr.splitlines() == [
        "course: warning: not in this submission: ex01_requires_grad.py is a folder, not a "
        "file: put your exercise file in its place; ex02_graph.py is missing; found "
        "ex02_graph.py.txt: save your answer as ex02_graph.py"]


def _as_a_learner(args):
    """``args`` run without root's right to read any file (as root: its capabilities to do
    so dropped), so a chmod 000 file is unreadable, as it is to a learner."""
    if os.geteuid() != 0:
        return list(args)
    if shutil.which("setpriv") is None:
        pytest.skip("needs setpriv to drop root's file capabilities")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", *args]


def test_an_unreadable_exercise_file_is_named_and_the_others_are_checked(workspace):
    """The sandbox copies every exercise file: one the learner cannot read (chmod 000, or
    written by `sudo`) ended every check, of any exercise, in a shutil.Error traceback."""
    unreadable = workspace / "exercises" / "ex03_backward.py"
    unreadable.chmod(0)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        for eid, said in (("ex03", "ex03_backward.py cannot be read (Permission denied): make "
                                   "it readable (chmod u+r ex03_backward.py)"),
                          ("ex01", "total 0/3")):
            checked = subprocess.run(_as_a_learner([sys.executable, "-m", "course", "check",
                                                    eid]), cwd=workspace, env=env,
                                     capture_output=True, text=True, timeout=120)
            _no_traceback(checked)
            assert checked.returncode == 1 and said in checked.stdout, checked
    finally:
        unreadable.chmod(0o644)


def test_doctor_says_when_the_course_folder_cannot_keep_a_checks_scores(workspace):
    """A read-only clone passed every doctor check, then lost each check's scores."""
    (workspace / ".course").write_text("not a folder")  # as a read-only folder refuses it
    doctor = course("doctor", cwd=workspace / "exercises")
    _no_traceback(doctor)
    line = next(line for line in doctor.stdout.splitlines() if "exercises folder" in line)
    assert line.startswith(f"✗ exercises folder: {workspace / 'exercises'}, but "
                           f"{workspace / '.course'} cannot be written ("), line
    assert line.endswith("`course check` cannot save your scores nor `course submit` write "
                         "its archive; work in a copy you can write")
    assert doctor.returncode == 1


RECORD_ONE = """
import sys, time
from pathlib import Path
from course import hints
from course.local import save_progress
from course.results import ExerciseResult, Report
eid, start = sys.argv[1], float(sys.argv[2])
time.sleep(max(0.0, start - time.time()))
for name in [f"{eid}.{n}" for n in range(10)] + [eid]:  # each save a new name's, kept
    save_progress(Path("."), Report([ExerciseResult(name, "t", [])]))
    seen = Path(".course/mistakes_seen.json")  # (a check loads them, then saves them back)
    hints.save(seen, hints.load(seen) | {(name, "a-mistake")})
"""


def test_checks_run_at_once_keep_each_others_scores(tmp_path):
    """Each check reads the scores, adds its own and writes them back: ten checks saving at
    once (run here as the saves alone, started together) kept 5 to 9 of the ten."""
    start = str(time.time() + 3)  # (all started and imported well before)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    savers = [subprocess.Popen([sys.executable, "-c", RECORD_ONE, eid, start], cwd=tmp_path,
                               env=env) for eid in EXERCISE_IDS]
    assert [p.wait(timeout=120) for p in savers] == [0] * len(savers)
    state = tmp_path / ".course"
    assert sorted(json.loads((state / "progress.json").read_text())) == sorted(
        [*EXERCISE_IDS, *(f"{eid}.{n}" for eid in EXERCISE_IDS for n in range(10))])
    assert [ex["id"] for ex in json.loads((state / "last_check.json").read_text())
            ["exercises"]] == list(EXERCISE_IDS)
    # The mistakes each check named, likewise (a lost one's fix came a check later)
    assert hints.load(state / "mistakes_seen.json") == {
        (name, "a-mistake") for eid in EXERCISE_IDS for name in (eid, *(f"{eid}.{n}"
                                                                         for n in range(10)))}
