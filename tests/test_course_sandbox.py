"""The grader as a security boundary: real attacking submissions, graded in one batch with honest
ones through `course grade`, and what can be observed afterwards.

Every attack is a bounded program (time, memory, processes are capped by the sandbox it attacks;
each test has a timeout). Needs a working bubblewrap (CI installs it); skipped otherwise.
"""

import hashlib
import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from processes import named

from course import bwrap, engine
from course.cgroup import JobCgroup
from course.grade import grade
from course.isolation import BUBBLEWRAP, detect
from course.sandbox import Limits, Sandbox, compile_packages

ROOT = Path(__file__).resolve().parents[1]
ISOLATION = detect()
pytestmark = pytest.mark.skipif(
    ISOLATION.mode != BUBBLEWRAP,
    reason=f"no bubblewrap sandbox on this machine ({ISOLATION.reason}); the attack tests need "
           "it (`apt-get install bubblewrap`; CI installs it)")
SECRET = f"hunter2-{os.getpid()}"  # in the grader's environment; must reach no output
MARK = f"evil{os.getpid() % 100000}"  # the attackers' processes name themselves this
TIMEOUT = 2.0
CORRECT_FREEZE = """
def freeze(params):
    for p in params:
        p.requires_grad_(False)
"""
CORRECT_MAKE = """
def correct(values):
    return torch.tensor(values, dtype=torch.float32, requires_grad=True)
"""


def _attack(body: str, **names: object) -> str:
    """An ex01 file: imports, the attacker's code (``make_trainable``), a correct ``freeze``."""
    head = "import ctypes, json, os, signal, socket, sys, time\nimport minigrad as torch\n"
    consts = "".join(f"{k} = {v!r}\n" for k, v in names.items())
    name_self = f"def name_self():\n    open('/proc/self/comm', 'w').write({MARK!r})\n"
    return head + consts + name_self + CORRECT_MAKE + textwrap.dedent(body) + CORRECT_FREEZE


