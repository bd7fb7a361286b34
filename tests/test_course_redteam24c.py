"""Red team 24c's attacks on ex01, ex02, ex04 and ex06, each a real learner file run through the
real grader.

Closed here: ex04's gradients put in .grad by hand (from torch.autograd.grad, or worked out
with numpy, or those handed to backward() on the leaves) where the task asks for backward(),
and layer_grad_norms' norms taken from torch.autograd.grad on a second forward pass beside the
one backward() that fills the weights' .grad (also with minigrad's numbering of backward calls
swapped out for that pass); ex06's train with w.grad never cleared, each step's gradient read as
the difference of its running sums.

Left open (docs/grading.md, "Red team 24c"): that second pass hidden from the count of backward
calls by running a copy of autograd.grad's code with minigrad's numbering of calls swapped out
and back (a strict xfail below with the rule on the source off: red team 25's rule refuses it),
and mse_grads' numpy gradients handed to a surrogate of one number (closed by red team 25);
the norms worked out by hand with numpy (the chain rule through tanh and each W, beside
the one backward() for the weights), which is the learner's own arithmetic and stays, as ex03's
numerical derivative does.

Tried and worth nothing (kept as evidence): ex02's leaves read from the probe's frame (in the
order of the inputs, or of the gradients' arrival in a backward()), lying floats, strings and
lists, NaN norms, an endless grad_fn_names (the other task is still graded), and ex06's
optimizer zero_grad() reached by a name built at run time.
"""

import folder_sandboxes
import pytest

from course import engine
from course.tasks import exercise

box, grade = folder_sandboxes.box, folder_sandboxes.grade
run_time_checks = folder_sandboxes.run_time_checks

# ---- ex04: .grad filled without backward() ---------------------------------------------------
# The deep network's forward pass: each layer's output kept, the loss of the last.
_FORWARD = """
    import minigrad as torch

    def forward(x, weights):
        h, outputs = x, []
        for w in weights:
            h = torch.tanh(h @ w)
            outputs.append(h)
        return (h * h).sum(), outputs
    """

# The spec's named mistake "autograd-grad" (the right norms from torch.autograd.grad, the
# weights' .grad left None), with the weights' gradients asked of autograd.grad too and set by
# hand: no backward() ran, and it scored 1/1.
_NO_BACKWARD = _FORWARD + """
    def layer_grad_norms(x, weights):
        loss, outputs = forward(x, weights)
        grads = torch.autograd.grad(loss, outputs + list(weights))
        for w, g in zip(weights, grads[len(outputs):]):
            w.grad = g
        return [g.norm().item() for g in grads[:len(outputs)]]
    """

# One backward() for the weights' .grad, and the norms from torch.autograd.grad on a second
# forward pass (which reaches no weight): no h.grad retained, 1/1.
_SIDE_PASS = _FORWARD + """
    def layer_grad_norms(x, weights):
        forward(x, weights)[0].backward()
        loss, outputs = forward(x, weights)
        return [g.norm().item() for g in torch.autograd.grad(loss, outputs)]
    """


@pytest.mark.parametrize("source", [_NO_BACKWARD, _SIDE_PASS], ids=["no-backward", "side-pass"])
@pytest.mark.parametrize("seed", [0, 5])
def test_layer_grad_norms_without_retained_gradients_scores_nothing(grade, source, seed):
    t = grade("ex04", source, seed=seed)["layer_grad_norms"]
    assert (t.status, t.points) == ("failed", 0), t.feedback


# The side pass hidden from minigrad's count of backward calls: minigrad numbers each call from
# graph_task._ids, which the probe read, and a counter swapped in for the second pass and the
# old one put back left the count at 1: 1/1. A profiler now counts the calls of minigrad's
# backward and grad functions as well.
_SWAP_COUNTER = """
    import itertools
    from minigrad.autograd import graph_task

    def layer_grad_norms(x, weights):
        forward(x, weights)[0].backward()
        counter, graph_task._ids = graph_task._ids, itertools.count(10 ** 6)
        loss, outputs = forward(x, weights)
        grads = grad(loss, outputs)
        graph_task._ids = counter
        return [g.norm().item() for g in grads]
    """
_SIDE_PASS_UNNUMBERED = _FORWARD + "\n    grad = torch.autograd.grad\n" + _SWAP_COUNTER


@pytest.mark.usefixtures("run_time_checks")  # (the rule refuses graph_task._ids: red team 25)
@pytest.mark.parametrize("seed", [0, 5])
def test_a_side_pass_minigrad_did_not_number_scores_nothing(grade, seed):
    t = grade("ex04", _SIDE_PASS_UNNUMBERED, seed=seed)["layer_grad_norms"]
    assert (t.status, t.points) == ("failed", 0), t.feedback
    assert "calls made" in t.feedback


# And then autograd.grad run as a copy of its code (code.replace), which the profiler does not
# know by identity: only code written against minigrad's internals does it.
_SIDE_PASS_UNSEEN = _FORWARD + """
    import types
    from minigrad.autograd import api

    grad = types.FunctionType(api.grad.__code__.replace(co_name="g"), api.grad.__globals__,
                              "g", api.grad.__defaults__)
    grad.__kwdefaults__ = api.grad.__kwdefaults__
    """ + _SWAP_COUNTER


