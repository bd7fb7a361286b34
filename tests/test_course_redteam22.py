"""Red team 22's attacks on the grader, each a real learner file run through the real grader.

What held (each tried as a real file, at seed 0):
"""

import folder_sandboxes
import pytest

box, grade = folder_sandboxes.box, folder_sandboxes.grade

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
