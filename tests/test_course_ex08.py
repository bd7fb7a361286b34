"""ex08.straight_through_sign, the clipped straight-through estimator: the reference's values are
sign(x) within the grader's tolerance, honest ways of clipping the gradient pass, and each
mistake, written as a learner writes it, is named. Each learner file runs through the real
grader."""

import threading
from pathlib import Path

import folder_sandboxes
import numpy as np
import pytest

from course import engine
from course.tasks import exercise

# The grading fixtures the files that grade learner programs share (see folder_sandboxes).
box, grade = folder_sandboxes.box, folder_sandboxes.grade

ROOT = Path(__file__).resolve().parents[1]
TASK = next(t for t in exercise("ex08").tasks if t.name == "straight_through_sign")


@pytest.mark.parametrize("seed", range(5))
def test_the_cases_and_the_reference_fit_the_stubs_promise(seed):
    reference = engine._solution(engine.SOLUTIONS, "ex08")
    for case in TASK.cases(TASK.rng(seed)):
        x, v = case["x"], case["v"]
        # no zeros, nothing at the clipping edges; some inside and some outside [-1, 1]
        assert np.abs(x).min() > 0.05 and np.abs(np.abs(x) - 1).min() > 0.05
        assert 0 < (np.abs(x) < 1).sum() < len(x)
        facts = engine.outcome(TASK, reference.straight_through_sign, case)["facts"]
        assert np.allclose(facts["y"], np.sign(x), rtol=TASK.rtol, atol=TASK.atol)
        assert np.array_equal(facts["x.grad"], np.where(np.abs(x) <= 1, v, 0).astype(np.float32))


def test_the_reference_passes_and_the_stub_is_not_attempted(grade):
    for seed in (0, 11):
        t = grade("ex08", (engine.SOLUTIONS / "ex08_detach.py").read_text(), seed)
        assert t["straight_through_sign"].status == "passed", t["straight_through_sign"].feedback
    stub = grade("ex08", (ROOT / "exercises" / "ex08_detach.py").read_text())
    assert stub["straight_through_sign"].status == "not attempted"


@pytest.mark.parametrize("source", [
    """
    import minigrad.nn.functional as F
    def straight_through_sign(x):
        soft = F.hardtanh(x)
        return soft + (x.sign() - soft).detach()
    """,
    # the exact values of sign, plus a term that is zero but carries the clipped gradient
    """
    import minigrad as torch
    def straight_through_sign(x):
        clipped = x.clamp(-1, 1)
        return torch.sign(x) + (clipped - clipped.detach())
    """,
    # the mask on x, the part that carries the gradient
    """
    import minigrad as torch
    def straight_through_sign(x):
        inside = x * (x.abs() <= 1).float()
        return inside + (torch.sign(x) - inside).detach()
    """,
    # the mask strict at the ends, as hardtanh's gradient is: the cases leave x = -1 and 1
    # out, where PyTorch's clamp and hardtanh differ (docs/grading.md, "Adding a case")
    """
    import minigrad as torch
    def straight_through_sign(x):
        inside = x * (x.abs() < 1).float()
        return inside + (torch.sign(x) - inside).detach()
    """,
    # a hook on x masks the gradient as it arrives
    """
    import minigrad as torch
    def straight_through_sign(x):
        mask = (x.abs() <= 1).float()
        x.register_hook(lambda g: g * mask)
        return x + (torch.sign(x) - x).detach()
    """,
])
def test_honest_clipped_estimators_pass(grade, source):
    t = grade("ex08", source)["straight_through_sign"]
    assert t.status == "passed", t.feedback


