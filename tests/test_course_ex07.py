"""ex07 as learners write it: a mistake named for the program that makes it, through the real
grader."""

from pathlib import Path

import folder_sandboxes
import pytest

box, grade = folder_sandboxes.box, folder_sandboxes.grade

REFERENCE = (Path(__file__).parents[1] / "course" / "solutions" / "ex07_no_grad.py").read_text()


def test_adding_up_the_parameters_norms_is_named(grade):
    right = "    total = torch.sqrt(sum((g**2).sum() for g in grads)).item()\n"
    assert right in REFERENCE
    source = REFERENCE.replace(right, "    total = sum(g.norm() for g in grads).item()\n")
    result = grade("ex07", source)["clip_grad_norm"]
    assert result.misconception == "summed-norms", result.feedback


def test_switching_grad_off_for_good_is_named(grade):
    right = "    with torch.no_grad():\n        for p in params:\n            p -= lr * p.grad\n"
    assert right in REFERENCE
    source = REFERENCE.replace(right, "    torch.set_grad_enabled(False)\n    for p in params:\n"
                                      "        p -= lr * p.grad\n")
    result = grade("ex07", source)["sgd_step"]
    assert result.misconception == "grad-left-off", result.feedback
    assert "autograd still records after the call: expected True, got False" in result.feedback
    # Switched back on after the step, the same update passes.
    source = source.replace("p -= lr * p.grad\n", "p -= lr * p.grad\n"
                                                  "    torch.set_grad_enabled(True)\n")
    assert grade("ex07", source)["sgd_step"].status == "passed"


def test_scaling_a_rebound_name_is_named(grade):
    right = "                g *= max_norm / total\n"
    assert right in REFERENCE
    source = REFERENCE.replace(right, "                g = g * (max_norm / total)\n")
    result = grade("ex07", source)["clip_grad_norm"]
    assert result.misconception == "rebound-grad", result.feedback


def test_predictions_that_ignore_the_decorator_or_take_no_grad_results_for_non_leaves(grade):
    right = '"e": (False, True)}'
    assert right in REFERENCE
    result = grade("ex07", REFERENCE.replace(right, '"e": (True, False)}'))["predict_modes"]
    assert result.misconception == "decorator-ignored", result.feedback
    source = REFERENCE.replace('"a": (False, True)', '"a": (False, False)').replace(
        '"d": (False, True)', '"d": (False, False)').replace(right, '"e": (False, False)}')
    result = grade("ex07", source)["predict_modes"]
    assert result.misconception == "made-not-leaves", result.feedback


def test_a_norm_without_its_square_root_and_an_upside_down_factor_are_named(grade):
    right = "    total = torch.sqrt(sum((g**2).sum() for g in grads)).item()\n"
    source = REFERENCE.replace(right, "    total = sum((g**2).sum() for g in grads).item()\n")
    result = grade("ex07", source)["clip_grad_norm"]
    assert result.misconception == "no-square-root", result.feedback
    factor = "                g *= max_norm / total\n"
    assert factor in REFERENCE
    result = grade("ex07", REFERENCE.replace(factor, "                g *= total / max_norm\n")
                   )["clip_grad_norm"]
    assert result.misconception == "upside-down", result.feedback
    assert "max_norm / total" not in result.feedback  # the fix waits for the mistake to recur


def test_scaling_the_parameters_instead_of_their_gradients_is_named(grade):
    """Told as itself, not as the rebound name g = g * factor it looked like while the
    parameters were zeros."""
    factor = "                g *= max_norm / total\n"
    source = REFERENCE.replace("    grads = [p.grad for p in params if p.grad is not None]\n",
                               "    grads = [p.grad for p in params if p.grad is not None]\n"
                               "    kept = [p for p in params if p.grad is not None]\n").replace(
        "            for g in grads:\n" + factor, "            for p in kept:\n"
                                                  "                p *= max_norm / total\n")
    assert "p *= max_norm / total" in source
    result = grade("ex07", source)["clip_grad_norm"]
    assert result.misconception == "scaled-params", result.feedback
    assert "g = g * factor" not in result.feedback


