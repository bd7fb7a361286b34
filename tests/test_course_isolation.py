"""Which isolation runs, and what each mode tells its user: `course grade` refuses to run learner
code unprotected unless told to (and then says so in every report), `course check` says once that
it runs without a sandbox, `course doctor` tries the sandbox for real; the fallback for machines
where bubblewrap cannot make namespaces runs learner code as an unprivileged user."""

import contextlib
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from processes import sandbox_user

from course import bwrap, engine
from course.isolation import USER, Isolation
from course.pool import Spares
from course.sandbox import (
    Limits,
    Sandbox,
    SandboxError,
    _become_killer_of,
    _kill_user,
    _refuse_a_home_of,
)
from course.tasks import exercise

ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def grader_only(paths=None):
    """``paths`` (by default what the fallback's setup makes root's: the solutions, the full
    specs and the checkout's git folders) readable by the grader only, for the test's time."""
    paths = [engine.SOLUTIONS, bwrap.SPECS, *bwrap.checkout_history()] if paths is None \
        else paths
    modes = {path: path.stat().st_mode for path in paths}
    try:
        for path in paths:
            os.chmod(path, 0o700)
        yield
    finally:
        for path, mode in modes.items():
            os.chmod(path, mode)


def course(*args, cwd, path=""):
    """`course ...` with PATH=``path``: an empty PATH finds no bwrap, as on a machine without it.
    Nor a sandbox user: where the Gradescope bundle's setup.sh once ran, `course-sandbox`
    exists, and these tests found mode "user" (or its refusal) instead of no sandbox."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": path,
           "COURSE_SANDBOX_USER": "course-no-such-user"}
    return subprocess.run([sys.executable, "-m", "course", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def uid():
    """A sandbox user of no one's, and its lock file removed after the test."""
    with sandbox_user() as uid:
        yield uid


@pytest.fixture
def workspace(tmp_path):
    shutil.copytree(ROOT / "exercises", tmp_path / "exercises")
    shutil.copy(engine.SOLUTIONS / "ex01_requires_grad.py", tmp_path / "exercises")
    return tmp_path


def test_grade_refuses_without_a_sandbox_unless_told(workspace):
    refused = course("grade", "exercises", "--out", "grades", cwd=workspace)
    assert refused.returncode == 2, refused
    assert "no sandbox for learner code here (bubblewrap is not installed)" in refused.stderr
    assert "--no-sandbox" in refused.stderr and not (workspace / "grades").exists()

    ran = course("grade", "exercises", "--out", "grades", "--no-sandbox", cwd=workspace)
    assert ran.returncode == 1, ran  # graded: only ex01 is solved
    assert "WARNING: learner code ran WITHOUT a sandbox" in ran.stderr
    result = json.loads((workspace / "grades" / "results" / "exercises.json").read_text())
    assert result["score"] == exercise("ex01").max_points
    assert "WITHOUT a sandbox" in result["output"]
    for feedback in ("exercises.md", "exercises.html"):
        assert "WITHOUT a sandbox" in (workspace / "grades" / "feedback" / feedback).read_text()


def test_check_says_once_that_it_runs_unsandboxed(workspace):
    checked = course("check", cwd=workspace)
    assert checked.returncode == 1 and "ex01" in checked.stdout
    notes = [line for line in checked.stderr.splitlines() if "without a sandbox" in line]
    assert len(notes) == 1 and notes[0].startswith("course: note:"), checked.stderr


def test_doctor_tries_the_sandbox(workspace):
    without = course("doctor", cwd=workspace)
    assert "✗ grading sandbox: no sandbox for learner code (bubblewrap is not installed)" in \
        without.stdout
    assert "apt-get install bubblewrap" in without.stdout
    if shutil.which("bwrap"):
        found = course("doctor", cwd=workspace, path=os.environ["PATH"])
        line = next(x for x in found.stdout.splitlines() if "grading sandbox" in x)
        assert line.startswith("✓") or "bwrap fails here" in line, line


