"""Red team 27's attacks on what red team 26 left open, each a real learner file through the
real grader, with what each scored before and the honest files beside each that must still pass
(docs/grading.md, "Red team 27")."""

import folder_sandboxes
import pytest
from test_course_redteam26 import _LOSS_FN_FIRST, _fit_holding_graphs

box, grade = folder_sandboxes.box, folder_sandboxes.grade


# ---- ex09 fit: the gradients worked out by hand ----------------------------------------------
# A batch ended only where a gradient of the model's weight was computed (probe.BatchGraphs):
# a loop whose gradients are worked out by hand with numpy computes none, so no batch ever
# ended and the colleague's memory bug (total += loss, .item() at the epoch's end) was never
# seen: 1/1 at seeds 0 and 5. Now a batch also ends at a call of the loss function given with
# no gradient of the weight computed since its last call.
_BY_HAND = '''

def _by_hand(out, x, y):
    """The gradients of cross-entropy's mean at a linear layer: softmax minus one-hot."""
    import numpy as np

    logits = out.detach().numpy()
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(p)), y.numpy()] -= 1
    p /= len(p)
    return torch.tensor((p.T @ x.numpy()).astype("float32")), \\
        torch.tensor(p.sum(axis=0).astype("float32"))
'''
_GRADIENTS_BY_HAND = "model.weight.grad, model.bias.grad = _by_hand(out, x, y)"
_FIT_BY_HAND = _fit_holding_graphs("", f"""
    out = model(x)
    loss = loss_fn(out, y)
    {_GRADIENTS_BY_HAND}
    """) + _BY_HAND
# ... and with the loss function given called six times before such a loop (red team 26's
# trick), and a loss of the file's own in it: a loss "computed" at one step only, where each of
# a loop's is at a step of its own (the weight's gradient computed, or its values changed,
# between two calls).
_FIT_BY_HAND_LOSS_FN_FIRST = _fit_holding_graphs(_LOSS_FN_FIRST, f"""
    out = model(x)
    loss = F.cross_entropy(out, y)
    {_GRADIENTS_BY_HAND}
    """) + _BY_HAND


@pytest.mark.parametrize("source, said", [
    (_FIT_BY_HAND, "graphs of earlier batches held when a batch's loss was computed: "
                   "expected 0, got 1"),
    (_FIT_BY_HAND_LOSS_FN_FIRST, "batches whose loss was computed by the loss function given "
                                 "(loss_fn): expected 6, got 1"),
], ids=["the given loss's graphs", "loss_fn called first"])
@pytest.mark.parametrize("seed", [0, 5])
def test_fit_holding_graphs_with_its_gradients_by_hand_scores_nothing(grade, source, said, seed):
    t = grade("ex09", source, seed=seed)["fit"]
    assert (t.status, t.points) == ("failed", 0), t.feedback
    assert said in t.feedback, t.feedback
    if source is _FIT_BY_HAND:
        assert t.misconception == "graphs-held-per-epoch", t.feedback


def test_fit_with_its_gradients_by_hand_passes(grade):
    """Honest beside it: the same gradients by hand, the losses kept as floats."""
    honest = _FIT_BY_HAND.replace("total += loss\n", "total += loss.item()\n") \
        .replace("total.item()", "total")
    assert honest.count("loss.item()") == 1
    t = grade("ex09", honest, seed=0)["fit"]
    assert (t.status, t.points) == ("passed", 1), t.feedback