def _attackers(paths: dict[str, Path]) -> dict[str, str]:
    sol, out, pkg = str(paths["solutions"]), str(paths["out"]), str(bwrap.PACKAGES[0])
    other = str(paths["honest"])
    return {
        # Reads and writes everything worth having; prints what it managed (reaches feedback).
        "spy": _attack("""
            def attempt(name, fn):
                try:
                    REPORT[name] = "OPEN " + repr(fn())[:60]
                except Exception as e:
                    REPORT[name] = "denied " + type(e).__name__
            REPORT = {}
            def unshare_user():
                if ctypes.CDLL(None, use_errno=True).unshare(0x10000000) != 0:
                    raise OSError(ctypes.get_errno(), "unshare")
            def make_trainable(values):
                attempt("grader environ", lambda: open(f"/proc/{GRADER}/environ", "rb").read())
                attempt("grader cmdline", lambda: open(f"/proc/{GRADER}/cmdline", "rb").read())
                attempt("zygote environ", lambda: open("/proc/1/environ", "rb").read())
                attempt("zygote pipe", lambda: open("/proc/1/fd/1", "wb").write(b"x"))
                attempt("shadow", lambda: open("/etc/shadow").read())
                attempt("network", lambda: socket.create_connection(("1.1.1.1", 53), 1))
                attempt("grader port", lambda: socket.create_connection(("127.0.0.1", PORT), 1))
                attempt("package write", lambda: open(PKG + "/evil.py", "w").write("x = 1"))
                attempt("package solutions",
                        lambda: open(PKG + "/solutions/ex01_requires_grad.py").read())
                attempt("solutions read", lambda: open(SOL + "/ex01_requires_grad.py").read())
                attempt("solutions write",
                        lambda: open(SOL + "/ex01_requires_grad.py", "a").write("x"))
                attempt("out write", lambda: open(OUT + "/results/honest.json", "w").write("{}"))
                attempt("phantom", lambda: open(OUT + "/results/phantom.json", "w").write("{}"))
                attempt("other submission", lambda: open(OTHER + "/ex02_graph.py", "a").write("x"))
                attempt("own files", lambda: open(__file__, "a").write("x"))
                attempt("user namespace", unshare_user)
                REPORT["environment"] = sorted(os.environ)
                REPORT["visible"] = [open(f"/proc/{p}/cmdline", "rb").read().decode()[:80]
                                     for p in os.listdir("/proc") if p.isdigit()]
                print(json.dumps(REPORT))
                return correct(values)
            """, GRADER=os.getpid(), PORT=paths["port"], PKG=pkg, SOL=sol, OUT=out, OTHER=other),
        # Wants the reference's answer: the course's loader, the package's files, --solutions
        # found on the grader's command line.
        "forger": _attack("""
            def routes():
                yield lambda: __import__("course.solutions.ex01_requires_grad", fromlist=["x"])
                yield lambda: __import__("course.engine", fromlist=["x"])._solution(
                    __import__("pathlib").Path(SOL), "ex01")
                for pid in os.listdir("/proc"):
                    if pid.isdigit():
                        args = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\\0")
                        if b"--solutions" in args:
                            folder = args[args.index(b"--solutions") + 1].decode()
                            yield lambda: __import__("course.engine", fromlist=["x"])._solution(
                                __import__("pathlib").Path(folder), "ex01")
            def make_trainable(values):
                for route in routes():
                    try:
                        return route().make_trainable(values)
                    except Exception:
                        pass
                return None
            """, SOL=sol),
        # A setsid double-forked daemon that keeps trying to overwrite results.
        "daemon": _attack("""
            def make_trainable(values):
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        name_self()
                        for _ in range(600):
                            for target in (OUT + "/results/honest.json", OUT + "/gradebook.csv"):
                                try:
                                    open(target, "w").write("forged")
                                except OSError:
                                    pass
                            time.sleep(0.1)
                    os._exit(0)
                return correct(values)
            """, OUT=out),
        "forkbomb": _attack("""
            def make_trainable(values):
                name_self()
                while True:
                    try:
                        os.fork()
                    except OSError:
                        pass
            """),
        # Four processes of 150 MB each under a 512 MB job: succeeds only if they all fit.
        "memfork": _attack("""
            def make_trainable(values):
                kids = []
                for _ in range(4):
                    pid = os.fork()
                    if pid == 0:
                        name_self()
                        block = bytearray(b"x") * (150 << 20)
                        time.sleep(0.3)
                        os._exit(0 if block[-1] == 120 else 1)
                    kids.append(pid)
                ok = all(os.waitpid(k, 0)[1] == 0 for k in kids)
                return correct(values) if ok else None
            """),
        # Tries to keep its clock running: claims its task (1) done and task 2 started (the only
        # order the grader accepts), then keeps working, touching files as progress.
        "clock": _attack("""
            from course import channel, wire
            def make_trainable(values):
                channel.send(3, wire.pack({"done": 1, "cases": [{"facts": {}}] * 3}))
                channel.send(3, wire.pack({"start": 2}))
                end = time.time() + 25
                while time.time() < end:
                    open("progress", "a").write("start 0\\n")
                    time.sleep(0.2)
                return correct(values)
            """),
        # Kills or confuses the process that grades it.
        "killer": _attack("""
            def make_trainable(values):
                for target in (os.getppid(), 1):
                    os.kill(target, signal.SIGKILL)
                    os.kill(target, signal.SIGSTOP)
                for fd in ("/proc/1/fd/1", f"/proc/{os.getppid()}/fd/1"):
                    try:
                        open(fd, "wb").write(b"\\0\\0\\0\\x21E" + b"0" * 32 + b'{"status": 0}')
                    except OSError:
                        pass
                os.write(3, b"\\xff\\xff\\xff\\xff" + b"junk")
                return correct(values)
            """),
        # Fills the disk; succeeds only if 100 MB fit.
        "disk": _attack("""
            def make_trainable(values):
                written = 0
                try:
                    for i in range(670):
                        with open(f"/tmp/fill{i}", "wb") as f:
                            f.write(b"x" * (1 << 20))
                        written += 1
                except OSError:
                    pass
                return correct(values) if written >= 100 else None
            """),
    }


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}



