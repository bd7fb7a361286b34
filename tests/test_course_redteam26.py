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


# ... or with the given loss function called once per batch before the loop, where no graph is
# held yet, and never again: graphs are counted at each gradient the model's weight is given
# too, which no loop that trains it by backward() goes without.
_FIT_LOSS_CALLED_FIRST = """
    import minigrad.nn.functional as F

    def fit(model, loss_fn, optimizer, batches, epochs):
        for _ in range(epochs):
            for x, y in batches:
                loss_fn(model(x), y)
        history = []
        for _ in range(epochs):
            total = 0
            for x, y in batches:
                optimizer.zero_grad()
                loss = F.cross_entropy(model(x), y)
                loss.backward()
                optimizer.step()
                total += loss
            history.append(total.item() / len(batches))
        return history
    """


# ... and the model's parameters swapped for copies of their own, trained by an optimizer of
# the file's own (the given one's lr read from its param_groups), so that no gradient reached
# the weight the grader watches: the weights are read from the parameters the model was given.
_FIT_PARAMETERS_SWAPPED = """
    import minigrad as torch
    import minigrad.nn.functional as F

    def fit(model, loss_fn, optimizer, batches, epochs):
        for _ in range(epochs):
            for x, y in batches:
                loss_fn(model(x), y)
        model.weight = torch.nn.Parameter(model.weight.detach().clone())
        model.bias = torch.nn.Parameter(model.bias.detach().clone())
        optimizer = torch.optim.SGD(model.parameters(), lr=optimizer.param_groups[0]["lr"])
        history = []
        for _ in range(epochs):
            total = 0
            for x, y in batches:
                optimizer.zero_grad()
                loss = F.cross_entropy(model(x), y)
                loss.backward()
                optimizer.step()
                total += loss
            history.append(total.item() / len(batches))
        return history
    """


# ... and the gradients taken by autograd.grad and set by hand, so that backward() never
# accumulated into the weight: a batch ends where any gradient of the weight is computed.
_FIT_BY_AUTOGRAD_GRAD = _FIT_LOSS_CALLED_FIRST.replace("""                loss.backward()
""", """                grads = torch.autograd.grad(loss, [model.weight, model.bias])
                model.weight.grad, model.bias.grad = grads
""").replace("    import minigrad.nn.functional as F", """    import minigrad as torch
    import minigrad.nn.functional as F""")


@pytest.mark.parametrize("source", [_FIT_SECOND_LOSS, _FIT_SECOND_FORWARD,
                                    _FIT_LOSS_CALLED_FIRST, _FIT_PARAMETERS_SWAPPED,
                                    _FIT_BY_AUTOGRAD_GRAD],
                         ids=["same output", "a forward of its own", "loss_fn called first",
                              "parameters swapped", "by autograd.grad"])
@pytest.mark.parametrize("seed", [0, 5])
def test_fit_holding_the_graphs_of_a_second_loss_scores_nothing(grade, source, seed):
    t = grade("ex09", source, seed=seed)["fit"]
    _scores_nothing(t)
    if source is not _FIT_PARAMETERS_SWAPPED:  # (its weights, the given ones, never trained)
        assert t.misconception == "graphs-held-per-epoch", t.feedback


def test_fit_with_its_own_names_for_the_output_and_an_evaluation_passes(grade):
    """Honest beside the above: the output kept in a name of its own, the batch losses as
    floats in a list, and an accuracy worked out with gradients on after each epoch (its graph
    dropped at once)."""
    t = grade("ex09", """
        def fit(model, loss_fn, optimizer, batches, epochs):
            history = []
            for _ in range(epochs):
                losses = []
                for x, y in batches:
                    optimizer.zero_grad()
                    logits = model(x)
                    loss = loss_fn(logits, y)
                    loss.backward()
                    optimizer.step()
                    losses.append(loss.item())
                history.append(sum(losses) / len(losses))
                accuracy = (model(x).argmax(dim=1) == y).float().mean().item()
                print(f"accuracy on the last batch: {accuracy:.2f}")
            return history
        """, seed=0)["fit"]
    assert (t.status, t.points) == ("passed", 1), t.feedback
