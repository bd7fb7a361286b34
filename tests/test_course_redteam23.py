"""Red team 23's attacks on the grader, each a real learner file run through the real grader.

Closed here: ex05's walk through y faked by memos of y's steps or formulas, ex03's Cube with the
profiler switched off from C, ex06's autograd-grad-for-w with w's hooks run by hand.

Left open (docs/grading.md): a thread started from C (functools.partial(_thread.start_new_thread,
...)()), which no call event or audit event of Python 3.11 shows (tried against
course.watch.watched directly); saved values put back by hand, a formula memoized beside them
(retain_graph written against minigrad's internals). Reasoned, not tried as a file: a minigrad
code object run with globals of the learner's (types.FunctionType(code, own_globals)) counts as
minigrad's code on the stack, which checks code objects only; a walk through y still needs each
node's own saved values, so it gains nothing at ex05 or ex03.
"""

import folder_sandboxes
import pytest
from minigrad_internals import assert_node_steps

box, grade = folder_sandboxes.box, folder_sandboxes.grade

# These attacks reach the grader's objects, which the rule on the source now refuses before
# they run (tests/test_course_redteam24d.py): here, what stands behind that rule is tested.
run_time_checks = folder_sandboxes.run_time_checks
pytestmark = pytest.mark.usefixtures("run_time_checks")

# ---- ex05: y's nodes "run" on a memo ---------------------------------------------------------
# The nodes of y's graph, its leaves' AccumulateGrad aside: the learner's own walk, which both
# memos below begin with.
_Y_NODES = """
    def y_nodes(y):
        seen, waiting = [], [y.grad_fn]
        while waiting:
            node = waiting.pop()
            if node is None or any(node is s for s in seen):
                continue
            seen.append(node)
            waiting += [edge[0] for edge in node.next_functions]
        return [node for node in seen if type(node).__name__ != "AccumulateGrad"]
    """

# Against "the walk ran every node of y's graph": each node class's step (_apply_arrays, and
# _apply for nodes with hooks) wrapped to hand back what it computed for that node in the first
# call. y.backward() n times without retain_graph: the first call computed and freed y's saved
# tensors, the other n - 1 walked y's graph on the memo, and it scored 1/1. A node counts as run
# only where minigrad's formula ran on it as the walk's step.
_STEPS_MEMOIZED = _Y_NODES + """
    def grad_after_n(y, x, n):
        memo = {}
        for cls in {type(node) for node in y_nodes(y)}:
            for name in ("_apply_arrays", "_apply"):
                def step(self, grads, _step=getattr(cls, name), _name=name):
                    key = (id(self), _name)
                    if key not in memo:
                        memo[key] = _step(self, grads)
                    return memo[key]
                setattr(cls, name, step)
        for _ in range(n):
            y.backward()
        return x.grad
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_a_memo_of_ys_steps_is_no_walk_through_y(grade, seed):
    assert_node_steps()
    t = grade("ex05", _STEPS_MEMOIZED, seed=seed)["grad_after_n"]
    assert (t.status, t.points) == ("failed", 0), t.feedback


# Then each node class's formula memoized in its place (the array formula a step closes over
# given anew, the class's backward replaced), each node's freed values set to none after the
# first call (`node._saved = ()`) so that minigrad's own step runs it: 1/1 again. A node counts
# as run only while it holds the saved values it was made with.
_FORMULAS_MEMOIZED = _Y_NODES + """
    import types

    def grad_after_n(y, x, n):
        memo, seen = {}, y_nodes(y)

        def remembered(formula):
            def run(self, grad):
                if id(self) not in memo:
                    memo[id(self)] = formula(self, grad)
                return memo[id(self)]
            return run

        for cls in {type(node) for node in seen}:
            step = cls._apply_arrays
            names, cells = step.__code__.co_freevars, list(step.__closure__ or ())
            if "formula" in names:
                i = names.index("formula")
                cells[i] = types.CellType(remembered(cells[i].cell_contents or cls.backward))
                cls._apply_arrays = types.FunctionType(step.__code__, step.__globals__,
                                                       step.__name__, None, tuple(cells))
            cls.backward = remembered(cls.backward)
        y.backward()
        for _ in range(n - 1):
            for node in seen:
                node._saved = ()
            y.backward()
        return x.grad
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_a_memo_of_ys_formulas_is_no_walk_through_y(grade, seed):
    assert_node_steps()
    t = grade("ex05", _FORMULAS_MEMOIZED, seed=seed)["grad_after_n"]
    assert (t.status, t.points) == ("failed", 0), t.feedback


# ---- ex03: the profiler switched off from C -------------------------------------------------
# Cube's backward switched the profiler off and back on through functools.partial, whose call
# of sys.setprofile (from C) makes no call event, and ran autograd.grad on x ** 3 between, with
# minigrad's numbering of backward calls swapped for the call: no formula seen, no backward
# call counted, gradcheck passed, and it scored 1/1. The interpreter's audit event of
# sys.setprofile is seen however it is called.
_PROFILER_OFF_FROM_C = """
    import functools
    import itertools
    import sys

    import minigrad as torch
    from minigrad.autograd import graph_task

    class Cube(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x ** 3

        @staticmethod
        def backward(ctx, grad_output):
            (x,) = ctx.saved_tensors
            watching, numbers = sys.getprofile(), graph_task._ids
            functools.partial(sys.setprofile, None)()
            graph_task._ids = itertools.count()
            try:
                with torch.enable_grad():
                    leaf = x.detach().requires_grad_()
                    (d,) = torch.autograd.grad((leaf ** 3).sum(), leaf)
            finally:
                graph_task._ids = numbers
                functools.partial(sys.setprofile, watching)()
            return grad_output * d
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_the_profiler_switched_off_from_c_is_seen(grade, seed):
    t = grade("ex03", _PROFILER_OFF_FROM_C, seed=seed)["Cube"]
    assert (t.status, t.points) == ("failed", 0), t.feedback


# ---- ex06: a gradient of w's "delivered" by no call ---------------------------------------
# autograd-grad-for-w (w's gradients from torch.autograd.grad, w.grad never cleared) with w's
# hooks, the probe's among them, run once by hand outside any backward call: that gradient read
# as no autograd.grad's, so "every gradient of w's was autograd.grad's" was False, and it scored
# 1/1. A gradient that no backward call delivers is no gradient of either kind.
_W_HOOKS_RUN_BY_HAND = """
    import minigrad as torch
    import minigrad.nn.functional as F

    def train(w, b, batches, lr, every):
        for i, (x, y) in enumerate(batches):
            loss = F.mse_loss(x @ w + b, y)
            g = torch.autograd.grad(loss, [w], retain_graph=True)[0]
            loss.backward(inputs=[b])
            with torch.no_grad():
                w.sub_(lr * g)
                if (i + 1) % every == 0:
                    b.sub_(lr * b.grad)
                    b.grad = None
        for hook in list(w._backward_hooks):
            hook(torch.zeros_like(w))
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_ws_hooks_run_by_hand_are_no_backward(grade, seed):
    t = grade("ex06", _W_HOOKS_RUN_BY_HAND, seed=seed)["train"]
    assert (t.status, t.points, t.misconception) == ("failed", 0, "autograd-grad-for-w"), \
        t.feedback
