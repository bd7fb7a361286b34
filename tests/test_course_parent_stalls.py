"""The grader's own process held up: a job's replies that arrived meanwhile still count.

One long call in the grader's process (a C function that never lets go of the GIL) stops every
thread of it, the one waiting for a job's replies too. A red team's exercise file held one
600 KB f-string, which Python 3.11's ast.parse reads in time quadratic in its length: parsing
it for similarity.csv held the grader for a minute, and an honest submission graded beside it
with `--jobs 2` (the reference solutions) lost ex10.Value to "took longer than 5 s", its
replies waiting in the pipe all along. Replies that are there when the deadline is looked at
count; a fork still running then does not get more time.
"""

import math
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

from folder_sandboxes import ISOLATION

from course import engine
from course.sandbox import Limits, Sandbox

ROOT = Path(__file__).resolve().parents[1]
LIMITS = Limits(timeout=3.0, memory_mb=1024, output_bytes=64 << 10)
# The learner's file sleeps at import, so the job is under way when the grader is held up.
SLEEPY = "import time\ntime.sleep(1.0)\n"


def _holding_call(seconds: float) -> Callable[[], object]:
    """A call that holds this whole process (every thread of it waits) for about ``seconds``
    to twice that, as the red team's f-string did in ast.parse (quadratic there before Python
    3.12): a regular expression that backtracks, whose time doubles with each character."""
    def backtracking(n: int) -> Callable[[], object]:
        return lambda: re.match(r"(a+)+$", "a" * n + "b")

    n, took = 12, 0.0
    while took < 0.05:
        n += 1
        begin = time.monotonic()
        backtracking(n)()
        took = time.monotonic() - begin
    return backtracking(n + math.ceil(math.log2(seconds / took)))


def _held_up(call: Callable[[], object]) -> float:
    """``call()``; -> how long it held the process."""
    begin = time.monotonic()
    call()
    return time.monotonic() - begin


def test_replies_that_arrived_while_the_grader_was_held_up_count(tmp_path):
    folder = tmp_path / "honest"
    folder.mkdir()
    reference = (ROOT / "course" / "solutions" / "ex01_requires_grad.py").read_text()
    (folder / "ex01_requires_grad.py").write_text(SLEEPY + reference)
    results, hold = {}, _holding_call(LIMITS.timeout + 2)
    with Sandbox(LIMITS, files=folder, isolation=ISOLATION) as box:
        grading = threading.Thread(target=lambda: results.update(result=engine.grade_exercise(
            box, "ex01", folder / "ex01_requires_grad.py", seed=5)))
        grading.start()
        time.sleep(0.3)  # the request is sent; the learner's file sleeps
        held = _held_up(hold)
        grading.join(60)
    assert held > LIMITS.timeout
    tasks = results["result"].tasks
    assert [t.status for t in tasks] == ["passed"] * len(tasks), [t.feedback for t in tasks]


def test_a_fork_still_running_when_the_grader_catches_up_gets_no_more_time(tmp_path):
    folder = tmp_path / "endless"
    folder.mkdir()
    (folder / "ex01_requires_grad.py").write_text("while True:\n    pass\n")
    with Sandbox(LIMITS, files=folder, isolation=ISOLATION) as box:
        begin = time.monotonic()
        result = engine.grade_exercise(box, "ex01", folder / "ex01_requires_grad.py", seed=5)
        took = time.monotonic() - begin
    assert all("took longer than 3 s" in t.feedback for t in result.tasks)
    assert took < LIMITS.timeout + 5