# Each mistake as a learner writes it: (misconception, learner's function).
MISTAKES = {
    "lesson 08's estimator": ("identity-gradient", """
        def straight_through_sign(x):
            return x + (x.sign() - x).detach()
        """),
    "sign alone": ("plain-sign", """
        import minigrad as torch
        def straight_through_sign(x):
            return torch.sign(x)
        """),
    "the whole result detached": ("detached-everything", """
        import minigrad as torch
        def straight_through_sign(x):
            y = torch.clamp(x, -1, 1)
            return (y + torch.sign(x) - y).detach()
        """),
    "the mask on the values": ("mask-on-values", """
        import minigrad as torch
        def straight_through_sign(x):
            y = x + (torch.sign(x) - x).detach()
            return y * (x.abs() <= 1)
        """),
    # the function with the clipped gradient, returned as it is: its values, not sign(x)'s
    "the clipped function alone": ("clamp-alone", """
        def straight_through_sign(x):
            return x.clamp(-1, 1)
        """),
    # lesson 08's cell as it stands: round(x)'s values, not sign(x)'s
    "lesson 08's rounding": ("lessons-rounding", """
        def straight_through_sign(x):
            return x + (x.round() - x).detach()
        """),
    "tanh as a smooth sign": ("tanh-surrogate", """
        def straight_through_sign(x):
            t = x.tanh()
            return t + (x.sign() - t).detach()
        """),
    # the signs written into x.detach(), which is x's memory: x itself becomes sign(x)
    "signs set in place in x.detach()": ("changed-x", """
        import minigrad as torch
        def straight_through_sign(x):
            s = x.detach()
            s[s > 0] = 1.0
            s[s < 0] = -1.0
            c = x.clamp(-1, 1)
            return c + (s - c).detach()
        """),
    # right values and gradient, the correction cut off through .data (lesson 08: detach())
    "the correction through .data": ("through-data", """
        import minigrad as torch
        def straight_through_sign(x):
            c = torch.clamp(x, -1, 1)
            return c + (torch.sign(x) - c).data
        """),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_mistake_is_named(grade, mistake):
    name, source = MISTAKES[mistake]
    t = grade("ex08", source)["straight_through_sign"]
    assert (t.status, t.misconception, t.points) == ("failed", name, 0), t.feedback
    feedback = next(m.feedback for m in TASK.misconceptions if m.name == name)
    assert t.feedback.startswith(feedback)


def test_the_hints_do_not_give_the_function_away():
    stub = (ROOT / "exercises" / "ex08_detach.py").read_text()
    docstring = stub[stub.index("def straight_through_sign"):stub.index("def td_grad")]
    for text in (docstring, *(m.feedback for m in TASK.misconceptions)):
        assert "clamp" not in text and "hardtanh" not in text


def test_detaching_the_prediction_in_place_of_the_target_is_named(grade):
    t = grade("ex08", """
        def td_grad(w, x, x_next, r, gamma):
            q = (x @ w).detach()
            loss = ((q - (r + gamma * (x_next @ w))) ** 2).mean()
            loss.backward()
            return w.grad
        """)["td_grad"]
    assert (t.status, t.misconception) == ("failed", "prediction-detached"), t.feedback


def test_a_target_held_fixed_through_data_is_named(grade):
    # The gradient is right, but lesson 08 teaches detach(), not .data, as to_numpy checks.
    t = grade("ex08", """
        def td_grad(w, x, x_next, r, gamma):
            q = x @ w
            target = r + gamma * (x_next @ w)
            loss = ((q - target.data) ** 2).mean()
            loss.backward()
            return w.grad
        """)["td_grad"]
    assert (t.status, t.misconception, t.points) == ("failed", "through-data", 0), t.feedback
    assert t.feedback.startswith("The gradient is right, but the target was held fixed "
                                 "through .data, which hides"), t.feedback


def test_only_the_calls_own_reads_of_data_count():
    # The grader's own process runs other exercises' variants in threads meanwhile (ex06's
    # update through w.data): their reads are not the call's, and the class is left as it was.
    from course.specs import ex08 as spec

    data = spec.torch.Tensor.__dict__["data"]
    t = spec.torch.ones(2, requires_grad=True)
    with spec._data_reads() as reads:
        elsewhere = threading.Thread(target=lambda: t.data)
        elsewhere.start()
        elsewhere.join()
        assert reads == []
        t.data  # noqa: B018 - the read itself is what counts
        assert reads == [True]
    assert spec.torch.Tensor.__dict__["data"] is data


@pytest.mark.parametrize("name, source", [
    # the gradient worked out by hand: right numbers, no detach() needed, no backward()
    ("not-by-backward", """
        import minigrad as torch
        def td_grad(w, x, x_next, r, gamma):
            q = x @ w
            target = r + gamma * (x_next @ w)
            return (2 / x.shape[0]) * (x.T @ (q - target)).detach()
        """),
    # autograd.grad: the right gradient, but w.grad is left as it was
    ("not-by-backward", """
        import minigrad as torch
        def td_grad(w, x, x_next, r, gamma):
            loss = ((x @ w - (r + gamma * (x_next @ w)).detach()) ** 2).mean()
            (g,) = torch.autograd.grad(loss, w)
            return g
        """),
    ("no-backward", """
        def td_grad(w, x, x_next, r, gamma):
            loss = ((x @ w - (r + gamma * (x_next @ w)).detach()) ** 2).mean()
            return w.grad
        """),
    # backward() ran and filled w.grad, but its None was returned: "w.grad: expected a
    # Tensor, got None" alone read as if w.grad were None (the fact is now "returned")
    ("returned-backward", """
        def td_grad(w, x, x_next, r, gamma):
            target = (r + gamma * (x_next @ w)).detach()
            return ((x @ w - target) ** 2).mean().backward()
        """),
    ("returned-loss", """
        def td_grad(w, x, x_next, r, gamma):
            target = (r + gamma * (x_next @ w)).detach()
            loss = ((x @ w - target) ** 2).mean()
            loss.backward()
            return loss
        """),
])
def test_a_td_gradient_not_left_by_backward_in_w_grad_is_named(grade, name, source):
    t = grade("ex08", source)["td_grad"]
    assert (t.status, t.misconception, t.points) == ("failed", name, 0), t.feedback


@pytest.mark.parametrize("source", [
    # w.grad returned, then cleared: backward() wrote it all the same
    """
    def td_grad(w, x, x_next, r, gamma):
        ((x @ w - (r + gamma * (x_next @ w)).detach()) ** 2).mean().backward()
        g = w.grad
        w.grad = None
        return g
    """,
    # the target computed without a graph, under no_grad
    """
    import minigrad as torch
    def td_grad(w, x, x_next, r, gamma):
        with torch.no_grad():
            target = r + gamma * (x_next @ w)
        torch.nn.functional.mse_loss(x @ w, target).backward()
        return w.grad
    """,
])
def test_a_td_gradient_left_by_backward_passes(grade, source):
    t = grade("ex08", source)["td_grad"]
    assert t.status == "passed", t.feedback


def test_what_td_grad_returned_is_named_as_returned(grade):
    # The fact holding td_grad's result was called "w.grad": a learner who returned
    # w.grad.tolist() read "w.grad: expected a Tensor, got a list", though w.grad was a tensor.
    t = grade("ex08", """
        def td_grad(w, x, x_next, r, gamma):
            ((x @ w - (r + gamma * (x_next @ w)).detach()) ** 2).mean().backward()
            return w.grad.tolist()
        """)["td_grad"]
    assert t.status == "failed", t.feedback
    assert "returned: expected a Tensor, got a list" in t.feedback, t.feedback
    assert "w.grad: expected" not in t.feedback


def test_a_detach_whose_result_is_dropped_is_told_detach_returns_a_new_tensor(grade):
    # target.detach() on a line of its own, as if it changed target in place: the feedback
    # said only 'detach the target', which the learner believed they had done.
    t = grade("ex08", """
        def td_grad(w, x, x_next, r, gamma):
            target = r + gamma * (x_next @ w)
            target.detach()
            loss = ((x @ w - target) ** 2).mean()
            loss.backward()
            return w.grad
        """, seed=0)["td_grad"]
    assert (t.status, t.misconception) == ("failed", "target-not-detached"), t.feedback
    assert "detach() returns a new tensor" in t.feedback, t.feedback


def _td(loss):
    """A td_grad whose loss is ``loss``, of q = x @ w and the detached target."""
    return ("def td_grad(w, x, x_next, r, gamma):\n    q = x @ w\n"
            "    target = (r + gamma * (x_next @ w)).detach()\n"
            f"    loss = {loss}\n    loss.backward()\n    return w.grad\n")


# Wrong answers of the second learner pass, each once told only "expected X, got Y":
# (task, misconception, learner file).
SECOND_PASS = {
    "the clamp detached": ("straight_through_sign", "wrong-part-detached", """
        import minigrad as torch
        def straight_through_sign(x):
            c = torch.clamp(x, -1, 1)
            return c.detach() + (torch.sign(x) - c)
        """),
    "halved": ("td_grad", "halved", """
        def td_grad(w, x, x_next, r, gamma):
            q = x @ w
            target = (r + gamma * (x_next @ w)).detach()
            (0.5 * ((q - target) ** 2).mean()).backward()
            return w.grad
        """),
    # learn36b: twenty more wrong answers (six passed as they should: no_grad around numpy(),
    # numpy(force=True), a mask on x - x.detach(), torch.where for the part carrying the
    # gradient, w.detach() in the target, the target under no_grad); these were told only
    # "expected X, got Y", or plain-sign's cause alone for nothing detached
    "nothing detached": ("straight_through_sign", "plain-sign", """
        import minigrad as torch
        def straight_through_sign(x):
            c = torch.clamp(x, -1, 1)
            return c + (torch.sign(x) - c)
        """),
    "the sign detached and the clamp added": ("straight_through_sign", "clamp-added", """
        import minigrad as torch
        def straight_through_sign(x):
            return torch.sign(x).detach() + torch.clamp(x, -1, 1)
        """),
    **{name: ("td_grad", mistake, _td(loss)) for name, mistake, loss in (
        ("gamma left out", "gamma-left-out", "((q - (r + x_next @ w).detach()) ** 2).mean()"),
        ("target from x", "target-from-x", "((q - (r + gamma * (x @ w)).detach()) ** 2).mean()"),
        ("absolute errors", "absolute-errors", "(q - target).abs().mean()"),
        ("mean squared", "mean-then-squared", "(target - q).mean() ** 2"),
    )},
    "backward twice": ("td_grad", "backward-twice", _td("((q - target) ** 2).mean()").replace(
        "    loss.backward()\n", "    loss.backward(retain_graph=True)\n    loss.backward()\n")),
    # learn37b: the correction made for the clamp, added to x (values and gradient both wrong,
    # so no hint either)
    "the correction added to x": ("straight_through_sign", "correction-on-x", """
        import minigrad as torch
        def straight_through_sign(x):
            c = torch.clamp(x, -1, 1)
            return x + (torch.sign(x) - c).detach()
        """),
}


@pytest.mark.parametrize("mistake", sorted(SECOND_PASS))
def test_second_pass_mistakes_are_named(grade, mistake):
    folder_sandboxes.assert_named(grade, "ex08", *SECOND_PASS[mistake])


def test_the_callers_tensor_detached_in_place_is_named(grade):
    # t.detach_().numpy() gave the right values and passed, though it cut the caller's t off
    # its graph.
    t = grade("ex08", "def to_numpy(t):\n    return t.detach_().numpy()\n")["to_numpy"]
    assert (t.status, t.misconception) == ("failed", "detached-in-place"), t.feedback


@pytest.mark.parametrize("line, cause", [
    # each was named for its outcome with another cause: x_next detached (data), and w
    # rebound to a detached copy whose .grad was returned
    ("    target = r + gamma * (x_next.detach() @ w)\n", "x_next and r are data"),
    ("    w = w.detach()\n    target = r + gamma * (x_next @ w)\n", "w rebound to w.detach()"),
])
def test_td_mistakes_hear_their_own_cause(grade, line, cause):
    t = grade("ex08", "def td_grad(w, x, x_next, r, gamma):\n    q = x @ w\n" + line +
              "    ((q - target) ** 2).mean().backward()\n    return w.grad\n")["td_grad"]
    assert t.status == "failed" and cause in t.feedback, t.feedback


def test_a_list_for_the_array_is_told_which_gives_which(grade):
    # learn36b: t.detach().tolist() read only "expected a numpy array, got a list".
    t = grade("ex08", "def to_numpy(t):\n    return t.detach().tolist()\n")["to_numpy"]
    assert t.feedback.endswith("got a list (a numpy array, not a list, which .tolist() makes: "
                               "a tensor's .numpy() gives one, as np.array(a_list) does)"), \
        t.feedback


def _clipped(bounds: str, correction: str = "(x.sign() - c)") -> str:
    return f"""
        def straight_through_sign(x):
            c = x.clamp({bounds})
            return c + {correction}.detach()
        """


# Session 37: the clipped function with other bounds, or a correction that does not make
# sign(x)'s values, each once told only "x.grad: expected X, got Y" (or "y: ..."), by no
# misconception: the reply now says where the gradient or the values go wrong, not how.
CLAMP_SLIPS = {
    "bounds 0 and 1": (_clipped("0, 1"), "your gradient at x = -0.325, inside -1 <= x <= 1, "
                                          "is not the gradient that arrived"),
    "bounds -2 and 2": (_clipped("-2, 2"), "your gradient reaches x where x = -1.173, outside "
                                            "-1 <= x <= 1, where the clipped estimator passes "
                                            "none"),
    "the lower bound alone": (_clipped("min=-1"), "your gradient reaches x where x = 1.185"),
    "x in the correction": (_clipped("-1, 1", "(x.sign() - x)"),
                            "your gradient is right, but the values are not sign(x)'s"),
}


@pytest.mark.parametrize("slip", sorted(CLAMP_SLIPS))
def test_a_clipped_estimator_slipped_is_told_where(grade, slip):
    source, said = CLAMP_SLIPS[slip]
    t = grade("ex08", source, 0)["straight_through_sign"]
    assert (t.status, t.misconception) == ("failed", None), t.feedback
    hint = t.feedback.split("What it means: ")[1]
    assert hint.startswith(said), t.feedback
    assert "clamp" not in hint and "hardtanh" not in hint
