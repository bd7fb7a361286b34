"""Red team 15's attacks on the grader, each a real learner file run through the real grader."""

from pathlib import Path

import folder_sandboxes
import pytest

box, grade = folder_sandboxes.box, folder_sandboxes.grade

# These attacks reach the grader's objects, which the rule on the source now refuses before
# they run (tests/test_course_redteam24d.py): here, what stands behind that rule is tested.
run_time_checks = folder_sandboxes.run_time_checks
pytestmark = pytest.mark.usefixtures("run_time_checks")

_BY_HAND = ("import minigrad as torch\n\ndef td_grad(w, x, x_next, r, gamma):\n"
            "    with torch.no_grad():\n"
            "        g = 2 / len(r) * x.T @ (x @ w - (r + gamma * (x_next @ w)))\n")


@pytest.mark.parametrize("source", [
    # the gradient worked out by hand, then handed to backward() on w itself
    _BY_HAND + "    w.backward(g)\n    return w.grad\n",
    # ... or through a surrogate loss whose gradient it is
    _BY_HAND + "    (w * g).sum().backward()\n    return w.grad\n",
    # ... and x.grad written by hand too, where backward() never sent it
    _BY_HAND + "    x.grad = 2 / len(r) * torch.outer(x @ w - (r + gamma * (x_next @ w)), w)\n"
               "    w.backward(g)\n    return w.grad\n",
])
def test_a_td_gradient_worked_out_by_hand_and_handed_to_backward_is_no_answer(grade, source):
    """Each scored 1/1: the probe asked only that backward() wrote w.grad, and the feedback
    for a gradient worked out by hand ("no backward() wrote it into w.grad") told the learner
    how to pass without differentiating the loss. Now the gradient must also reach x through
    the prediction q = x @ w, as only backward() on the loss sends it."""
    result = grade("ex08", source)["td_grad"]
    assert (result.status, result.points) == ("failed", 0), result.feedback
    assert result.misconception == "hand-gradient-into-backward", result.feedback


def test_a_td_loss_differentiated_for_w_alone_is_told_why_it_fails(grade):
    """The price of the check: loss.backward(inputs=[w]), which the lessons do not teach,
    sends x nothing either, and fails; its feedback names it (its fix, once shown, says
    to call backward() with no inputs=)."""
    result = grade("ex08", "def td_grad(w, x, x_next, r, gamma):\n"
                           "    target = (r + gamma * (x_next @ w)).detach()\n"
                           "    ((x @ w - target) ** 2).mean().backward(inputs=[w])\n"
                           "    return w.grad\n")["td_grad"]
    assert (result.status, result.misconception) == ("failed", "hand-gradient-into-backward")
    assert "(or backward() was limited to inputs=[w])" in result.feedback, result.feedback


_CHEAT = ("import minigrad as torch\n\ndef _cheat(params, lr):\n"
          "    torch.optim.SGD(params, lr=lr).step()\n\ndef sgd_step(params, lr):\n"
          "    pass\n\n")