def test_clamping_each_element_is_named(grade):
    right = ("    if total > max_norm:\n        with torch.no_grad():\n"
             "            for g in grads:\n                g *= max_norm / total\n")
    assert right in REFERENCE
    source = REFERENCE.replace(right, "    for g in grads:\n"
                                      "        g.clamp_(-max_norm, max_norm)\n")
    result = grade("ex07", source)["clip_grad_norm"]
    assert result.misconception == "clamped", result.feedback


def test_switching_requires_grad_off_to_update_in_place_is_named(grade):
    """What the error's "a leaf Variable that requires grad" invites: the step runs, and the
    parameter is frozen for good."""
    right = "    with torch.no_grad():\n        for p in params:\n            p -= lr * p.grad\n"
    source = REFERENCE.replace(right, "    for p in params:\n        p.requires_grad = False\n"
                                      "        p -= lr * p.grad\n")
    result = grade("ex07", source)["sgd_step"]
    assert result.misconception == "requires-grad-off", result.feedback
    assert "params[0].requires_grad: expected True, got False" in result.feedback


def test_a_step_up_the_gradient_is_named(grade):
    right = "            p -= lr * p.grad\n"
    assert right in REFERENCE
    result = grade("ex07", REFERENCE.replace(right, "            p += lr * p.grad\n"))["sgd_step"]
    assert result.misconception == "ascent", result.feedback


@pytest.mark.parametrize("name", ["a", "d"])  # (e's has the decorator's own text)
def test_an_unrecorded_result_predicted_to_require_grad_is_explained(grade, name):
    right = {"a": '"a": (False, True)', "d": '"d": (False, True)'}
    assert right[name] in REFERENCE
    source = REFERENCE.replace(right[name], f'"{name}": (True, True)')
    result = grade("ex07", source)["predict_modes"]
    assert result.misconception == "unrecorded-require-grad", result.feedback
    assert f"{name}.requires_grad: expected False, got True" in result.feedback


@pytest.mark.parametrize("task, body", [
    ("clip_grad_norm", "    return torch.nn.utils.clip_grad_norm_(params, max_norm).item()\n"),
    ("clip_grad_norm", "    from minigrad.nn.utils import clip_grad_norm_\n"
                       "    return float(clip_grad_norm_(params, max_norm))\n"),
    ("sgd_step", "    torch.optim.SGD(params, lr=lr).step()\n"),
    # a name bound to it elsewhere in the file (a red team's 1/1)
    ("clip_grad_norm", "    return float(_c(params, max_norm))\n\n"
                       "from minigrad.nn.utils import clip_grad_norm_ as _c\n"),
    ("sgd_step", "    Step(params, lr=lr).step()\n\nimport minigrad.optim as o\nStep = o.SGD\n"),
])
def test_the_librarys_own_function_is_no_answer(grade, task, body):
    """The lesson says it: the exercise asks you to write clip_grad_norm_ yourself (and the
    step an optimizer takes). Its right results from the library pass no more."""
    args = {"clip_grad_norm": "params, max_norm", "sgd_step": "params, lr"}[task]
    result = grade("ex07", f"import minigrad as torch\n\ndef {task}({args}):\n{body}")[task]
    assert (result.status, result.points) == ("error", 0), result.feedback
    assert "this task asks you to write" in result.feedback
    # Named in a comment, or used in another function of the file, it is fine.
    head = "def clip_grad_norm(params, max_norm):\n"
    elsewhere = "    # as torch.nn.utils.clip_grad_norm_ does\n    assert torch.optim\n"
    assert grade("ex07", REFERENCE.replace(head, head + elsewhere))[task].status == "passed"


def test_an_sgd_step_that_returns_its_params_is_told_to_return_nothing(grade):
    # Its docstring says "Return nothing", as ex01's freeze, ex04's mse_grads, ex05's
    # accumulate and ex06's train and zero_grads do, which fail a return; sgd_step once passed.
    right = "            p -= lr * p.grad\n"
    assert right in REFERENCE
    source = REFERENCE.replace(right, right + "    return params\n", 1)
    result = grade("ex07", source)["sgd_step"]
    assert (result.status, result.points) == ("failed", 0), result.feedback
    assert "returned: expected None, got a list (this function changes its arguments in place " \
        "and returns nothing" in result.feedback