# mse_grads asks for backward(): the right gradients assigned to .grad, from autograd.grad or
# from the formula worked out with numpy, scored 1/1.
_MSE_BY_AUTOGRAD_GRAD = """
    import minigrad as torch

    def mse_grads(w, b, x, y):
        w.grad, b.grad = torch.autograd.grad(((x @ w + b - y) ** 2).mean(), (w, b))
    """

# The gradients worked out with numpy, then put in .grad by hand.
_NUMPY_GRADS = """
    import minigrad as torch

    def numpy_grads(w, b, x, y):
        xs, ys = x.detach().numpy(), y.detach().numpy()
        errors = xs @ w.detach().numpy() + b.item() - ys
        return (torch.tensor(2 * xs.T @ errors / len(ys), dtype=torch.float32),
                torch.tensor(2 * errors.mean(), dtype=torch.float32))
    """
_MSE_BY_HAND = _NUMPY_GRADS + """
    def mse_grads(w, b, x, y):
        w.grad, b.grad = numpy_grads(w, b, x, y)
    """


@pytest.mark.parametrize("source", [_MSE_BY_AUTOGRAD_GRAD, _MSE_BY_HAND],
                         ids=["autograd-grad", "numpy"])
@pytest.mark.parametrize("seed", [0, 5])
def test_mse_grads_set_by_hand_scores_nothing(grade, source, seed):
    t = grade("ex04", source, seed=seed)["mse_grads"]
    assert (t.status, t.points) == ("failed", 0), t.feedback
    assert "one backward() call did not leave" in t.feedback


# The numpy gradients handed to backward() on w and b, so that a backward() call delivers them
# (1/1): the backward() that writes .grad must start from one number, the loss.
_MSE_HANDED_TO_BACKWARD = _NUMPY_GRADS + """
    def mse_grads(w, b, x, y):
        torch.autograd.backward([w, b], list(numpy_grads(w, b, x, y)))
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_mse_grads_handed_to_backward_scores_nothing(grade, seed):
    t = grade("ex04", _MSE_HANDED_TO_BACKWARD, seed=seed)["mse_grads"]
    assert (t.status, t.points) == ("failed", 0), t.feedback


# What passes still, as at ex08: that gradient handed to a surrogate of one number, whose
# gradients are it; told from the loss only by its operations, which the probe does not read.
_MSE_SURROGATE = _NUMPY_GRADS + """
    def mse_grads(w, b, x, y):
        gw, gb = numpy_grads(w, b, x, y)
        ((w * gw).sum() + b * gb).backward()
    """


# Left open by the run-time checks alone (docs/grading.md), a strict xfail: backward calls are
# counted by minigrad's numbering and by the identity of its functions' code, which a copy of
# autograd.grad's code, the numbering swapped, escapes both. Red team 25 holds ex04 to the rule
# on the source, which refuses it before it runs (tests/test_course_redteam25.py).
@pytest.mark.usefixtures("run_time_checks")
@pytest.mark.xfail(strict=True, reason="red team 24c, open behind the rule (docs/grading.md)")
def test_a_copy_of_grads_code_is_unseen_by_the_run_time_checks(grade):
    t = grade("ex04", _SIDE_PASS_UNSEEN, seed=0)["layer_grad_norms"]
    assert (t.status, t.points) == ("failed", 0), t.feedback


# A gradient handed to a surrogate of one number: closed by red team 25, which reads what the
# backward() writing w.grad began from (its value, and whether its graph saved x).
def test_a_surrogate_of_one_number_scores_nothing(grade):
    t = grade("ex04", _MSE_SURROGATE, seed=0)["mse_grads"]
    assert (t.status, t.points) == ("failed", 0), t.feedback


# Honest ways still pass: the norms kept by hooks, as the stub allows; backward() called as
# the function form, and with inputs=.
_HOOKS = """
    import minigrad as torch

    def layer_grad_norms(x, weights):
        norms, h = [None] * len(weights), x
        for i, w in enumerate(weights):
            h = torch.tanh(h @ w)
            h.register_hook(lambda g, i=i: norms.__setitem__(i, g.norm().item()))
        (h * h).sum().backward()
        return norms
    """


def test_layer_grad_norms_by_hooks_passes(grade):
    t = grade("ex04", _HOOKS, seed=5)["layer_grad_norms"]
    assert (t.status, t.points) == ("passed", 1), t.feedback



@pytest.mark.parametrize("call", ["torch.autograd.backward(loss)",
                                  "loss.backward(inputs=[w, b])"])
def test_mse_grads_by_any_backward_call_passes(grade, call):
    t = grade("ex04", f"""
        import minigrad as torch

        def mse_grads(w, b, x, y):
            loss = ((x @ w + b - y) ** 2).mean()
            {call}
        """, seed=5)["mse_grads"]
    assert (t.status, t.points) == ("passed", 1), t.feedback


# ---- ex06: w.grad never cleared ---------------------------------------------------------------
# w's update read the step's gradient as the difference of w.grad's running sums, w.grad never
# cleared: the right updates, the lesson's clearing sidestepped, 1/1 (as b's window summed aside
# is, named summed-aside).
_W_BY_DIFFERENCE = """
    import minigrad as torch

    def train(w, b, batches, lr, every):
        before = torch.zeros_like(w)
        for step, (x, y) in enumerate(batches, 1):
            ((x @ w + b - y) ** 2).mean().backward()
            with torch.no_grad():
                w -= lr * (w.grad - before)
                before = w.grad.clone()
                if step % every == 0:
                    b -= lr * b.grad
                    b.grad = None
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_w_updated_by_a_difference_of_sums_scores_nothing(grade, seed):
    t = grade("ex06", _W_BY_DIFFERENCE, seed=seed)["train"]
    assert (t.status, t.points) == ("failed", 0), t.feedback
    assert "found w.grad still holding earlier steps' gradients" in t.feedback


