"""Red team 19's attacks on the grader, each a real learner file run through the real grader."""

from pathlib import Path

import folder_sandboxes
import pytest

from course import engine

# The grading fixtures the files that grade learner programs share (see folder_sandboxes).
box, grade = folder_sandboxes.box, folder_sandboxes.grade

# These attacks reach the grader's objects, which the rule on the source now refuses before
# they run (tests/test_course_redteam24d.py): here, what stands behind that rule is tested.
run_time_checks = folder_sandboxes.run_time_checks
pytestmark = pytest.mark.usefixtures("run_time_checks")

# ex03's file forging its first task's reply: one error record, a shape error whose line
# gives an int64 tensor first to a call (what course.compare.swapped_data explains), its line
# LINE as the forger builds it (its other two cases' records small, so that one reply holds it).
# The child cuts a real line to wire.LINE_CHARS characters.
_FORGED_LINE = """
    import os
    from course import channel, wire
    line = {line}
    error = {{"type": "RuntimeError", "message": "shape mismatch", "line": [3, line],
             "tensors": [["a", [2], "int64"]]}}
    def derivative(f, x0):
        return 0.0
    channel.send(3, wire.pack({{"start": 0}}))
    small = {{"type": "RuntimeError", "message": "shape mismatch"}}
    cases = [{{"error": error}}] + [{{"error": small}}] * 2
    channel.send(3, wire.pack({{"done": 0, "cases": cases}}))
    os._exit(0)
    """


def _grade_ex03(tmp_path: Path, source: str) -> tuple[dict, int]:
    """Each submission's ex03 tasks, [id, points, feedback], and the grader's peak memory in
    MiB, with an honest submission beside the forger's."""
    reports, rejected, peak_mib = folder_sandboxes.grade_ex03_in_a_process(
        tmp_path, "forger", source, timeout=300)
    assert not rejected, rejected
    return reports, peak_mib


@pytest.mark.parametrize("line", [
    # 700 minus signs deep: parsed, but ast.unparse of the call (to quote it in the swapped
    # hint) raised RecursionError in the grader, which failed the whole submission ('the
    # grader failed on this submission'), every exercise of it.
    '"f(a, " + "-" * 700 + "a)"',
    # The deepest line the child can send, wire.LINE_CHARS long: the hint quotes it.
    '"f(a, " + "-" * 193 + "a)"',
])
def test_a_forged_deep_line_costs_its_task_not_the_submission(tmp_path, line):
    reports, _ = _grade_ex03(tmp_path, _FORGED_LINE.format(line=line))
    forger = {tid: (points, feedback) for tid, points, feedback in reports["forger"]}
    points, feedback = forger["ex03.derivative"]
    assert points == 0 and "raised RuntimeError: shape mismatch (line 3: f(a, ---" in feedback
    honest = reports[engine.SOLUTIONS.name]
    assert all(points for _, points, _ in honest), honest


def test_a_forged_long_line_is_not_parsed_by_the_grader(tmp_path):
    """3.8 MB of 'f(a, a, a, ...': the grader parsed it to see which tensors the call was
    given, under the lock every job's judging takes (12 s, and its syntax tree took 1.9 GB of
    the grader's memory). A line longer than the child sends is forged: not parsed."""
    reports, peak_mib = _grade_ex03(
        tmp_path, _FORGED_LINE.format(line='"f(a, " + "a, " * 1_250_000 + "a)"'))
    points, feedback = dict((tid, (p, f)) for tid, p, f in reports["forger"])["ex03.derivative"]
    assert points == 0 and "raised RuntimeError: shape mismatch" in feedback
    assert "look swapped" not in feedback
    assert peak_mib < 600, f"the grader's memory peaked at {peak_mib} MiB"


# ---- ex03's Cube: whose backward formula ran (red team 18's nodes_made, now formulas_run) ---
_CUBE = """
import minigrad as torch
from minigrad.autograd.function import once_differentiable

class Cube(torch.autograd.Function):
    @staticmethod
    def forward({forward_args}):
        {forward}

    {setup}

    @staticmethod
    {decorator}
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        {backward}
"""


