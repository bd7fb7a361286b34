"""ex05 as learners write it: a mistake named for the program that makes it, through the real
grader."""

from pathlib import Path

import folder_sandboxes
import pytest

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


@pytest.mark.parametrize("once", [
    "    y.backward(torch.tensor(float(n)))\n",  # one backward() seeded with n
    "    (n * y).backward()\n",
    # the earlier gradient kept, then n times one fresh gradient added by hand
    "    before = x.grad.clone() if x.grad is not None else 0\n    x.grad = None\n"
    "    y.backward()\n    x.grad = before + n * x.grad\n",
])
def test_n_times_one_backward_is_not_n_backward_calls(grade, once):
    """The right numbers without accumulation: one backward() reached x, not n."""
    result = grade("ex05", "import minigrad as torch\n\n"
                           f"def grad_after_n(y, x, n):\n{once}    return x.grad\n")["grad_after_n"]
    assert (result.status, result.misconception) == ("failed", "scaled-once"), result.feedback
    assert "backward() calls that reached x: expected 2, got 1" in result.feedback


def test_one_backward_call_too_many_is_named(grade):
    result = grade("ex05", """
        def grad_after_n(y, x, n):
            for _ in range(n):
                y.backward(retain_graph=True)
            y.backward()
            return x.grad
        """)["grad_after_n"]
    assert result.misconception == "one-extra", result.feedback


def test_the_smaller_last_micro_batch_weighed_as_a_full_one_is_named(grade):
    result = grade("ex05", """
        def accumulate(w, xs, ys, size):
            for start in range(0, len(ys), size):
                xb, yb = xs[start:start + size], ys[start:start + size]
                (((xb @ w - yb) ** 2).mean() * size / len(ys)).backward()
        """)["accumulate"]
    assert result.misconception == "weighed-by-size", result.feedback


def test_x_times_3_predicted_to_survive_hears_about_its_saved_factor(grade):
    """Beside another wrong prediction, the first (x * 3) gets the text about x * 3, not the
    general one about x ** 2 and exp."""
    source = REFERENCE.replace('"(x * 3).sum()": False', '"(x * 3).sum()": True').replace(
        '"(x + x).mean()": True', '"(x + x).mean()": False')
    assert '"(x * 3).sum()": True' in source and '"(x + x).mean()": False' in source
    result = grade("ex05", source)["predict_twice"]
    assert result.misconception == "constant-factor", result.feedback


def test_a_key_written_with_other_spaces_is_named(grade):
    source = REFERENCE.replace('"(x + 1).sum()"', '"(x+1).sum()"')
    result = grade("ex05", source)["predict_twice"]
    assert "(x + 1).sum(): missing (your dict has '(x+1).sum()'" in result.feedback


def test_the_docstrings_example_rebuilt_at_each_call_is_named(grade):
    """Rebuilding y dodges the freed graph's error, for the docstring's expression only."""
    result = grade("ex05", """
        def grad_after_n(y, x, n):
            for _ in range(n):
                y = (x ** 3).sum()
                y.backward()
            return x.grad
        """)["grad_after_n"]
    assert result.misconception == "rebuilt-example", result.feedback


def test_micro_batches_cut_from_the_end_say_which_rows_they_took(grade):
    # The split ran the other way, each part weighed right: each backward() was once reported
    # as having gone through "none of the micro-batches", which said nothing of where the
    # split went wrong.
    result = grade("ex05", """
        def accumulate(w, xs, ys, size):
            stop = len(ys)
            while stop > 0:
                start = max(stop - size, 0)
                (((xs[start:stop] @ w - ys[start:stop]) ** 2).sum() / len(ys)).backward()
                stop = start
        """, seed=0)["accumulate"]
    assert (result.status, result.misconception) == ("failed", "from-the-end"), result.feedback
    assert ("what each backward() went through: first difference at index 0: expected "
            "'micro-batch 1 of 3', got 'rows 0 to 1, not a micro-batch") in result.feedback


