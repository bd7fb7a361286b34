"""Red team 21's attacks on the grader, each a real learner file run through the real grader.

What held (each tried as a real file, at seed 0):
- ex10's sum_to_size and Value: not attacked further (the file runs where there is no minigrad,
  behind the source rule and the audit hook; the profiler's built-ins are bound at import).
- ex01's make_trainable: a tensor whose class was set to minigrad's StaleView by hand is read
  as a tensor, but its facts are still read through the slots (no more than any tensor says);
  views.StaleView rebound by learner code is now no way to skip the grad_fn being taken again
  (probe._STALE_VIEW, bound at import).
- ex08's td_grad: the gradient handed to a one-number surrogate, (q * g).sum().backward(),
  passes, as docs/grading.md already says (red team 18).
- ex03's Cube with a central difference in backward passes, and stays: docs/grading.md says why.
"""

import folder_sandboxes
import pytest
from test_course_redteam19 import _cube  # (ex03's Cube, its parts replaced)
from test_course_redteam20 import _GRAD_AFTER_N  # (ex05's, its gradients by _gradient(y, x))

box, grade = folder_sandboxes.box, folder_sandboxes.grade

# These attacks reach the grader's objects, which the rule on the source now refuses before
# they run (tests/test_course_redteam24d.py): here, what stands behind that rule is tested.
run_time_checks = folder_sandboxes.run_time_checks
pytestmark = pytest.mark.usefixtures("run_time_checks")

_INSIDE_A_BACKWARD = """
        import minigrad as torch
        from minigrad.autograd import engine, graph_task
        from minigrad.autograd.hooks import run_tensor_hooks

        def _gradient(y, x):
            hooks, x._backward_hooks = x._backward_hooks, None
            (g,) = torch.autograd.grad(y, x, retain_graph=True)
            x._backward_hooks = hooks
            out = []

            def inside(grad):  # runs inside a real backward() of a graph of no interest
                with graph_task.running(engine.roots((y,), [None]), [], is_grad=False):
                    out.append(run_tensor_hooks(hooks, g))

            d = torch.zeros((), requires_grad=True)
            d.register_hook(inside)
            (d * 1).backward()
            return out[0]
        """


@pytest.mark.parametrize("seed", [0, 5])
def test_hooks_run_by_hand_inside_a_backward_do_not_count_as_it(grade, seed):
    t = grade("ex05", _INSIDE_A_BACKWARD + _GRAD_AFTER_N, seed=seed)["grad_after_n"]
    assert (t.status, t.points) == ("failed", 0), t.feedback


# ---- ex03's Cube: autograd's formula run as the probe's own node -----------------------------
# The probe excluded the nodes of its own y * v and its sum from formulas_run by their tensors,
# whatever made them. Tensor.__mul__, replaced on import, returned (x * cbrt(v)) ** 3 for the
# probe's y * v (x reaching it through a Function of the file's own, x * c, whose derivative is
# c): its PowBackward0 computed 3 * x**2 * v as the probe's node, Cube's backward (autograd's:
# autograd.grad on x ** 3, which gradcheck ran) never ran in the probe's backward, and every
# fact matched: 1/1 at seeds 0 and 5.
_POW_AS_THE_PROBES_NODE = _cube(
    backward="with torch.enable_grad():\n            x = x.detach().requires_grad_()\n"
             "            return torch.autograd.grad(x ** 3, x, grad_output)[0]",
    setup="@classmethod\n    def apply(cls, x):\n        y = super().apply(x)\n"
          "        _last.update(x=x, y=y)\n        return y") + """
import numpy as np

_last = {}


class _Scale(torch.autograd.Function):  # x * c, whose derivative c is the file's own
    @staticmethod
    def forward(ctx, x, c):
        ctx.c = c
        return x * c

    @staticmethod
    def backward(ctx, g):
        return g * ctx.c, None


_mul = torch.Tensor.__mul__


def _mul_seen(self, other):
    if self is _last.get("y") and isinstance(other, torch.Tensor):
        _last.pop("y")
        c = torch.tensor(np.cbrt(other.detach().numpy()), dtype=other.dtype)
        return _Scale.apply(_last["x"], c) ** 3
    return _mul(self, other)


torch.Tensor.__mul__ = _mul_seen
"""


@pytest.mark.parametrize("seed", [0, 5])
def test_autograds_formula_run_as_the_probes_own_node_is_named(grade, seed):
    t = grade("ex03", _POW_AS_THE_PROBES_NODE, seed=seed)["Cube"]
    assert (t.points, t.misconception) == (0, "autograd-in-backward"), t.feedback


# ---- ex08's td_grad: the outputs backward() begins with, said by a class of the file's own ----
# probe.backward_starts reads the outputs backward() is called on as it begins, in the
# profiler, where no code of the learner's may run: a metaclass whose __eq__ says its class is
# list, and whose __iter__ gives one number to the first asker (the probe) and q to backward()
# after it, passed q.backward(g) as the loss's backward() while the check was `type(...) in
# (tuple, list)`, which compares with ==.
_SAID_TO_BE_A_LIST = """
    import minigrad as torch

    class _Meta(type):
        def __eq__(cls, other):
            return other is list or type.__eq__(cls, other)

        __hash__ = type.__hash__

    class _Outputs(metaclass=_Meta):
        def __init__(self, q):
            self.q, self.asked = q, 0

        def __iter__(self):
            self.asked += 1
            return iter([torch.tensor(1.0)] if self.asked == 1 else [self.q])

    def td_grad(w, x, x_next, r, gamma):
        q = x @ w
        with torch.no_grad():
            g = 2 * (q - (r + gamma * (x_next @ w))) / len(q)
        torch.autograd.backward(_Outputs(q), [g])
        return w.grad
    """


def test_outputs_that_say_they_are_a_list_are_not_read_as_one(grade):
    """(Read with `is` now, the probe never iterates it: backward() is the first asker, and
    is handed the one number, which does not fit g.)"""
    t = grade("ex08", _SAID_TO_BE_A_LIST, seed=0)["td_grad"]
    assert (t.status, t.points) == ("failed", 0), t.feedback


# ---- ex05: x's hooks run by minigrad's own hook runner, reached through functools.partial ----
# The probe's hooks, read from x's hook list and hidden while autograd.grad computes y's
# gradient g, are registered on a fresh leaf d as functools.partial(run_tensor_hooks, hooks):
# a backward() of (d * g).sum() + 0 * y (through y, with retain_graph) runs them with g, and
# between that backward() and the probe's hook stands only minigrad's code (partial is C):
# 1/1 with the rule above. Its walk was running d's AccumulateGrad, not x's.
_HOOKS_BY_PARTIAL = """
    import functools
    import minigrad as torch
    from minigrad.autograd.hooks import run_tensor_hooks

    def grad_after_n(y, x, n):
        total = x.grad.clone() if x.grad is not None else torch.zeros_like(x)
        for i in range(n):
            hooks, x._backward_hooks = x._backward_hooks, None
            (g,) = torch.autograd.grad(y, x, retain_graph=True)
            d = torch.zeros_like(x, requires_grad=True)
            d.register_hook(functools.partial(run_tensor_hooks, hooks))
            ((d * g).sum() + 0 * y).backward(retain_graph=True)
            x._backward_hooks = hooks
            total = total + g
        x.grad = total
        return x.grad
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_hooks_run_through_partial_do_not_count_as_a_backward(grade, seed):
    t = grade("ex05", _HOOKS_BY_PARTIAL, seed=seed)["grad_after_n"]
    assert (t.status, t.points) == ("failed", 0), t.feedback
