"""ex09 as learners really write it: training loops in every order (each diagnosis given only
where the code fits it), the given loop fixed in other ways, models the parent rebuilds and
evaluates on held-out points the child never sees, models or results that cannot be trusted."""

import inspect
import textwrap

import numpy as np
import pytest
from folder_sandboxes import FolderSandboxes

from course import engine
from course.sandbox import Limits
from course.solutions import ex09_training_loop as reference
from course.specs import ex09
from course.tasks import exercise

LIMITS = Limits(timeout=10.0, memory_mb=1024, output_bytes=64 << 10)
HEADER = "import minigrad as torch\nfrom minigrad import nn, optim\n"


@pytest.fixture(scope="module")
def box():
    with FolderSandboxes(LIMITS) as sandbox:
        yield sandbox


def _grade(box, tmp_path, body: str, seed: int = 4):
    path = tmp_path / "ex09_training_loop.py"
    path.write_text(HEADER + textwrap.dedent(body))
    return engine.grade_exercise(box, "ex09", path, seed).tasks


def _step(order: str) -> str:
    lines = {"zero": "optimizer.zero_grad()", "model-zero": "model.zero_grad()",
             "forward": "loss = loss_fn(model(x), y)", "backward": "loss.backward()",
             "step": "optimizer.step()"}
    body = "\n".join(f"    {lines[s]}" for s in order.split())
    return f"def training_step(model, loss_fn, optimizer, x, y):\n{body}\n    return loss.item()\n"


@pytest.mark.parametrize("order, misconception", [
    ("zero forward backward step", "passed"),
    ("forward backward step zero", "passed"),  # zeroing after step() is just as right
    ("model-zero forward backward step", "passed"),
    ("forward backward step", "no-zero-grad"),
    ("zero forward step backward", "step-before-backward"),
    ("zero forward step", "step-before-backward"),  # no backward at all: step found nothing
    ("forward backward zero step", "zero-grad-before-step"),
    ("forward backward model-zero step", "zero-grad-before-step"),
    ("forward step backward", None),  # stale gradients from the last call: no named cause
    # the last call's gradients, cleared after the step (session 35b): told only "loss
    # returned by step 2: expected ..., got ...", step 1's loss
    ("forward step zero backward", "step-late"),
])
def test_each_training_step_order_gets_the_diagnosis_that_fits(box, tmp_path, order,
                                                               misconception):
    task = _grade(box, tmp_path, _step(order))[0]
    if misconception == "passed":
        assert task.status == "passed", task.feedback
    else:
        assert task.points == 0
        assert task.misconception == misconception, task.feedback
    if misconception == "zero-grad-before-step":
        assert "wiped the gradients backward() had just computed" in task.feedback
        assert "step() ran before" not in task.feedback


FIT_OTHER_WAY = """
    def fit(model, loss_fn, optimizer, batches, epochs):
        history = []
        for _ in range(epochs):
            losses = []
            for x, y in batches:
                loss = loss_fn(model(x), y)
                loss.backward()
                optimizer.step()
                optimizer.zero_grad()  # after step() is as good as before backward()
                losses.append(float(loss))
            history.append(sum(losses) / len(losses))
        return history
    """

FIT_DETACHED = FIT_OTHER_WAY.replace("float(loss)", "loss.detach()")


def test_fit_fixed_another_way_passes_and_detached_tensors_do_not(box, tmp_path):
    assert _grade(box, tmp_path, FIT_OTHER_WAY)[1].status == "passed"
    fit = _grade(box, tmp_path, FIT_DETACHED)[1]
    assert fit.points == 0 and fit.misconception is None
    assert "expected a number, got a Tensor (use .item() to get a Python number)" in fit.feedback


HONEST_OTHER_RECIPE = """
    def train_mlp(x, y):
        model = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.LeakyReLU(0.1),
                              nn.Dropout(0.1), nn.Linear(64, 3))
        optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        loss_fn = nn.CrossEntropyLoss()
        for _ in range(300):
            model.train()
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()
        return model
    """