def test_grads_zeroed_after_each_micro_batch_are_named(grade):
    # zero_() after each backward(), a training loop's habit: w.grad ends as zeros, and only
    # "w.grad: expected [...], got [0., 0., 0.]" was said.
    t = grade("ex05", """
        def accumulate(w, xs, ys, size):
            n = len(ys)
            for start in range(0, n, size):
                xb, yb = xs[start:start + size], ys[start:start + size]
                (((xb @ w - yb) ** 2).mean() * len(yb) / n).backward()
                w.grad.zero_()
        """)["accumulate"]
    assert (t.status, t.misconception) == ("failed", "zeroed-after-each"), t.feedback


def test_gradients_added_up_from_autograd_grad_are_named(grade):
    # torch.autograd.grad reaches x n times and the sum has the right numbers, but nothing
    # accumulated in x.grad: this scored 1/1.
    result = grade("ex05", """
        import minigrad as torch

        def grad_after_n(y, x, n):
            total = x.grad.clone() if x.grad is not None else 0
            for _ in range(n):
                (g,) = torch.autograd.grad(y, x, retain_graph=True)
                total = total + g
            return total
        """, seed=0)["grad_after_n"]
    assert (result.status, result.misconception) == ("failed", "autograd-grad"), result.feedback
    assert "x.grad after the call" in result.feedback


def test_micro_batch_losses_averaged_into_one_backward_are_named(grade):
    # One backward() of the micro-batch means' average: no accumulation, and the last,
    # smaller micro-batch weighed as a full one. Only w.grad's values were shown.
    result = grade("ex05", """
        def accumulate(w, xs, ys, size):
            losses = []
            for start in range(0, len(ys), size):
                xb, yb = xs[start:start + size], ys[start:start + size]
                losses.append(((xb @ w - yb) ** 2).mean())
            (sum(losses) / len(losses)).backward()
        """, seed=0)["accumulate"]
    assert (result.status, result.misconception) == ("failed", "losses-added-first"), \
        result.feedback


def test_a_share_written_with_integer_division_is_named(grade):
    # len(yb) // len(ys) is 0 for every micro-batch: each backward() reached w with zeros, and
    # only "w.grad: expected [...], got [0., 0., 0.]" was said, as if nothing had run.
    t = grade("ex05", """
        def accumulate(w, xs, ys, size):
            for start in range(0, len(ys), size):
                xb, yb = xs[start:start + size], ys[start:start + size]
                (((xb @ w - yb) ** 2).mean() * (len(yb) // len(ys))).backward()
        """)["accumulate"]
    assert (t.status, t.misconception) == ("failed", "floor-divided"), t.feedback


def test_a_loss_floor_divided_as_a_tensor_hears_what_the_error_means(grade):
    # loss * len(yb) // len(ys): the tensor itself floor-divided, and PyTorch's "derivative for
    # aten::floor_divide is not implemented" alone said nothing of //.
    t = grade("ex05", """
        def accumulate(w, xs, ys, size):
            for start in range(0, len(ys), size):
                xb, yb = xs[start:start + size], ys[start:start + size]
                loss = ((xb @ w - yb) ** 2).mean() * len(yb) // len(ys)
                loss.backward()
        """)["accumulate"]
    assert t.status == "failed", t.feedback
    assert "floor_divide" in t.feedback and "What it means: // divides" in t.feedback, t.feedback


def _accumulate(starts, stop):
    return f"""
        def accumulate(w, xs, ys, size):
            n = len(ys)
            for start in {starts}:
                xb, yb = xs[start:{stop}], ys[start:{stop}]
                (((xb @ w - yb) ** 2).sum() / n).backward()
        """


