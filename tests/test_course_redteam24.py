"""Red team 24's attacks on the grader, each a real learner file run through the real grader.

Closed here: work done in a worker thread started as the file is imported, before any probe
watches (session 33's open attack at ex03, tests/test_course_redteam23b.py), at ex05 and ex08
too: course/watch.py now reads the CPU time of every thread alive through a watched call, the
grader's own (the Locator's) left out, whose report no longer runs while a call is watched
(a function it calls, replaced by learner code, would have run there). An honest answer that
ends in a task's last second, after the Locator's report, passes (it was flagged before). And
the same worker as a process started at import, where the sandbox has a PID namespace.
And learner code that reaches the grader's modules (sys.modules, a frame's globals) to rebind
what they check with, now refused by ex03's rule on the source.
"""

import folder_sandboxes
import pytest
from test_course_redteam23b import _CUBE, _UNSEEN_DERIVATIVE, WORKER

box, grade = folder_sandboxes.box, folder_sandboxes.grade
# (The worker, the process and the right Cubes below import sys, os or _thread, which ex03's,
# ex05's and ex08's rule on the source now refuses first: what they test stands behind it.)
run_time_checks = folder_sandboxes.run_time_checks

# ---- the worker at ex05 and ex08 ----------------------------------------------------------------
# grad_after_n's n backward calls made in the worker: the profiler, in the probe's thread alone,
# sees no walk through y (so this scored 0 before too), and the thread's CPU time is seen.
_GRAD_AFTER_N_IN_THE_WORKER = WORKER + """
    def grad_after_n(y, x, n):
        def work():
            for _ in range(n - 1):
                y.backward(retain_graph=True)
            y.backward()
            return x.grad

        return elsewhere(work)
    """


# td_grad's target made through .data (not detach, the lesson's point) in the worker: the probe
# notes the reads of .data that its own thread makes, and the loss's backward() is made, seen,
# in the probe's thread. It scored 1/1 until a thread alive through the call was seen by the
# CPU time it ran (backward_starts: the backward is then not taken for the loss's).
_TD_GRAD_THROUGH_DATA_IN_THE_WORKER = WORKER + """
    def td_grad(w, x, x_next, r, gamma):
        target = elsewhere(lambda: r + gamma * (x_next @ w).data)
        loss = ((x @ w - target) ** 2).mean()
        loss.backward()
        return w.grad
    """


# ---- a process started at import ---------------------------------------------------------------
# The same worker as a process: forked as the file is imported (no call is watched then), fed x
# through a pipe from Cube's backward, it ran autograd.grad on x ** 3 with its own copy of
# everything and scored 1/1 (seeds 0 and 5), its CPU time no thread's. Where the sandbox is a
# PID namespace of its own (bubblewrap), every other process in it is the learner's, and one
# that runs, ends or starts during a watched call is seen.
_PROCESS_STARTED_AT_IMPORT = """
    import os

    import numpy as np

    import minigrad as torch

    _jobs_r, _jobs_w = os.pipe()
    _results_r, _results_w = os.pipe()
    if os.fork() == 0:
        while True:
            size = int.from_bytes(os.read(_jobs_r, 8), "little")
            leaf = torch.tensor(np.frombuffer(os.read(_jobs_r, size)), requires_grad=True)
            (d,) = torch.autograd.grad((leaf ** 3).sum(), leaf)
            os.write(_results_w, d.numpy().tobytes())

    def elsewhere(x):
        raw = x.detach().numpy().tobytes()
        os.write(_jobs_w, len(raw).to_bytes(8, "little") + raw)
        return torch.tensor(np.frombuffer(os.read(_results_r, len(raw))).reshape(x.shape))
    """ + _CUBE + """
            return grad_output * elsewhere(x)
    """


# ---- an honest answer in the last second ------------------------------------------------------
# A right Cube whose first backward ends after the Locator's report (4 s into the task, the
# deadline at 5 s): the report's thread and faulthandler's watchdog ran during the call, and
# ended in it, which counted as a thread the call started: 0. Both now wait for the task's end,
# and the CPU time they run is the grader's.
_RIGHT_CUBE_IN_THE_LAST_SECOND = """
    import sys
    import time

    import minigrad as torch

    _slept = []
    """ + _CUBE + """
            if not _slept:  # (past the Locator's report, before the deadline)
                _slept.append(time.sleep(4.3))
            return grad_output * 3 * x ** 2
    """