@pytest.mark.skipif(os.geteuid() != 0, reason="the unprivileged-user mode needs the grader to "
                                              "run as root")
def test_user_mode_runs_learner_code_as_another_user(tmp_path, uid):
    nobody = Isolation(USER, "test", "rlimits", uid, uid)
    files = tmp_path / "files"
    files.mkdir()
    secret = tmp_path / "solutions"
    secret.mkdir(mode=0o700)
    (secret / "answer.py").write_text("ANSWER = 42\n")
    (files / "ex01_requires_grad.py").write_text(
        "import os\nimport minigrad as torch\nimport course.specs\nfrom course.specs import ex01\n"
        "def make_trainable(values):\n"
        "    specs = course.specs.__path__[0]\n"
        f"    print(os.getuid(), os.path.exists({str(secret / 'answer.py')!r}),\n"
        "          hasattr(ex01, '_flags'), {m.variant for t in ex01.TASKS\n"
        "                                    for m in t.misconceptions},\n"
        "          os.access(specs, os.W_OK), os.access(os.path.dirname(specs), os.W_OK))\n"
        f"    open({str(secret / 'answer.py')!r}).read()\n")
    (files / "ex10_inside_autograd.py").write_text(  # run without minigrad (course.tasks)
        "import sys\nprint([name for name, module in sys.modules.items()\n"
        "       if name.split('.')[0] == 'minigrad' and module is not None])\n"
        "import minigrad\n")

    def sandbox() -> Sandbox:
        return Sandbox(Limits(timeout=5), files=files, isolation=nobody, hide=[secret])

    # The package's own solutions and specs are world-readable in a checkout: refused before
    # any job. The specs' variants (and the correct helpers they use) are answers too.
    with pytest.raises(SandboxError, match="learner code could read .*course/solutions"):
        sandbox()
    with grader_only([engine.SOLUTIONS, *bwrap.checkout_history()]):  # as the setup does
        with pytest.raises(SandboxError, match="learner code could read .*course/specs"):
            sandbox()
        with grader_only([bwrap.SPECS]), sandbox() as box:
            task = [t.name for t in exercise("ex01").tasks].index("make_trainable")
            run = box.run("ex01", files / "ex01_requires_grad.py", [task], seed=0)[task]
            own = box.run("ex10", files / "ex10_inside_autograd.py", [0], seed=0)[0]
    # Cannot even see into the grader's folder; imports the specs with the variants withheld,
    # from a folder whose files it cannot change nor swap for its own (the sandbox of another
    # submission, also this user's, could have swapped them while the zygote, as root, was
    # about to import them: a red team's payload ran as root and copied the solutions).
    assert run.output.startswith(f"{uid} False False {{None}} False False"), run.output
    assert run.cases[0]["error"]["type"] == "PermissionError"
    # ex10's zygote, as that user too, imported no minigrad and lets no fork import it.
    assert own.output == "[]\n" and own.failure.startswith(
        "importing the file failed: RuntimeError: your file imports a module ex10's sandbox "
        "did not load (import)"), own


def test_in_user_mode_no_sandbox_starts_while_learner_code_runs():
    """Every sandbox of mode "user" runs as one user: the next one's zygote, root while it sets
    up, starts only once the job before it has ended (Spares(replace_ahead=False))."""
    started, running = [], []

    class Box:
        def __init__(self):
            started.append(list(running))  # the jobs running when this one started

        def close(self):
            pass

    spares = Spares(Box, ahead=1, total=3, replace_ahead=False)
    try:
        for job in range(3):
            spares.take()
            running.append(job)
            time.sleep(0.05)  # a replacement started ahead would have started by now
            running.remove(job)
    finally:
        spares.close()
    assert started == [[], [], []]
    # Elsewhere a replacement starts as soon as one is taken, while its job runs.
    started.clear()
    spares = Spares(Box, ahead=1, total=2)
    spares.take()
    running.append(0)
    time.sleep(0.05)
    spares.close()
    assert started == [[], [0]]