def _results(out: Path, name: str) -> list[tuple]:
    doc = json.loads((out / "results" / f"{name}.json").read_text())
    return [(t["name"], t["score"], t["status"], t["output"]) for t in doc["tests"]]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Honest submissions graded alone, then with the attackers through `course grade`."""
    tmp = tmp_path_factory.mktemp("attack")
    solutions = tmp / "solutions"
    shutil.copytree(engine.SOLUTIONS, solutions, ignore=shutil.ignore_patterns("__pycache__"))
    honest = tmp / "subs" / "honest"
    shutil.copytree(engine.SOLUTIONS, honest, ignore=shutil.ignore_patterns("__pycache__"))
    stubs = tmp / "subs" / "stubs"
    shutil.copytree(ROOT / "exercises", stubs)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    out = tmp / "out"
    paths = {"solutions": solutions, "out": out, "honest": honest,
             "port": listener.getsockname()[1]}
    subs = [honest, stubs]
    for name, source in _attackers(paths).items():
        folder = tmp / "subs" / name
        folder.mkdir()
        (folder / "ex01_requires_grad.py").write_text(source)
        shutil.copy(engine.SOLUTIONS / "ex02_graph.py", folder)  # honest work after the attack
        subs.append(folder)
    limits = Limits(timeout=TIMEOUT, memory_mb=512, processes=32, disk_mb=32)
    grade([honest, stubs], tmp / "alone", solutions=solutions, limits=limits, seed=11,
          progress=open(os.devnull, "w"))
    before = {p: _tree(p) for p in (solutions, bwrap.PACKAGES[0], honest, stubs)}
    env = {**os.environ, "COURSE_TEST_SECRET": SECRET, "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "course", "grade", *map(str, subs), "--out",
                          str(out), "--solutions", str(solutions), "--seed", "11", "--jobs", "2",
                          "--timeout", str(TIMEOUT), "--memory", "512"],
                         env=env, capture_output=True, text=True, timeout=600)
    seconds = time.monotonic() - start
    try:
        connection = listener.accept()
    except BlockingIOError:
        connection = None
    listener.close()
    return {"run": run, "out": out, "alone": tmp / "alone", "before": before, "seconds": seconds,
            "connected": connection is not None, "subs": subs, "tmp": tmp}


def _task(batch, name, tid):
    doc = json.loads((batch["out"] / "results" / f"{name}.json").read_text())
    return next(t for t in doc["tests"] if t["name"].startswith(tid + ":"))


def test_batch_finishes_with_a_gradebook_and_honest_scores_unchanged(batch):
    run, out = batch["run"], batch["out"]
    assert run.returncode in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
    assert "Learner code ran in: bubblewrap sandbox" in run.stderr
    rows = (out / "gradebook.csv").read_text().splitlines()
    assert sorted(r.split(",")[0] for r in rows[1:]) == sorted(p.name for p in batch["subs"])
    assert sorted(p.stem for p in (out / "results").glob("*.json")) == sorted(
        p.name for p in batch["subs"])  # no phantom results
    for name in ("honest", "stubs"):
        assert _results(out, name) == _results(batch["alone"], name)
    doc = json.loads((out / "results" / "honest.json").read_text())
    assert "bubblewrap sandbox" in doc["extra_data"]["sandbox"]
    assert "bubblewrap sandbox" in (out / "feedback" / "honest.md").read_text()


def test_attackers_score_zero_on_the_attacked_task_and_keep_honest_work(batch):
    for name in ("forger", "forkbomb", "memfork", "clock", "killer", "disk"):
        assert _task(batch, name, "ex01.make_trainable")["score"] == 0, name
        assert _task(batch, name, "ex02.grad_fn_names")["status"] == "passed", name
    # Its forged messages count as its own answers, and bought it no time.
    assert "took longer than 2 s" in _task(batch, "clock", "ex01.freeze")["output"]


def test_nothing_outside_the_sandbox_changed(batch):
    for folder, tree in batch["before"].items():
        assert _tree(folder) == tree, folder
    assert not (bwrap.PACKAGES[0] / "evil.py").exists()
    assert "forged" not in (batch["out"] / "gradebook.csv").read_text()
    assert not batch["connected"], "learner code connected to a port of the grader's machine"
    for path in batch["out"].rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(errors="replace"), path
    assert SECRET not in batch["run"].stdout + batch["run"].stderr


def test_the_spy_sees_nothing_secret(batch):
    task = _task(batch, "spy", "ex01.make_trainable")
    assert task["status"] == "passed"
    report = json.loads(task["output"].split("Printed output:\n", 1)[1].splitlines()[0])
    visible, environment = report.pop("visible"), report.pop("environment")
    assert all(v.startswith("denied") for v in report.values()), report
    assert "COURSE_TEST_SECRET" not in environment
    assert not any(str(batch["tmp"]) in cmdline for cmdline in visible), visible
    assert not any("--solutions" in cmdline for cmdline in visible)


def _left_after(seconds: float) -> list[int]:
    """The attackers' processes still there after ``seconds`` (killed ones take a moment)."""
    deadline = time.monotonic() + seconds
    while named(MARK) and time.monotonic() < deadline:
        time.sleep(0.1)
    return named(MARK)