LINEAR = """
    def train_mlp(x, y):
        model = nn.Sequential(nn.Linear(2, 16), nn.Linear(16, 3))
        optimizer = optim.Adam(model.parameters(), lr=0.05)
        for _ in range(100):
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(x), y).backward()
            optimizer.step()
        return model
    """

# Each is refused before any accuracy is measured: the parent could not rebuild what it got.
UNTRUSTED = {
    "own-module-class": ("""
        class Lookup(nn.Module):
            def forward(self, points):
                return torch.zeros(points.shape[0], 3)
        def train_mlp(x, y):
            return Lookup()
        """, "must return an nn.Sequential of minigrad layers"),
    "linear-subclass-with-own-forward": ("""
        class Cheat(nn.Linear):
            def forward(self, points):
                return torch.zeros(points.shape[0], 3)
        def train_mlp(x, y):
            return nn.Sequential(Cheat(2, 3))
        """, "layer 1 is a Cheat, not one of the layers the grader rebuilds"),
    # Not a forgery, a learner's mistake: the refusal says why the softmax goes.
    "softmax-last": ("""
        def train_mlp(x, y):
            return nn.Sequential(nn.Linear(2, 3), nn.Softmax(dim=1))
        """, "layer 2 is a Softmax, not one of the layers the grader rebuilds (Linear, ReLU, "
             "LeakyReLU, Tanh, Sigmoid, GELU, SiLU, Dropout): end the model with its Linear "
             "layer's scores (logits); nn.CrossEntropyLoss applies log-softmax itself"),
    "forged-probe-result": ("""
        import gc
        import course.tasks
        def train_mlp(x, y):
            return None
        for obj in gc.get_objects():
            if isinstance(obj, course.tasks.Task) and obj.name == "train_mlp":
                object.__setattr__(obj, "probe", lambda fn, case: {
                    "model.type": "nn.Sequential", "held-out accuracy": 1.0})
        """, "the returned model cannot be rebuilt: the model has no layers"),
    "forged-weight-tensor": ("""
        class Claims(torch.Tensor):
            __slots__ = ()
        def train_mlp(x, y):
            model = nn.Sequential(nn.Linear(2, 3))
            model[0].weight.__class__ = Claims
            return model
        """, "raised NotATensor"),
    # No weights in its activations, 1,045,000 in all: evaluating it took the grader 83 s and
    # 10 GB of memory on the held-out points. Refused before anything runs.
    "wide-activations": ("""
        def train_mlp(x, y):
            return nn.Sequential(nn.Linear(2, 209_000), nn.GELU(), nn.GELU(), nn.GELU(),
                                 nn.Linear(209_000, 3))
        """, "its layers compute more than 16384 numbers per point"),
    "two-outputs": ("""
        def train_mlp(x, y):
            return nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2))
        """, "the model outputs 2 numbers per point; it should output 3"),
    "diverged": ("""
        def train_mlp(x, y):
            model = nn.Sequential(nn.Linear(2, 3))
            with torch.no_grad():
                model[0].weight.fill_(float("nan"))
            return model
        """, "NaN or infinite weights"),
}


def test_an_honest_model_of_another_recipe_scores_full(box, tmp_path):
    step, _, mlp = _grade(box, tmp_path, _step("zero forward backward step")
                          + textwrap.dedent(HONEST_OTHER_RECIPE))
    assert step.status == mlp.status == "passed", mlp.feedback
    assert mlp.points == 2


def test_a_linear_model_is_told_why_it_fails(box, tmp_path):
    mlp = _grade(box, tmp_path, LINEAR)[2]
    assert mlp.points == 0
    assert "held-out accuracy 0." in mlp.feedback and "below the 0.95 needed" in mlp.feedback
    assert "so it is a linear classifier" in mlp.feedback


@pytest.mark.parametrize("attack", sorted(UNTRUSTED))
def test_untrusted_models_and_forged_results_score_zero(box, tmp_path, attack):
    body, reason = UNTRUSTED[attack]
    mlp = _grade(box, tmp_path, body)[2]
    assert mlp.points == 0 and mlp.status != "passed"
    assert reason in mlp.feedback, mlp.feedback