@pytest.mark.parametrize("false, true, hint", [
    ("0", "1", "got 0 (a bool: True or False, not a number)"),
    ("'False'", "'True'", "got 'False' (a bool: True or False, without quotes)"),
])
def test_flags_predicted_as_numbers_or_strings_are_told_to_be_bools(grade, false, true, hint):
    # Right in content, so a learner sure of them read only "10 of 10 predictions differ; the
    # first: a.requires_grad: expected False, got 0" (Python's 0 == False, too).
    source = REFERENCE.replace("False", false).replace("True", true)
    result = grade("ex07", source)["predict_modes"]
    assert result.status == "failed", result.feedback
    assert f"a.requires_grad: expected False, {hint}" in result.feedback, result.feedback


SGD_STEP = "    with torch.no_grad():\n        for p in params:\n            p -= lr * p.grad\n"


@pytest.mark.parametrize("clearing, name", [("p.grad = None", "grad-cleared"),
                                            ("p.grad.zero_()", "grad-zeroed"),
                                            ("del p.grad", "grad-cleared")])
def test_a_step_that_clears_the_gradients_is_named(grade, clearing, name):
    # An optimizer's step() leaves .grad alone (zeroing is the next step's job, lesson 06):
    # a step that also cleared it scored 1/1.
    assert SGD_STEP in REFERENCE
    source = REFERENCE.replace(SGD_STEP, SGD_STEP + f"            {clearing}\n")
    result = grade("ex07", source)["sgd_step"]
    assert (result.status, result.misconception) == ("failed", name), result.feedback
    assert "zero_grad()'s job" in result.feedback


@pytest.mark.parametrize("step", [
    "    for p in params:\n        with torch.no_grad():\n            p.sub_(lr * p.grad)\n",
    "    with torch.no_grad():\n        for p in params:\n            p.add_(p.grad, alpha=-lr)\n",
    "    with torch.no_grad():\n        for i in range(len(params)):\n"
    "            params[i] -= lr * params[i].grad\n",
    "    torch.set_grad_enabled(False)\n    for p in params:\n        g = p.grad\n"
    "        p.copy_(p - lr * g)\n    torch.set_grad_enabled(True)\n",
])
def test_steps_that_leave_the_gradients_alone_pass(grade, step):
    assert SGD_STEP in REFERENCE
    result = grade("ex07", REFERENCE.replace(SGD_STEP, step))["sgd_step"]
    assert result.status == "passed", result.feedback


def test_a_grad_of_none_left_unskipped_is_told_that_loops_skip_it(grade):
    """clip_grad_norm's docstring says a .grad of None is skipped; a learner who squared every
    .grad crashed on case 3's third parameter and was told only why a .grad might be None by
    accident (backward not run, not a leaf, no requires_grad), none of which was the case."""
    source = ("import minigrad as torch\n\ndef clip_grad_norm(params, max_norm):\n"
              "    total = sum((p.grad ** 2).sum().item() for p in params) ** 0.5\n"
              "    if total > max_norm:\n        with torch.no_grad():\n"
              "            for p in params:\n                p.grad *= max_norm / total\n"
              "    return total\n")
    result = grade("ex07", source)["clip_grad_norm"]
    assert result.status == "failed", result.feedback
    assert "if p.grad is None: continue" in result.feedback, result.feedback


CLIP_NORM = "    total = torch.sqrt(sum((g**2).sum() for g in grads)).item()\n"
CLIP_SCALE = "                g *= max_norm / total\n"


@pytest.mark.parametrize("edit, name", [
    # the squares averaged, where the norm sums them: only "returned total norm: expected
    # 0.248, got 0.131" was said
    ((CLIP_NORM, CLIP_NORM.replace(".sum()", ".mean()")), "mean-squares"),
    # the absolute values summed (the L1 norm), where the L2 norm sums squares: only "returned
    # total norm: expected 0.224, got 0.552" was said
    ((CLIP_NORM, "    total = sum(g.abs().sum() for g in grads).item()\n"), "l1-norm"),
    # divided by the total norm, to a norm of 1: only the gradients' values were said
    ((CLIP_SCALE, "                g /= total\n"), "normalized"),
])
def test_a_norm_of_means_and_gradients_normalized_to_one_are_named(grade, edit, name):
    old, new = edit
    assert old in REFERENCE
    result = grade("ex07", REFERENCE.replace(old, new))["clip_grad_norm"]
    assert (result.status, result.misconception) == ("failed", name), result.feedback


