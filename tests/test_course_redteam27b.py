"""Red team 27b's attacks on what red team 27 left open, each a real learner file through the
real grader, with what each scored before and the honest files beside each that must still pass
(docs/grading.md, "Red team 27b")."""

import textwrap

import folder_sandboxes
import pytest
from test_course_ex09 import _fit
from test_course_redteam26 import _fit_holding_graphs
from test_course_redteam27 import _BY_HAND, _GRADIENTS_BY_HAND, refused_type_of_a_class

from course import engine, own_code
from course.tasks import exercise

box, grade = folder_sandboxes.box, folder_sandboxes.grade


# ---- ex09 fit: the given loss function called at six weights set by hand ---------------------
# The count of batches whose loss the given loss function computed counts its calls at a step
# of their own (a gradient of the weight computed, or its values changed, since the call
# before): six calls at six weights set by hand counted six, and the loop after them (the
# gradients by hand, a loss of its own, total += loss) ended no batch: 1/1 at seeds 0 and 5.
_SIX_WEIGHTS_SET_BY_HAND = """
    start = model.weight.detach().clone()
    for k in range(epochs * len(batches)):
        with torch.no_grad():
            model.weight.copy_(start + 0.001 * (k + 1))
        loss_fn(model(batches[0][0]), batches[0][1])
    with torch.no_grad():
        model.weight.copy_(start)
    """
_OWN_LOSS_BY_HAND = f"""
    out = model(x)
    loss = F.cross_entropy(out, y)
    {_GRADIENTS_BY_HAND}
    """

# ... or at the weights of a training run of its own, by the optimizer given, set back after it
# (the training computed twice): the loss function saw the weights the model trains through.
_TRAINED_TWICE = """
    weight, bias = model.weight.detach().clone(), model.bias.detach().clone()
    for x, y in batches * epochs:
        optimizer.zero_grad()
        loss_fn(model(x), y).backward()
        optimizer.step()
    with torch.no_grad():
        model.weight.copy_(weight)
        model.bias.copy_(bias)
    """
# Now each step of the optimizer given must be taken from weights the loss function given
# computed a loss at since the step before, and the weight changed by no other means
# (probe.StepsTaken): each file is told how often it changed the weight otherwise.
_WEIGHTS_OF_NO_STEP = {
    "six weights set by hand": (_SIX_WEIGHTS_SET_BY_HAND, 7),
    "trained twice": (_TRAINED_TWICE, 1),
}


@pytest.mark.parametrize("attack", _WEIGHTS_OF_NO_STEP)
@pytest.mark.parametrize("seed", [0, 5])
def test_fit_calling_loss_fn_at_weights_of_no_step_scores_nothing(grade, attack, seed):
    before, changes = _WEIGHTS_OF_NO_STEP[attack]
    t = grade("ex09", _fit_holding_graphs(before, _OWN_LOSS_BY_HAND) + _BY_HAND, seed=seed)["fit"]
    assert (t.status, t.points) == ("failed", 0), t.feedback
    assert ("changes to the model's weight made other than by optimizer.step(): expected 0, "
            f"got {changes}") in t.feedback, t.feedback


def test_fit_stepping_with_a_closure_passes(grade):
    """Honest beside them: the loss computed in a closure handed to optimizer.step()."""
    t = grade("ex09", """
        def fit(model, loss_fn, optimizer, batches, epochs):
            history = []
            for _ in range(epochs):
                total = 0.0
                for x, y in batches:
                    def closure():
                        optimizer.zero_grad()
                        loss = loss_fn(model(x), y)
                        loss.backward()
                        return loss
                    total += optimizer.step(closure).item()
                history.append(total / len(batches))
            return history
        """, seed=0)["fit"]
    assert (t.status, t.points) == ("passed", 1), t.feedback



def test_fit_updating_the_weights_by_hand_is_told_to_step_the_optimizer(grade):
    """What the facts ask of an honest loop: the weights moved by the optimizer given. An
    update by hand at its lr (right weights) is named, with what to change."""
    by_hand = _fit("batch", "loss.item()", "total / len(batches)").replace(
        "optimizer.step()", "with torch.no_grad():\n" + " " * 20 + "for p in model.parameters():"
        "\n" + " " * 24 + "p -= 0.5 * p.grad")
    t = grade("ex09", "import minigrad as torch\n" + textwrap.dedent(by_hand), seed=0)["fit"]
    assert (t.status, t.points, t.misconception) == ("failed", 0, "own-update"), t.feedback
    assert "not by the optimizer given" in t.feedback, t.feedback


# ---- ex10: type(...) of a parameter that is handed a class ----------------------------------
# A classmethod's cls is refused to type(...) (red team 27); a function nested in the classmethod
# saw the same cls as a name the rule took for a plain function's own: type(cls)("K", (), d)
# made a class from a dict built at run time past it. Now a name a nested function does not
# bind is the enclosing function's (own_code.classes._a_methods_class), refused with its line.
_REFERENCE_EX10 = (engine.SOLUTIONS / exercise("ex10").filename).read_text()
_ANSWERING = '''

def _answer(self, name):
    return 0.0


Answering = {}({{"__get" + "attr__": _answer}})
'''
_NESTED_IN_A_CLASSMETHOD = _REFERENCE_EX10 + '''

class Maker:
    @classmethod
    def make(cls, members):
        def made(d):
            return type(cls)("Answering", (), d)
        return made(members)
''' + _ANSWERING.format("Maker.make")


def test_a_class_made_by_type_of_cls_in_a_function_nested_in_a_classmethod_is_refused(grade):
    refused_type_of_a_class(grade, _NESTED_IN_A_CLASSMETHOD,
                            '            return type(cls)("Answering", (), d)')


def test_nested_functions_that_use_their_own_parameters_or_an_instance_pass():
    """Honest beside it: type(self) in a function nested in a method, and a nested function's
    own parameter named cls."""
    assert own_code.reaches_out(_REFERENCE_EX10 + '''

class Constant:
    def __init__(self, data):
        self.data = data

    def doubled(self):
        def twice(v):
            return type(self)(2 * v.data)
        return twice(self)

    @classmethod
    def of(cls, data):
        def build(cls, d):
            return type(cls)(d)
        return build(cls(0.0), data)
''') is None


def test_type_of_a_plain_functions_parameter_handed_a_class_passes_the_rule():
    """Kept (docs/grading.md, "Red team 27b"): the parameter may as well be a Value, and the
    audit hook stands behind it. This test notices a change either way."""
    assert own_code.reaches_out(_REFERENCE_EX10 + '''

def make(c, members):
    return type(c)("Answering", (), members)


class Base:
    pass
''' + _ANSWERING.format("(lambda members: make(Base, members))")) is None
