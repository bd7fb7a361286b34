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