def test_no_process_of_any_job_is_left(batch):
    assert _left_after(5) == [], "a learner's process outlived the grader"
    assert _task(batch, "daemon", "ex01.make_trainable")["status"] == "passed"


def test_the_deadline_is_the_graders(batch, tmp_path):
    # The clock attack works 25 s while sending task messages; with a 2 s limit per task its
    # file (import + 2 tasks) costs at most 3 x 2 s, whatever it sends.
    source = (batch["tmp"] / "subs" / "clock" / "ex01_requires_grad.py").read_text()
    (tmp_path / "ex01_requires_grad.py").write_text(source)
    with Sandbox(Limits(timeout=TIMEOUT), files=tmp_path) as box:
        start = time.monotonic()
        runs = box.run("ex01", tmp_path / "ex01_requires_grad.py", [1, 2], seed=0)
        seconds = time.monotonic() - start
    assert seconds < 3 * TIMEOUT + 1, seconds
    assert "took longer than 2 s" in runs[2].failure
    assert batch["seconds"] < 90, batch["seconds"]


def test_memory_and_processes_are_limited_per_job(batch):
    mem = _task(batch, "memfork", "ex01.make_trainable")
    assert mem["score"] == 0, mem
    bomb = _task(batch, "forkbomb", "ex01.make_trainable")
    assert bomb["score"] == 0 and "took longer" in bomb["output"], bomb


def test_without_a_cgroup_a_fork_bomb_is_stopped_by_the_process_limit(batch, monkeypatch):
    # As for a grader that is root in a container with no usable cgroup: the limit of 32
    # processes is RLIMIT_NPROC's alone. It holds because learner code is not root outside its
    # namespace either (the kernel exempts root from it): bwrap is started as uid 65534.
    monkeypatch.setattr(JobCgroup, "create", classmethod(lambda cls, *args, **kwargs: None))
    bomb = batch["tmp"] / "subs-nocgroup" / "bomb"
    bomb.mkdir(parents=True)
    (bomb / "ex01_requires_grad.py").write_text(_attack("""
        def make_trainable(values):
            for started in range(300):  # bounded: where nothing stops it, 300 sleeping forks
                try:
                    if os.fork() == 0:
                        name_self()
                        time.sleep(30)
                        os._exit(0)
                except BlockingIOError:
                    print(f"fork refused after {started} processes")
                    return correct(values)
            return None
        """))
    shutil.copy(engine.SOLUTIONS / "ex02_graph.py", bomb)
    honest = batch["tmp"] / "subs" / "honest"
    out = batch["tmp"] / "out-nocgroup"
    grade([honest, bomb], out, solutions=batch["tmp"] / "solutions", jobs=2, seed=11,
          limits=Limits(timeout=TIMEOUT, memory_mb=512, processes=32, disk_mb=32),
          progress=open(os.devnull, "w"), isolation=ISOLATION)
    assert _results(out, "honest") == _results(batch["alone"], "honest")
    doc = json.loads((out / "results" / "bomb.json").read_text())
    tasks = {t["name"].split(":")[0]: t for t in doc["tests"]}
    stopped = tasks["ex01.make_trainable"]
    assert stopped["status"] == "passed", stopped  # a refused fork, well within the 2 s
    started = int(re.search(r"fork refused after (\d+) processes", stopped["output"])[1])
    assert started < 32, stopped["output"]
    assert tasks["ex01.freeze"]["status"] == tasks["ex02.grad_fn_names"]["status"] == "passed"
    assert _left_after(5) == [], "a fork of the bomb outlived its sandbox"