def _cube(forward: str = "ctx.save_for_backward(x)\n        return x ** 3",
          backward: str = "return grad_output * 3 * x ** 2", forward_args: str = "ctx, x",
          setup: str = "", decorator: str = "") -> str:
    return _CUBE.format(forward=forward, backward=backward, forward_args=forward_args,
                        setup=setup, decorator=decorator)


@pytest.mark.parametrize("source", [
    # PyTorch 2's style: forward without ctx, setup_context saves what backward needs
    _cube(forward="return x ** 3", forward_args="x",
          setup="@staticmethod\n    def setup_context(ctx, inputs, output):\n"
                "        ctx.save_for_backward(*inputs)"),
    _cube(decorator="@once_differentiable"),
    _cube(backward="if not ctx.needs_input_grad[0]:\n            return None\n"
                   "        with torch.no_grad():\n"
                   "            return grad_output.mul(x.pow(2).mul(3))"),
    _cube(forward="ctx.save_for_backward(x)\n        return torch.pow(x.data, 3)"),
])
def test_right_cubes_written_otherwise_pass(grade, source):
    """What held under nodes_made (grad mode is off in a Function's forward and in a backward
    without create_graph, so these right Cubes made no node) and holds under formulas_run:
    they run no node's formula."""
    t = grade("ex03", source)["Cube"]
    assert t.status == "passed", t.feedback


@pytest.mark.parametrize("source", [
    _cube(backward="with torch.enable_grad():\n            return grad_output * 3 * x ** 2"),
    _cube(forward="with torch.enable_grad():\n            x = x.clone()\n"
                  "        ctx.save_for_backward(x)\n        return x.detach() ** 3",
          backward="return grad_output * 3 * x.detach() ** 2"),
])
def test_a_right_cube_that_switches_grad_mode_on_passes(grade, source):
    """Failed as "autograd computed it" while the probe counted the graph nodes Cube made
    (grad mode on, its own formula records some). Now it asks whose backward formula ran:
    none of these, only those of the probe's y * v and its sum, as backward walks them."""
    t = grade("ex03", source)["Cube"]
    assert t.status == "passed", t.feedback


_UNDER_ENABLE_GRAD = "with torch.enable_grad():\n            y = x.detach().requires_grad_() ** 3\n"


@pytest.mark.parametrize("source", [
    # autograd.grad on x ** 3, grad mode switched on around it
    _cube(backward="with torch.enable_grad():\n            x = x.detach().requires_grad_()\n"
                   "            (grad,) = torch.autograd.grad(x ** 3, x, grad_output)\n"
                   "        return grad"),
    # x ** 3's node called by hand, as PyTorch's nodes may be
    _cube(backward=_UNDER_ENABLE_GRAD + "        return y.grad_fn(grad_output)"),
    # its formula run by hand in forward, the derivative kept for backward
    _cube(forward=_UNDER_ENABLE_GRAD + "        ctx.d = y.grad_fn.backward(torch.ones_like(x))\n"
                  "        ctx.save_for_backward(x)\n        return x ** 3",
          backward="return grad_output * ctx.d"),
    # no graph at all: x ** 3's op made by hand from minigrad's class, its formula run (what
    # passed the node count, numbering no node)
    _cube(backward="from minigrad.ops.arithmetic import PowBackward0\n"
                   "        op = PowBackward0.__new__(PowBackward0)\n"
                   "        op.needs_input_grad, op._saved = (True, False), ()\n"
                   "        op.forward(x, 3)\n        return op.backward(grad_output)"),
    # the reading path's formula, which the speed and parity overrides replaced, run by hand
    _cube(backward="from minigrad import overrides\n        " + _UNDER_ENABLE_GRAD +
                   "        with overrides.readable_only():\n"
                   "            return y.grad_fn.backward(grad_output)"),
    # the formula run by hand with the profiler that watches for it switched off meanwhile
    _cube(backward="import sys\n        watching = sys.getprofile()\n"
                   "        sys.setprofile(None)\n        " + _UNDER_ENABLE_GRAD +
                   "        grad = y.grad_fn.backward(grad_output)\n"
                   "        sys.setprofile(watching)\n        return grad"),
])
def test_a_cube_that_has_autograd_differentiate_under_enable_grad_is_named(grade, source):
    """The same grad mode, with x ** 3's derivative autograd's: failed, as before; and x ** 3's
    formula run on an op made by hand, which passed before (it numbered no node). The
    profiler that sees whose formula runs (course/watch.py) sees itself switched off."""
    t = grade("ex03", source)["Cube"]
    assert (t.status, t.points) == ("failed", 0), t.feedback
    assert t.misconception == "autograd-in-backward", t.feedback


