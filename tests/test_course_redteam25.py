"""Red team 25's attacks, each a real learner file run through the real grader, and the honest
files beside them that must still pass.

ex04 is held to the source rule now (course/specs/grader_out_of_reach.py): red team 24c's copy
of autograd.grad's code, run with minigrad's numbering of calls swapped out, is refused before
it runs; and mse_grads' backward() must start from the loss itself (probe.LossSeen), which
closes 24c's other strict xfail, the numpy gradients handed to a surrogate of one number.
"""

import textwrap

import folder_sandboxes
import pytest
from test_course_redteam23b import _CUBE, _UNSEEN_DERIVATIVE
from test_course_redteam24c import _MSE_SURROGATE, _NUMPY_GRADS, _SIDE_PASS_UNSEEN
from test_course_redteam24d import _BY_AUTOGRAD

box, grade = folder_sandboxes.box, folder_sandboxes.grade


def _scores_nothing(t, status="failed"):
    assert (t.status, t.points) == (status, 0), t.feedback


def _passes(t):
    assert (t.status, t.points) == ("passed", 1), t.feedback


# ---- ex04: held to the source rule -------------------------------------------------------------
@pytest.mark.parametrize("seed", [0, 5])
def test_a_copy_of_autograd_grads_code_is_refused_before_it_runs(grade, seed):
    """24c's strict xfail: 1/1 before ex04 was held to the rule (it needs types, __code__,
    __globals__ and minigrad's private numbering), refused now with its line named."""
    t = grade("ex04", _SIDE_PASS_UNSEEN, seed=seed)["layer_grad_norms"]
    _scores_nothing(t, "error")
    assert t.feedback.startswith("Your file's line 11 imports types. How your layer_grad_norms "
                                 "does its work is checked while it runs"), t.feedback


# The surrogate shifted by a constant to the loss's value: its value is the loss's then, but
# its graph still holds no x.
_MSE_SURROGATE_AT_THE_LOSS = _NUMPY_GRADS + """
    def mse_grads(w, b, x, y):
        gw, gb = numpy_grads(w, b, x, y)
        surrogate = (w * gw).sum() + b * gb
        loss = ((x @ w + b - y) ** 2).mean().item()
        (surrogate - surrogate.detach() + loss).backward()
    """


@pytest.mark.parametrize("source", [_MSE_SURROGATE, _MSE_SURROGATE_AT_THE_LOSS],
                         ids=["surrogate", "surrogate-at-the-loss"])
@pytest.mark.parametrize("seed", [0, 5])
def test_gradients_handed_to_a_surrogate_of_one_number_score_nothing(grade, source, seed):
    t = grade("ex04", source, seed=seed)["mse_grads"]
    _scores_nothing(t)
    assert "x among what that loss's graph saved" in t.feedback or \
        "the value of the loss whose backward() wrote w.grad" in t.feedback, t.feedback


# Honest ex04 answers a learner writes, each held to the rule: hooks (24c's), retain_grad in
# loops of several shapes, a layer class of the file's own, backward(inputs=...), the function
# form, F.mse_loss, the errors squared by a product, the prediction as w @ x.T or a sum of
# products.
_HONEST_NORMS = {
    "enumerate and a dict": """
        import minigrad as torch

        def layer_grad_norms(x, weights):
            kept = {}
            h = x
            for i, w in enumerate(weights):
                h = torch.tanh(h @ w)
                h.retain_grad()
                kept[i] = h
            (h * h).sum().backward()
            return [kept[i].grad.norm().item() for i in range(len(weights))]
        """,
    "a layer class of its own": """
        import minigrad as torch

        class Layer:
            def __init__(self, w):
                self.w = w
                self.out = None

            def __call__(self, h):
                self.out = torch.tanh(h @ self.w)
                self.out.retain_grad()
                return self.out

        def layer_grad_norms(x, weights):
            layers = [Layer(w) for w in weights]
            h = x
            for layer in layers:
                h = layer(h)
            loss = h.pow(2).sum()
            loss.backward(inputs=[*weights, *(layer.out for layer in layers)])
            return [layer.out.grad.norm().item() for layer in layers]
        """,
    "hooks into a list, functools.partial": """
        from functools import partial

        import minigrad as torch

        def _keep(norms, i, g):
            norms[i] = g.norm().item()

        def layer_grad_norms(x, weights):
            norms = [0.0] * len(weights)
            h = x
            for i, w in enumerate(weights):
                h = torch.tanh(h @ w)
                h.register_hook(partial(_keep, norms, i))
            torch.autograd.backward((h * h).sum())
            return norms
        """,
}

