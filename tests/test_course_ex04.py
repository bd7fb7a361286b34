"""ex04.layer_grad_norms, the vanishing-gradient diagnosis: the reference's norms shrink toward
the first layer (as the stub promises), honest ways of keeping the gradients pass, and each
mistake, written as a learner writes it, is named. Each learner file runs through the real
grader."""

import textwrap
import warnings
from pathlib import Path

import folder_sandboxes
import pytest

from course import engine
from course.probe import tensor
from course.specs import ex04 as spec
from course.tasks import exercise

# The grading fixtures the files that grade learner programs share (see folder_sandboxes).
box, grade = folder_sandboxes.box, folder_sandboxes.grade

ROOT = Path(__file__).resolve().parents[1]
TASK = next(t for t in exercise("ex04").tasks if t.name == "layer_grad_norms")


@pytest.mark.parametrize("seed", range(5))
def test_the_reference_norms_shrink_as_they_travel_back(seed):
    reference = engine._solution(engine.SOLUTIONS, "ex04")
    for case in TASK.cases(TASK.rng(seed)):
        weights = [tensor(w, requires_grad=True) for w in case["weights"]]
        norms = reference.layer_grad_norms(tensor(case["x"]), weights)
        assert 3 <= len(norms) == len(weights) <= 5
        assert all(type(n) is float for n in norms)
        assert all(a < b for a, b in zip(norms, norms[1:])), (case["label"], norms)


def test_the_reference_passes_and_the_stub_is_not_attempted(grade):
    for seed in (0, 11):
        t = grade("ex04", (engine.SOLUTIONS / "ex04_grad.py").read_text(), seed)
        assert t["layer_grad_norms"].status == "passed", t["layer_grad_norms"].feedback
    stub = grade("ex04", (ROOT / "exercises" / "ex04_grad.py").read_text())
    assert stub["layer_grad_norms"].status == "not attempted"


@pytest.mark.parametrize("source", [
    # hooks: they fire last layer first, so the list is turned around
    """
    import minigrad as torch
    def layer_grad_norms(x, weights):
        arrived = []
        h = x
        for w in weights:
            h = torch.tanh(h @ w)
            h.register_hook(lambda g: arrived.append(g.norm().item()))
        (h * h).sum().backward()
        return arrived[::-1]
    """,
    # retain_grad, the outputs in a tuple, the norm by hand, float() for .item()
    """
    import minigrad as torch
    def layer_grad_norms(x, weights):
        outputs = ()
        for w in weights:
            x = (x @ w).tanh()
            x.retain_grad()
            outputs += (x,)
        loss = (x * x).sum()
        loss.backward()
        return tuple(float((h.grad ** 2).sum().sqrt()) for h in outputs)
    """,
])
def test_honest_ways_of_keeping_the_gradients_pass(grade, source):
    t = grade("ex04", source)["layer_grad_norms"]
    assert t.status == "passed", t.feedback