def test_the_child_gets_the_training_points_only():
    task = exercise("ex09").tasks[2]
    (case,) = task.cases(task.rng(0))
    assert set(case) == {"label", "x", "y", "spirals"}
    assert case["x"].shape == (ex09.TRAINING_POINTS, 2)
    x_test, _ = ex09.held_out(_stream(task, case), case)
    assert x_test.shape == (ex09.HELD_OUT_POINTS, 2)
    # Another stream: the points are other points (rounded to 3 decimals, a few of a thousand
    # may land on a training point by chance, as the stream is drawn afresh every time).
    shared = set(map(tuple, x_test)) & set(map(tuple, case["x"]))
    assert len(shared) <= ex09.TRAINING_POINTS // 20, len(shared)


def _stream(task, case) -> int:
    """The held-out stream of the reference's outcome, as the parent computes it."""
    return engine.outcome(task, reference.train_mlp, case)["facts"][ex09.HELD_OUT_STREAM]


def test_the_held_out_points_do_not_follow_from_the_seed():
    """The child knows the seed and the case: the held-out stream must come from neither. Each
    computation of the reference's outcome draws its own; a run keeps the one cached with the
    expectations, so all its submissions meet the same points."""
    task = exercise("ex09").tasks[2]
    (case,) = task.cases(task.rng(7))
    assert len({_stream(task, case) for _ in range(3)}) == 3
    kept = [engine.expectations("ex09", 7)[2]["reference"][0]["facts"][ex09.HELD_OUT_STREAM]
            for _ in range(2)]
    assert kept[0] == kept[1]


# The grader audit's cheat (its finding 2): the same small model and loop as an
# honest attempt, but it stops training once it scores 0.95 on the grader's own held-out
# points, redrawn in the sandbox from the probe's ``case`` (one frame up), or else from
# anything in it that could seed them.
REDRAWS_HELD_OUT = """
    import sys
    from course.specs import ex09
    def train_mlp(x, y):
        case = sys._getframe(1).f_locals["case"]
        print("the case holds", sorted(case))
        stream = case.get("held_out_stream")
        if stream is None:
            raise LookupError("no held-out stream in the case")
        hx, hy = ex09.held_out(stream, case)
        torch.manual_seed(0)
        model = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 3))
        optimizer = optim.Adam(model.parameters(), lr=0.05)
        for _ in range(400):
            if ex09.accuracy(model, hx, hy) >= 0.95:
                break
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(x), y).backward()
            optimizer.step()
        return model
    """


def test_learner_code_cannot_redraw_the_held_out_points(box, tmp_path):
    mlp = _grade(box, tmp_path, REDRAWS_HELD_OUT)[2]
    assert mlp.points == 0 and "LookupError: no held-out stream in the case" in mlp.feedback
    assert "the case holds ['label', 'spirals', 'x', 'y']" in mlp.output


def test_a_straight_line_cannot_separate_the_spirals():
    rng = np.random.default_rng(0)
    x, y = ex09.spiral(rng, 5000)
    features = np.c_[x, np.ones(len(x))]
    onehot = np.eye(ex09.CLASSES)[y]
    w = np.linalg.lstsq(features, onehot, rcond=None)[0]
    assert ((features @ w).argmax(axis=1) == y).mean() < 0.7


@pytest.mark.parametrize("block", range(3))
def test_the_reference_reaches_the_threshold_on_many_seeds(block):
    task = exercise("ex09").tasks[2]
    for seed in range(block * 10, block * 10 + 10):
        (case,) = task.cases(task.rng(seed))
        facts = ex09._mlp_probe(reference.train_mlp, case)
        assert ex09._judge_model(case, facts, facts) is None, seed


