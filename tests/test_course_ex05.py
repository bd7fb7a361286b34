"""ex05 as learners write it: a mistake named for the program that makes it, through the real
grader."""

from pathlib import Path

import folder_sandboxes

box, grade = folder_sandboxes.box, folder_sandboxes.grade

REFERENCE = (Path(__file__).parents[1] / "course" / "solutions" /
             "ex05_accumulation.py").read_text()


def test_one_backward_call_short_is_not_told_it_zeroed(grade):
    """n - 1 calls give, on the first case (x.grad None, n = 2), what zeroing between calls
    gives: the feedback must name the missing call, which every case shows."""
    last = "    y.backward()\n    return x.grad\n"
    assert last in REFERENCE
    result = grade("ex05", REFERENCE.replace(last, "    return x.grad\n"))["grad_after_n"]
    assert result.misconception == "one-short", result.feedback
    assert "zero" not in result.feedback


def test_the_whole_batchs_loss_backpropagated_once_per_micro_batch_is_named(grade):
    result = grade("ex05", """
        def accumulate(w, xs, ys, size):
            loss = ((xs @ w - ys) ** 2).mean()
            for start in range(0, len(ys), size):
                loss.backward(retain_graph=True)
        """)["accumulate"]
    assert result.misconception == "whole-batch-each-time-unscaled", result.feedback
