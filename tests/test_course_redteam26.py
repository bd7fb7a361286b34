"""Red team 26's attacks on the source rule and the run-time checks behind it, each a real
learner file through the real grader, with what each scored before and the honest files beside
each that must still pass (docs/grading.md, "Red team 26")."""

import textwrap

import folder_sandboxes
import pytest
from test_course_redteam23b import _CUBE

from course import engine, own_code
from course.specs import grader_out_of_reach
from course.tasks import exercise

box, grade = folder_sandboxes.box, folder_sandboxes.grade
_REFERENCE_EX10 = (engine.SOLUTIONS / exercise("ex10").filename).read_text()


def _scores_nothing(t) -> None:
    assert t.points == 0 and t.status in ("failed", "error"), t.feedback


# ---- ex09 fit: the graphs held counted whatever made them -------------------------------------
# Each file keeps the colleague's memory bug (total += loss, .item() at the epoch's end) on the
# graphs of a loss of its own, after what ``before`` does, with ``batch``'s lines for a batch's
# loss and gradients.
def _fit_holding_graphs(before: str, batch: str) -> str:
    body = textwrap.dedent(before).strip() + "\n" if before.strip() else ""
    body += _HELD_LOOP.format(textwrap.indent(textwrap.dedent(batch).strip(), " " * 8))
    return "import minigrad as torch\nimport minigrad.nn.functional as F\n\n\n" \
        "def fit(model, loss_fn, optimizer, batches, epochs):\n" + textwrap.indent(body, "    ")


_HELD_LOOP = """\
history = []
for _ in range(epochs):
    total = 0
    for x, y in batches:
        optimizer.zero_grad()
{}
        optimizer.step()
        total += loss
    history.append(total.item() / len(batches))
return history
"""
_BACKWARD = "loss = F.cross_entropy(model(x), y)\nloss.backward()"
# (once per batch before the loop, where no graph is held yet, and never again)
_LOSS_FN_FIRST = """
    for _ in range(epochs):
        for x, y in batches:
            loss_fn(model(x), y)
    """

# Red team 25 counted the batches whose loss the given loss_fn computed, and the graphs of that
# loss only. Called and thrown away beside a loss of the file's own, it counted every batch and
# no graph held: 1/1.
_FIT_SECOND_LOSS = _fit_holding_graphs("", """
    out = model(x)
    loss_fn(out, y)
    loss = F.cross_entropy(out, y)
    loss.backward()
    """)
# ... or from a forward of its own (its forward() called past the module's __call__): the graphs
# held are counted whatever loss or forward made them (probe.BatchGraphs: every graph node).
_FIT_SECOND_FORWARD = _fit_holding_graphs("", """
    loss_fn(model(x), y)
    loss = F.cross_entropy(model.forward(x), y)
    loss.backward()
    """)
# ... or with the given loss function called before the loop only: graphs are counted at each
# gradient of the model's weight too, which no loop that trains it by backward() goes without.
_FIT_LOSS_CALLED_FIRST = _fit_holding_graphs(_LOSS_FN_FIRST, _BACKWARD)
# ... and the model's parameters swapped for copies of their own, trained by an optimizer of
# the file's own (the given one's lr read from its param_groups), so that no gradient reached
# the weight the grader watches: the weights are read from the parameters the model was given.
_FIT_PARAMETERS_SWAPPED = _fit_holding_graphs(_LOSS_FN_FIRST + """
    model.weight = torch.nn.Parameter(model.weight.detach().clone())
    model.bias = torch.nn.Parameter(model.bias.detach().clone())
    optimizer = torch.optim.SGD(model.parameters(), lr=optimizer.param_groups[0]["lr"])
    """, _BACKWARD)
# ... and the gradients taken by autograd.grad and set by hand, so that backward() never
# accumulated into the weight: a batch ends where any gradient of the weight is computed.
_FIT_BY_AUTOGRAD_GRAD = _fit_holding_graphs(_LOSS_FN_FIRST, """
    loss = F.cross_entropy(model(x), y)
    grads = torch.autograd.grad(loss, [model.weight, model.bias])
    model.weight.grad, model.bias.grad = grads
    """)


@pytest.mark.parametrize("source", [_FIT_SECOND_LOSS, _FIT_SECOND_FORWARD,
                                    _FIT_LOSS_CALLED_FIRST, _FIT_PARAMETERS_SWAPPED,
                                    _FIT_BY_AUTOGRAD_GRAD],
                         ids=["same output", "a forward of its own", "loss_fn called first",
                              "parameters swapped", "by autograd.grad"])
@pytest.mark.parametrize("seed", [0, 5])
def test_fit_holding_the_graphs_of_a_second_loss_scores_nothing(grade, source, seed):
    t = grade("ex09", source, seed=seed)["fit"]
    _scores_nothing(t)
    if source in (_FIT_LOSS_CALLED_FIRST, _FIT_BY_AUTOGRAD_GRAD):
        # (its loss function given called at one step only, too, since red team 27: no mistake
        # of the lesson's alone, told its first difference)
        assert "graphs of earlier batches held when a batch's loss was computed: expected 0" \
            in t.feedback, t.feedback
    elif source is not _FIT_PARAMETERS_SWAPPED:  # (its weights, the given ones, never trained)
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