def test_a_model_trained_for_one_seed_fails_at_the_others():
    """The student edition publishes the reference's outcome at one seed, its trained weights
    included (a red team's submission returned them untrained, and passed at every seed while
    every seed drew the same spirals). Each seed turns, mirrors and labels its spirals its own
    way, so that model fits its own seed alone."""
    task = exercise("ex09").tasks[2]
    (published,) = task.cases(task.rng(0))
    model = ex09._mlp_probe(reference.train_mlp, published)
    assert ex09._judge_model(published, model, model) is None
    for seed in range(1, 11):
        (case,) = task.cases(task.rng(seed))
        message = ex09._judge_model(case, model, model)
        assert message is not None and "is below the 0.95 needed" in message, seed


def test_returning_the_loss_after_the_update_is_named(box, tmp_path):
    step = _grade(box, tmp_path, """
        def training_step(model, loss_fn, optimizer, x, y):
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()
            return loss_fn(model(x), y).item()
        """)[0]
    assert step.misconception == "loss-after-step", step.feedback


def test_an_epoch_summed_instead_of_averaged_is_named(box, tmp_path):
    fit = _grade(box, tmp_path, """
        def fit(model, loss_fn, optimizer, batches, epochs):
            history = []
            for _ in range(epochs):
                total = 0.0
                for x, y in batches:
                    optimizer.zero_grad()
                    loss = loss_fn(model(x), y)
                    loss.backward()
                    optimizer.step()
                    total += loss.item()
                history.append(total)  # the mean was asked for
            return history
        """)[1]
    assert fit.misconception == "epoch-summed", fit.feedback
    assert fit.feedback.startswith("The training is right now, but each epoch's entry is the sum")


def _fit(zero_grad_where: str, add: str, append: str) -> str:
    """The stub's loop with the gradients cleared where the learner put it ("batch" or
    "epoch"), `add` added to total per batch and `append` added to the history per epoch."""
    epoch_zero = "optimizer.zero_grad()" if zero_grad_where == "epoch" else ""
    batch_zero = "optimizer.zero_grad()" if zero_grad_where == "batch" else ""
    return f"""
    def fit(model, loss_fn, optimizer, batches, epochs):
        history = []
        for _ in range(epochs):
            total = 0
            {epoch_zero}
            for x, y in batches:
                {batch_zero}
                loss = loss_fn(model(x), y)
                loss.backward()
                optimizer.step()
                total += {add}
            history.append({append})
        return history
    """


def test_loss_tensors_kept_through_an_epoch_fail_and_are_named(box, tmp_path):
    # .item() of the epoch's total gives the right floats, but total held every batch's graph
    # until then: the memory growth the stub asks to fix.
    fit = _grade(box, tmp_path, _fit("batch", "loss", "(total / len(batches)).item()"))[1]
    assert fit.points == 0
    assert fit.misconception == "graphs-held-per-epoch", fit.feedback
    assert "graphs of earlier batches held when a batch's loss was computed: expected 0, got 1" \
        in fit.feedback
    # The same with a list of the loss tensors, summed as floats at the epoch's end.
    listed = _grade(box, tmp_path, _fit("batch", "0; losses.append(loss)",
                                        "sum(t.item() for t in losses) / len(losses)")
                    .replace("total = 0", "total, losses = 0, []"))[1]
    assert listed.misconception == "graphs-held-per-epoch", listed.feedback


def test_a_loop_that_holds_only_the_last_loss_or_computes_it_twice_passes(box, tmp_path):
    # `loss` still names the previous batch's loss when the next one is computed, and a
    # second loss_fn call per batch (to print it) is let go at once: neither holds graphs.
    for add in ("loss.item()", "loss_fn(model(x), y).item() * 0 + loss.item()"):
        fit = _grade(box, tmp_path, _fit("batch", add, "total / len(batches)"))[1]
        assert fit.status == "passed", fit.feedback


