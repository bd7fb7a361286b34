"""Red team 18's attacks on the grader, each a real learner file (or zip) run through the real
grader."""

import folder_sandboxes
import pytest

box, grade = folder_sandboxes.box, folder_sandboxes.grade

_CUBE = ("import minigrad as torch\n\nclass Cube(torch.autograd.Function):\n"
         "    @staticmethod\n    def forward(ctx, x):\n        ctx.save_for_backward(x)\n"
         "        return x ** 3\n\n    @staticmethod\n    def backward(ctx, grad_output):\n"
         "        (x,) = ctx.saved_tensors\n        with torch.enable_grad():\n"
         "            x = x.detach().requires_grad_()\n")


@pytest.mark.parametrize("asks", [
    "            (grad,) = (x ** 3).grad_fn._apply([grad_output])\n        return grad\n",
    "            return (x ** 3).grad_fn.backward(grad_output)\n",
])
def test_a_cube_whose_backward_runs_a_nodes_formula_by_hand_is_named(grade, asks):
    """Cube scored 1/1 with no derivative written: its backward built x**3's graph and ran
    the node's formula itself, through its private step (`_apply`, the still-passes of red
    team 17) or its formula (`backward`): no backward call, no call of the node, so nothing
    for the probe to count. Now Cube's forward and backward must build no graph of their own
    (minigrad numbers each node it makes), as a backward that writes the formula does not."""
    result = grade("ex03", _CUBE + asks)["Cube"]
    assert (result.status, result.points) == ("failed", 0), result.feedback
    assert result.misconception == "autograd-in-backward", result.feedback
