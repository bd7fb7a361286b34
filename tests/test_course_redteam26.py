"""Red team 26's attacks on the source rule and the run-time checks behind it, each a real
learner file through the real grader, with what each scored before and the honest files beside
each that must still pass (docs/grading.md, "Red team 26")."""

import folder_sandboxes
import pytest

box, grade = folder_sandboxes.box, folder_sandboxes.grade


def _scores_nothing(t) -> None:
    assert t.points == 0 and t.status in ("failed", "error"), t.feedback


# ---- ex09 fit: a second loss beside the one given ---------------------------------------------
# Red team 25 made the probe count the batches whose loss the given loss_fn computed (a loss of
# one's own in its place kept the memory bug out of the count). Called and thrown away beside a
# loss of the file's own, it counts every batch, while the loop keeps the colleague's memory bug
# (total += loss, .item() at the epoch's end) on the graphs of that other loss.
_FIT_SECOND_LOSS = """
    import minigrad.nn.functional as F

    def fit(model, loss_fn, optimizer, batches, epochs):
        history = []
        for _ in range(epochs):
            total = 0
            for x, y in batches:
                optimizer.zero_grad()
                out = model(x)
                loss_fn(out, y)
                loss = F.cross_entropy(out, y)
                loss.backward()
                optimizer.step()
                total += loss
            history.append(total.item() / len(batches))
        return history
    """


# ... or from a forward of its own (the model called again, or its forward() called past the
# module's __call__): the graphs held are counted whatever loss or forward made them
# (probe.BatchGraphs: every graph node made during a batch).
_FIT_SECOND_FORWARD = _FIT_SECOND_LOSS.replace("loss_fn(out, y)", "loss_fn(model(x), y)") \
    .replace("out = model(x)", "out = model.forward(x)")


@pytest.mark.parametrize("source", [_FIT_SECOND_LOSS, _FIT_SECOND_FORWARD],
                         ids=["same output", "a forward of its own"])
@pytest.mark.parametrize("seed", [0, 5])
def test_fit_holding_the_graphs_of_a_second_loss_scores_nothing(grade, source, seed):
    t = grade("ex09", source, seed=seed)["fit"]
    _scores_nothing(t)
    assert t.misconception == "graphs-held-per-epoch", t.feedback