@pytest.mark.parametrize("fit, name", [
    # each epoch's entry the last batch's loss: "mean loss of epoch 1: expected 0.80, got 0.87"
    (_fit("batch", "loss.item()", "loss.item()"), "last-batch"),
    # the total divided by the number of epochs (2), not of batches (3): only "mean loss of
    # epoch 1: expected 0.75, got 1.13"
    (_fit("batch", "loss.item()", "total / epochs"), "divided-by-epochs"),
    # total = 0 once, before the epochs: epoch 2's entry held epoch 1's losses too
    (_fit("batch", "loss.item()", "total / len(batches)").replace(
        "        for _ in range(epochs):\n            total = 0\n",
        "        total = 0\n        for _ in range(epochs):\n"), "total-not-reset"),
])
def test_an_epochs_entry_of_one_batch_or_of_every_epoch_so_far_is_named(box, tmp_path, fit,
                                                                         name):
    got = _grade(box, tmp_path, fit)[1]
    assert (got.status, got.misconception) == ("failed", name), got.feedback


def test_gradients_cleared_once_per_epoch_are_named(box, tmp_path):
    fit = _grade(box, tmp_path, _fit("epoch", "loss.item()", "total / len(batches)"))[1]
    assert fit.points == 0
    assert fit.misconception == "zero-grad-per-epoch", fit.feedback
    assert "cleared once per epoch, not once per batch" in fit.feedback


@pytest.mark.parametrize("forward", [
    # the loss computed without a graph, then made to require grad so backward() runs
    "with torch.no_grad():\n"
    "                loss = loss_fn(model(x), y)\n"
    "            loss.requires_grad_()",
    # the loss made again as a new tensor: a leaf, with no graph back to the weights
    "loss = torch.tensor(loss_fn(model(x), y).item(), requires_grad=True)",
])
def test_a_backward_that_cannot_reach_the_weights_is_not_told_to_come_first(box, tmp_path,
                                                                           forward):
    # Its backward() did come first: the feedback once said step() "ran before
    # loss.backward() (or without one)", and its fix, "call backward() first", was no fix.
    task = _grade(box, tmp_path, f"""
        def training_step(model, loss_fn, optimizer, x, y):
            optimizer.zero_grad()
            {forward}
            loss.backward()
            optimizer.step()
            return loss.item()
        """)[0]
    assert (task.points, task.misconception) == (0, "step-before-backward"), task.feedback
    assert "no graph back to them" in task.feedback, task.feedback


@pytest.mark.parametrize("lr", ["0.1", "optimizer.param_groups[0]['lr']"])
def test_an_update_by_hand_that_bypasses_the_optimizer_is_named(box, tmp_path, lr):
    # It once got only "loss returned by step 2: expected ..., got ...": the numbers of
    # plain gradient descent, where the optimizer given has momentum.
    task = _grade(box, tmp_path, f"""
        def training_step(model, loss_fn, optimizer, x, y):
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            with torch.no_grad():
                for p in model.parameters():
                    p -= {lr} * p.grad
            return loss.item()
        """)[0]
    assert (task.points, task.misconception) == (0, "own-update"), task.feedback


def test_a_new_optimizer_in_each_step_is_told_so(box, tmp_path):
    # Its momentum starts from nothing at every call, so the weights move as plain gradient
    # descent moves them: named own-update, whose text said only "the update was made by hand,
    # and optimizer.step() never ran", which this learner's code plainly did not do.
    task = _grade(box, tmp_path, """
        def training_step(model, loss_fn, optimizer, x, y):
            opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
            return loss.item()
        """)[0]
    assert (task.points, task.misconception) == (0, "own-update"), task.feedback
    assert "a new optimizer was made inside training_step" in task.feedback, task.feedback


def test_the_labels_passed_where_the_scores_go_are_explained(box, tmp_path):
    # PyTorch's words alone: '"log_softmax_lastdim_kernel_impl" not implemented for 'Long''.
    task = _grade(box, tmp_path, """
        def training_step(model, loss_fn, optimizer, x, y):
            optimizer.zero_grad()
            loss = loss_fn(y, model(x))
            loss.backward()
            optimizer.step()
            return loss.item()
        """)[0]
    assert task.points == 0 and "not implemented for 'Long'" in task.feedback, task.feedback
    assert ("What it means: log_softmax was given integers: CrossEntropyLoss takes the model's "
            "scores (floats) first and the labels (int64) second") in task.feedback, task.feedback


