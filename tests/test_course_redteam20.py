"""Red team 20's attacks on the grader, each a real learner file run through the real grader."""

import folder_sandboxes
import pytest
from test_course_redteam19 import _cube  # (ex03's Cube, its parts replaced)

# The grading fixtures the files that grade learner programs share (see folder_sandboxes).
box, grade = folder_sandboxes.box, folder_sandboxes.grade

# These attacks reach the grader's objects, which the rule on the source now refuses before
# they run (tests/test_course_redteam24d.py): here, what stands behind that rule is tested.
run_time_checks = folder_sandboxes.run_time_checks
pytestmark = pytest.mark.usefixtures("run_time_checks")

# ---- ex05: gradients by autograd.grad, told to the grader as backward()'s -------------------
# Red team 19's autograd.grad calls, their sum put in x.grad (w.grad) by hand, now reached the
# tensor as backward() calls: the probe read which call was running from minigrad's record of
# it (graph_task), which learner code can write.
_AS_BACKWARD = {
    # minigrad's engine run with autograd.grad's capture inside a record entered as a
    # backward() (graph_task.running(..., is_grad=False)), and x's hooks run on what it
    # returned, as autograd.grad runs them
    "engine-called-directly": """
        import minigrad as torch
        from minigrad.autograd import engine, graph_task
        from minigrad.autograd.hooks import run_tensor_hooks

        def _gradient(y, x):
            roots, capture = engine.roots((y,), [torch.ones_like(y)]), [x._gradient_edge()]
            with graph_task.running(roots, capture, is_grad=False) as task:
                (g,) = engine.run_backward(roots, True, False, task)
                return run_tensor_hooks(x._backward_hooks, g)
        """,
    # as autograd.grad, but the call stack the probe reads is one of the learner's: a
    # sys._getframe that says backward() is running
    "getframe-replaced": """
        import sys
        import types
        import minigrad as torch
        from minigrad.autograd import api

        def _backward(depth=0):  # (a new one each time: one backward() per frame)
            return types.SimpleNamespace(f_code=api.backward.__code__,
                                         f_globals=api.backward.__globals__, f_back=None)

        def _gradient(y, x):
            real, sys._getframe = sys._getframe, _backward
            try:
                return torch.autograd.grad(y, x, retain_graph=True)[0]
            finally:
                sys._getframe = real
        """,
    # every running call's is_grad reads False
    "is-grad-patched": """
        import minigrad as torch
        from minigrad.autograd import graph_task

        graph_task.GraphTask.is_grad = property(lambda self: False, lambda self, value: None)

        def _gradient(y, x):
            return torch.autograd.grad(y, x, retain_graph=True)[0]
        """,
}
_GRAD_AFTER_N = """
        def grad_after_n(y, x, n):
            total = x.grad.clone() if x.grad is not None else torch.zeros_like(x)
            for i in range(n):
                total = total + _gradient(y, x)
            x.grad = total
            return x.grad
        """
_ACCUMULATE = """
        def accumulate(w, xs, ys, size):
            total = torch.zeros_like(w)
            for start in range(0, len(ys), size):
                xb, yb = xs[start:start + size], ys[start:start + size]
                total = total + _gradient(((xb @ w - yb) ** 2).mean() * (len(yb) / len(ys)), w)
            w.grad = total
        """


@pytest.mark.parametrize("seed", [0, 5])  # (course check's seed, and one of course grade's)
@pytest.mark.parametrize("name", _AS_BACKWARD)
def test_gradients_returned_and_summed_by_hand_do_not_pass_as_backward(grade, name, seed):
    """1/1 on both tasks at every seed before: the calls counted as n backward() calls, none
    of them autograd.grad's. The probe now finds backward() and autograd.grad on the call
    stack (probe._calling_frame)."""
    tasks = grade("ex05", _AS_BACKWARD[name] + _GRAD_AFTER_N + _ACCUMULATE, seed=seed)
    for task in ("grad_after_n", "accumulate"):
        assert (tasks[task].status, tasks[task].points) == ("failed", 0), tasks[task].feedback


def test_autograd_grad_with_is_grad_patched_is_named_at_ex03(grade):
    """Red team 16's stated limit, closed with it: ex03's derivative and vjp by autograd.grad,
    its record's is_grad patched to False, scored 2/2; now named autograd-grad."""
    tasks = grade("ex03", """
        import minigrad as torch
        from minigrad.autograd import graph_task

        graph_task.GraphTask.is_grad = property(lambda self: False, lambda self, value: None)

        def derivative(f, x0):
            x = torch.tensor(float(x0), requires_grad=True)
            return torch.autograd.grad(f(x), x)[0].item()

        def vjp(f, x, v):
            x = x.detach().requires_grad_()
            return torch.autograd.grad(f(x), x, grad_outputs=v)[0]
        """, seed=0)
    for task in ("derivative", "vjp"):
        assert (tasks[task].points, tasks[task].misconception) == (0, "autograd-grad"), \
            tasks[task].feedback