@pytest.mark.skipif(os.geteuid() != 0, reason="killing another user's processes needs root")
def test_killing_the_sandbox_user_outruns_a_process_that_keeps_forking(tmp_path, uid):
    """A red team's hopper: each process forks its successor and exits, so its pid keeps
    changing and a pass over /proc can miss it. It counts its hops in a file: once the user is
    killed, the count stops."""
    python = shutil.which("python3", path="/usr/bin:/bin")  # one the sandbox user may run
    if python is None:
        pytest.skip("no system python3 for the sandbox user to run")
    tally = Path(tempfile.mkdtemp(dir="/tmp")) / "hops"  # where that user may write
    tally.parent.chmod(0o755)
    tally.touch()
    os.chown(tally, uid, uid)
    hopper = (f"import os, time\nend = time.time() + 20\nn = 0\n"
              f"while time.time() < end:\n    n += 1\n    if n % 50 == 0:\n"
              f"        open({str(tally)!r}, 'a').write('.')\n"
              f"    if os.fork():\n        os._exit(0)\n")
    try:
        subprocess.Popen([python, "-c", hopper], user=uid, group=uid, cwd="/",
                         start_new_session=True).wait()
        time.sleep(0.3)
        before = tally.stat().st_size
        time.sleep(0.3)
        assert tally.stat().st_size > before > 0  # hopping
        _kill_user(uid)
        stopped = tally.stat().st_size
        time.sleep(0.5)
        assert tally.stat().st_size == stopped
    finally:
        _kill_user(uid)
        shutil.rmtree(tally.parent)


@pytest.mark.skipif(os.geteuid() != 0, reason="taking another user's uid needs root")
def test_the_sandbox_user_cannot_stop_the_process_that_kills_it(uid):
    """A seventh red team's spinner, as the sandbox user, SIGSTOPped the fork that kills that
    user's processes in the moment it had become the user, and outlived the kill: it then read
    the next submission's files and wrote ex10's results. The fork now takes the user's uid as
    its effective uid alone; the user may signal only processes whose real or saved uid is its
    own."""
    python = shutil.which("python3", path="/usr/bin:/bin")
    if python is None:
        pytest.skip("no system python3 for the sandbox user to run")
    killer = os.fork()
    if killer == 0:
        try:
            _become_killer_of(uid)
            time.sleep(20)
        finally:
            os._exit(0)
    try:
        stop = (f"import os, signal\ntry:\n    os.kill({killer}, signal.SIGSTOP)\n"
                "    print('stopped')\nexcept PermissionError:\n    print('refused')\n")
        tried = subprocess.run([python, "-c", stop], user=uid, group=uid, cwd="/",
                               capture_output=True, text=True, timeout=20)
        assert tried.stdout == "refused\n", tried
    finally:
        os.kill(killer, signal.SIGKILL)
        os.waitpid(killer, 0)


@pytest.mark.skipif(os.geteuid() != 0, reason="files of another user need root")
def test_what_the_sandbox_user_left_in_shared_folders_goes_with_it(uid):
    """Files the sandbox user left in /tmp, /var/tmp or /dev/shm outlived its job: a channel to
    the next submission's code (the same user) and a full /dev/shm for the rest of the run."""
    left = [Path(tempfile.mkdtemp(dir="/tmp")), Path(tempfile.mkstemp(dir="/tmp")[1])]
    (left[0] / "inner").write_text("x")
    mine = Path(tempfile.mkstemp(dir="/tmp")[1])  # root's: stays
    try:
        for path in [*left, left[0] / "inner"]:
            os.chown(path, uid, uid)
        _kill_user(uid)
        assert not any(path.exists() for path in left) and mine.exists()
    finally:
        mine.unlink()


