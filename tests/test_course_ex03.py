"""ex03.Cube as learners write it: x kept as an attribute of ctx, where autograd does not look
after it, is named; honest ways of keeping what backward needs pass. Each learner file runs
through the real grader."""

import folder_sandboxes
import pytest

# The grading fixtures the files that grade learner programs share (see folder_sandboxes).
box, grade = folder_sandboxes.box, folder_sandboxes.grade


def _cube(forward: str, backward: str) -> str:
    return f"""
import minigrad as torch

class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        {forward}
        return x ** 3

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * {backward}
"""


def test_x_kept_on_ctx_is_named(grade):
    # It passed: the values and gradcheck are right, and nothing looked at how x was kept.
    t = grade("ex03", _cube("ctx.x = x", "3 * ctx.x ** 2"))["Cube"]
    assert (t.status, t.misconception, t.points) == ("failed", "kept-on-ctx", 0), t.feedback
    assert ("an in-place change to x after forward gives a wrong gradient, without an error: "
            "expected False, got True") in t.feedback


@pytest.mark.parametrize("forward, backward", [
    ("ctx.save_for_backward(x)", "3 * ctx.saved_tensors[0] ** 2"),
    # what backward needs, computed in forward: a new tensor, which no change to x reaches
    ("ctx.save_for_backward(3 * x ** 2)", "ctx.saved_tensors[0]"),
    ("ctx.x = x.clone()", "3 * ctx.x ** 2"),
])
def test_keeping_what_backward_needs_unchanged_passes(grade, forward, backward):
    t = grade("ex03", _cube(forward, backward))["Cube"]
    assert t.status == "passed", t.feedback