def test_gradients_cleared_between_backward_and_step_in_fit_are_named(box, tmp_path):
    # training_step names this; fit said only "mean loss of epoch 1: expected ..., got ...".
    source = _fit("never", "loss.item()", "total / len(batches)").replace(
        "loss.backward()\n", "loss.backward()\n                optimizer.zero_grad()\n")
    fit = _grade(box, tmp_path, source)[1]
    assert (fit.points, fit.misconception) == (0, "zero-grad-before-step"), fit.feedback
    assert "wiped the gradients backward() had just computed" in fit.feedback, fit.feedback


# The reference's fit: a training_step per batch, the learner's own where theirs is graded.
FIT_BY_STEPS = "\n" + inspect.getsource(reference.fit)


def test_a_right_fit_through_a_wrong_training_step_says_so(box, tmp_path):
    # The loss returned after the step: fit's history was wrong too, and fit's reply (only
    # "mean loss of epoch 1: expected ..., got ...") sent the learner to rewrite a right loop.
    step = _step("zero forward backward step").replace(
        "return loss.item()", "return loss_fn(model(x), y).item()")
    tasks = _grade(box, tmp_path, step + FIT_BY_STEPS)
    assert tasks[0].misconception == "loss-after-step", tasks[0].feedback
    assert tasks[1].status == "failed", tasks[1].feedback
    assert ("Your fit calls your training_step, which fails its own check: fix training_step "
            "first, since its mistake changes fit's results too.") in tasks[1].feedback


def test_a_fit_whose_training_step_passes_gets_no_such_line(box, tmp_path):
    tasks = _grade(box, tmp_path, _step("zero forward backward step")
                   + FIT_BY_STEPS.replace("total / len(batches)", "total"))
    assert (tasks[0].status, tasks[1].misconception) == ("passed", "epoch-summed")
    assert "calls your" not in tasks[1].feedback


def test_a_fits_own_mistake_beside_a_wrong_training_step_waits_for_its_fix(box, tmp_path):
    # fit's epoch sum for its mean, through a training_step that returns the loss after the
    # update: every fact that tells epoch-summed (the losses, the weights) comes through the
    # wrong step, so none is named (docs/grading.md); the check after the step's fix names it
    # (test_a_fit_whose_training_step_passes_gets_no_such_line).
    step = _step("zero forward backward step").replace(
        "return loss.item()", "return loss_fn(model(x), y).item()")
    tasks = _grade(box, tmp_path, step + FIT_BY_STEPS.replace("total / len(batches)", "total"))
    assert (tasks[0].misconception, tasks[1].status, tasks[1].misconception) == (
        "loss-after-step", "failed", None), tasks[1].feedback
    assert "Your fit calls your training_step, which fails its own check" in tasks[1].feedback


def test_a_step_never_called_is_named_and_fit_through_it_is_not_misnamed(box, tmp_path):
    # optimizer.step with no (): training_step read only "loss returned by step 2: expected
    # ..., got ...", and the right fit calling it was told "optimizer.zero_grad() ran between
    # loss.backward() and optimizer.step()", which it never did, with that mistake's fix.
    step = _step("zero forward backward step").replace("optimizer.step()", "optimizer.step")
    tasks = _grade(box, tmp_path, step + FIT_BY_STEPS)
    assert (tasks[0].status, tasks[0].misconception) == ("failed", "step-not-called"), \
        tasks[0].feedback
    assert "optimizer.step without parentheses only names the method" in tasks[0].feedback
    assert (tasks[1].status, tasks[1].misconception, tasks[1].fix) == ("failed", None, "")
    assert "zero_grad() ran between" not in tasks[1].feedback
    assert "Your fit calls your training_step, which fails its own check" in tasks[1].feedback