@pytest.mark.skipif(os.geteuid() != 0, reason="acting as another user needs root")
def test_what_the_sandbox_user_leaves_in_system_v_ipc_and_run_lock_is_removed(uid):
    """An eighth red team's submission left detached System V shared memory (1 GiB of it, in
    use after grading ended, readable by the next submission's code) and a file in /run/lock,
    which the user-mode cleanup did not look at."""
    python = shutil.which("python3", path="/usr/bin:/bin")
    if python is None:
        pytest.skip("no system python3 for the sandbox user to run")
    lock = Path("/run/lock")
    leaver = ("import ctypes, os\nlibc = ctypes.CDLL(None)\n"
              "shm = libc.shmget(0, 1 << 20, 0o1000 | 0o600)\n"
              "msg = libc.msgget(0, 0o1000 | 0o600)\n"
              "sem = libc.semget(0, 1, 0o1000 | 0o600)\n"
              "print(shm, msg, sem)\n"
              f"open({str(lock / f'left-{os.getpid()}')!r}, 'w').write('x')\n"
              if lock.is_dir() else "")
    if not leaver:
        pytest.skip("no /run/lock here")

    def owned(table: str) -> list[str]:
        header, *rows = Path(f"/proc/sysvipc/{table}").read_text().splitlines()
        at = header.split().index("cuid")
        return [row for row in rows if int(row.split()[at]) == uid]

    try:
        made = subprocess.run([python, "-c", leaver], user=uid, group=uid, cwd="/",
                              capture_output=True, text=True, timeout=30)
        assert made.returncode == 0 and "-1" not in made.stdout.split(), made
        assert all(owned(t) for t in ("shm", "msg", "sem"))
        _kill_user(uid)
        assert not any(owned(t) for t in ("shm", "msg", "sem"))
        assert not (lock / f"left-{os.getpid()}").exists()
    finally:
        _kill_user(uid)


@pytest.mark.skipif(os.geteuid() != 0, reason="the unprivileged-user mode needs the grader to "
                                              "run as root")
def test_in_user_mode_learner_code_cannot_leave_a_posix_message_queue(tmp_path, uid):
    """Red team 9: a queue made with mq_open outlived the job and its cleanup (no IPC namespace
    in "user" mode, no file in the shared folders): the next submission's code read it."""
    (tmp_path / "ex01_requires_grad.py").write_text(
        "import ctypes, os\nimport minigrad as torch\n"
        "def make_trainable(values):\n"
        "    rt = ctypes.CDLL('librt.so.1', use_errno=True)\n"
        "    rt.mq_open.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_void_p]\n"
        f"    q = rt.mq_open(b'/course-test-{os.getpid()}', os.O_CREAT | os.O_RDWR, 0o600, None)\n"
        "    print('queue', q, ctypes.get_errno())\n"
        f"    rt.mq_unlink(b'/course-test-{os.getpid()}')\n")
    with grader_only(), Sandbox(Limits(timeout=5), files=tmp_path,
                                isolation=Isolation(USER, "test", "rlimits", uid, uid)) as box:
        task = [t.name for t in exercise("ex01").tasks].index("make_trainable")
        run = box.run("ex01", tmp_path / "ex01_requires_grad.py", [task], seed=0)[task]
    assert run.output.startswith("queue -1 "), run.output


