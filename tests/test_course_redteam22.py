"""Red team 22's attacks on the grader, each a real learner file run through the real grader.

What held (each tried as a real file, at seed 0):
- ex01's freeze and grad mode: the child switches grad mode back on before every case
  (course/child.py's _fresh_state), whatever the probe does, so a freeze that leaves it off
  changes no other case's result, and the grader's own state is another process's. The probe's
  grad-mode-off fact only names a mistake: a comparison never asks a learner's results for a
  fact the reference lacks (compare.compare_facts), so hiding it (minigrad.is_grad_enabled
  replaced to say True) gains nothing, and a freeze that sets every flag right passes whether
  or not it also leaves grad mode off (docs/grading.md, "Adding a misconception").
- The new misconceptions (ex01-05, ex08): a task scores only when every case matches the
  reference (engine: points only for PASSED), so a wrong answer made to match a
  misconception's facts is named and scores 0; right answers written otherwise than the
  reference (freeze by `p.requires_grad = False` or `p.detach_()`, mse_grads and td_grad by
  F.mse_loss, td_grad's target under no_grad, straight_through_sign's terms swapped,
  accumulate by torch.split, layer_grad_norms by `(t.grad ** 2).sum()`, second_derivative by
  autograd.grad then backward) all pass, named nothing.
- `course release`: no reference line reaches the edition. Every statement and every call of
  a reference function's body (14 characters and more, spacing ignored) searched in the
  edition's course/: the hits are the lessons' everyday calls (loss.backward(),
  torch.no_grad()), the probes' own splitting and case labels, and misconception texts that
  name an API without the answer; no fix text (each fix's sentences searched) is left but one
  sentence of lesson 06's own prose.
- Honest ex05/ex03 answers under probe.Walks: create_graph=True, torch.autograd.backward,
  backward(inputs=[x]), a hook on y, the last call without retain_graph; ex03 by
  backward(inputs=[x]) and under enable_grad: all 1/1.
"""

import folder_sandboxes
import pytest
from minigrad_internals import assert_running_record

box, grade = folder_sandboxes.box, folder_sandboxes.grade

# These attacks reach the grader's objects, which the rule on the source now refuses before
# they run (tests/test_course_redteam24d.py): here, what stands behind that rule is tested.
run_time_checks = folder_sandboxes.run_time_checks
pytestmark = pytest.mark.usefixtures("run_time_checks")

# ---- ex05: "through y" read from minigrad's record of the running call ----------------------
# A hook put first in x's hook list rewrote the running call's record (the nodes it will run)
# to {y.grad_fn}: one y.backward() and then x.backward(g) n - 1 times, g the first call's
# gradient, counted n backward() calls back through y, and scored 1/1 (red team 21 found it).
_WILL_RUN_REWRITTEN = """
    import minigrad as torch
    from minigrad.autograd import graph_task

    def grad_after_n(y, x, n):
        def through_y(grad):
            graph_task._state.tasks[-1]._will_run = {y.grad_fn}

        x._backward_hooks.insert(0, through_y)
        before = x.grad.clone() if x.grad is not None else torch.zeros_like(x)
        y.backward()
        g = x.grad - before
        for _ in range(n - 1):
            x.backward(g)
        return x.grad
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_the_running_calls_record_rewritten_is_no_way_through_y(grade, seed):
    assert_running_record()
    t = grade("ex05", _WILL_RUN_REWRITTEN, seed=seed)["grad_after_n"]
    assert (t.status, t.points) == ("failed", 0), t.feedback


# ---- ex03: the same record, rewritten for f's output ----------------------------------------
# derivative by torch.autograd.grad, its gradient then handed to x.backward(g) with x's first
# hook setting the record's nodes to run to {f(x).grad_fn}: a backward() through f whose
# gradient is the answer, and it scored 1/1 (ex03's refusal of autograd.grad passed).
_WILL_RUN_REWRITTEN_AT_EX03 = """
    import minigrad as torch
    from minigrad.autograd import graph_task

    def derivative(f, x0):
        x = torch.tensor(float(x0), requires_grad=True)
        y = f(x)
        (g,) = torch.autograd.grad(y, x)

        def through_f(grad):
            graph_task._state.tasks[-1]._will_run = {y.grad_fn}

        x._backward_hooks.insert(0, through_f)
        x.backward(g)
        return x.grad.item()
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_the_running_calls_record_rewritten_is_no_way_through_f(grade, seed):
    assert_running_record()
    t = grade("ex03", _WILL_RUN_REWRITTEN_AT_EX03, seed=seed)["derivative"]
    assert (t.points, t.misconception) == (0, "autograd-grad"), t.feedback


# ---- ex05: y's node pointed at x's for the call -----------------------------------------------
# Against "the walk ran y's node": one y.backward() (which frees y's saved tensors), then n - 1
# backward() calls of 0 * y + (x * g).sum() with y's node, for the call, leading straight to
# x's (its edge to the rest of y's graph cut): y's node ran, and fed x's after it a zero, x
# got g from the other term, and it scored 1/1. A call must now run all of y's graph.
_Y_NODE_REWIRED = """
    import minigrad as torch

    def grad_after_n(y, x, n):
        before = x.grad.clone() if x.grad is not None else torch.zeros_like(x)
        y.backward()
        g = x.grad - before
        edges = y.grad_fn.next_functions
        for _ in range(n - 1):
            y.grad_fn.next_functions = (x._gradient_edge(),)
            (0 * y + (x * g).sum()).backward()
            y.grad_fn.next_functions = edges
        return x.grad
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_ys_node_pointed_at_xs_is_no_way_through_y(grade, seed):
    t = grade("ex05", _Y_NODE_REWIRED, seed=seed)["grad_after_n"]
    assert (t.status, t.points) == ("failed", 0), t.feedback