# What held at ex05 (each a real file graded at course check's seed).
_HELD = {
    # backward() with inputs=: a backward(), storing into x.grad, as the task asks
    "backward-inputs": ("""
        import minigrad as torch
        def grad_after_n(y, x, n):
            for i in range(n):
                torch.autograd.backward(y, inputs=[x], retain_graph=True)
            return x.grad
        """, "passed"),
    # x's hooks moved onto a tensor of no graph, run by its backward(g), g autograd.grad's
    # (x's hooks hidden meanwhile): not back through y
    "hooks-on-another-tensor": ("""
        import minigrad as torch
        def grad_after_n(y, x, n):
            total = x.grad.clone() if x.grad is not None else torch.zeros_like(x)
            for i in range(n):
                hooks, x._backward_hooks = x._backward_hooks, None
                (g,) = torch.autograd.grad(y, x, retain_graph=True)
                x._backward_hooks = hooks
                d = torch.zeros_like(x, requires_grad=True)
                d._backward_hooks = hooks
                d.backward(g)
                total = total + g
            x.grad = total
            return x.grad
        """, "failed"),
}


@pytest.mark.parametrize("name", _HELD)
def test_what_held_at_grad_after_n(grade, name):
    source, status = _HELD[name]
    assert grade("ex05", source, seed=0)["grad_after_n"].status == status


# ---- ex03's Cube: graph nodes a node count does not see -------------------------------------
# Both passed red team 18's count of the nodes Cube made (nodes_made); cube31's formulas_run,
# which watches x ** 3's formula run rather than nodes being made, fails them.
_HIDDEN_NODES = {
    # x ** 3's nodes made at import, one per size, before the probe counts: backward runs the
    # right one's _apply with its saved input's .data set to x
    "made-at-import": "import minigrad as torch\n"
    "_ins = {n: torch.zeros(n, dtype=torch.float64, requires_grad=True) for n in range(1, 9)}\n"
    "_nodes = {n: (t ** 3).grad_fn for n, t in _ins.items()}\n" + _cube(
        backward="_ins[x.numel()].data = x.detach()\n"
                 "        return _nodes[x.numel()]._apply([grad_output])[0]"),
    # minigrad's node numbering replaced at import (graph's and fast_paths' counter), so a
    # node count and its yardstick, a Function that builds no graph, both read 0
    "numbering-replaced": "import itertools\nfrom minigrad import fast_paths\n"
    "from minigrad.autograd import graph\n"
    "graph._sequence = fast_paths._node_sequence = itertools.count(10**9)\n" + _cube(
        backward="with torch.enable_grad():\n"
                 "            x = x.detach().requires_grad_()\n"
                 "            return (x ** 3).grad_fn._apply([grad_output])[0]"),
}


@pytest.mark.parametrize("name", _HIDDEN_NODES)
def test_a_cube_whose_graph_the_probe_does_not_count_is_told_autograd_computed_it(grade, name):
    t = grade("ex03", _HIDDEN_NODES[name], seed=0)["Cube"]
    assert (t.points, t.misconception) == (0, "autograd-in-backward"), t.feedback


# ---- ex08's td_grad: the running call's roots rewritten ----------------------------------------
# Red team 16's last step by hand, q.backward(2 / n * (q - target)), with a hook of q's that
# rewrites the running call's roots to one number each: backward_from_one_number read them
# from minigrad's record of the call (graph_task), which learner code writes, and the roots
# are mutable objects (their gradient's .data too) wherever the probe would read them. Closed
# by red team 21: the outputs' sizes are read as the call begins (probe.backward_starts).
_ROOTS_REWRITTEN = """
    import minigrad as torch
    from minigrad.autograd import graph_task

    def td_grad(w, x, x_next, r, gamma):
        q = x @ w
        with torch.no_grad():
            g = 2 * (q - (r + gamma * (x_next @ w))) / len(q)

        def one_number(grad):
            task = graph_task._state.tasks[-1]
            task._roots = [(edge, torch.tensor(1.0)) for edge, _ in task._roots]

        q.register_hook(one_number)
        q.backward(g)
        return w.grad
    """


def test_a_last_step_by_hand_whose_roots_are_rewritten_is_named(grade):
    t = grade("ex08", _ROOTS_REWRITTEN, seed=0)["td_grad"]
    assert (t.points, t.misconception) == (0, "last-step-by-hand"), t.feedback


# ---- an honest tensor of minigrad's own view classes -----------------------------------------
# Red team 20 noticed: a view whose base changed in place is, until its grad_fn is read again,
# an object of minigrad's StaleView (or InvalidView) class (parity30/31: PyTorch takes a view's
# grad_fn again lazily). The probe took only Tensor and Parameter for tensors, so this right
# make_trainable, a view filled through its base, was told it "imitates" a tensor.
_FILLED_THROUGH_ITS_BASE = """
    import minigrad as torch

    def make_trainable(values):
        buffer = torch.zeros(len(values))
        t = buffer.view(-1)
        for i, v in enumerate(values):
            buffer[i] = v
        return t.requires_grad_()
    """


def test_a_view_whose_base_changed_is_a_tensor_to_the_grader(grade):
    t = grade("ex01", _FILLED_THROUGH_ITS_BASE)["make_trainable"]
    assert t.status == "passed", t.feedback