def test_a_loss_turned_into_a_number_before_backward_is_told_when_item_goes(box, tmp_path):
    # The hint's first advice was "make one, torch.tensor(value, requires_grad=True)": a leaf
    # with no graph back to the model, the wrong fix for loss_fn(...).item() before backward().
    step = _step("zero forward backward step").replace(
        "loss = loss_fn(model(x), y)", "loss = loss_fn(model(x), y).item()").replace(
        "return loss.item()", "return loss")
    t = _grade(box, tmp_path, step)[0]
    assert "'float' object has no attribute 'backward'" in t.feedback, t.feedback
    assert ("What it means: a Python number was used where a tensor was meant: autograd "
            "follows tensors only. .item() and float() give a plain number, cut from the graph: "
            "call them last, after backward()") in t.feedback


# train_mlp with x and y swapped, as learners write it: only the library's shape error, whose
# sizes name no tensor ("mat1 and mat2 shapes cannot be multiplied (1x200 and 2x32)").
SWAPPED = {
    "model(y)": ("pred = model(y)", "loss = loss_fn(pred, y)",
                 "y, an integer tensor of shape (200,), went first into model(y), where a "
                 "model's inputs go"),
    "loss_fn(pred, x)": ("pred = model(x)", "loss = loss_fn(pred, x)",
                         "x, a float32 tensor of shape (200, 2), went second into "
                         "loss_fn(pred, x), where the targets go"),
}


@pytest.mark.parametrize("forward, loss, told", SWAPPED.values(), ids=SWAPPED)
def test_inputs_and_targets_swapped_are_told_with_their_shapes(box, tmp_path, forward, loss,
                                                                told):
    task = _grade(box, tmp_path, f"""
        def train_mlp(x, y):
            model = nn.Sequential(nn.Linear(2, 32), nn.Tanh(), nn.Linear(32, 3))
            optimizer = optim.Adam(model.parameters(), lr=0.05)
            loss_fn = nn.CrossEntropyLoss()
            for _ in range(100):
                optimizer.zero_grad()
                {forward}
                {loss}
                loss.backward()
                optimizer.step()
            return model
        """)[2]
    assert task.points == 0, task.feedback
    assert f"(line 10: {forward}); there " in task.feedback or \
        f"(line 11: {loss}); there " in task.feedback, task.feedback
    assert f"What it means: the inputs and the targets look swapped: {told}. A model takes " \
        "the inputs, model(x); the loss takes the model's output first and the targets " \
        "second, loss_fn(model(x), y) (lesson 09)." in task.feedback, task.feedback


# Wrong answers of the third learner pass, each once told only "expected X, got Y" or another
# cause: (task index, misconception, learner file). The files grade a training_step and the
# reference's fit, which calls it.
THIRD_PASS = {
    # told only "loss returned by step 2: expected ..., got ..."
    "step called twice": (0, "stepped-twice", _step("zero forward backward step step")),
    # the append indented into the batch loop: "number of epochs in the history: expected 2"
    "appended per batch": (1, "appended-per-batch", _step("zero forward backward step")
                           + FIT_BY_STEPS.replace("        history.append(",
                                                  "            history.append(")),
    # total // len(batches): "mean loss of epoch 1: expected 0.799, got 0"
    "floor division": (1, "floor-divided", _step("zero forward backward step")
                       + FIT_BY_STEPS.replace("total / len", "total // len")),
    # Session 35: loss.backward(retain_graph=True) and loss.backward() again, the gradient
    # doubled: told only "loss returned by step 2: expected ..., got ..."
    "backward twice": (0, "backward-twice", _step("zero forward backward backward step").replace(
        "loss.backward()", "loss.backward(retain_graph=True)", 1)),
    # `return history` indented into the epoch loop: "number of epochs in the history:
    # expected 2, got 1"
    "returned in the epoch loop": (1, "first-epoch-only", _step("zero forward backward step")
                                   + FIT_BY_STEPS.replace("    return history",
                                                          "        return history")),
    # Session 35b: the loss handed back as a tensor, cut from its graph (or not): told only
    # "expected a number, got a Tensor", which a learner who meant .data or .detach() to give
    # the plain value did not read as their mistake
    **{f"returned {kept}": (0, "tensor-returned", _step("zero forward backward step").replace(
        "return loss.item()", f"return {kept}")) for kept in ("loss.data", "loss.detach()",
                                                               "loss")},
    # learn36: the batch's mean loss divided by its size again, before backward() or only in
    # what is returned, or in fit's history: told only "loss returned by step 1: expected
    # 0.49, got 0.061" ("mean loss of epoch 1: expected 0.80, got 0.20")
    "mean divided by len(x)": (0, "mean-twice", _step("zero forward backward step").replace(
        "loss_fn(model(x), y)", "loss_fn(model(x), y) / len(x)")),
    **{f"loss returned divided by {size}": (0, "mean-twice-returned", _step(
        "zero forward backward step").replace("return loss.item()",
                                              f"return loss.item() / {size}"))
       for size in ("len(x)", "len(y)", "x.shape[0]")},
    **{f"fit's entry divided by len(x) {where}": (1, "mean-twice", _fit("batch", add, append))
       for where, add, append in (
           ("per batch", "loss.item() / len(x)", "total / len(batches)"),
           ("per epoch", "loss.item()", "total / len(batches) / len(x)"))},
}


