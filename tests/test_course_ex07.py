"""ex07 as learners write it: a mistake named for the program that makes it, through the real
grader."""

from pathlib import Path

import folder_sandboxes

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
