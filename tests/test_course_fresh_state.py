"""What one task's code leaves switched (grad mode off, a float64 default dtype) does not fail
the next case or task: the child switches it back before each case, and an error raised while
grad mode was off says so. Each learner file runs through the real grader."""

from pathlib import Path

import folder_sandboxes

box, grade = folder_sandboxes.box, folder_sandboxes.grade

REFERENCE = (Path(__file__).parents[1] / "course" / "solutions" / "ex07_no_grad.py").read_text()


def _with_line_in(source: str, function: str, line: str) -> str:
    """`source` with `line` first in the body of `function`."""
    head = f"def {function}("
    start = source.index(head)
    body = source.index(":\n", start) + 2
    return f"{source[:body]}    {line}\n{source[body:]}"


def test_grad_mode_switched_off_in_one_task_does_not_fail_the_others(grade):
    source = _with_line_in(REFERENCE, "predict_modes", "torch.set_grad_enabled(False)")
    results = grade("ex07", source)
    assert all(r.status == "passed" for r in results.values()), {
        name: r.feedback for name, r in results.items() if r.status != "passed"}


def test_grad_mode_or_default_dtype_switched_at_import_does_not_fail_a_right_answer(grade):
    source = REFERENCE.replace(
        "\ndef ", "\ntorch.set_grad_enabled(False)\ntorch.set_default_dtype(torch.float64)\n"
        "\ndef ", 1)
    results = grade("ex07", source)
    assert all(r.status == "passed" for r in results.values())


def test_an_error_raised_with_grad_mode_left_off_says_so(grade):
    # sgd_step that turns grad mode off (and never on again) before its update: the grader's
    # backward after it then finds no graph; each case starts with grad mode on again.
    source = REFERENCE.replace(
        "def sgd_step(params, lr):\n",
        "def sgd_step(params, lr):\n    torch.set_grad_enabled(False)\n"
        "    (params[0] * 1).sum().backward()\n")
    result = grade("ex07", source)["sgd_step"]
    assert result.status == "failed"
    assert "grad mode was off when this was raised" in result.feedback