_HONEST_MSE = {
    "F.mse_loss": """
        import minigrad as torch
        import minigrad.nn.functional as F

        def mse_grads(w, b, x, y):
            F.mse_loss(x @ w + b, y).backward()
        """,
    "errors squared by a product": """
        import minigrad as torch

        def mse_grads(w, b, x, y):
            errors = x @ w + b - y
            loss = (errors * errors).mean()
            loss.backward()
        """,
    "w @ x.T": """
        import minigrad as torch

        def mse_grads(w, b, x, y):
            torch.autograd.backward([((w @ x.T + b - y) ** 2).mean()])
        """,
    "a sum of products, inputs=": """
        import minigrad as torch

        def mse_grads(w, b, x, y):
            prediction = (x * w).sum(dim=1) + b
            loss = ((prediction - y) ** 2).sum() / len(y)
            loss.backward(inputs=[w, b])
        """,
}


@pytest.mark.parametrize("name", sorted(_HONEST_NORMS))
def test_honest_layer_grad_norms_pass_the_rule(grade, name):
    _passes(grade("ex04", _HONEST_NORMS[name], seed=5)["layer_grad_norms"])


@pytest.mark.parametrize("name", sorted(_HONEST_MSE))
@pytest.mark.parametrize("seed", [0, 5])
def test_honest_mse_grads_pass(grade, name, seed):
    _passes(grade("ex04", _HONEST_MSE[name], seed=seed)["mse_grads"])


# ---- minigrad's classes through names of the file's own -------------------------------------
# Each rebinds Tensor.backward through a name of the file's own, beside ex03's Cube by
# autograd.grad (red team 24d's _BY_AUTOGRAD): before, the rule read none of them (each scored
# 0 all the same: the probe's own backward() then ran the lambda, and x.grad stayed None); now
# each is refused before it runs, with its line named.
_NOTHING = "lambda self, *args, **kwargs: None"
_ALIASES = {
    "an alias": f"T = torch.Tensor\nT.backward = {_NOTHING}",
    "an alias taken apart from a tuple": f"(T, n) = (torch.Tensor, 1)\nT.backward = {_NOTHING}",
    "an alias in a list": f"kept = [torch.Tensor]\nkept[0].backward = {_NOTHING}",
    "an alias in a dict": f"kept = {{\"T\": torch.Tensor}}\nkept[\"T\"].backward = {_NOTHING}",
    "a class attribute": f"class Kept:\n    T = torch.Tensor\n\n\nKept.T.backward = {_NOTHING}",
    "an alias of an alias": f"T = torch.Tensor\nU = T\nU.backward = {_NOTHING}",
    "an alias deleted from": "T = torch.Tensor\ndel T.backward",
    "an object's __class__": f"torch.ones(1).__class__.backward = {_NOTHING}",
    "type(x)": f"type(torch.ones(1)).backward = {_NOTHING}",
    "setattr on type(x)": f"setattr(type(torch.ones(1)), \"backward\", {_NOTHING})",
    "setattr on an alias": f"T = torch.Tensor\nsetattr(T, \"backward\", {_NOTHING})",
    "setattr on a module's class": f"setattr(torch.Tensor, \"backward\", {_NOTHING})",
    "delattr on a module's class": "delattr(torch.Tensor, \"backward\")",
    "a node's class": f"node = (torch.ones(1, requires_grad=True) * 2).grad_fn\n"
                      f"node.__class__.apply = {_NOTHING}",
}


@pytest.mark.parametrize("way", sorted(_ALIASES))
def test_minigrads_classes_rebound_through_a_name_of_the_files_own_are_refused(grade, way):
    lines = _ALIASES[way].splitlines()
    source = "import minigrad as torch\n" + _ALIASES[way] + "\n" + textwrap.dedent(_BY_AUTOGRAD)
    t = grade("ex03", source, seed=0)["Cube"]
    _scores_nothing(t, "error")
    said = "uses setattr on" if "setattr" in way else "uses delattr on" if "delattr" in way else \
        "rebinds apply of" if ".apply" in source else "rebinds backward of"
    assert t.feedback.startswith(f"Your file's line {len(lines) + 1} {said} what may be a class "
                                 "or module not this file's"), t.feedback


# Attribute writes an honest learner makes, in ex06's and ex07's files: a class's own
# attributes (self.lr, self.taken), a parameter's .grad and .requires_grad.
_HONEST_WRITES = {
    ("ex06", "zero_grads"): """
        import minigrad as torch

        def zero_grads(params, set_to_none=True):
            for p in params:
                if set_to_none:
                    p.grad = None
                elif p.grad is not None:
                    p.grad.requires_grad = False
                    p.grad.zero_()
        """,
    ("ex07", "sgd_step"): """
        import minigrad as torch

        class _Step:
            def __init__(self, lr):
                self.lr = lr
                self.taken = 0

            def __call__(self, params):
                with torch.no_grad():
                    for p in params:
                        p -= self.lr * p.grad
                self.taken += 1

        def sgd_step(params, lr):
            _Step(lr)(params)
        """,
}


@pytest.mark.parametrize("eid, task", sorted(_HONEST_WRITES))
def test_honest_attribute_writes_pass(grade, eid, task):
    _passes(grade(eid, _HONEST_WRITES[eid, task], seed=0)[task])