def test_packages_are_compiled_before_a_sandbox_starts(tmp_path):
    # Inside, the packages are read-only and no bytecode is written: what the grader does not
    # compile, every sandbox compiles again from source.
    compile_packages.cache_clear()
    compile_packages()
    for package in bwrap.PACKAGES:
        for source in package.rglob("*.py"):
            if "solutions" not in source.relative_to(package).parts:
                assert Path(importlib.util.cache_from_source(str(source))).exists(), source


def test_a_signal_to_the_zygote_neither_stops_it_nor_costs_a_restart(tmp_path):
    """In its PID namespace the zygote is init: the kernel drops what its forks send it, except
    signals it handles. Python handles SIGINT (KeyboardInterrupt), so the zygote ignores it; the
    learner's fork still gets Python's usual Ctrl-C."""
    (tmp_path / "ex01_requires_grad.py").write_text(_attack("""
        def make_trainable(values):
            for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD,
                        signal.SIGUSR1, signal.SIGPIPE, signal.SIGALRM, signal.SIGQUIT):
                os.kill(1, sig)
            time.sleep(0.2)  # for the zygote to act on them, if it would
            try:
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(1)
            except KeyboardInterrupt:
                return correct(values)
        """))
    with Sandbox(Limits(timeout=TIMEOUT), files=tmp_path) as box:
        zygote = box._proc.pid
        runs = box.run("ex01", tmp_path / "ex01_requires_grad.py", [0, 1], seed=0)
        assert all(run.failure is None for run in runs.values()), runs
        assert box._proc.pid == zygote and box._proc.poll() is None


def test_a_task_whose_process_crashes_runs_once_more_in_a_fresh_one(tmp_path):
    """A crash may be the machine's, not the code's (a right answer once died so: the next
    test): the task runs again in a fresh fork before it is scored, and a crash that comes
    twice says so. The tasks after it are graded as ever."""
    crash = "os.kill(os.getpid(), signal.SIGSEGV)"
    once = f"""
        def make_trainable(values):
            marker = os.path.join(os.environ["TMPDIR"], "crashed")
            if not os.path.exists(marker):
                open(marker, "w").close()
                {crash}
            return correct(values)
        """
    def graded(name, body):
        (tmp_path / name).mkdir()
        (tmp_path / name / "ex01_requires_grad.py").write_text(_attack(body))
        with Sandbox(Limits(timeout=TIMEOUT), files=tmp_path / name) as box:
            return box.run("ex01", tmp_path / name / "ex01_requires_grad.py", [1, 2], seed=0)

    once = graded("once", once)
    always = graded("always", f"def make_trainable(values):\n    {crash}\n")
    assert all(run.failure is None for run in once.values()), once
    assert always[1].failure == ("this task crashed (segmentation fault) (twice: it was run "
                                 "again in a fresh process, in case the machine was to blame)")
    assert always[2].failure is None, always


def test_a_right_answer_past_the_report_moment_is_not_crashed_by_it(tmp_path):
    """The fork's report of where a slow task is (course.child.Locator) must not end a task
    that would have ended in time. faulthandler's watchdog thread, which wrote the stacks at
    that moment, read the main thread's frames while they changed and crashed Python 3.11 with
    SIGSEGV: a reference solution on a busy machine died so. Here the moment comes every
    millisecond while the code calls deep and returns (with the watchdog: SIGSEGV within a
    second); the stacks come only on the zygote's signal, when the deadline ended the job."""
    script = textwrap.dedent("""
        import os, sys, time
        from course.child import Locator

        def deep(n):
            return 0 if n == 0 else deep(n - 1) + 1

        stacks = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o600)
        locator = Locator("<string>", os.pipe()[1], 0.001, stacks)
        for index in range(200):
            locator.arm(index)
            end = time.monotonic() + 0.01
            while time.monotonic() < end:
                deep(500)
            with locator.lock:
                locator.disarm()
        """)
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "stacks")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])


