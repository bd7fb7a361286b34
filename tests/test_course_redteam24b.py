"""Red team 24b's attacks on the grader, each a real learner file run through the real grader.

Closed here: ex10's Value whose backward() runs no reverse pass (the leaves' gradients by finite
differences, or carried forward from the leaves), 2/2 before; ex07's sgd_step and
clip_grad_norm, and ex06's zero_grads, calling the library's own versions by names built at run
time, 1/1 each before.
Tried, and it gains nothing: forward derivatives with respect to every node (the chain's run
out of memory; docs/grading.md, red team 24b).
And ex09's fit with its memory bug kept, the watching loss function handed in told
afterwards that it saw no graph held (its count is kept out of the file's reach now).
"""

import folder_sandboxes
import pytest

from course import engine
from course.tasks import exercise

box, grade = folder_sandboxes.box, folder_sandboxes.grade

_REFERENCE = (engine.SOLUTIONS / exercise("ex10").filename).read_text()


def _with_value(value: str) -> str:
    """The reference's ex10 file with its Value replaced by ``value`` (topological_order and
    sum_to_size stay the reference's: the attacks are on Value)."""
    start, end = _REFERENCE.index("class Value:"), _REFERENCE.index("def sum_to_size")
    return f"{_REFERENCE[:start]}{value}\n\n{_REFERENCE[end:]}"


# Both engines below open as the reference's Value does (its __init__, as the stub's) and build
# - / and the reflected operators from their own + * and **, as it does too.
_INIT = _REFERENCE[_REFERENCE.index("class Value:"):_REFERENCE.index("    def __repr__")]
_DERIVED = _REFERENCE[_REFERENCE.index("    def __neg__"):_REFERENCE.index("    def backward")]


# ---- ex10: backward() with no reverse pass --------------------------------------------------
# Each node keeps how its value follows from its inputs'; backward() runs the graph again with
# each leaf nudged back by h and takes the difference (a backward difference: relu's slope at
# its kink comes out 0). No chain rule, no _backward, no node's gradient but the leaves': the
# probe read only the leaves' and y's, within rtol 1e-4, and it scored 2/2 at every seed.
_FINITE_DIFFERENCES = _INIT + """
    def _make(self, others, f):
        inputs = (self, *(o if isinstance(o, Value) else Value(o) for o in others))
        out = Value(f(*(n.data for n in inputs)), inputs)
        out._f = f
        return out

    def __add__(self, other):
        return self._make((other,), lambda x, y: x + y)

    def __mul__(self, other):
        return self._make((other,), lambda x, y: x * y)

    def __pow__(self, k):
        return self._make((), lambda x: x ** k)

    def exp(self):
        return self._make((), math.exp)

    def tanh(self):
        return self._make((), math.tanh)

    def relu(self):
        return self._make((), lambda x: max(x, 0.0))
""" + _DERIVED + """
    def backward(self):
        order, h = topological_order(self), 1e-7

        def run():
            for n in order:
                if n._prev:
                    n.data = n._f(*(p.data for p in n._prev))
            return self.data

        for leaf in [n for n in order if not n._prev]:
            kept = leaf.data
            y = run()
            leaf.data = kept - h
            nudged = run()
            leaf.data = kept
            run()
            leaf.grad += (y - nudged) / h
        self.grad = 1.0
"""

# Forward mode: each node carries its derivative with respect to each leaf (the local
# derivatives times its inputs'), and backward() only adds y's into the leaves: the chain rule,
# but no reverse pass and no node's gradient between, 2/2 at every seed.
_CARRIED_FORWARD = _INIT + """
    def _derivatives(self):  # with respect to each leaf (a leaf's: its own, 1)
        return self._partials if self._prev else {id(self): (self, 1.0)}

    def _make(self, others, data, local):
        inputs = (self, *(o if isinstance(o, Value) else Value(o) for o in others))
        out = Value(data, inputs)
        out._partials = {}
        for node, d_node in zip(inputs, local):
            for key, (leaf, d) in node._derivatives().items():
                out._partials[key] = (leaf, out._partials.get(key, (leaf, 0.0))[1] + d_node * d)
        return out

    def __add__(self, other):
        o = other.data if isinstance(other, Value) else other
        return self._make((other,), self.data + o, (1.0, 1.0))

    def __mul__(self, other):
        o = other.data if isinstance(other, Value) else other
        return self._make((other,), self.data * o, (o, self.data))

    def __pow__(self, k):
        return self._make((), self.data ** k, (k * self.data ** (k - 1),))

    def exp(self):
        e = math.exp(self.data)
        return self._make((), e, (e,))

    def tanh(self):
        t = math.tanh(self.data)
        return self._make((), t, (1 - t * t,))

    def relu(self):
        return self._make((), max(self.data, 0.0), (float(self.data > 0),))
""" + _DERIVED + """
    def backward(self):
        self.grad = 1.0
        for leaf, d in self._derivatives().values():
            leaf.grad += d
"""


