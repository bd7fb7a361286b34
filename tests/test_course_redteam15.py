"""Red team 15's attacks on the grader, each a real learner file run through the real grader."""

import folder_sandboxes
import pytest

box, grade = folder_sandboxes.box, folder_sandboxes.grade

_BY_HAND = ("import minigrad as torch\n\ndef td_grad(w, x, x_next, r, gamma):\n"
            "    with torch.no_grad():\n"
            "        g = 2 / len(r) * x.T @ (x @ w - (r + gamma * (x_next @ w)))\n")


@pytest.mark.parametrize("source", [
    # the gradient worked out by hand, then handed to backward() on w itself
    _BY_HAND + "    w.backward(g)\n    return w.grad\n",
    # ... or through a surrogate loss whose gradient it is
    _BY_HAND + "    (w * g).sum().backward()\n    return w.grad\n",
    # ... and x.grad written by hand too, where backward() never sent it
    _BY_HAND + "    x.grad = 2 / len(r) * torch.outer(x @ w - (r + gamma * (x_next @ w)), w)\n"
               "    w.backward(g)\n    return w.grad\n",
])
def test_a_td_gradient_worked_out_by_hand_and_handed_to_backward_is_no_answer(grade, source):
    """Each scored 1/1: the probe asked only that backward() wrote w.grad, and the feedback
    for a gradient worked out by hand ("no backward() wrote it into w.grad") told the learner
    how to pass without differentiating the loss. Now the gradient must also reach x through
    the prediction q = x @ w, as only backward() on the loss sends it."""
    result = grade("ex08", source)["td_grad"]
    assert (result.status, result.points) == ("failed", 0), result.feedback
    assert result.misconception == "hand-gradient-into-backward", result.feedback