# ---- ex10: a class made from data by type(int) ----------------------------------------------
# type("K", (), d) is refused (a class's dict from data may hold any dunder, built at run time
# where the rule reads no string); type(x) of a class is type itself, so type(int)("K", (), d)
# made one all the same, with __getattr__ named by a string built at run time (the engine's
# Value answering any attribute, numpy's protocols among them). Now type(...) of what is sure
# or may be a class is refused: a builtin class, one of the file's, an imported one, type(x),
# x.__class__. type(self)(data, (self, other), op), a Value made like its own, is honest.
_CLASS_FROM_DATA = _REFERENCE_EX10 + """

def _answer(self, name):
    return 0.0


Answering = type(int)("Answering", (), {"__get" + "attr__": _answer})
"""


@pytest.mark.parametrize("source, said", [
    (_CLASS_FROM_DATA, "uses type(...) of a class"),
    (_REFERENCE_EX10 + "\n\nclass Base:\n    pass\n\n\nMade = type(Base)('Made', (), {})\n",
     "uses type(...) of a class"),
    (_REFERENCE_EX10 + "\n\nMade = type(type(0))('Made', (), {})\n", "uses type(...) of a class"),
])
def test_a_class_made_from_data_by_the_class_of_a_class_is_refused(grade, source, said):
    t = grade("ex10", source, seed=0)["Value"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    line = source.count("\n", 0, source.index("type(", source.index("def sum_to_size"))) + 1
    assert f"line {line} {said}" in t.feedback, t.feedback


def test_a_value_made_as_its_own_class_by_type_self_passes(grade):
    honest = _REFERENCE_EX10.replace("out = Value(self.data + other.data",
                                     "out = type(self)(self.data + other.data")
    assert honest != _REFERENCE_EX10
    assert own_code.reaches_out(honest) is None
    for line in ("def f(x):\n    return type(x)(2.0)",
                   "import numpy as np\nprint(type(np.pi), type(np.zeros(1)))",
                   "import minigrad as torch\nprint(type(torch.float32))"):
        assert grader_out_of_reach.reached(line) is None, line
    assert grader_out_of_reach.reached("import minigrad as torch\nK = type(torch.Tensor)") \
        == "line 2 uses type(...) of a class (its class makes classes: write a class statement)"
    t = grade("ex10", honest, seed=0)["Value"]
    assert (t.status, t.points) == ("passed", t.max_points), t.feedback


# ---- a class handed to a function of the file's own ------------------------------------------
# Red team 25 refused writes on names the file binds to minigrad's classes (T = torch.Tensor;
# T.backward = mine) and left open a class handed on: to a function's parameter by a call, by
# its default, or by map. Each passed the rule; no payoff was found (rebinding minigrad's
# methods hides no call from the profiler: red team 25), but each rebinds minigrad's own as
# T.backward = mine did, so each is now refused with its line. The parameters of the file's own
# functions take what their calls (by name, by keyword, through map) and defaults give them.
_OWN_BACKWARD = "\n\ndef _backward(self, *args, **kwargs):\n    return None\n\n\n"
_CUBE_ANSWER = "import minigrad as torch\n" + textwrap.dedent(_CUBE) + \
    "        return grad_output * 3 * x ** 2\n"


@pytest.mark.parametrize("handed", [
    "def patch(cls):\n    cls.backward = _backward\n\n\npatch(torch.Tensor)\n",
    "def patch(cls=torch.Tensor):\n    cls.backward = _backward\n\n\npatch()\n",
    "def patch(cls):\n    setattr(cls, 'backward', _backward)\n\n\n"
    "list(map(patch, [torch.Tensor]))\n",
    "list(map(lambda cls: setattr(cls, 'backward', _backward), [torch.Tensor]))\n",
], ids=["a call's argument", "a default", "map", "map of a lambda"])
def test_a_minigrad_class_handed_to_a_function_that_writes_on_it_is_refused(grade, handed):
    source = _CUBE_ANSWER + _OWN_BACKWARD + handed
    t = grade("ex03", source, seed=0)["Cube"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    line = next(i for i, text in enumerate(source.splitlines(), 1)
                if "_backward)" in text or "= _backward" in text)
    assert t.feedback.startswith(f"Your file's line {line} "), t.feedback


def test_classes_handed_to_functions_that_only_use_them_pass(grade):
    """Honest beside it: a layer's class as a parameter's default and an argument, called to
    make a layer; attributes written on what a function is given that is no class."""
    helpers = """
        import minigrad.nn as nn


        def make(activation=nn.Tanh, width=8):
            return nn.Sequential(nn.Linear(2, width), activation(), nn.Linear(width, 3))


        def frozen(layer):
            layer.weight.requires_grad = False
            return layer


        models = [make(nn.ReLU), frozen(nn.Linear(2, 3))] + list(map(make, [nn.Tanh]))
        """
    assert grader_out_of_reach.reached(textwrap.dedent(helpers)) is None
    t = grade("ex03", _CUBE_ANSWER + textwrap.dedent(helpers), seed=0)["Cube"]
    assert (t.status, t.points) == ("passed", 1), t.feedback
