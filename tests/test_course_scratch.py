"""course/scratch.py: the scratch folders a grading run killed before it could clean up are
removed by the next `course grade`, and nothing else is: not those of a run that lives in
another PID namespace, whose process ID looks gone from here."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from course import cgroup, scratch
from course.isolation import BUBBLEWRAP, detect
from course.scratch import OWNER, RUN, clear_abandoned, remove_tree, scratch_folder

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def temp(tmp_path, monkeypatch):
    """A temp folder of this test's own, for this process and the processes it starts."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(scratch, "_run", None)  # this process's run: its lock file in there
    return folder


def _run_elsewhere(code: str, temp: Path, pid_namespace: bool = False) -> subprocess.Popen:
    """Another Python process (in a PID namespace of its own where this machine allows it)
    that runs ``code`` with the course importable, and prints a line when it has."""
    command = [sys.executable, "-c", code]
    if pid_namespace and shutil.which("unshare") and os.geteuid() == 0:
        command = ["unshare", "--pid", "--fork", "--kill-child", *command]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp)}
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)


MAKE = "from course.scratch import scratch_folder; print(scratch_folder({!r}), flush=True); "


def test_only_the_folders_of_runs_that_are_gone_are_removed(temp):
    mine = scratch_folder("course-grade-")
    killed = _run_elsewhere(MAKE.format("course-sandbox-") + "import os; os._exit(1)", temp)
    dead = Path(killed.stdout.readline().strip())
    killed.wait(timeout=30)
    # A live grader whose process ID means nothing here: a second `course grade` once removed
    # such a run's folders mid-run, and graded its submissions from missing files.
    live = _run_elsewhere(MAKE.format("course-grade-") + "import time; time.sleep(60)", temp,
                          pid_namespace=True)
    try:
        alive = Path(live.stdout.readline().strip())
        old = temp / "course-grade-old"  # an older course's: a process ID, not a run's token
        old.mkdir()
        (old / OWNER).write_text("1234567 5")
        # (and the folders of this version keep their owner's ID too, which older versions
        # judge them by: they took a folder without it for abandoned, and removed it)
        assert (alive / OWNER).read_text().split()[0].isdigit()
        unknown = temp / "course-grade-unknown"  # says nothing of its owner: not ours to judge
        unknown.mkdir()
        other = temp / "notes"  # another program's
        other.mkdir()
        (dead / "files").mkdir()
        (dead / "files" / "ex01.py").write_text("learner code\n")
        os.chmod(dead / "files", 0o500)  # as code run there may leave it
        assert clear_abandoned() == [dead]
        assert mine.exists() and alive.exists() and old.exists() and unknown.exists()
        assert other.exists() and not dead.exists()
        assert len(list(temp.glob("course-run-*.lock"))) == 2  # this process's and the live one's
    finally:
        live.kill()
        live.wait(timeout=30)
    # Now gone: killed, its lock dropped by the kernel (once the namespace's own process,
    # killed as unshare ends, has ended too).
    deadline = time.monotonic() + 30
    while not (removed := clear_abandoned()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert removed == [alive]
    assert len(list(temp.glob("course-run-*.lock"))) == 1


def test_a_gone_runs_lock_file_stays_while_a_cgroup_of_it_is_left(temp):
    killed = _run_elsewhere(MAKE.format("course-grade-") + "import os; os._exit(1)", temp)
    folder = Path(killed.stdout.readline().strip())
    killed.wait(timeout=30)
    token = (folder / RUN).read_text()
    assert clear_abandoned(keep={token}) == [folder]
    assert (temp / f"course-run-{token}.lock").exists()  # (the group is judged by it later)
    assert clear_abandoned() == [] and not (temp / f"course-run-{token}.lock").exists()


LOOP = "def make_trainable(values):\n    while True:\n        pass\n"


@pytest.mark.skipif(detect().mode != BUBBLEWRAP, reason="needs bubblewrap (CI installs it)")
def test_a_grading_run_killed_mid_way_leaves_nothing_after_the_next(temp, tmp_path):
    """kill -9 while a submission's endless loop runs in the sandbox: its folders (learner
    code, unpacked) stay behind; the next `course grade` removes them and says so."""
    learner = tmp_path / "alice" / "exercises"
    learner.mkdir(parents=True)
    (learner / "ex01_requires_grad.py").write_text(LOOP)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp)}
    command = [sys.executable, "-m", "course", "grade", str(learner.parent), "--exercises",
               "ex01"]
    run = subprocess.Popen([*command, "--out", str(tmp_path / "first")], cwd=tmp_path, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not list(temp.glob("course-grade-*/submission/exercises")):
            assert time.monotonic() < deadline and run.poll() is None, "grading never started"
            time.sleep(0.1)
        time.sleep(1)  # the loop running
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
    (lock,) = temp.glob("course-run-*.lock")  # the killed run's, still there
    token = lock.name[len("course-run-"):-len(".lock")]
    groups = [g for parent in cgroup.job_parents() for g in parent.glob(f"course-job-{token}-*")]
    left = sorted(p.name.rsplit("-", 1)[0] for p in temp.iterdir() if p.is_dir())
    assert "course-grade" in left and "course-sandbox" in left, left  # (and spare sandboxes)
    again = subprocess.run([*command, "--out", str(tmp_path / "second"), "--timeout", "1"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert f"course: removed {len(left)} scratch folder(s) that a grading run killed before it " \
           f"could clean up left in {temp}" in again.stderr, again.stderr
    assert not list(temp.iterdir())
    assert not [g for g in groups if g.exists()], groups  # (none where cgroups are not used)


def test_a_tree_too_deep_for_recursion_and_for_paths_is_removed(tmp_path):
    """An eighth red team buried files under 1,200 folders: shutil.rmtree stopped there
    (RecursionError), and the "user" fallback left them in /tmp and /dev/shm for good. Long
    names make the paths longer than the system's limit, too, and a folder without permissions
    must not stop it."""
    top = tmp_path / "deep"
    top.mkdir()
    fd = os.open(top, os.O_RDONLY)
    for depth in range(1200):
        name = "d" * (200 if depth % 2 else 1)
        os.mkdir(name, dir_fd=fd)
        below = os.open(name, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = below
    os.close(os.open("bulk", os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=fd))
    os.symlink(str(tmp_path / "keep"), "link", dir_fd=fd)
    os.fchmod(fd, 0o500)
    os.close(fd)
    (tmp_path / "keep").write_text("outside: a link to it is removed, it is not")
    remove_tree(top)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep"]


def test_a_deep_tree_under_a_folder_whose_name_is_as_long_as_can_be_is_removed(tmp_path):
    """Red team 9: the sandbox user's folder in /tmp, named with 250 characters, made the name
    each subfolder was moved to (the folder's own, a dot and 17 more) too long: no move
    succeeded, and the fallback, shutil.rmtree, raised RecursionError at 1,200 folders deep,
    from the cleanup after every later job of the batch (each graded 0, the folder kept)."""
    top = tmp_path / ("L" * 250)
    top.mkdir()
    fd = os.open(top, os.O_RDONLY)
    for _ in range(1200):
        os.mkdir("d", dir_fd=fd)
        below = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = below
    os.close(os.open("note", os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=fd))
    os.close(fd)
    remove_tree(top)
    assert list(tmp_path.iterdir()) == []


def test_a_fifo_in_place_of_a_lock_file_is_no_gone_run(temp):
    """Red team 9: a FIFO where a run's lock file would be (any user may make one in /tmp)
    blocked clear_abandoned's open for good, at the start of every `course grade`."""
    token = "ab" * 16
    folder = temp / "course-grade-orphan"
    folder.mkdir()
    (folder / RUN).write_text(token)
    os.mkfifo(temp / f"course-run-{token}.lock")
    code = ("from course.scratch import clear_abandoned, gone; "
            f"print(clear_abandoned(('course-grade-',)), gone({token!r}))")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=30)
    assert done.stdout == "[] False\n" and folder.exists(), done


def test_a_removal_cut_short_leaves_a_folder_that_the_next_clear_removes(temp):
    """A grader killed in the middle of remove_tree: the folders it had moved out of the way
    were left in the temp folder as `.course-removing-<hex>`, naming no run, and no later
    `course grade` removed them (learner code, on a shared machine). Now they are moved into the
    folder being removed, which names its run until the last, and the next clear takes it."""
    code = MAKE.format("course-grade-") + (
        "import os\n"
        "from course import scratch\n"
        "from pathlib import Path\n"
        "top = Path(scratch.scratch_folder('course-grade-'))\n"
        "path = top / 'submission'\n"
        "for depth in range(6):\n"
        "    path = path / f'd{depth}'\n"
        "    path.mkdir(parents=True)\n"
        "    (path / 'ex01_requires_grad.py').write_text('learner code')\n"
        "renamed = os.rename\n"
        "def rename(*args, **kwargs):\n"  # the kill, after two folders were moved
        "    renamed(*args, **kwargs)\n"
        "    rename.calls = getattr(rename, 'calls', 0) + 1\n"
        "    if rename.calls == 2:\n"
        "        os._exit(9)\n"
        "os.rename = rename\n"
        "print(top, flush=True)\n"
        "scratch.remove_tree(top)\n")
    killed = _run_elsewhere(code, temp)
    first = Path(killed.stdout.readline().strip())
    top = Path(killed.stdout.readline().strip())
    assert killed.wait(timeout=30) == 9
    assert [p.name for p in temp.iterdir() if p.name.startswith(".course-removing-")] == []
    assert (top / RUN).exists()
    assert len([p for p in top.iterdir() if p.name.startswith(".course-removing-")]) == 2
    assert sorted(clear_abandoned()) == sorted([first, top])
    assert list(temp.iterdir()) == []  # (the run's lock file too: the run is gone)


def test_an_earlier_versions_removing_folders_go_once_no_other_run_lives(temp):
    """Earlier versions moved the folders they removed into the temp folder itself, named by
    no run (`.course-removing-<hex>`); a grader killed mid-way left them there for good. They
    are removed once no other run of this user's lives in the temp folder (one of such a
    version could be moving them there now), this process's own run aside; a link of that name
    is not followed."""
    left = temp / ".course-removing-0123456789abcdef"
    (left / "d").mkdir(parents=True)
    (left / "d" / "ex01_requires_grad.py").write_text("learner code\n")
    outside = temp / "outside"
    outside.mkdir()
    (outside / "keep").write_text("not a removal's\n")
    link = temp / ".course-removing-fedcba9876543210"
    link.symlink_to(outside)
    other = temp / ".course-removing-notahexname"
    other.mkdir()
    scratch_folder("course-grade-")  # this process's run: alive, and no reason to wait
    live = _run_elsewhere(MAKE.format("course-grade-") + "import time; time.sleep(60)", temp)
    try:
        alive = Path(live.stdout.readline().strip())
        assert clear_abandoned() == [] and left.exists()
    finally:
        live.kill()
        live.wait(timeout=30)
    assert sorted(clear_abandoned()) == sorted([alive, left])
    assert link.is_symlink() and (outside / "keep").exists() and other.exists()


def test_a_runs_lock_file_outlives_a_normal_exit_that_left_a_folder_and_a_forks_exit(temp):
    """At a normal exit a run removed its lock file, even where an error path had left a
    folder of it: that folder then named a run nobody could judge, and stayed in the temp folder
    for good (four sandbox folders of a red team's test runs did). And a fork inherits the
    atexit list: a fork's normal exit removed its parent's lock file under the live run."""
    code = MAKE.format("course-sandbox-") + (
        "import os, sys\n"
        "if os.fork() == 0:\n"
        "    sys.exit(0)  # a fork's normal exit: atexit's handlers run in it\n"
        "os.wait()\n"
        "from course.scratch import run_token\n"
        "print(os.path.exists(os.path.join(os.environ['TMPDIR'], "
        "f'course-run-{run_token()}.lock')), flush=True)\n")
    run = _run_elsewhere(code, temp)
    left = Path(run.stdout.readline().strip())
    assert run.stdout.readline().strip() == "True"  # the fork's exit left the lock file be
    run.wait(timeout=30)
    token = (left / RUN).read_text()
    assert (temp / f"course-run-{token}.lock").exists()  # a folder of the run is left
    assert clear_abandoned() == [left]
    assert not (temp / f"course-run-{token}.lock").exists()
    tidy = _run_elsewhere("import shutil\nfrom course.scratch import scratch_folder\n"
                          "shutil.rmtree(scratch_folder('course-grade-'))\n", temp)
    tidy.wait(timeout=30)
    assert list(temp.glob("course-run-*.lock")) == []  # no folder left: its lock file goes