@pytest.mark.parametrize("eid, task, source", [
    # the library's name as a string: getattr, vars(), import_module
    ("ex07", "clip_grad_norm", "import minigrad as torch\n\n"
                               "def clip_grad_norm(params, max_norm):\n"
                               "    clip = getattr(torch.nn.utils, 'clip_grad_norm_')\n"
                               "    return float(clip(params, max_norm))\n"),
    ("ex07", "clip_grad_norm", "import minigrad as torch\n\n"
                               "def clip_grad_norm(params, max_norm):\n"
                               "    return float(vars(torch.nn.utils)['clip_grad_norm_']"
                               "(params, max_norm))\n"),
    ("ex06", "zero_grads", "import minigrad as torch\n\n"
                           "def zero_grads(params, set_to_none=True):\n"
                           "    optimizer = getattr(torch, 'optim').SGD(params, lr=0.0)\n"
                           "    getattr(optimizer, 'zero_grad')(set_to_none)\n"),
    ("ex07", "sgd_step", "import importlib\n\ndef sgd_step(params, lr):\n"
                         "    module = importlib.import_module('minigrad.optim')\n"
                         "    getattr(module, 'S' + 'GD')(params, lr=lr).step()\n"),
    # the library's function bound by a `for` or a `with` at the top of the file
    ("ex07", "sgd_step", "import minigrad as torch\n\nfor _Step in (torch.optim.SGD,):\n"
                         "    pass\n\ndef sgd_step(params, lr):\n"
                         "    _Step(params, lr=lr).step()\n"),
    ("ex07", "sgd_step", "import contextlib\nimport minigrad as torch\n\n"
                         "with contextlib.nullcontext(torch.optim.SGD) as _Step:\n    pass\n\n"
                         "def sgd_step(params, lr):\n    _Step(params, lr=lr).step()\n"),
    # ... by a `match` capture, or as a keyword argument's name
    ("ex07", "sgd_step", "import minigrad as torch\n\nmatch torch.optim.SGD:\n"
                         "    case _Step:\n        pass\n\ndef sgd_step(params, lr):\n"
                         "    _Step(params, lr=lr).step()\n"),
    ("ex07", "sgd_step", "import minigrad as torch\n\nglobals().update(sgd_step=lambda params, "
                         "lr: torch.optim.SGD(params, lr=lr).step())\n"),
    # ... as a namespace's key, or as the code of a function the file defines
    ("ex07", "sgd_step", "import minigrad as torch\n\nglobals()['sgd_step'] = lambda params, "
                         "lr: torch.optim.SGD(params, lr=lr).step()\n"),
    ("ex07", "sgd_step", "import minigrad as torch\n\nglobals().update({'sgd_step': lambda "
                         "params, lr: torch.optim.SGD(params, lr=lr).step()})\n"),
    ("ex07", "sgd_step", "import minigrad as torch\n\nglobals().setdefault('sgd_step', lambda "
                         "params, lr: torch.optim.SGD(params, lr=lr).step())\n"),
    ("ex07", "sgd_step", _CHEAT + "sgd_step.__code__ = _cheat.__code__\n"),
    # (a keyword argument in the task's own function is still the function's)
    ("ex07", "sgd_step", "import minigrad as torch\n\ndef sgd_step(params, lr):\n"
                         "    print(end=str(torch.optim.SGD(params, lr=lr).step() or ''))\n"),
    ("ex07", "sgd_step", _CHEAT + "setattr(sgd_step, '__code__', _cheat.__code__)\n"),
])
def test_the_librarys_function_named_by_a_string_or_bound_by_for_or_with_is_no_answer(
        grade, eid, task, source):
    """Each scored 1/1: the rule read names, attributes and assignments, not a name written
    as a string constant (getattr(torch.nn.utils, 'clip_grad_norm_')), nor what a `for`, a
    `with`, a `match`, a keyword argument, a namespace's key or a function's `__code__`
    binds."""
    result = grade(eid, source)[task]
    assert (result.status, result.points) == ("error", 0), result.feedback
    assert "this task asks you to write" in result.feedback


@pytest.mark.parametrize("renaming", [
    "type(y.grad_fn).name = lambda self: 'CubeBackward'",  # the node class's name()
    "type(y.grad_fn).__name__ = 'CubeBackward'",  # the class's own name, which name() reads
    # a class of one's own, said to be minigrad's, put under the node
    "y.grad_fn.__class__ = type('CubeBackward', (type(y.grad_fn),), "
    "{'__slots__': (), '__module__': 'minigrad.autograd.function'})",
])
def test_a_builtin_node_renamed_cube_backward_is_no_custom_function(grade, renaming):
    """ex03's Cube scored 1/1 with no autograd.Function at all: x ** 3, whose PowBackward0
    node (its gradient, gradcheck and saved input autograd's own) was renamed CubeBackward.
    A node's name is now read as minigrad named its class at import (before learner code
    runs); a node class made later is a custom Function's, or no node minigrad made."""
    source = ("import minigrad as torch\n\nclass Cube:\n    @staticmethod\n"
              f"    def apply(x):\n        y = x ** 3\n        {renaming}\n        return y\n")
    result = grade("ex03", source)["Cube"]
    assert (result.status, result.points) != ("passed", 1), result.feedback
    assert "PowBackward0" in result.feedback or "not a node minigrad made" in result.feedback, \
        result.feedback