# ---- ex05's grad_after_n: x.grad after the call (learn30) ------------------------------------
_BY_AUTOGRAD_GRAD = {
    # learn30's autograd-grad, its sum stored in x.grad: 1/1 at every seed before
    "stored": """
        import minigrad as torch
        def grad_after_n(y, x, n):
            total = x.grad.clone() if x.grad is not None else torch.zeros_like(x)
            for i in range(n):
                (g,) = torch.autograd.grad(y, x, retain_graph=True)
                total = total + g
            x.grad = total
            return x.grad
        """,
    "added-in-place": """
        import minigrad as torch
        def grad_after_n(y, x, n):
            for i in range(n):
                (g,) = torch.autograd.grad(y, x, retain_graph=i < n - 1)
                if x.grad is None:
                    x.grad = g.clone()
                else:
                    x.grad += g
            return x.grad
        """,
}


@pytest.mark.parametrize("seed", [0, 5])  # (course check's seed, and one of course grade's)
@pytest.mark.parametrize("name", _BY_AUTOGRAD_GRAD)
def test_autograd_grad_added_into_x_grad_by_hand_is_named(grade, name, seed):
    t = grade("ex05", _BY_AUTOGRAD_GRAD[name], seed=seed)["grad_after_n"]
    assert (t.status, t.points, t.misconception) == ("failed", 0, "autograd-grad-stored"), \
        t.feedback
    assert "you put them there" in t.feedback


# ---- feedback30's tensors on the failing line, from real learner code: what held ------------
_HOSTILE_TENSORS = {
    # shape and dtype patched on minigrad's class: a huge shape, markup for a dtype
    "patched-class": """
        import minigrad as torch
        def derivative(f, x0):
            a = torch.ones(3, dtype=torch.int64)
            torch.Tensor.shape = property(lambda self: [7] * 1_000_000)
            torch.Tensor.dtype = property(lambda self: "<script>x</script>")
            return torch.mm(a, a).item()
        """,
    # a subclass whose shape raises, beside forty tensors named on the line
    "subclass-many-names": """
        import minigrad as torch
        class T(torch.Tensor):
            shape = property(lambda self: 1 / 0)
        def derivative(f, x0):
            """ + "; ".join(f"t{i} = torch.ones(2)" for i in range(40)) + """
            a = torch.ones(3, dtype=torch.int64)
            a.__class__ = T
            return torch.stack([""" + ", ".join(f"t{i}" for i in range(40)) + """]).mm(a)
        """,
}


@pytest.mark.parametrize("name", _HOSTILE_TENSORS)
def test_hostile_tensors_on_the_failing_line_cost_only_their_task(grade, name):
    t = grade("ex03", _HOSTILE_TENSORS[name])["derivative"]
    assert (t.status, t.points) == ("failed", 0), t.feedback
    assert "<script>" not in t.feedback and "1 / 0" not in t.feedback
    assert len(t.feedback) < 2000, t.feedback


# ex05's accumulate, the same way round: each micro-batch's gradient by autograd.grad, rightly
# weighed, their sum stored in w.grad by hand: 1/1 at every seed before
_ACCUMULATED_BY_HAND = """
    import minigrad as torch
    def accumulate(w, xs, ys, size):
        total = torch.zeros_like(w)
        for start in range(0, len(ys), size):
            xb, yb = xs[start:start + size], ys[start:start + size]
            loss = ((xb @ w - yb) ** 2).mean() * (len(yb) / len(ys))
            (g,) = torch.autograd.grad(loss, w)
            total = total + g
        w.grad = total
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_micro_batch_gradients_by_autograd_grad_added_by_hand_are_named(grade, seed):
    t = grade("ex05", _ACCUMULATED_BY_HAND, seed=seed)["accumulate"]
    assert (t.status, t.points, t.misconception) == ("failed", 0, "autograd-grad-summed"), \
        t.feedback