# ---- the Locator's report thread taken over --------------------------------------------------
# So the grader's own threads may run during a watched call, and one that ran learner code there
# would be a worker no one sees. The report's thread calls sys._current_frames, which learner
# code may replace (so json.dumps, os.write, a builtin): measured, it called it 4.0 s into the
# task, inside the probe's watched call. It now waits until no call is watched (watch.QUIET):
# the same right Cube, sys._current_frames noted, fails where the report called it while its
# first backward slept, and passes where it did not (a helper that has not ended when its task
# ends is the grader's no longer, should it have been taken over after the call).
_REPORT_NOTED = _RIGHT_CUBE_IN_THE_LAST_SECOND.replace("""
    _slept = []
""", """
    _slept, _reports = [], []
    _current_frames = sys._current_frames

    def _noted():  # (as sys._current_frames: the Locator's report calls it)
        _reports.append(not _slept)
        return _current_frames()

    sys._current_frames = _noted
""").replace("""
            return grad_output""", """
                if any(_reports):
                    raise RuntimeError("the report ran this file's code during the call")
            return grad_output""")
assert "_noted" in _REPORT_NOTED and "any(_reports)" in _REPORT_NOTED


@pytest.mark.usefixtures("run_time_checks")
@pytest.mark.parametrize("seed", [0, 5])
@pytest.mark.parametrize("eid, task, source", [
    ("ex05", "grad_after_n", _GRAD_AFTER_N_IN_THE_WORKER),
    ("ex08", "td_grad", _TD_GRAD_THROUGH_DATA_IN_THE_WORKER),
    pytest.param("ex03", "Cube", _PROCESS_STARTED_AT_IMPORT, marks=pytest.mark.skipif(
        folder_sandboxes.ISOLATION.mode != "bubblewrap",
        reason="a job's processes are known where its sandbox has a PID namespace"))],
    ids=["thread-ex05", "thread-ex08", "process-ex03"])
def test_work_out_of_sight_started_before_the_probe_scores_0(grade, eid, task, source, seed):
    t = grade(eid, source, seed=seed)[task]
    assert (t.status, t.points) == ("failed", 0), t.feedback


@pytest.mark.usefixtures("run_time_checks")
@pytest.mark.parametrize("source", [_RIGHT_CUBE_IN_THE_LAST_SECOND, _REPORT_NOTED],
                         ids=["right", "report-noted"])
def test_a_right_cube_that_ends_after_the_locators_report_passes(grade, source):
    t = grade("ex03", source, seed=0)["Cube"]
    assert (t.status, t.points) == ("passed", 1), t.feedback


# ---- the grader's own modules reached --------------------------------------------------------
# Every check of how a call was made runs in the learner's process, where the grader's modules
# are in sys.modules (and their globals behind any of their functions or frames): one line,
# `course.watch.watched` rebound to call without watching, and Cube's autograd.grad on x ** 3
# passed 1/1 (found by this team). Now refused before anything runs: the file's source is read
# in the grader's process, where learner code never runs (red team 24d).
_WATCHED_REBOUND = """
    import sys
    import itertools

    import minigrad as torch
    from minigrad.autograd import graph_task

    sys.modules["course.watch"].watched = lambda call, on_call, *_: (call(), None)
    """ + _CUBE + _UNSEEN_DERIVATIVE + """
            return grad_output * derivative()
    """


def test_the_profiler_rebound_through_sys_modules_is_refused_at_ex03(grade):
    """Closed by ex03's rule on the source (course/specs/grader_out_of_reach.py): its file uses
    sys only where it runs as a script, and reads no module's `modules`. More ways to the
    grader's objects: tests/test_course_redteam24d.py."""
    t = grade("ex03", _WATCHED_REBOUND, seed=0)["Cube"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    assert t.feedback.startswith("Your file's line 8 reads modules."), t.feedback