def test_the_librarys_function_handed_out_by_a_module_getattr_is_no_answer(grade):
    """Both tasks scored 1/1 with no binding of their names at all: the grader takes a task
    from the module by getattr, which a module's own __getattr__ (PEP 562) answers."""
    source = ("import minigrad as torch\n\ndef __getattr__(name):\n"
              "    if name == 'sgd_step':\n"
              "        return lambda params, lr: torch.optim.SGD(params, lr=lr).step()\n"
              "    if name == 'clip_grad_norm':\n"
              "        return lambda params, max_norm: float(\n"
              "            torch.nn.utils.clip_grad_norm_(params, max_norm))\n"
              "    raise AttributeError(name)\n")
    results = grade("ex07", source)
    for task in ("sgd_step", "clip_grad_norm"):
        assert (results[task].status, results[task].points) == ("error", 0), \
            results[task].feedback
        assert "this task asks you to write" in results[task].feedback


def test_honest_code_that_keeps_an_optimizer_in_an_attribute_or_a_dict_passes(grade):
    """What the rule reads as bindings now (a key of a namespace, a dunder replaced) leaves an
    optimizer kept as ``self.optimizer`` or ``settings["lr"]`` by another function alone."""
    reference = Path(__file__).parents[1] / "course" / "solutions" / "ex07_no_grad.py"
    source = reference.read_text() + (
        "\n\nclass Trainer:\n    def __init__(self, params, lr):\n"
        "        self.optimizer = torch.optim.SGD(params, lr)\n"
        "        settings = {}\n        settings['lr'] = torch.optim.SGD(params, lr=lr)\n"
        "        setattr(self, 'params', torch.optim.SGD(params, lr).param_groups)\n")
    results = grade("ex07", source)
    assert results["sgd_step"].status == results["clip_grad_norm"].status == "passed", \
        results["sgd_step"].feedback


def test_a_custom_function_written_the_pytorch_2_way_is_still_cube_backward(grade):
    """Node classes made after the probe's import are custom Functions' and named so: a Cube
    with setup_context and a @once_differentiable backward passes."""
    source = ("import minigrad as torch\n"
              "from minigrad.autograd.function import once_differentiable\n\n"
              "class Cube(torch.autograd.Function):\n    @staticmethod\n    def forward(x):\n"
              "        return x ** 3\n\n    @staticmethod\n"
              "    def setup_context(ctx, inputs, output):\n"
              "        ctx.save_for_backward(inputs[0])\n\n    @staticmethod\n"
              "    @once_differentiable\n    def backward(ctx, grad):\n"
              "        (x,) = ctx.saved_tensors\n        return 3 * x ** 2 * grad\n")
    result = grade("ex03", source)["Cube"]
    assert (result.status, result.points) == ("passed", 1), result.feedback


@pytest.mark.parametrize("source", [
    "import minigrad as torch\n\ndef sgd_step(params, lr):\n    state = {}\n"
    "    state['optimizer'] = torch.optim.SGD(params, lr=lr)\n    state['optimizer'].step()\n",
    "import minigrad as torch\n\nclass Box:\n    pass\n\ndef sgd_step(params, lr):\n"
    "    box = Box()\n    box.optimizer = torch.optim.SGD(params, lr=lr)\n"
    "    box.optimizer.step()\n",
])
def test_the_librarys_result_kept_in_an_item_or_attribute_in_the_task_is_no_answer(grade,
                                                                                    source):
    """Both scored 1/1 before red team 15 (the base's rule): inside the task's own function,
    an assignment to an item or an attribute led the library's name to no name, so not to the
    function either."""
    result = grade("ex07", source)["sgd_step"]
    assert (result.status, result.points) == ("error", 0), result.feedback
    assert "this task asks you to write" in result.feedback


def test_a_method_that_uses_the_library_leaves_another_class_alone(grade):
    """A method's name leads to its class, not to every class with a method of that name: a
    Trainer whose __init__ keeps an optimizer, beside an SGD class of one's own with its own
    __init__ that sgd_step uses, passes."""
    source = ("import minigrad as torch\n\nclass Trainer:\n"
              "    def __init__(self, params, lr):\n"
              "        self.optimizer = torch.optim.SGD(params, lr)\n\n"
              "class Plain:\n    def __init__(self, params, lr):\n"
              "        self.params, self.lr = params, lr\n\n    def step(self):\n"
              "        with torch.no_grad():\n            for p in self.params:\n"
              "                p -= self.lr * p.grad\n\n"
              "def sgd_step(params, lr):\n    Plain(params, lr).step()\n")
    result = grade("ex07", source)["sgd_step"]
    assert (result.status, result.points) == ("passed", 1), result.feedback