def test_one_grading_run_at_a_time_uses_a_sandbox_user(tmp_path, uid):
    """A ninth red team's two graders side by side in user mode: each job's end killed the
    other run's learner code (its task blamed on the learner) and one run's learner code read
    the other's submissions. A second run now waits for the first to end."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
           "TMPDIR": str(tmp_path)}
    hold = (f"import sys, time\nfrom course.sandbox import _hold_sandbox_user\n"
            f"_hold_sandbox_user({uid})\nprint('holding', flush=True)\ntime.sleep(60)\n")
    first = subprocess.Popen([sys.executable, "-c", hold], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert first.stdout.readline() == "holding\n"
        second = subprocess.Popen([sys.executable, "-c", hold], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        try:
            with pytest.raises(subprocess.TimeoutExpired):
                second.wait(timeout=3)  # waiting, and said why
            first.kill()
            assert second.stdout.readline() == "holding\n"  # its turn, once the first ended
            assert second.stderr.readline() == (
                f"course: another grading run on this machine runs learner code as uid {uid}; "
                "waiting for it to end\n")
        finally:
            second.kill()
            second.wait()
    finally:
        first.kill()
        first.wait()


def test_a_test_sandbox_user_leaves_no_lock_file_behind():
    """Each user-mode test drew its own uid and left its course-user-mode-<uid>.lock in the
    temp folder, one per test and run (tests/processes.sandbox_user removes it)."""
    from course.sandbox import _held_users, _hold_sandbox_user

    with sandbox_user() as uid:
        _hold_sandbox_user(uid)  # as a user-mode grading run takes its sandbox user
        lock = Path(tempfile.gettempdir()) / f"course-user-mode-{uid}.lock"
        assert lock.is_file() and uid in _held_users
    assert not lock.exists() and uid not in _held_users


@pytest.mark.skipif(os.geteuid() != 0, reason="the unprivileged-user mode needs the grader to "
                                              "run as root")
def test_in_user_mode_one_submission_cannot_leave_a_key_for_the_next(tmp_path, uid):
    """Red team 11: the kernel keeps a uid's keyrings (user, user session, persistent) after
    all of its processes have ended, and in mode "user" every submission's code is one uid: a
    key the first submission's code added was read by the next one's."""
    keys = ("import ctypes\nimport minigrad as torch\n"
            "libc = ctypes.CDLL(None, use_errno=True)\n"
            "(ADD_KEY, KEYCTL), SEARCH, READ = {calls}, 10, 11\n"
            "def make_trainable(values):\n{body}")
    calls = {"x86_64": (248, 250), "aarch64": (217, 219)}.get(os.uname().machine)
    if calls is None:
        pytest.skip("no keyring call numbers known for this machine")
    leave = ("    for ring in (-4, -5):  # the user keyring, the user session keyring\n"
             "        print('added', libc.syscall(ADD_KEY, b'user', b'note', b'answers', 7,"
             " ring))\n")
    find = ("    for ring in (-4, -5):\n"
            "        key = libc.syscall(KEYCTL, SEARCH, ring, b'user', b'note', 0)\n"
            "        buf = ctypes.create_string_buffer(16)\n"
            "        n = libc.syscall(KEYCTL, READ, key, buf, 16) if key > 0 else -1\n"
            "        print('found', buf.raw[:max(n, 0)])\n")
    task = [t.name for t in exercise("ex01").tasks].index("make_trainable")
    outputs = []
    with grader_only():
        for body in (leave, find):  # two submissions, one after the other
            files = tmp_path / str(len(outputs))
            files.mkdir()
            (files / "ex01_requires_grad.py").write_text(keys.format(calls=calls, body=body))
            with Sandbox(Limits(timeout=5), files=files,
                         isolation=Isolation(USER, "test", "rlimits", uid, uid)) as box:
                outputs.append(box.run("ex01", files / "ex01_requires_grad.py", [task],
                                       seed=0)[task].output)
    # (once per case)
    assert [set(out.splitlines()) for out in outputs] == [{"added -1"}, {"found b''"}], outputs


@pytest.mark.skipif(os.geteuid() != 0, reason="the unprivileged-user mode needs the grader to "
                                              "run as root")
def test_in_user_mode_learner_code_cannot_read_the_answers_from_the_checkouts_history(tmp_path,
                                                                                     uid):
    """Red team 11: graded from a git checkout (as `make install` leaves it) with the solutions
    and specs made root's, learner code ran `git show HEAD:course/solutions/...` as the sandbox's
    user on the checkout's world-readable .git and exec'd the reference: 28 of 32 points. A
    folder that user may enter counts as readable too: the names in it can be known (a commit's
    objects are named by their hash; the solutions by the exercise files' names)."""
    history = bwrap.checkout_history()
    if not history:
        pytest.skip("the course is not run from a git checkout here")
    (tmp_path / "ex01_requires_grad.py").write_text(
        "import os, course\n"
        "def make_trainable(values):\n"
        "    repo = os.path.dirname(os.path.dirname(course.__file__))\n"
        "    r, w = os.pipe()\n"
        "    if (pid := os.fork()) == 0:\n"
        "        os.dup2(w, 1)\n"
        "        os.execve('/usr/bin/git', ['git', '-c', 'safe.directory=*', '-C', repo, 'show',"
        " 'HEAD:course/solutions/ex01_requires_grad.py'], {'PATH': '/usr/bin:/bin'})\n"
        "    os.close(w)\n"
        "    print('answer' if b'def make_trainable' in os.read(r, 1 << 20) else 'nothing')\n")

    def sandbox() -> Sandbox:
        return Sandbox(Limits(timeout=5), files=tmp_path,
                       isolation=Isolation(USER, "test", "rlimits", uid, uid))

    with grader_only([engine.SOLUTIONS, bwrap.SPECS]):  # what the setup said to make root's
        with pytest.raises(SandboxError, match=f"learner code could read {history[0]} "):
            sandbox()
    with grader_only():
        for folder in (history[0], engine.SOLUTIONS):  # enterable, not listable
            os.chmod(folder, 0o711)
            with pytest.raises(SandboxError, match=f"learner code could read {folder} "):
                sandbox()
            os.chmod(folder, 0o700)
        # Another submission, at a path the grader's argv shows (tmp_path is in a 0700 folder).
        other = Path(tempfile.mkdtemp(dir="/tmp"))
        try:
            other.chmod(0o711)
            (other / "ex01_requires_grad.py").write_text("ANSWER = 1\n")
            with pytest.raises(SandboxError, match=f"learner code could read {other} "):
                Sandbox(Limits(timeout=5), files=tmp_path, hide=[other],
                        isolation=Isolation(USER, "test", "rlimits", uid, uid))
        finally:
            shutil.rmtree(other)
        if os.access("/usr/bin/git", os.X_OK):
            with sandbox() as box:
                task = [t.name for t in exercise("ex01").tasks].index("make_trainable")
                run = box.run("ex01", tmp_path / "ex01_requires_grad.py", [task], seed=0)[task]
            assert "nothing" in run.output and "answer" not in run.output, run.output


@pytest.mark.skipif(os.geteuid() != 0, reason="the unprivileged-user mode needs the grader to "
                                              "run as root")
def test_in_user_mode_a_sandbox_user_with_a_home_of_its_own_is_refused(tmp_path, monkeypatch,
                                                                       uid):
    """Red team 11: a sandbox user made with a home (`useradd -m`, adduser's default) kept
    what one submission's code wrote there (no cleanup after a job looks at it), and the next
    submission's code read it."""
    home = tmp_path / "home"
    home.mkdir()
    os.chown(home, uid, uid)
    account = pwd.struct_passwd(("sandbox", "x", uid, uid, "", str(home), "/usr/sbin/nologin"))
    by_uid = pwd.getpwuid
    monkeypatch.setattr(pwd, "getpwuid", lambda wanted: account if wanted == uid
                        else by_uid(wanted))
    note = home / "note"
    files = {"leave": f"    open({str(note)!r}, 'w').write('answers')\n",
             "find": f"    print(open({str(note)!r}).read())\n"}
    task = [t.name for t in exercise("ex01").tasks].index("make_trainable")
    outputs = []
    with grader_only(), pytest.raises(SandboxError, match=f"home folder {home}, "):
        for name, body in files.items():  # two submissions, one after the other
            (tmp_path / name).mkdir()
            (tmp_path / name / "ex01_requires_grad.py").write_text(
                f"def make_trainable(values):\n{body}")
            with Sandbox(Limits(timeout=5), files=tmp_path / name,
                         isolation=Isolation(USER, "test", "rlimits", uid, uid)) as box:
                outputs.append(box.run("ex01", tmp_path / name / "ex01_requires_grad.py",
                                       [task], seed=0)[task].output)
    assert outputs == [], outputs  # (the second printed 'answers' once per case)
    os.chown(home, 0, 0)  # the grader's: nothing of the user's outlives a job there
    _refuse_a_home_of(uid, uid)


@pytest.mark.skipif(os.geteuid() != 0, reason="the unprivileged-user mode needs the grader to "
                                              "run as root")
def test_in_user_mode_learner_code_writes_only_in_its_scratch_folder(tmp_path, uid):
    """Red team 11: as the sandbox user, learner code wrote 512 MiB into /dev/shm (memory) under
    RLIMIT_AS 512 MiB, which no cgroup counted where there is none, and every folder any user
    may write to (/tmp, /var/tmp, /run/lock) held what it left for the next submission's code
    until the cleanup after the job found it. Landlock (course.landlock) refuses every write
    outside its scratch folder; where the kernel offers none, the summary says so."""
    from course import landlock

    if landlock.abi() < 1:
        pytest.skip("no Landlock on this kernel")
    (tmp_path / "ex01_requires_grad.py").write_text(
        "import os, tempfile\n"
        "def make_trainable(values):\n"
        "    for folder in ('/dev/shm', '/tmp', '/var/tmp', '/run/lock', tempfile.gettempdir(),"
        " os.getcwd()):\n"
        "        path = os.path.join(folder, f'landlock-probe-{os.getpid()}')\n"
        "        try:\n"
        "            with open(path, 'wb') as f:\n"
        "                f.write(b'x' * 4096)\n"
        "            os.unlink(path)\n"
        "            print(folder == tempfile.gettempdir() or folder == os.getcwd() or folder,"
        " 'written')\n"
        "        except OSError as e:\n"
        "            print(folder, e.strerror)\n"
        "    with open(os.devnull, 'w') as f:\n"
        "        print('quiet', file=f)\n"
        "    print('done')\n")
    isolation = Isolation(USER, "test", "rlimits", uid, uid, confined=True)
    assert "writing only in its scratch folder (Landlock)" in isolation.summary
    with grader_only(), Sandbox(Limits(timeout=5), files=tmp_path, isolation=isolation) as box:
        task = [t.name for t in exercise("ex01").tasks].index("make_trainable")
        run = box.run("ex01", tmp_path / "ex01_requires_grad.py", [task], seed=0)[task]
    lines = run.output.splitlines()
    shared = [line for line in lines if line.startswith("/") and os.path.isdir(line.split()[0])]
    assert shared and all(line.endswith("Permission denied") for line in shared), run.output
    assert lines.count("True written") == 2 * lines.count("done") > 0, run.output
    assert not any(any(Path(folder).glob("landlock-probe-*")) for folder in ("/dev/shm", "/tmp"))


def test_the_graders_command_line_shows_no_submission_once_it_runs(tmp_path):
    """`course grade subs/*` lists every submission, named after its student, in the command
    line every process of the machine may read (/proc/<pid>/cmdline): red team 12's learner
    code, run in mode "user" as another user of the same machine, printed the class's names
    into its own feedback. Once the arguments are read, the grader's command line is cut to
    its command, before any learner code starts; nothing it starts repeats them."""
    names = [f"zz{os.getpid()}{who}" for who in ("alice", "bob")]
    for name in names:
        (tmp_path / name).mkdir()
        (tmp_path / name / "ex01_requires_grad.py").write_text(
            "import time\ndef make_trainable(values):\n    time.sleep(1)\n")
    grader = subprocess.Popen(
        [sys.executable, "-m", "course", "grade", *names, "--exercises", "ex01", "--out", "out",
         "--timeout", "5"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    showing, shown_after = [], []
    try:
        end = time.monotonic() + 120
        while grader.poll() is None and time.monotonic() < end:
            seen = []
            for pid in filter(str.isdigit, os.listdir("/proc")):
                try:
                    text = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
                except OSError:
                    continue
                if any(name in text for name in names):
                    seen.append((int(pid), text.replace("\0", " ").strip()))
            if seen and not shown_after:
                showing += seen  # (the moment before the arguments are read)
            elif not seen and showing and not shown_after:
                shown_after.append(Path(f"/proc/{grader.pid}/cmdline").read_bytes())
            elif seen:
                shown_after.append(seen)
            time.sleep(0.02)
        _, errors = grader.communicate(timeout=120)
    finally:
        grader.kill()
        grader.wait()
    assert grader.returncode in (0, 1), errors
    assert shown_after, f"the command line showed the submissions all along: {showing[-1:]}"
    cut = shown_after[0].split(b"\0")
    assert cut[cut.index(b"grade") - 1:cut.index(b"grade") + 1] == [b"course", b"grade"] \
        and not any(cut[cut.index(b"grade") + 1:]), shown_after[0]
    assert not any(isinstance(seen, list) for seen in shown_after), shown_after  # (again)


@pytest.mark.skipif(os.geteuid() != 0, reason="acting as another user needs root")
def test_a_python_the_sandbox_user_cannot_read_is_named(uid, monkeypatch):
    from course.isolation import python_closed_to
    # Not under tmp_path: pytest's folder of root's is closed to others itself.
    top = Path(tempfile.mkdtemp(prefix="course-test-"))
    os.chmod(top, 0o755)
    closed = top / "closed to others"  # (a space: the folders come back one a line)
    closed.mkdir(mode=0o700)
    try:
        _named_closed(uid, monkeypatch, python_closed_to, closed)
    finally:
        shutil.rmtree(top)


def _named_closed(uid, monkeypatch, python_closed_to, closed):
    # The folders this Python imports from, as the user would read them (pyenv under root's
    # 0700 home is the case met: every import the zygote had not made failed).
    before = python_closed_to(uid, uid)
    monkeypatch.setattr(sys, "path", [*sys.path, str(closed / "inside")])
    (closed / "inside").mkdir(mode=0o755)
    assert python_closed_to(uid, uid) == (before or closed)
    # The interpreter itself, reached through a folder closed to the user: not started at all.
    python = closed / "python"
    shutil.copy2(Path(sys.executable).resolve(), python)
    monkeypatch.setattr(sys, "path", sys.path[:-1])
    monkeypatch.setattr(sys, "executable", str(python))
    assert python_closed_to(uid, uid) == closed


@pytest.mark.skipif(os.geteuid() != 0, reason="the unprivileged-user mode needs the grader to "
                                              "run as root")
def test_doctor_and_grade_refuse_a_python_the_sandbox_user_cannot_read(workspace):
    closed = workspace / "closed"
    closed.mkdir(mode=0o700)
    # No bwrap (an empty PATH), a sandbox user that exists, and a folder of this Python's
    # sys.path (PYTHONPATH's) closed to it: no mode "user", and one message says why.
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{closed}", "PATH": "",
           "COURSE_SANDBOX_USER": "nobody"}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "course", *args], cwd=workspace, env=env,
                              capture_output=True, text=True, timeout=300)

    doctor = run("doctor")
    line = next(x for x in doctor.stdout.splitlines() if "grading sandbox" in x)
    assert line.startswith("✗") and "the sandbox user nobody (uid 65534) cannot read this " \
        "Python" in line and "is closed to it" in line, line
    assert "/usr/bin/python3 -m venv" in line and "apt-get install bubblewrap" not in line
    graded = run("grade", "exercises", "--out", "grades")
    assert graded.returncode == 2 and "cannot read this Python" in graded.stderr, graded
    assert "--no-sandbox" in graded.stderr and not (workspace / "grades").exists()