def test_a_step_that_stops_one_parameter_short_is_named(grade):
    # range(len(params) - 1): the last parameter kept its values, and only "params[1]:
    # expected [...], got [...]" was said.
    step = ("    with torch.no_grad():\n        for i in range(len(params) - 1):\n"
            "            params[i] -= lr * params[i].grad\n")
    result = grade("ex07", REFERENCE.replace(SGD_STEP, step))["sgd_step"]
    assert (result.status, result.misconception) == ("failed", "last-left-out"), result.feedback


PREDICTIONS = ('    return {"a": (False, True), "b": (True, False), "c": (True, False), '
               '"d": (False, True),\n            "e": (False, True)}\n')

# Wrong answers of the third learner pass, each once told only "expected X, got Y" or another
# mistake's cause: (task, misconception, the reference's line, the learner's).
THIRD_PASS = {
    # each pair written (is_leaf, requires_grad): told unrecorded-require-grad
    "pairs swapped": ("predict_modes", "pairs-swapped", PREDICTIONS, (
        '    return {"a": (True, False), "b": (False, True), "c": (False, True), '
        '"d": (True, False),\n            "e": (True, False)}\n')),
    # the gradient scaled in place by lr, then subtracted: told only "params[0].grad after
    # the step: expected [...], got [...]"
    "grad scaled in place": ("sgd_step", "grad-scaled", "            p -= lr * p.grad\n",
                             "            p.grad *= lr\n            p -= p.grad\n"),
    # Session 35 (ex06, ex07, ex09, ex10 tried through the grader): the learning rate left
    # out, and the update made to the gradient, each told only "params[0]: expected ..."
    "lr left out": ("sgd_step", "lr-left-out", "            p -= lr * p.grad\n",
                    "            p -= p.grad\n"),
    "gradient stepped": ("sgd_step", "grad-stepped", "            p -= lr * p.grad\n",
                         "            p.grad -= lr * p.grad\n"),
    # Session 35's wrong answers still told only "expected X, got Y" (or another's sentence,
    # always-rescaled's for the comparison reversed), named in session 35b:
    "update made twice": ("sgd_step", "applied-twice", "            p -= lr * p.grad\n",
                          "            p -= lr * p.grad\n" * 2),
    "return inside the scaling loop": ("clip_grad_norm", "first-only", CLIP_SCALE,
                                       CLIP_SCALE + "                return total\n"),
    "largest element for the norm": ("clip_grad_norm", "largest-element", CLIP_NORM,
                                     "    total = max(g.abs().max().item() for g in grads)\n"),
    "scaled below max_norm": ("clip_grad_norm", "comparison-reversed",
                              "    if total > max_norm:\n", "    if total < max_norm:\n"),
    # and found among ten more tried per task, each told only "expected X, got Y"
    "new tensors returned": ("sgd_step", "returned-new", SGD_STEP, (
        "    with torch.no_grad():\n        return [p - lr * p.grad for p in params]\n")),
    "largest parameter's norm": ("clip_grad_norm", "largest-norm", CLIP_NORM,
                                 "    total = max(g.norm().item() for g in grads)\n"),
    # learn36: a step by the weight itself (or its .data), told only "params[0]: expected ..."
    **{f"stepped by {weight}": ("sgd_step", "weight-stepped", "            p -= lr * p.grad\n",
                                f"            p -= lr * {weight}\n") for weight in ("p", "p.data")},
    # learn36b: both at once, the weight for its gradient and the update through .data
    "p.data stepped by p.data": ("sgd_step", "weight-stepped-through-data", SGD_STEP,
                                 "    for p in params:\n        p.data -= lr * p.data\n"),
    # the clipping right, each gradient's norm returned in a list: told only "returned total
    # norm: expected a number, got a list"
    "norms returned in a list": ("clip_grad_norm", "norms-listed", "    return total\n",
                                 "    return [g.norm().item() for g in grads]\n"),
}