# ---- ex09 fit: a loss of its own ------------------------------------------------------------
# Red team 13's, as a file: the colleague's memory bug kept (total += loss, its .item() taken at
# the epoch's end) with F.cross_entropy in place of the loss function given, whose count of
# graphs held then never ran: 1/1 before.
_FIT_OWN_LOSS = """
    import minigrad as torch
    import minigrad.nn.functional as F

    def fit(model, loss_fn, optimizer, batches, epochs):
        def epoch():
            total = 0
            for x, y in batches:
                optimizer.zero_grad()
                loss = F.cross_entropy(model(x), y)
                loss.backward()
                optimizer.step()
                total += loss
            return total.item() / len(batches)

        return [epoch() for _ in range(epochs)]
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_fit_with_a_loss_of_its_own_scores_nothing(grade, seed):
    t = grade("ex09", _FIT_OWN_LOSS, seed=seed)["fit"]
    _scores_nothing(t)
    # (the graphs it held are counted whatever loss made them, since red team 26: the memory
    # bug is what is said first, before the loss function given never called)
    assert "graphs of earlier batches held when a batch's loss was computed: expected 0, " \
        "got 1" in t.feedback, t.feedback


def test_fit_with_the_loss_given_and_an_evaluation_of_its_own_passes(grade):
    """More losses than batches (each epoch's mean loss evaluated again after it) is honest."""
    t = grade("ex09", """
        import minigrad as torch

        def fit(model, loss_fn, optimizer, batches, epochs):
            history = []
            for _ in range(epochs):
                for x, y in batches:
                    optimizer.zero_grad()
                    loss_fn(model(x), y).backward()
                    optimizer.step()
                with torch.no_grad():
                    history.append(sum(loss_fn(model(x), y).item() for x, y in batches)
                                   / len(batches))
            return history
        """, seed=0)["fit"]
    # (the history is of the weights after each epoch, not the batches' losses as they trained)
    assert "batches whose loss was computed by the loss function given" not in t.feedback, \
        t.feedback


# ---- free attacks: gadgets past the rule -------------------------------------------------------
# functools.update_wrapper reads and writes attributes named by strings, which the rule never
# read: warnings.showwarning's globals merged into a function of the file's (the name
# "__globals__" built at run time) gave it `sys`, never imported; sys.modules copied into a dict
# of its own (a class attribute named `modules`, written in a class body); then course.watch's
# `watched` rebound, and minigrad's numbering of backward calls swapped on graph_task, reached
# through that dict (its private `_ids` taken for the file's own, which writes it). Cube by
# autograd.grad scored 1/1 at ex03, past the rule; refused now.
_GLOBALS_MERGED = """
import functools
import itertools
import warnings

import minigrad as torch


class Grab(dict):
    pass


grabbed = Grab()


class Box:
    modules = grabbed


def _mine():
    pass


functools.update_wrapper(_mine, warnings.showwarning, assigned=(), updated=("__glob" + "als__",))
functools.update_wrapper(Box, sys, assigned=(), updated=("modules",))
grabbed["course.watch"].watched = lambda call, on_call, *_: (call(), None)
graph_task = grabbed["minigrad.autograd.graph_task"]
""" + textwrap.dedent(_CUBE + _UNSEEN_DERIVATIVE + """
            return grad_output * derivative()
    """)


@pytest.mark.parametrize("seed", [0, 5])
def test_globals_merged_by_update_wrapper_are_refused(grade, seed):
    t = grade("ex03", _GLOBALS_MERGED, seed=seed)["Cube"]
    _scores_nothing(t, "error")
    assert t.feedback.startswith("Your file's line 24 reads update_wrapper."), t.feedback


# The same merge through functools.wraps with the attributes to copy named, and a private name
# of minigrad's read on an object the rule cannot place, taken for the file's own because the
# file writes it on one of its own.
@pytest.mark.parametrize("lines, said", [
    ("import functools\nimport warnings\n\n\ndef _mine():\n    pass\n\n\n"
     "functools.wraps(warnings.showwarning, assigned=(), updated=('__glob' + 'als__',))(_mine)",
     "line 12 uses wraps with the attributes to copy named"),
    ("class Box:\n    pass\n\n\nBox()._ids = 0\nholder = {'t': torch.ones(1)}\n"
     "print(holder['t']._ids)", "line 8 uses _ids, a private name minigrad's own code uses "
     "too"),
])
def test_wraps_naming_attributes_and_minigrads_private_names_are_refused(grade, lines, said):
    cube = textwrap.dedent(_CUBE + "            return grad_output * 3 * x ** 2\n")
    t = grade("ex03", "import minigrad as torch\n\n\n" + lines + "\n" + cube, seed=0)["Cube"]
    _scores_nothing(t, "error")
    assert t.feedback.startswith(f"Your file's {said}"), t.feedback