# Each mistake as a learner writes it: (misconception, learner's function).
MISTAKES = {
    "forgot retain_grad": ("no-retain-grad", """
        import minigrad as torch
        def layer_grad_norms(x, weights):
            h, hs = x, []
            for w in weights:
                h = torch.tanh(h @ w)
                hs.append(h)
            (h * h).sum().backward()
            return [h.grad.norm().item() for h in hs]
        """),
    "retain_grad after backward": ("no-retain-grad", """
        import minigrad as torch
        def layer_grad_norms(x, weights):
            h, hs = x, []
            for w in weights:
                h = torch.tanh(h @ w)
                hs.append(h)
            (h * h).sum().backward()
            norms = []
            for h in hs:
                h.retain_grad()
                norms.append(h.grad.norm().item())
            return norms
        """),
    "forgot retain_grad, torch.norm": ("no-retain-grad-torch-norm", """
        import minigrad as torch
        def layer_grad_norms(x, weights):
            hs = []
            for w in weights:
                hs.append(torch.tanh((hs[-1] if hs else x) @ w))
            (hs[-1] ** 2).sum().backward()
            return [torch.norm(h.grad).item() for h in hs]
        """),
    "values": ("norms-of-values", """
        import minigrad as torch
        def layer_grad_norms(x, weights):
            h, norms = x, []
            for w in weights:
                h = torch.tanh(h @ w)
                h.retain_grad()
                norms.append(h.norm().item())
            (h * h).sum().backward()
            return norms
        """),
    "weights' gradients": ("norms-of-weight-grads", """
        import minigrad as torch
        def layer_grad_norms(x, weights):
            h = x
            for w in weights:
                h = torch.tanh(h @ w)
            (h * h).sum().backward()
            return [w.grad.norm().item() for w in weights]
        """),
    "hooks, in the order they fire": ("last-layer-first", """
        import minigrad as torch
        def layer_grad_norms(x, weights):
            norms, h = [], x
            for w in weights:
                h = torch.tanh(h @ w)
                h.register_hook(lambda g: norms.append(g.norm().item()))
            (h * h).sum().backward()
            return norms
        """),
    # The right norms, but no backward(): the weights keep no gradient.
    "autograd.grad in place of backward()": ("autograd-grad", """
        import minigrad as torch
        def layer_grad_norms(x, weights):
            hs, h = [], x
            for w in weights:
                h = torch.tanh(h @ w)
                hs.append(h)
            grads = torch.autograd.grad((h * h).sum(), hs)
            return [g.norm().item() for g in grads]
        """),
    # The right norms, each from a run of its own: every W.grad holds depth times its own.
    "a backward() per layer": ("backward-per-layer", """
        import minigrad as torch
        def layer_grad_norms(x, weights):
            norms = []
            for k in range(len(weights)):
                h, hs = x, []
                for w in weights:
                    h = torch.tanh(h @ w)
                    hs.append(h)
                hs[k].retain_grad()
                (h * h).sum().backward()
                norms.append(hs[k].grad.norm().item())
            return norms
        """),
    # Each hook reads i when backward() calls it, after the loop: all write to the last place.
    "hooks writing to norms[i], i read late": ("hooks-share-the-last-index", """
        import minigrad as torch
        def layer_grad_norms(x, weights):
            norms, h = [0.0] * len(weights), x
            for i, w in enumerate(weights):
                h = torch.tanh(h @ w)
                h.register_hook(lambda g: norms.__setitem__(i, g.norm().item()))
            (h * h).sum().backward()
            return norms
        """),
    "hooks writing to norms[i] of Nones, i read late": ("hooks-share-the-last-index-none", """
        import minigrad as torch
        def layer_grad_norms(x, weights):
            norms, h = [None] * len(weights), x
            for i, w in enumerate(weights):
                h = torch.tanh(h @ w)
                def keep(g):
                    norms[i] = g.norm().item()
                h.register_hook(keep)
            (h * h).sum().backward()
            return norms
        """),
    "the sum of squares without its root": ("squared-norms", """
        import minigrad as torch
        def layer_grad_norms(x, weights):
            h, hs = x, []
            for w in weights:
                h = torch.tanh(h @ w)
                h.retain_grad()
                hs.append(h)
            (h * h).sum().backward()
            return [float((h.grad ** 2).sum()) for h in hs]
        """),
    "the pre-activation": ("before-tanh", """
        import minigrad as torch
        def layer_grad_norms(x, weights):
            h, zs = x, []
            for w in weights:
                z = h @ w
                z.retain_grad()
                zs.append(z)
                h = torch.tanh(z)
            (h * h).sum().backward()
            return [z.grad.norm().item() for z in zs]
        """),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_mistake_is_named(grade, mistake):
    name, source = MISTAKES[mistake]
    t = grade("ex04", source)["layer_grad_norms"]
    assert (t.status, t.misconception, t.points) == ("failed", name, 0), t.feedback
    feedback = next(m.feedback for m in TASK.misconceptions if m.name == name)
    assert t.feedback.startswith(feedback)


def test_a_missing_retain_grad_is_told_to_call_it_before_backward():
    for m in TASK.misconceptions:
        if m.name.startswith("no-retain-grad"):
            assert "call retain_grad() before backward()" in m.fix
            assert "unless asked beforehand" in m.feedback  # the reason, before the fix


def test_tensors_instead_of_floats_are_told_to_use_item(grade):
    t = grade("ex04", """
        import minigrad as torch
        def layer_grad_norms(x, weights):
            h, hs = x, []
            for w in weights:
                h = torch.tanh(h @ w)
                h.retain_grad()
                hs.append(h)
            (h * h).sum().backward()
            return [h.grad.norm() for h in hs]
        """)["layer_grad_norms"]
    assert t.status == "failed" and t.misconception is None
    assert "norms[0]: expected a number, got a Tensor (use .item() to get a Python number)" \
        in t.feedback


def test_a_second_backward_shows_in_the_weights_gradients(grade):
    t = grade("ex04", """
        import minigrad as torch
        def layer_grad_norms(x, weights):
            h, hs = x, []
            for w in weights:
                h = torch.tanh(h @ w)
                h.retain_grad()
                hs.append(h)
            loss = (h * h).sum()
            loss.backward(retain_graph=True)
            norms = [h.grad.norm().item() for h in hs]
            loss.backward()  # "to be sure"
            return norms
        """)["layer_grad_norms"]
    assert t.status == "failed" and "weights[0].grad: expected" in t.feedback


def test_calling_backward_twice_is_named(grade):
    source = """
        import minigrad as torch

        def mse_grads(w, b, x, y):
            loss = ((x @ w + b - y) ** 2).mean()
            loss.backward(retain_graph=True)
            loss.backward()
        """
    assert grade("ex04", source)["mse_grads"].misconception == "backward-twice"


@pytest.mark.parametrize("body", [
    # the loss computed without a graph, then made to require grad so backward() runs
    "with torch.no_grad():\n"
    "        loss = ((x @ w + b - y) ** 2).mean()\n"
    "    loss.requires_grad_()\n"
    "    loss.backward()",
    "loss = torch.tensor(((x @ w + b - y) ** 2).mean().item(), requires_grad=True)\n"
    "    loss.backward()",
    "loss = ((x @ w + b - y) ** 2).mean()",  # backward() forgotten
])
def test_gradients_that_never_reach_w_and_b_are_named(grade, body):
    # Each once got only "w.grad: expected an array of shape (3,), got None".
    t = grade("ex04", f"import minigrad as torch\n\ndef mse_grads(w, b, x, y):\n    {body}\n"
              )["mse_grads"]
    assert (t.status, t.misconception) == ("failed", "grads-not-reached"), t.feedback
    assert "no graph back to w and b" in t.feedback


def test_the_square_differentiated_as_h_is_named(grade):
    # d (h * h) / d h taken as h: h.grad and w.grad half of theirs, once with no word on why.
    t = grade("ex04", """
        def predict_grads():
            return {"x": None, "w": [2.5, 2.0], "b": None, "h": [2.5, 1.0], "loss": None}
        """)["predict_grads"]
    assert (t.status, t.misconception) == ("failed", "square-as-h"), t.feedback
    assert "2 of 5 predictions differ" in t.feedback


def test_data_predicted_to_get_a_gradient_of_zeros_is_named(grade):
    # Lesson 04: .grad is None, "not zeros, nothing at all"; x predicted [0.0, 0.0] got only
    # "expected None, got [0., 0.]".
    t = grade("ex04", """
        def predict_grads():
            return {"x": [0.0, 0.0], "w": [5.0, 4.0], "b": None, "h": [5.0, 2.0], "loss": None}
        """)["predict_grads"]
    assert (t.status, t.misconception) == ("failed", "data-gets-zeros"), t.feedback


def test_w_grad_predicted_as_h_grad_is_named(grade):
    # d loss / d h written for w.grad, the chain rule's last factor (x) left out: it matched
    # no mistake, and only "expected [5., 4.], got [5., 2.]" was said.
    t = grade("ex04", """
        def predict_grads():
            return {"x": None, "w": [5.0, 2.0], "b": None, "h": [5.0, 2.0], "loss": None}
        """)["predict_grads"]
    assert (t.status, t.misconception) == ("failed", "local-derivative-left-out"), t.feedback


def test_the_last_h_read_once_per_layer_is_named(grade):
    # h rebound by the loop, then read after it once per layer: every norm is the last
    # layer's, and only 'norms[0]: expected 0.56, got 1.44' said so.
    t = grade("ex04", """
        import minigrad as torch

        def layer_grad_norms(x, weights):
            h = x
            for W in weights:
                h = torch.tanh(h @ W)
                h.retain_grad()
            (h * h).sum().backward()
            return [h.grad.norm().item() for W in weights]
        """, seed=0)["layer_grad_norms"]
    assert (t.status, t.misconception) == ("failed", "last-h-every-time"), t.feedback


# Each h appended before the loop's h = torch.tanh(h @ W) replaces it: the list holds each
# layer's input. x.grad is None there, so a learner makes x require grad (its norm first, the
# last output's missing) or skips x (one norm short); only the values, or the length, were said.
LAYER_INPUTS = """
    import minigrad as torch

    def layer_grad_norms(x, weights):
        {first}
        h, hs = x, []
        for W in weights:
            hs.append(h)
            h = torch.tanh(h @ W)
            h.retain_grad()
        (h * h).sum().backward()
        return [h.grad.norm().item() for h in hs{which}]
    """


@pytest.mark.parametrize("first, which, mistake", [
    ("x.requires_grad_()", "", "layer-inputs"),
    ("", "[1:]", "layer-inputs-after-x"),
])
def test_norms_one_layer_early_are_named(grade, first, which, mistake):
    t = grade("ex04", LAYER_INPUTS.format(first=first, which=which))["layer_grad_norms"]
    assert (t.status, t.misconception) == ("failed", mistake), t.feedback
    assert "one layer early" in t.feedback, t.feedback


def test_a_list_of_activations_begun_with_x_is_named(grade):
    # activations = [x], as backprop tutorials begin it, x made to require grad: one norm too
    # many, and only 'len(norms): expected 3, got 4' was said.
    t = grade("ex04", """
        import minigrad as torch

        def layer_grad_norms(x, weights):
            x.requires_grad_()
            activations = [x]
            for W in weights:
                h = torch.tanh(activations[-1] @ W)
                h.retain_grad()
                activations.append(h)
            (activations[-1] ** 2).sum().backward()
            return [a.grad.norm().item() for a in activations]
        """)["layer_grad_norms"]
    assert (t.status, t.misconception) == ("failed", "x-included"), t.feedback


def _predicted(**grads):
    right = {"x": None, "w": [5.0, 4.0], "b": None, "h": [5.0, 2.0], "loss": None}
    return f"def predict_grads():\n    return {({**right, **grads})!r}\n"


def _right_norms():
    """The squared-norms learner's loop with its norms right: a pass, to be made wrong."""
    return textwrap.dedent(MISTAKES["the sum of squares without its root"][1]).replace(
        "float((h.grad ** 2).sum())", "h.grad.norm().item()")


def _mse(loss):
    return f"def mse_grads(w, b, x, y):\n    ({loss}).backward()\n"


# Wrong answers of the second learner pass, each once told only "expected X, got Y":
# (task, misconception, learner file).
SECOND_PASS = {
    "x given a gradient": ("predict_grads", "data-gets-grad", _predicted(x=[2.5, -1.0])),
    "d h / d w taken as w": ("predict_grads", "own-value", _predicted(w=[2.5, -1.0])),
    # The squared-norms learner's loop, with the norms right and the loss a mean.
    "mean loss": ("layer_grad_norms", "mean-loss",
                  _right_norms().replace("(h * h).sum()", "(h * h).mean()")),
    "halved": ("mse_grads", "halved", _mse("0.5 * ((x @ w + b - y) ** 2).mean()")),
    "mean squared": ("mse_grads", "mean-then-squared", _mse("(x @ w + b - y).mean() ** 2")),
    "not squared": ("mse_grads", "not-squared", _mse("(x @ w + b - y).mean()")),
    "b left out": ("mse_grads", "b-left-out", _mse("((x @ w - y) ** 2).mean()")),
    # learn36's day-one pass
    "absolute errors": ("mse_grads", "absolute-errors", _mse("(x @ w + b - y).abs().mean()")),
    "root of the mean": ("mse_grads", "root-mean-square",
                         _mse("((x @ w + b - y) ** 2).mean().sqrt()")),
    **{f"w{cut}": ("mse_grads", "w-through-data", _mse(f"((x @ w{cut} + b - y) ** 2).mean()"))
       for cut in (".data", ".detach()")},
    # learn36b: each layer as (W @ h.T).T, the shapes made to fit; backward() on the tensor
    # the loss is computed from, with a gradient of ones
    "(W @ h.T).T": ("layer_grad_norms", "weights-transposed", _right_norms()
                    .replace("h @ w", "(w @ h.T).T")),
    "h.backward(ones)": ("layer_grad_norms", "ones-for-the-loss", _right_norms()
                         .replace("(h * h).sum().backward()",
                                  "loss = (h * h).sum()\n    h.backward(torch.ones_like(h))")),
    "prediction.backward(ones)": ("mse_grads", "ones-for-the-loss", """
import minigrad as torch
def mse_grads(w, b, x, y):
    pred = x @ w + b
    loss = ((pred - y) ** 2).mean()
    pred.backward(torch.ones_like(pred))
"""),
}


@pytest.mark.parametrize("mistake", sorted(SECOND_PASS))
def test_second_pass_mistakes_are_named(grade, mistake):
    folder_sandboxes.assert_named(grade, "ex04", *SECOND_PASS[mistake])


def test_zeros_predicted_for_the_non_leaf_b_are_named(grade):
    # It read "b.grad: expected None, got [0., 0.]" alone.
    t = grade("ex04", """
        def predict_grads():
            return {"x": None, "w": [5.0, 4.0], "b": [0.0, 0.0], "h": [5.0, 2.0], "loss": None}
        """)["predict_grads"]
    assert (t.status, t.misconception) == ("failed", "non-leaf-parameter-zeros"), t.feedback
    assert "not zeros" in t.feedback


def test_a_list_of_layer_inputs_begun_with_x_is_not_told_only_of_retain_grad(grade):
    """Each h appended before the next replaced it, retain_grad() called on each: x comes
    first, and its .grad, None, failed the first norm. The reply named retain_grad() alone,
    which the learner had called."""
    t = grade("ex04", LAYER_INPUTS.format(first="", which=""))["layer_grad_norms"]
    assert t.misconception == "no-retain-grad", t.feedback
    assert "x, data that does not require grad, never gets one" in t.feedback


def test_a_norm_per_column_taken_for_one_number_is_explained(grade):
    # (told only "raised RuntimeError: a Tensor with 3 elements cannot be converted to Scalar")
    t = grade("ex04", LAYER_INPUTS.format(first="", which="").replace(
        "hs.append(h)\n            h = torch.tanh(h @ W)\n",
        "h = torch.tanh(h @ W)\n            hs.append(h)\n").replace(
        "h.grad.norm().item()", "h.grad.norm(dim=0).item()"))["layer_grad_norms"]
    assert "cannot be converted to Scalar" in t.feedback, t.feedback
    assert "What it means: .item() takes the number out of a tensor of one element" \
        in t.feedback, t.feedback


@pytest.mark.parametrize("slip, said", [
    # b taken as [1, 1]: h.grad and the w.grad that follows from it, told only "expected X"
    ({"h": [3.0, 0.0], "w": [3.0, 0.0]}, "the slip is in h.grad, d loss / d h = 2 * h"),
    # h.grad right, w.grad's last step slipped
    ({"w": [5.0, 3.0]}, "(w.grad is h.grad times d h / d w = x, element by element)"),
    # Session 37, each once told only "expected X, got Y": h.grad slipped, w.grad right
    ({"h": [5.0, 3.0]}, "(your w.grad is right, so the slip is in h.grad alone: d loss / d h"),
    # a .grad written where none is kept, at a value no known mistake gives
    *(({name: value}, f"(whether {name} keeps a .grad depends on what {name} is: after "
                      "backward(), only a leaf that requires grad, or a tensor that called "
                      "retain_grad() before it, keeps one)")
      for name, value in (("x", [1.0, 1.0]), ("b", [2.0, 2.0]), ("loss", 2.0))),
])
def test_arithmetic_slips_are_told_where_they_lie(grade, slip, said):
    t = grade("ex04", _predicted(**slip))["predict_grads"]
    assert (t.status, t.misconception) == ("failed", None), t.feedback
    assert said in t.feedback, t.feedback


def test_the_programs_gradients_are_read_without_a_warning():
    """The truth the variants and the slip are built on reads no non-leaf's .grad (b's, loss's),
    which warns, as in PyTorch, in every grading that computes them."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert spec._grads() == {"x": None, "w": [5.0, 4.0], "b": None, "h": [5.0, 2.0],
                                 "loss": None}