@pytest.mark.parametrize("mistake", sorted(THIRD_PASS))
def test_third_pass_mistakes_are_named(grade, mistake):
    task, name, right, wrong = THIRD_PASS[mistake]
    assert right in REFERENCE
    folder_sandboxes.assert_named(grade, "ex07", task, name, REFERENCE.replace(right, wrong))


def test_a_return_inside_the_steps_loop_is_among_the_causes_named(grade):
    # only the first parameter updated: told only of a loop that stops one short
    result = grade("ex07", REFERENCE.replace(SGD_STEP, SGD_STEP + "            return\n"))
    result = result["sgd_step"]
    assert (result.status, result.misconception) == ("failed", "last-left-out"), result.feedback
    assert "a return statement inside the loop" in result.feedback


CLIP_EACH = """
def clip_grad_norm(params, max_norm):
    norms = []
    for p in params:
        if p.grad is None:
            continue
        norm = p.grad.norm().item()
        norms.append(norm)
        if norm > max_norm:
            with torch.no_grad():
                p.grad *= max_norm / norm
    return {returned}
"""


@pytest.mark.parametrize("returned, name", [
    ("norm", "per-parameter-last-norm"), ("sum(norms)", "per-parameter-summed-norms"),
    ("max(norms)", "per-parameter-largest-norm"),
    ("torch.sqrt(sum((p.grad**2).sum() for p in params if p.grad is not None)).item()",
     "per-parameter-norm-after"), ("norms", "per-parameter-norms-listed")])
def test_each_gradient_clipped_by_its_own_norm_is_named_whatever_it_returns(grade, returned,
                                                                            name):
    """Only the loop that returned the total norm was named: the others read "returned total
    norm: expected ..., got ...", or the sentence of a mistake in measuring the norm (the last
    or the largest norm read as largest-norm, the norms added up as summed-norms), though
    every gradient was clipped on its own."""
    clip = REFERENCE[REFERENCE.index("def clip_grad_norm"):]
    source = REFERENCE.replace(clip, CLIP_EACH.format(returned=returned).lstrip())
    result = grade("ex07", source, seed=0)["clip_grad_norm"]
    assert result.misconception == name, result.feedback
    assert result.feedback.startswith("Each gradient was clipped on its own, by its own norm")



def test_a_clip_grad_norm_with_no_return_statement_is_told_so(grade):
    """It read only "returned total norm: expected a number, got None"."""
    source = REFERENCE.replace("    return total\n", "")
    result = grade("ex07", source, seed=0)["clip_grad_norm"]
    assert (result.status, result.misconception) == ("failed", None), result.feedback
    assert result.feedback.endswith(
        "What it means: clip_grad_norm has no return statement, so it returns None, whatever "
        "it computed: a function hands back only what a `return` gives it. End it with "
        "`return` and the value its docstring asks for."), result.feedback
    # sgd_step returns nothing on purpose: a .grad of None there is no missing return.
    cleared = REFERENCE.replace("p -= lr * p.grad\n",
                                "p -= lr * p.grad\n            p.grad = None\n")
    result = grade("ex07", cleared, seed=0)["sgd_step"]
    assert result.misconception == "grad-cleared", result.feedback


def test_each_gradient_summed_before_squaring_is_named(grade):
    # learn37b: g.sum() ** 2 for (g ** 2).sum() read only "returned total norm: expected
    # 0.248213, got 0.118896"
    right = "    total = torch.sqrt(sum((g**2).sum() for g in grads)).item()\n"
    source = REFERENCE.replace(right, right.replace("(g**2).sum()", "g.sum() ** 2"))
    result = grade("ex07", source, seed=0)["clip_grad_norm"]
    assert result.misconception == "sums-squared", result.feedback


def test_no_grad_called_on_a_line_of_its_own_is_told_it_switches_nothing_off(grade):
    # learn37b: `torch.no_grad()` as a statement before the loop read only that an in-place
    # update cannot run while autograd records
    right = "    with torch.no_grad():\n        for p in params:\n            p -= lr * p.grad\n"
    source = REFERENCE.replace(right, "    torch.no_grad()\n    for p in params:\n"
                                      "        p -= lr * p.grad\n")
    result = grade("ex07", source, seed=0)["sgd_step"]
    assert result.misconception == "outside-no-grad", result.feedback
    assert "called on a line of its own" in result.feedback, result.feedback