@pytest.mark.parametrize("mistake", sorted(THIRD_PASS))
def test_third_pass_mistakes_are_named(box, tmp_path, mistake):
    index, name, source = THIRD_PASS[mistake]
    task = _grade(box, tmp_path, source)[index]
    assert (task.status, task.misconception, task.points) == ("failed", name, 0), task.feedback
    spec = exercise("ex09").tasks[index]
    assert task.feedback.startswith(next(m.feedback for m in spec.misconceptions
                                         if m.name == name))


def test_zero_grad_named_but_not_called_is_told_why_nothing_cleared(box, tmp_path):
    # optimizer.zero_grad without (): "nothing cleared them", to a learner sure it did
    source = _step("forward backward step").replace(
        "    loss =", "    optimizer.zero_grad\n    loss =")
    task = _grade(box, tmp_path, source)[0]
    assert task.misconception == "no-zero-grad", task.feedback
    assert "optimizer.zero_grad without parentheses only names the method" in task.feedback


@pytest.mark.parametrize("edit, meaning", [
    # a last layer of 2 outputs for 3 classes: PyTorch's "Target 2 is out of bounds." alone
    (("nn.Linear(32, 3)", "nn.Linear(32, 2)"), "CrossEntropyLoss needs one output of the "
     "model per class"),
    # the labels made floats
    (("        training_step(model, loss_fn, optimizer, x, y)\n",
      "        training_step(model, loss_fn, optimizer, x, y.float())\n"), "CrossEntropyLoss "
     "takes the labels "
     "as class indices, int64"),
])
def test_a_model_too_narrow_or_float_labels_are_explained(box, tmp_path, edit, meaning):
    source = inspect.getsource(reference)
    assert edit[0] in source
    task = _grade(box, tmp_path, source.replace(*edit))[2]
    assert task.status == "failed" and "What it means: " in task.feedback, task.feedback
    assert meaning in task.feedback, task.feedback


def test_functions_with_no_return_statement_are_told_so(box, tmp_path):
    """training_step read only "loss returned by step 1: expected a number, got None", and
    train_mlp "..., got 'None'"."""
    source = "\n".join(inspect.getsource(f).replace("    return model\n", "").replace(
        "    return loss.item()\n", "    loss.item()\n") for f in (reference.training_step,
                                                                  reference.train_mlp))
    step, _, mlp = _grade(box, tmp_path, source)
    for task in step, mlp:  # (train_mlp's then says to fix training_step first, too)
        assert (f"\nWhat it means: {task.id.split('.')[1]} has no return statement, so it "
                "returns None, whatever it computed: a function hands back only what a "
                "`return` gives it. End it with `return` and the value its docstring asks "
                "for.") in task.feedback, task.feedback
    assert mlp.feedback.startswith("case 1 (three spiral arms in the plane, 200 training "
                                   "points, 1000 held-out points): train_mlp must return an "
                                   "nn.Sequential of minigrad layers (the grader rebuilds it "
                                   "from them), got None\n"), mlp.feedback
