"""A task that runs out of time says which line of the learner's file was running.

Real learner files through the real grader (``engine.grade_exercise``, what `course check` and
`course grade` both run), the CLI's `course grade --timeout 1` and `course check`'s own
``run_check``, each with a 1 s time limit: an endless loop in a task's function, in a helper
it calls, inside minigrad called from the learner's line, at the top of the file, and in
ex10's own engine; learner code that tampers with signals, holds the interpreter in C or
starves the reporting thread (today's message, in bounded time); and learner code that forges
the report (no crash, never a line text of the child's, scores unchanged).
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from folder_sandboxes import ISOLATION, FolderSandboxes

from course import engine
from course.local import run_check
from course.sandbox import Limits, Running, dumped, running
from course.tasks import exercise

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 1.0  # seconds per task: `course grade --timeout` takes any positive number
LIMITS = Limits(timeout=TIMEOUT, memory_mb=1024, output_bytes=64 << 10)
TIMED_OUT = f"took longer than {TIMEOUT:g} s (the time limit): an endless loop?"
LOCATED = re.compile(r"Your code was still running at line (\d+) of (\S+?)(, in [\w.]+)?"
                     r"(, outside any function \(such code runs when the file is imported, "
                     r"before any check\))?(, inside a call made on that line)?: `(.*)`")
# Each file here loops in up to 3 tasks (1 s each, and a fresh fork after each): a hang guard.
BOUND = 40.0

EX01_ANSWER = '''{"w": (True, True), "a": (False, True), "y": (True, False),
            "z": (False, True), "m": (False, True), "s": (True, False)}'''


@pytest.fixture(scope="module")
def boxes():
    with FolderSandboxes(LIMITS) as sandboxes:
        yield sandboxes


@pytest.fixture
def graded(boxes, tmp_path):
    """graded(eid, source) -> (tasks by name, the file's lines), by the real grader."""
    count = iter(range(100))

    def run(eid: str, source: str) -> tuple[dict, list[str]]:
        folder = tmp_path / f"learner{next(count)}"
        folder.mkdir()
        path = folder / exercise(eid).filename
        path.write_text(textwrap.dedent(source))
        start = time.monotonic()
        result = engine.grade_exercise(boxes(folder), eid, path, seed=3)
        assert time.monotonic() - start < BOUND
        return {t.id.split(".")[1]: t for t in result.tasks}, path.read_text().splitlines()

    return run


def located(feedback: str, lines: list[str], file: str) -> tuple[int, str, str, bool]:
    """(line, function, code, inside a call) of a located timeout, checked against the file:
    the code shown is the file's own line."""
    first, _, rest = feedback.partition("\n")
    assert first.endswith(TIMED_OUT), feedback
    found = LOCATED.fullmatch(rest)
    assert found, feedback
    line = int(found[1])
    assert found[2] == file
    assert found[6] == " ".join(lines[line - 1].split()), (feedback, lines[line - 1])
    function = (found[3] or "").removeprefix(", in ") or ("<module>" if found[4] else "")
    return line, function, found[6], bool(found[5])


def not_located(feedback: str, before: str = "this task ") -> None:
    """Today's message, word for word."""
    assert feedback == before + TIMED_OUT, feedback


def lines_of(lines: list[str], *texts: str) -> set[int]:
    return {n for n, line in enumerate(lines, 1) if line.strip() in texts}


def test_an_endless_loop_is_located_in_the_function_the_helper_and_the_call_into_minigrad(
        graded):
    tasks, lines = graded("ex01", f'''\
        import itertools

        import minigrad as torch


        def predict_flags():
            answer = {EX01_ANSWER}
            while True:
                answer = dict(answer)
            return answer


        def count_down(n):
            total = 0
            while n > 0:
                total += n
            return total


        def make_trainable(values):
            t = torch.tensor(values, dtype=torch.float32, requires_grad=True)
            count_down(len(values))
            return t


        def freeze(params):
            opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
            opt.param_groups[0]["params"] = itertools.cycle(list(params))  # never ends
            opt.zero_grad()
        ''')
    file = exercise("ex01").filename
    line, function, _, deeper = located(tasks["predict_flags"].feedback, lines, file)
    assert function == "predict_flags" and not deeper
    assert line in lines_of(lines, "while True:", "answer = dict(answer)")
    # The innermost frame of the file is the helper's, named as such.
    line, function, _, deeper = located(tasks["make_trainable"].feedback, lines, file)
    assert function == "count_down" and line in lines_of(lines, "while n > 0:", "total += n")
    # minigrad's zero_grad loops for ever: the learner's line that called it, said so.
    line, function, code, deeper = located(tasks["freeze"].feedback, lines, file)
    assert (function, code, deeper) == ("freeze", "opt.zero_grad()", True)
    assert all(t.points == 0 and t.status == "error" for t in tasks.values())
    assert "inside a call made on that line" in tasks["freeze"].feedback


def test_a_loop_at_the_top_of_the_file_is_located_outside_any_function(graded):
    tasks, lines = graded("ex01", '''\
        import minigrad as torch

        steps = 0
        while steps >= 0:  # a training loop left at the top of the file
            steps = steps + 1


        def make_trainable(values):
            return torch.tensor(values, dtype=torch.float32, requires_grad=True)
        ''')
    for t in tasks.values():
        first = t.feedback.partition("\n")[0]
        assert first == f"importing the file {TIMED_OUT}", t.feedback
        line, function, _, _ = located(t.feedback, lines, exercise("ex01").filename)
        assert function == "<module>"
        assert line in lines_of(lines, "while steps >= 0:  # a training loop left at the top "
                                       "of the file", "steps = steps + 1")


def test_a_topological_sort_that_never_ends_in_ex10s_own_engine_is_located(graded):
    """ex10 runs in a fork where nothing but the learner's file may run (course.audit): the
    reporting thread is the grader's, and it works there too."""
    source = (engine.SOLUTIONS / exercise("ex10").filename).read_text()
    start = source.index("def topological_order(root):")
    end = source.index("class Value:")
    endless = textwrap.dedent('''\
        def topological_order(root):
            order, stack = [], [root]
            while stack:
                node = stack[-1]  # looked at, never taken off
                for child in node._prev:
                    order.append(child) if False else None
            return order


        ''')
    tasks, lines = graded("ex10", source[:start] + endless + source[end:])
    line, function, _, _ = located(tasks["topological_order"].feedback, lines,
                                   exercise("ex10").filename)
    assert function == "topological_order"
    assert line in lines_of(lines, "while stack:", "node = stack[-1]  # looked at, never taken "
                            "off", "for child in node._prev:",
                            "order.append(child) if False else None")
    assert tasks["sum_to_size"].status == "passed"  # the next fork grades the rest


def test_signals_do_not_matter_and_code_that_holds_the_interpreter_is_located_too(graded):
    """The report comes from a thread, not a signal: code that blocks, ignores or takes over
    SIGALRM (or sets its own timer) is located all the same. Code that holds the interpreter
    in one C call, or never lets another thread run, leaves that thread no moment to report:
    the stacks faulthandler wrote when the zygote ended the job (a signal's handler in C) say
    where it was. Both once got the message without a location."""
    start = time.monotonic()
    tasks, lines = graded("ex01", f'''\
        import re
        import signal
        import sys


        def predict_flags():
            signal.pthread_sigmask(signal.SIG_BLOCK, {{signal.SIGALRM, signal.SIGVTALRM,
                                                      signal.SIGPROF, signal.SIGUSR1}})
            signal.signal(signal.SIGALRM, lambda *_: None)
            signal.setitimer(signal.ITIMER_REAL, 0)
            answer = {EX01_ANSWER}
            while answer:
                pass


        def make_trainable(values):
            return re.fullmatch(r"(a|aa)*c", "a" * 80)  # backtracks in C for ever


        def freeze(params):
            sys.setswitchinterval(1e6)  # no other thread runs while this one does
            while params is not None:
                pass
        ''')
    assert time.monotonic() - start < BOUND
    file = exercise("ex01").filename
    line, function, _, _ = located(tasks["predict_flags"].feedback, lines, file)
    assert function == "predict_flags" and line in lines_of(lines, "while answer:", "pass")
    line, function, _, deeper = located(tasks["make_trainable"].feedback, lines, file)
    assert (function, deeper) == ("make_trainable", True)  # (re's Python code, then C)
    assert line in lines_of(lines, 'return re.fullmatch(r"(a|aa)*c", "a" * 80)  # backtracks '
                                   "in C for ever")
    line, function, _, _ = located(tasks["freeze"].feedback, lines, file)
    assert function == "freeze" and line in lines_of(lines, "while params is not None:",
                                                     "pass")


def test_a_long_call_in_c_at_the_top_of_the_file_is_located(graded):
    """The import's hang in one C call (no thread of Python's runs meanwhile) named no line:
    faulthandler's watchdog was armed for the tasks only (course.child.Locator)."""
    tasks, lines = graded("ex01", '''\
        import minigrad as torch

        total = sum(range(10**13))  # a check of Python's speed, left in


        def make_trainable(values):
            return torch.tensor(values, dtype=torch.float32, requires_grad=True)
        ''')
    for t in tasks.values():
        assert t.feedback.partition("\n")[0] == f"importing the file {TIMED_OUT}", t.feedback
        line, function, code, deeper = located(t.feedback, lines, exercise("ex01").filename)
        assert (function, deeper) == ("<module>", False)
        assert code == "total = sum(range(10**13)) # a check of Python's speed, left in"


def test_a_long_call_in_c_says_the_line_that_made_it(graded):
    """A hang inside one call that never returns to Python (summing a huge range, a huge
    factorial, numpy on a huge array: no thread of Python's runs meanwhile) names the
    learner's line that made the call, in the function it is in."""
    tasks, lines = graded("ex01", f'''\
        import math

        import numpy as np


        def total(n):
            return sum(range(n))


        def predict_flags():
            total(10**13)
            return {EX01_ANSWER}


        def make_trainable(values):
            big = math.factorial(10**8)
            return big


        def freeze(params):
            x = np.ones(10**6)
            for _ in range(10**9):
                x = np.cumsum(x * 0)
        ''')
    file = exercise("ex01").filename
    line, function, code, deeper = located(tasks["predict_flags"].feedback, lines, file)
    assert (function, code, deeper) == ("total", "return sum(range(n))", False)
    line, function, code, deeper = located(tasks["make_trainable"].feedback, lines, file)
    assert (function, code, deeper) == ("make_trainable", "big = math.factorial(10**8)", False)
    line, function, code, deeper = located(tasks["freeze"].feedback, lines, file)
    assert function == "freeze" and line in lines_of(lines, "for _ in range(10**9):",
                                                     "x = np.cumsum(x * 0)")


def test_a_fifo_or_a_link_in_place_of_the_stacks_file_holds_nothing_up(boxes, tmp_path):
    """The stacks file is the job's, beside the learner code's working folder, so that code can
    put a fifo in its place (whose open waits for a writer for ever: the zygote stopped, and
    the grader replaced it after ABORT_GRACE) or a link to a file of its choosing: the zygote
    reads it only as a regular file, and the task ends as any loop does, in the same zygote."""
    path = tmp_path / exercise("ex01").filename
    path.write_text(textwrap.dedent('''\
        import os


        def predict_flags():
            os.remove("../stack.txt")
            os.mkfifo("../stack.txt")
            while True:
                pass


        def make_trainable(values):
            os.remove("../stack.txt")
            os.symlink("/etc/hostname", "../stack.txt")
            while True:
                pass
        '''))
    box = boxes(tmp_path)
    zygote = box._proc.pid
    tasks = {t.id.split(".")[1]: t for t in engine.grade_exercise(box, "ex01", path, seed=3).tasks}
    assert box._proc.pid == zygote
    lines = path.read_text().splitlines()
    for name in ("predict_flags", "make_trainable"):
        line, function, _, _ = located(tasks[name].feedback, lines, exercise("ex01").filename)
        assert function == name and line in lines_of(lines, "while True:", "pass")


def test_a_forged_report_crashes_nothing_shows_no_text_of_its_own_and_changes_no_score(
        graded):
    """Learner code can write frames of its own to the job's pipe. Reports of a wrong form, for
    another task or naming no line of the file are dropped; one of the right form names at
    most a line of the learner's own file, shown with the grader's copy's text; a task that
    passes passes with the same feedback."""
    forged = '''\
        # just a comment line
        import sys
        import time

        import minigrad as torch
        from course import channel, wire


        def forge(task):
            for record in (
                {"running": task, "line": 10**6, "function": "freeze", "deeper": False},
                {"running": task, "line": 0, "function": None, "deeper": False},
                {"running": task, "line": 1, "function": "\\x1b]0;owned\\x07", "deeper": False},
                {"running": task, "line": "1", "function": None, "deeper": False},
                {"running": task, "line": 1.0, "function": None, "deeper": False},
                {"running": task, "line": True, "function": None, "deeper": False},
                {"running": task, "line": 1, "function": "x" * 300, "deeper": False},
                {"running": task, "line": 1, "function": None, "deeper": "yes"},
                {"running": True, "line": 1, "function": None, "deeper": False},
                {"running": [task], "line": 1, "function": None, "deeper": False},
                {"running": task + 1, "line": 1, "function": None, "deeper": False},
                {"running": None, "line": 1, "function": None, "deeper": False},
                {"running": task, "line": 1, "function": None, "deeper": False,
                 "text": "FORGED TEXT"},
            ):
                channel.send(3, wire.pack(record))
            sys._current_frames = lambda: {}  # (so no genuine report comes after this)


        def predict_flags():
            forge(0)
            return ANSWER


        def make_trainable(values):
            forge(1)
            return torch.tensor(values, dtype=torch.float32, requires_grad=True)


        def freeze(params):
            forge(2)
            while True:  # and once more every 10 ms, as it loops
                channel.send(3, wire.pack({"running": 2, "line": 1, "function": "freeze",
                                           "deeper": False, "text": "FORGED TEXT"}))
                time.sleep(0.01)
        '''.replace("ANSWER", EX01_ANSWER)
    tasks, lines = graded("ex01", forged)
    honest, _ = graded("ex01", (engine.SOLUTIONS / exercise("ex01").filename).read_text())
    for name in ("predict_flags", "make_trainable"):
        assert tasks[name].status == "passed", tasks[name].feedback
        assert (tasks[name].points, tasks[name].feedback) == (honest[name].points,
                                                              honest[name].feedback)
    feedback = tasks["freeze"].feedback
    assert "FORGED" not in feedback and "owned" not in feedback and "\x1b" not in feedback
    line, function, code, deeper = located(feedback, lines, exercise("ex01").filename)
    assert (line, function, code, deeper) == (1, "freeze", "# just a comment line", False)


def test_report_records_are_read_for_their_form_only():
    assert running({"line": 3, "function": "Value.backward", "deeper": True}, "f.py") == \
        Running("f.py", 3, "Value.backward", True)
    assert running({"line": 3, "function": "<module>", "deeper": False}, "f.py") is not None
    for bad in ({"line": 3}, {"line": -1, "deeper": False}, {"line": 1 << 40, "deeper": False},
                {"line": 3, "function": "a b", "deeper": False},
                {"line": 3, "function": "<lambda>", "deeper": False},
                {"line": 3, "function": ["f"], "deeper": False},
                {"line": 3, "function": "f\u202e", "deeper": False},
                {"line": 3, "deeper": 1}):
        assert running(bad, "f.py") is None, bad
    # Lines the grader's copy does not have show nothing; what is shown is cleaned.
    source = b"def f():\n    while True: x = '\x1b[31m'\n"
    assert engine.still_running(Running("f.py", 3, "f", False), source) == ""
    assert engine.still_running(Running("f.py", 1, "f", False), None) == ""
    shown = engine.still_running(Running("f.py", 2, "f", False), source)
    assert "\x1b" not in shown and shown.startswith("\nYour code was still running at line 2")
    long = b"x = [" + b"1, " * 200 + b"]\n"
    assert len(engine.still_running(Running("f.py", 1, None, False), long)) < 200


def test_stacks_are_read_for_the_task_and_its_main_thread_only():
    """faulthandler's text, as the fork's file holds it (course.child.Locator): the frames of
    the main thread (named on the line before the stacks) under the last line of the task; the
    innermost frame of the file, the function around it by its name, as a report's form."""
    stacks = ("running task 0 0x10\n"
              "Timeout (0:00:09)!\n"
              "Thread 0x0000000000000020 (most recent call first):\n"
              '  File "/s/ex01.py", line 9 in helper\n'
              "\n"
              "Current thread 0x0000000000000010 (most recent call first):\n"
              '  File "/usr/lib/python3.11/re.py", line 5 in fullmatch\n'
              '  File "/s/ex01.py", line 3 in <listcomp>\n'
              '  File "/s/ex01.py", line 3 in make_trainable\n'
              '  File "/course/specs/ex01.py", line 50 in probe\n')
    found = Running("ex01.py", 3, "make_trainable", True)
    assert dumped(stacks, 0, "/s/ex01.py", "ex01.py") == found
    assert dumped(stacks.replace("Current thread", "Thread"), 0, "/s/ex01.py", "ex01.py") == found
    assert dumped("junk\n" + stacks, 0, "/s/ex01.py", "ex01.py") == found
    for task, text in ((1, stacks), (None, stacks),  # another task's, the import's
                       (0, stacks.replace(" 0x10\n", " 0x30\n")),  # no main thread's stack
                       (0, stacks + "running task 0 0x10\n"),  # a later arming, no stack yet
                       (0, stacks.replace("/s/ex01.py", "/s/ex02.py"))):  # not the file's
        assert dumped(text, task, "/s/ex01.py", "ex01.py") is None, (task, text)
    forged = stacks.replace("in make_trainable", "in \x1b]0;owned\x07").replace("line 3", "line 0")
    assert dumped(forged, 0, "/s/ex01.py", "ex01.py") is None  # line 0: no report's form


FREEZE = "    for p in params:\n        p.requires_grad_(False)\n"
LOOP = ("    i = 0\n    while i < len(params):\n"
        "        params[i].requires_grad_(False)  # and i never grows\n")


def _ex01_loop(folder: Path) -> list[str]:
    """ex01's reference, its freeze looping for ever; -> the file's lines."""
    folder.mkdir(parents=True)
    source = (engine.SOLUTIONS / exercise("ex01").filename).read_text()
    assert FREEZE in source
    (folder / exercise("ex01").filename).write_text(source.replace(FREEZE, LOOP))
    return source.replace(FREEZE, LOOP).splitlines()


def test_course_grade_and_course_check_both_say_where(tmp_path):
    """`course grade --timeout 1` (the instructor's; the Gradescope bundle runs the same
    grade()) and `course check` (the learner's, here through run_check with a 1 s limit):
    the feedback locates the loop; the gradebook's problem column keeps the first line."""
    lines = _ex01_loop(tmp_path / "alice" / "exercises")
    loop = lines_of(lines, "while i < len(params):",
                    "params[i].requires_grad_(False)  # and i never grows")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "course", "grade", str(tmp_path / "alice"), "--out", "grades",
         "--timeout", f"{TIMEOUT:g}", "--exercises", "ex01", "--seed", "5",
         *([] if ISOLATION.sandboxed else ["--no-sandbox"])],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert time.monotonic() - start < 120
    assert done.returncode == 1, done
    said = (tmp_path / "grades" / "feedback" / "alice.md").read_text()
    found = re.search(r"Your code was still running at line (\d+) of ex01_requires_grad.py, in "
                      r"freeze(, inside a call made on that line)?: `", said)
    assert found and int(found[1]) in loop, said
    with open(tmp_path / "grades" / "gradebook.csv", newline="") as f:
        row = next(r for r in csv.DictReader(f))
    assert row["problem"] == f"ex01.freeze: this task {TIMED_OUT}", row

    workspace = tmp_path / "learner"
    _ex01_loop(workspace / "exercises")
    shutil.copytree(ROOT / "exercises", workspace / "exercises", dirs_exist_ok=True,
                    ignore=lambda folder, names: [n for n in names if n.startswith("ex01")])
    start = time.monotonic()
    report = run_check(["ex01"], root=workspace, jobs=1, limits=LIMITS, isolation=ISOLATION)
    assert time.monotonic() - start < BOUND
    tasks = {t.id: t for t in report.tasks}
    line, function, _, _ = located(tasks["ex01.freeze"].feedback, lines,
                                   exercise("ex01").filename)
    assert function == "freeze" and line in loop
    assert tasks["ex01.make_trainable"].status == tasks["ex01.predict_flags"].status == "passed"