# w.grad cleared with zero_() after the update, not set to None before backward(): still right.
def test_w_grad_zeroed_after_the_update_passes(grade):
    t = grade("ex06", _W_BY_DIFFERENCE.replace("w.grad - before", "w.grad").replace(
        "before = w.grad.clone()", "w.grad.zero_()"), seed=5)["train"]
    assert (t.status, t.points) == ("passed", 1), t.feedback


# ---- evidence: attacks that gain nothing -------------------------------------------------------
# ex02's leaves, read from the probe's frame (its `inputs`) without walking the graph: in the
# inputs' order, or in the order a backward() hands them gradients (or its reverse). The graphs
# are drawn per seed so that breadth-first order differs from each.
_LEAVES_FROM_THE_FRAME = """
    import sys

    def leaves(y):
        inputs = sys._getframe(1).f_locals["inputs"]
        order = []
        for t in inputs:
            if t.requires_grad:
                t.register_hook(lambda g, t=t: order.append(t))
        y.backward()
        return order{}
    """


@pytest.mark.parametrize("source", [
    _LEAVES_FROM_THE_FRAME.format(""), _LEAVES_FROM_THE_FRAME.format("[::-1]"),
    _LEAVES_FROM_THE_FRAME.replace("        y.backward()\n", "").format("")],
    ids=["arrival", "arrival-reversed", "inputs-order"])
def test_leaves_from_the_probes_frame_score_nothing(grade, source):
    for seed in (0, 3):
        t = grade("ex02", source, seed=seed)["leaves"]
        assert (t.status, t.points) == ("failed", 0), t.feedback


# Objects whose == lies: compared by value and type, never by their own __eq__.
_LIARS = """
    import minigrad as torch

    class Yes(float):
        def __eq__(self, other):
            return True
        __hash__ = float.__hash__

    class Names(list):
        def __eq__(self, other):
            return True

    class Name(str):
        def __eq__(self, other):
            return True
        __hash__ = str.__hash__

    def grad_fn_names(y):
        return Names([Name("SumBackward0")] * 8)

    def layer_grad_norms(x, weights):
        h = x
        for w in weights:
            h = torch.tanh(h @ w)
        (h * h).sum().backward()
        return [Yes(1.0) for _ in weights]
    """


@pytest.mark.parametrize("eid, task", [("ex02", "grad_fn_names"), ("ex04", "layer_grad_norms")])
def test_lying_equality_scores_nothing(grade, eid, task):
    t = grade(eid, _LIARS, seed=0)[task]
    assert (t.status, t.points) == ("failed", 0), t.feedback


_NAN_NORMS = _FORWARD + """
    def layer_grad_norms(x, weights):
        forward(x, weights)[0].backward()
        return [float("nan")] * len(weights)
    """


def test_nan_norms_score_nothing(grade):
    t = grade("ex04", _NAN_NORMS, seed=0)["layer_grad_norms"]
    assert (t.status, t.points) == ("failed", 0), t.feedback


# Time run out in one task costs that task alone: the next is graded, not skipped (the
# reference's leaves beside an endless grad_fn_names).
def test_an_endless_task_costs_itself_alone(grade):
    reference = (engine.SOLUTIONS / exercise("ex02").filename).read_text()
    results = grade("ex02", reference + """

def grad_fn_names(y):
    while True:
        pass
""", seed=0)
    assert results["grad_fn_names"].points == 0
    assert "longer than" in results["grad_fn_names"].feedback
    assert (results["leaves"].status, results["leaves"].points) == ("passed", 1)


# ex06's zero_grads through an optimizer reached by a name built at run time, which the source
# rule cannot read: the run-time check names it.
def test_zero_grad_by_a_built_name_scores_nothing(grade):
    t = grade("ex06", """
        import minigrad as torch

        def zero_grads(params, set_to_none=True):
            getattr(torch, "op" + "tim").SGD(params, lr=0.0).zero_grad(set_to_none)
        """, seed=0)["zero_grads"]
    assert t.points == 0, t.feedback