def test_the_scratch_is_the_only_writable_place(tmp_path, monkeypatch):
    """bwrap's own root and its /dev are tmpfs mounts without a size limit, owned by the
    sandbox's user: an eighth red team wrote 1 GiB into /dev in 0.6 s under --memory 256
    (without a cgroup nothing counted it). Only the capped scratch may be written."""
    monkeypatch.setattr(JobCgroup, "create", classmethod(lambda cls, *a, **k: None))
    (tmp_path / "ex01_requires_grad.py").write_text(_attack("""
        def predict_flags():
            for folder in ("/", "/dev", "/dev/shm", "/tmp"):
                try:
                    with open(os.path.join(folder, "probe"), "wb") as f:
                        f.write(b"x")
                    print(folder, "writable")
                except OSError as e:
                    print(folder, "refused", e.errno)
        """))
    with Sandbox(Limits(timeout=TIMEOUT), files=tmp_path) as box:
        run = box.run("ex01", tmp_path / "ex01_requires_grad.py", [0], seed=0)[0]
    assert run.output.split("\n")[:4] == ["/ refused 30", "/dev refused 30",
                                          "/dev/shm refused 30", "/tmp writable"], run.output


@pytest.mark.parametrize("cgroup", [True, False])
def test_open_files_are_capped_per_process(tmp_path, monkeypatch, cgroup):
    """The kernel's file table is the machine's: an eighth red team's 8 processes held 160,000
    files (the grader's own limit, 20,000 each, inherited and raised to its hard value). Where
    no cgroup counts the kernel memory files hold (socket buffers: 600 MB under --memory 256),
    fewer still."""
    if not cgroup:
        monkeypatch.setattr(JobCgroup, "create", classmethod(lambda cls, *a, **k: None))
    else:
        group = JobCgroup.create(256 << 20, 16)
        if group is None:
            pytest.skip("no cgroup here")
        group.remove()
    (tmp_path / "ex01_requires_grad.py").write_text(_attack("""
        def predict_flags():
            import resource
            resource.setrlimit(resource.RLIMIT_NOFILE,
                               (resource.getrlimit(resource.RLIMIT_NOFILE)[1],) * 2)
            opened = []
            try:
                while len(opened) < 100000:
                    opened.append(os.open("/dev/null", os.O_RDONLY))
            except OSError as e:
                print(len(opened), e.strerror)
        """))
    with Sandbox(Limits(timeout=TIMEOUT), files=tmp_path) as box:
        run = box.run("ex01", tmp_path / "ex01_requires_grad.py", [0], seed=0)[0]
    count, _, why = run.output.strip().partition(" ")
    assert int(count) <= (1024 if cgroup else 64) and why == "Too many open files", run.output


def test_another_installed_copy_of_the_course_is_hidden(tmp_path, monkeypatch):
    """A stale copy of the course in a site-packages folder the sandbox shows (an earlier
    `pip install --user .`, or `sudo pip install .` into the system's Python) holds the
    reference solutions and the full specs: an eighth red team's exercise file read them."""
    site = tmp_path / "site-packages"
    shutil.copytree(bwrap.SOLUTIONS, site / "course" / "solutions",
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    files = tmp_path / "files"
    files.mkdir()
    answer = site / "course" / "solutions" / "ex03_backward.py"
    (files / "ex01_requires_grad.py").write_text(_attack(f"""
        def predict_flags():
            print(os.path.isdir({str(site)!r}), os.path.exists({str(answer)!r}))
        """))
    with Sandbox(Limits(timeout=TIMEOUT), files=files) as box:
        run = box.run("ex01", files / "ex01_requires_grad.py", [0], seed=0)[0]
    assert run.output == "True False\n", run.output