# Wrong answers of the second learner pass, each once told only "expected X, got Y" (y.grad
# returned was also told it had printed something, for minigrad's warning about a non-leaf's
# .grad): (task, misconception, learner file).
SECOND_PASS = {
    "y.grad returned": ("grad_after_n", "returned-y-grad", """
        def grad_after_n(y, x, n):
            for _ in range(n):
                y.backward(retain_graph=True)
            return y.grad
        """),
    "range without its step": ("accumulate", "overlapping",
                               _accumulate("range(n)", "start + size")),
    "slice one short": ("accumulate", "slice-one-short",
                        _accumulate("range(0, n, size)", "start + size - 1")),
    # learn36's day-one pass: len(ys) // size, the lesson's k, counts the full ones alone
    "divided by the full micro-batches": ("accumulate", "divided-by-full-count", _accumulate(
        "range(0, n, size)", "start + size").replace(".sum() / n", ".mean() / (n // size)")),
    # learn36b: a number of samples read from shape[1], the features
    "xb.shape[1] for its samples": ("accumulate", "columns-for-rows", _accumulate(
        "range(0, n, size)", "start + size").replace(".sum() / n", ".mean() * xb.shape[1] / n")),
    "xs.shape[1] for all samples": ("accumulate", "columns-for-all-rows", _accumulate(
        "range(0, n, size)", "start + size").replace(".sum() / n", ".sum() / xs.shape[1]")),
}


def test_predictions_in_the_docstrings_words_are_told_it_asks_for_bools(grade):
    # learn36b: 'runs' and 'raises' read only "expected True, got 'runs'".
    words = {"x.sum()": "runs", "(x + 1).sum()": "runs", "(x * 3).sum()": "runs",
             "(x ** 2).sum()": "raises", "x.exp().sum()": "raises", "(x + x).mean()": "runs"}
    t = grade("ex05", f"def predict_twice():\n    return {words!r}\n")["predict_twice"]
    assert t.status == "failed", t.feedback
    assert t.feedback.endswith("expected True, got 'runs' (a bool, True or False, as the "
                               "docstring asks: not a word)"), t.feedback


@pytest.mark.parametrize("mistake", sorted(SECOND_PASS))
def test_second_pass_mistakes_are_named(grade, mistake):
    folder_sandboxes.assert_named(grade, "ex05", *SECOND_PASS[mistake])


def test_micro_batches_cut_by_chunk_are_named(grade):
    # xs.chunk(size) makes size pieces: it read "backward() calls that reached w: expected 3,
    # got 4" alone.
    result = grade("ex05", """
        def accumulate(w, xs, ys, size):
            for xb, yb in zip(xs.chunk(size), ys.chunk(size)):
                (((xb @ w - yb) ** 2).mean() * len(yb) / len(ys)).backward()
        """)["accumulate"]
    assert result.misconception == "chunked-into-size", result.feedback


def test_micro_batches_cut_by_split_pass(grade):
    result = grade("ex05", """
        def accumulate(w, xs, ys, size):
            for xb, yb in zip(xs.split(size), ys.split(size)):
                (((xb @ w - yb) ** 2).sum() / len(ys)).backward()
        """)["accumulate"]
    assert result.status == "passed", result.feedback


def test_a_grad_after_n_with_no_return_statement_is_not_told_it_returned_y_grad(grade):
    """The n backward() calls made and x.grad never returned gives None, as returning y.grad
    does: its learner read "That is y.grad, which is None", of a y.grad they never wrote."""
    last = "    y.backward()\n    return x.grad\n"
    result = grade("ex05", REFERENCE.replace(last, "    y.backward()\n"))["grad_after_n"]
    assert (result.status, result.misconception) == ("failed", None), result.feedback
    assert "y.grad" not in result.feedback
    assert "What it means: grad_after_n has no return statement" in result.feedback


def test_micro_batch_losses_added_up_before_one_backward_are_told_so(grade):
    """Each micro-batch's loss rightly weighed, all added up, then one backward(): named
    one-backward, whose sentence spoke of one backward() over the whole batch alone."""
    result = grade("ex05", """
        def accumulate(w, xs, ys, size):
            n = len(ys)
            total = 0
            for start in range(0, n, size):
                xb, yb = xs[start:start + size], ys[start:start + size]
                total = total + ((xb @ w - yb) ** 2).mean() * len(yb) / n
            total.backward()
        """)["accumulate"]
    assert result.misconception == "one-backward", result.feedback
    assert "one backward() of the micro-batch losses added up first" in result.feedback