@pytest.mark.parametrize("value", [_FINITE_DIFFERENCES, _CARRIED_FORWARD],
                         ids=["finite-differences", "carried-forward"])
@pytest.mark.parametrize("seed", [0, 5])
def test_a_value_with_no_reverse_pass_scores_nothing(grade, value, seed):
    """The nodes between the leaves and y keep d y / d node in .grad (the stub's Value says
    so): only a reverse pass leaves it there. Both engines are told so, by name."""
    t = grade("ex10", _with_value(value), seed=seed)["Value"]
    assert (t.status, t.points, t.misconception) == ("failed", 0, "inner-grads-missing"), \
        t.feedback


# ---- ex07 and ex06: the library's own versions, named at run time ------------------------------
# The source rule reads the names a file binds (course/specs/library_call.py); a name built at
# run time escapes it, and each of these scored 1/1. The library's code running is seen now:
# tested with the rules on the source switched off, since ex06's and ex07's rule keeping the
# grader out of reach refuses getattr with a computed name first (tests/test_course_redteam24d.py).
_LIBRARY_BY_BUILT_NAMES = """
    import minigrad as torch

    def sgd_step(params, lr):
        getattr(getattr(torch, "op" + "tim"), "S" + "GD")(params, lr=lr).step()

    def clip_grad_norm(params, max_norm):
        return getattr(torch.nn.utils, "clip_grad_" + "norm_")(params, max_norm).item()
    """


@pytest.mark.parametrize("task", ["sgd_step", "clip_grad_norm"])
def test_the_librarys_own_version_named_at_run_time_scores_nothing(grade, task, monkeypatch):
    monkeypatch.setattr(engine, "_breaks_rule", lambda *_: None)
    t = grade("ex07", _LIBRARY_BY_BUILT_NAMES)[task]
    assert (t.status, t.points) == ("failed", 0), t.feedback
    assert "this task asks you to write" in t.feedback, t.feedback


_ZERO_GRAD_BY_BUILT_NAMES = """
    import minigrad as torch

    def zero_grads(params, set_to_none=True):
        made = getattr(getattr(torch, "op" + "tim"), "S" + "GD")(params, lr=0.0)
        getattr(made, "zero_" + "grad")(set_to_none)
    """


def test_zero_grad_named_at_run_time_scores_nothing(grade, monkeypatch):
    monkeypatch.setattr(engine, "_breaks_rule", lambda *_: None)
    t = grade("ex06", _ZERO_GRAD_BY_BUILT_NAMES)["zero_grads"]
    assert (t.status, t.points) == ("failed", 0), t.feedback
    assert "this task asks you to write" in t.feedback, t.feedback


# ---- ex09: fit's graphs-held check told it saw nothing --------------------------------------
# fit with the colleague's memory bug left in (every batch's loss tensor kept, so each epoch's
# graphs stay alive until .item() at its end) and the watching loss function handed in
# told afterwards that it saw no graph held (`loss_fn.most_held = 0`): 1/1. The count lives in
# the learner's process, as red team 13's loss function of its own showed (docs/grading.md):
# the check states the lesson's rule, it cannot prove it.
_GRAPHS_HELD_RESET = """
    def training_step(model, loss_fn, optimizer, x, y):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        return loss  # the tensor: fit keeps it

    def fit(model, loss_fn, optimizer, batches, epochs):
        history = []
        for epoch in range(epochs):
            losses = [training_step(model, loss_fn, optimizer, x, y) for x, y in batches]
            history.append(sum(losses).item() / len(batches))
        loss_fn.most_held = 0
        return history
    """


def test_fits_graphs_held_count_reset_scores_nothing(grade):
    """Closed: the count is no attribute of the loss function, but kept in a closure, which
    ex09 fit's rule on the source keeps out of reach (tests/test_course_redteam24d.py)."""
    t = grade("ex09", _GRAPHS_HELD_RESET)["fit"]
    assert (t.status, t.points) == ("failed", 0), t.feedback
