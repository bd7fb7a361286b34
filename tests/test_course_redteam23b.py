"""Red team 23b's attacks on the grader, each a real learner file run through the real grader.

Closed here: ex03's Cube with autograd.grad run in a thread started from C, which no call event
or audit event of Python 3.11 shows (course/watch.py now reads the threads' CPU time), also
with a thread of the grader's ended first (faulthandler's watchdog); and (session 34) in a
worker thread started as the file is imported, before the probe.
Tried, and it gains nothing: minigrad's code run with the learner's own globals.
Left open (docs/grading.md): a thread whose CPU time is below the clocks' reading (a few
microseconds).
"""

import folder_sandboxes
import pytest

box, grade = folder_sandboxes.box, folder_sandboxes.grade

# These attacks reach the grader's objects, which the rule on the source now refuses before
# they run (tests/test_course_redteam24d.py): here, what stands behind that rule is tested.
run_time_checks = folder_sandboxes.run_time_checks
pytestmark = pytest.mark.usefixtures("run_time_checks")

# Cube as each file below writes it, up to the body of its backward (x: the saved input).
_CUBE = """
    class Cube(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x ** 3

        @staticmethod
        def backward(ctx, grad_output):
            (x,) = ctx.saved_tensors
"""

# Cube's derivative by autograd.grad on x ** 3, minigrad's numbering of backward calls swapped
# for the call (so that it counts as no backward call): each attack below runs it out of the
# profiler's sight, its own way, and returns grad_output times it.
_UNSEEN_DERIVATIVE = """
            def derivative():
                numbers = graph_task._ids
                graph_task._ids = itertools.count()
                try:
                    with torch.enable_grad():
                        leaf = x.detach().requires_grad_()
                        return torch.autograd.grad((leaf ** 3).sum(), leaf)[0]
                finally:
                    graph_task._ids = numbers
"""

# ---- ex03: autograd run in a thread started from C -----------------------------------------
# Cube's backward ran autograd.grad on x ** 3 in a thread started through functools.partial
# (a call from C: no call event, and Python 3.11 audits no thread start), waited for on a
# lock, with minigrad's numbering of backward calls swapped: the profiler, set in this thread
# only, saw no formula run, and it scored 1/1. A thread is seen by the CPU time it runs.
_THREAD_FROM_C = """
    import _thread
    import functools
    import itertools

    import minigrad as torch
    from minigrad.autograd import graph_task

    def in_a_thread(work):
        done, out = _thread.allocate_lock(), []
        done.acquire()

        def run():
            try:
                out.append(work())
            finally:
                done.release()

        functools.partial(_thread.start_new_thread, run, ())()
        done.acquire()
        return out[0]

    """ + _CUBE + _UNSEEN_DERIVATIVE + """
            return grad_output * in_a_thread(derivative)
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_a_thread_started_from_c_is_seen_at_ex03(grade, seed):
    t = grade("ex03", _THREAD_FROM_C, seed=seed)["Cube"]
    assert (t.status, t.points) == ("failed", 0), t.feedback


# Then with a thread of the grader's ended first, faulthandler's watchdog
# (cancel_dump_traceback_later), whose own CPU time hid the new thread's among the ended ones',
# and the new thread given the time to end before the call returns: the first case passed
# (the watchdog ends once a task, so the next case failed). A thread that ends during a call
# counts as a thread the call started; the grader's own end before a task's calls are watched.
_WATCHDOG_ENDED_FIRST = _THREAD_FROM_C.replace("""
        functools.partial(_thread.start_new_thread, run, ())()
        done.acquire()
""", """
        faulthandler.cancel_dump_traceback_later()
        functools.partial(_thread.start_new_thread, run, ())()
        done.acquire()
        time.sleep(0.05)
""").replace("import _thread", "import _thread\n    import faulthandler\n    import time")
assert _WATCHDOG_ENDED_FIRST.count("faulthandler") == 2


def test_a_thread_started_from_c_is_seen_with_the_watchdog_ended(grade):
    t = grade("ex03", _WATCHDOG_ENDED_FIRST)["Cube"]
    assert (t.status, t.points) == ("failed", 0), t.feedback
    assert "case 1 (" in t.feedback, t.feedback


# ---- ex03: minigrad's code run with the learner's globals (tried; it gains nothing) ----------
# autograd.grad's code object given globals of the learner's, in which graph_task numbers its
# calls on a count of its own: the probe's numbering of backward calls sees no call, and the
# stack check (which reads code objects only) takes the frames for minigrad's. It scored 0
# before this team's change too: x ** 3's formula still runs its own code, which formulas_run
# knows by its code object, whatever globals run it.
_MINIGRAD_CODE_OWN_GLOBALS = """
    import itertools
    import types

    import minigrad as torch
    from minigrad.autograd import api, graph_task

    class _Numbering(types.ModuleType):
        def __getattr__(self, name):
            return getattr(graph_task, name)

    numbering = _Numbering("graph_task")
    numbering._ids = itertools.count()
    grad = types.FunctionType(api.grad.__code__, {**api.grad.__globals__,
                                                  "graph_task": numbering},
                              "grad", api.grad.__defaults__)

    """ + _CUBE + """            with torch.enable_grad():
                leaf = x.detach().requires_grad_()
                (d,) = grad((leaf ** 3).sum(), leaf)
            return grad_output * d
    """


def test_minigrads_code_with_the_learners_globals_still_runs_its_formulas(grade):
    t = grade("ex03", _MINIGRAD_CODE_OWN_GLOBALS)["Cube"]
    assert (t.status, t.points) == ("failed", 0), t.feedback
    assert "by its own formula" in t.feedback, t.feedback


# ---- ex03: a thread started at import, before the probe (closed in session 34) ---------------
# Found at the end of session 33 (the lead's own attack): a worker thread started as the file is
# imported, before any probe watches, and fed Cube's derivative through a lock from backward: it
# is alive at the call's start and end, so neither the thread count nor the ended threads' CPU
# time saw it, and Cube scored 1/1. The CPU time of every thread alive through a call is read
# too now, the grader's own left out (tests/test_course_redteam24.py tries it at ex05, ex08).
# The worker, and elsewhere(work): work() run in it, waited for (the file's imports first).
WORKER = """
    import _thread
    import itertools

    import minigrad as torch
    from minigrad.autograd import graph_task

    _jobs, _results = [], []
    _ready, _done = _thread.allocate_lock(), _thread.allocate_lock()
    _ready.acquire()
    _done.acquire()

    def _worker():
        while True:
            _ready.acquire()
            try:
                _results.append(_jobs.pop()())
            finally:
                _done.release()

    _thread.start_new_thread(_worker, ())

    def elsewhere(work):
        _jobs.append(work)
        _ready.release()
        _done.acquire()
        return _results.pop()

    """
_WORKER_STARTED_AT_IMPORT = WORKER + _CUBE + _UNSEEN_DERIVATIVE + """
            return grad_output * elsewhere(derivative)
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_a_worker_thread_started_at_import_is_seen_at_ex03(grade, seed):
    t = grade("ex03", _WORKER_STARTED_AT_IMPORT, seed=seed)["Cube"]
    assert (t.status, t.points) == ("failed", 0), t.feedback
