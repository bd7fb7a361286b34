"""ex06 as learners write it: each known mistake of both tasks is named for a program that
makes it, the reference and other right ways to clear gradients pass, and no two mistakes (nor
a mistake and the reference) look the same on the cases. Each learner file runs through the
real grader."""

import inspect
import textwrap

import folder_sandboxes
import pytest

from course import engine
from course.compare import compare_case
from course.solutions import ex06_zeroing as reference
from course.specs.through_data import used_data
from course.tasks import exercise

# The grading fixtures the files that grade learner programs share (see folder_sandboxes).
box, grade = folder_sandboxes.box, folder_sandboxes.grade

HEADER = "import minigrad as torch\n"


@pytest.fixture
def ex06(grade):
    """ex06(source, seed=5): an ex06 file (minigrad imported as torch) through the grader."""
    return lambda source, seed=5: grade("ex06", HEADER + textwrap.dedent(source), seed)


def _train(clear_start: str = "w.grad = None", update: str = "b -= lr * b.grad",
           after_b: str = "b.grad = None", start: str = "1") -> str:
    """A train() as a learner writes it, with one of its lines changed."""
    return f"""
        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches, {start}):
                {clear_start}
                loss = ((x @ w + b - y) ** 2).mean()
                loss.backward()
                with torch.no_grad():
                    w -= lr * w.grad
                    if step % every == 0:
                        {update}
                        {after_b}
        """


TRAIN_MISTAKES = {
    "b-cleared-every-step": _train(clear_start="w.grad = None; b.grad = None", after_b="pass"),
    "b-never-cleared": _train(after_b="pass"),
    "w-never-cleared": _train(clear_start="pass"),
    "nothing-cleared": _train(clear_start="pass", after_b="pass"),
    # zero_grad() once per window, as for micro-batches: w's updates in between use sums
    "cleared-with-b": _train(clear_start="pass", after_b="w.grad = None; b.grad = None"),
    "b-every-step": """
        def train(w, b, batches, lr, every):
            for x, y in batches:
                w.grad = None
                b.grad = None
                ((x @ w + b - y) ** 2).mean().backward()
                with torch.no_grad():
                    w -= lr * w.grad
                    b -= lr * b.grad
        """,
    "averaged": _train(update="b -= lr * b.grad / every"),
    # ((pred - y) ** 2).sum() for the docstring's mean: every gradient 4 times as large, and
    # only "b after training: expected 0.2302, got 1.2113" was said
    "summed-loss": _train().replace(".mean()", ".sum()"),
    "counted-from-zero": _train(start="0"),
    # counted from 1 and tested one step ahead: the same as counted-from-zero where every is 2,
    # on the first case, whose text ("counted from 0") it was given
    "one-step-early": _train().replace("step % every", "(step + 1) % every"),
    "zero-none": _train(clear_start="w.grad.zero_()", after_b="b.grad.zero_()"),
    "rebound": """
        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches, 1):
                w.grad = None
                loss = ((x @ w + b - y) ** 2).mean()
                loss.backward()
                w = w - lr * w.grad
                if step % every == 0:
                    b = b - lr * b.grad
                    b.grad = None
        """,
    "used-data": """
        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches, 1):
                w.grad = None
                ((x @ w + b - y) ** 2).mean().backward()
                w.data -= lr * w.grad
                if step % every == 0:
                    b.data -= lr * b.grad
                    b.grad = None
        """,
    # lesson 06's "Common mistake: clearing between backward() and step()"
    "cleared-before-update": """
        def train(w, b, batches, lr, every):
            optimizer = torch.optim.SGD([w, b], lr=lr)
            for x, y in batches:
                loss = ((x @ w + b - y) ** 2).mean()
                loss.backward()
                optimizer.zero_grad()
                optimizer.step()
        """,
    # the last, partial window's gradients "flushed" into b after the loop
    "leftover-update": _train() + """
            if len(batches) % every:
                with torch.no_grad():
                    b -= lr * b.grad
        """,
    # lesson 06's accumulation pattern, one optimizer stepping w and b every few steps
    "w-with-b": """
        def train(w, b, batches, lr, every):
            optimizer = torch.optim.SGD([w, b], lr=lr)
            for step, (x, y) in enumerate(batches, 1):
                ((x @ w + b - y) ** 2).mean().backward()
                if step % every == 0:
                    optimizer.step()
                    optimizer.zero_grad()
        """,
    "zeroed-before-update": """
        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches, 1):
                loss = ((x @ w + b - y) ** 2).mean()
                loss.backward()
                w.grad.zero_()
                b.grad.zero_()
                with torch.no_grad():
                    w -= lr * w.grad
                    if step % every == 0:
                        b -= lr * b.grad
        """,
    # Third pass (each once told only which steps changed b, or b's final value):
    # step == every for step % every == 0
    "updated-once": _train().replace("step % every == 0", "step == every"),
    # range(len(batches)) from 0, with `step > 0` to skip the update after step 0
    "one-step-late": """
        def train(w, b, batches, lr, every):
            for step in range(len(batches)):
                x, y = batches[step]
                w.grad = None
                ((x @ w + b - y) ** 2).mean().backward()
                with torch.no_grad():
                    w -= lr * w.grad
                    if step % every == 0 and step > 0:
                        b -= lr * b.grad
                        b.grad = None
        """,
    "gradient-ascent": _train(update="b += lr * b.grad").replace("w -= lr", "w += lr"),
    # the right updates with no .grad at all: b's gradients summed in a variable (scored 1/1)
    "autograd-grad": """
        def train(w, b, batches, lr, every):
            total = 0
            for step, (x, y) in enumerate(batches, 1):
                loss = ((x @ w + b - y) ** 2).mean()
                gw, gb = torch.autograd.grad(loss, [w, b])
                total = total + gb
                with torch.no_grad():
                    w -= lr * gw
                    if step % every == 0:
                        b -= lr * total
                        total = 0
        """,
    # b's window adding up in b.grad from backward(inputs=[b]), w's gradients from
    # torch.autograd.grad, so w.grad never needs clearing (red team 16: scored 1/1)
    "autograd-grad-for-w": """
        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches, 1):
                loss = ((x @ w + b - y) ** 2).mean()
                (gw,) = torch.autograd.grad(loss, w, retain_graph=True)
                loss.backward(inputs=b)
                with torch.no_grad():
                    w -= lr * gw
                    if step % every == 0:
                        b -= lr * b.grad
                        b.grad = None
        """,
    # backward() at every step, but b's window summed aside while b.grad is cleared each step:
    # the updates are right, and scored 1/1
    "summed-aside": """
        def train(w, b, batches, lr, every):
            total = None
            for step, (x, y) in enumerate(batches, 1):
                w.grad = None
                b.grad = None
                ((x @ w + b - y) ** 2).mean().backward()
                total = b.grad.clone() if total is None else total + b.grad
                with torch.no_grad():
                    w -= lr * w.grad
                    if step % every == 0:
                        b -= lr * total
                        total = None
        """,
    # Session 37, each once told only "b after training" or which steps changed b:
    # b.grad = None where w.grad = None was meant
    "b-cleared-for-w": _train(clear_start="b.grad = None", after_b="pass"),
    # b.zero_() where b.grad was meant, under the update's no_grad()
    "zeroed-param": _train(after_b="b.zero_()"),
    # b's update at the top of the loop, before that step's backward()
    "b-updated-before-backward": """
        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches, start=1):
                if step % every == 0:
                    with torch.no_grad():
                        b -= lr * b.grad
                    b.grad = None
                w.grad = None
                loss = ((x @ w + b - y) ** 2).mean()
                loss.backward()
                with torch.no_grad():
                    w -= lr * w.grad
        """,
    # Session 37b, each told only "b after training: expected 0.2302, got ...":
    # the errors averaged without their square, or their absolute values
    "not-squared": _train().replace("((x @ w + b - y) ** 2)", "(x @ w + b - y)"),
    "absolute-loss": _train().replace("((x @ w + b - y) ** 2)", "(x @ w + b - y).abs()"),
    # w's update in the else of b's test, so b's steps leave w as it was
    "w-skipped-on-b-steps": """
        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches, 1):
                w.grad = None
                ((x @ w + b - y) ** 2).mean().backward()
                with torch.no_grad():
                    if step % every == 0:
                        b -= lr * b.grad
                        b.grad = None
                    else:
                        w -= lr * w.grad
        """,
    # an update divided by the step's number: b's alone, or w's too
    "divided-by-step": _train(update="b -= lr * b.grad / step"),
    "both-divided-by-step": _train(update="b -= lr * b.grad / step").replace(
        "w -= lr * w.grad", "w -= lr * w.grad / step"),
}

ZERO_MISTAKES = {
    "always-none": """
        def zero_grads(params, set_to_none=True):
            for p in params:
                p.grad = None
        """,
    "always-zeroed": """
        def zero_grads(params, set_to_none=True):
            for p in params:
                if p.grad is not None:
                    p.grad.zero_()
        """,
    # Session 35: the test inverted (`if not set_to_none:`): told always-zeroed's sentence for
    # the default's case alone, which the set_to_none=False case contradicted
    "modes-swapped": """
        def zero_grads(params, set_to_none=True):
            for p in params:
                if not set_to_none:
                    p.grad = None
                elif p.grad is not None:
                    p.grad.zero_()
        """,
    "new-zeros": """
        def zero_grads(params, set_to_none=True):
            for p in params:
                if set_to_none:
                    p.grad = None
                elif p.grad is not None:
                    p.grad = torch.zeros_like(p.grad)
        """,
    "new-zeros-everywhere": """
        def zero_grads(params, set_to_none=True):
            for p in params:
                p.grad = None if set_to_none else torch.zeros_like(p)
        """,
    "name-rebound": """
        def zero_grads(params, set_to_none=True):
            for p in params:
                if set_to_none:
                    p = None
                elif p.grad is not None:
                    p.grad.zero_()
        """,
    # p for p.grad: refused, and then, as the error's hint says, put under no_grad()
    "zeroed-param": """
        def zero_grads(params, set_to_none=True):
            for p in params:
                if set_to_none:
                    p.grad = None
                elif p.grad is not None:
                    p.zero_()
        """,
    "zeroed-param-no-grad": """
        def zero_grads(params, set_to_none=True):
            with torch.no_grad():
                for p in params:
                    if set_to_none:
                        p.grad = None
                    elif p.grad is not None:
                        p.zero_()
        """,
    # the reference with a return indented into its loop (third pass: told only
    # "params[1].grad: expected None")
    "first-only": inspect.getsource(reference.zero_grads) + "        return\n",
    "zero-none": """
        def zero_grads(params, set_to_none=True):
            for p in params:
                if set_to_none:
                    p.grad = None
                else:
                    p.grad.zero_()
        """,
    # the error of zero-none met with new zeros: got only "params[2].grad: expected None"
    "zeros-for-none": """
        def zero_grads(params, set_to_none=True):
            for p in params:
                if set_to_none:
                    p.grad = None
                elif p.grad is None:
                    p.grad = torch.zeros_like(p)
                else:
                    p.grad.zero_()
        """,
    # Session 37: "turning the gradient off", told only the error of the check's own next
    # backward(), on no line of the learner's
    "requires-grad-off": inspect.getsource(reference.zero_grads).replace(
        "p.grad = None", "p.requires_grad = False"),
}


def test_every_misconception_has_a_program_here():
    tasks = {t.name: t for t in exercise("ex06").tasks}
    assert {m.name for m in tasks["train"].misconceptions} == set(TRAIN_MISTAKES)
    assert {m.name for m in tasks["zero_grads"].misconceptions} == set(ZERO_MISTAKES)


@pytest.mark.parametrize("task, name, source",
                         [("train", n, s) for n, s in TRAIN_MISTAKES.items()]
                         + [("zero_grads", n, s) for n, s in ZERO_MISTAKES.items()])
def test_each_mistake_is_named(ex06, task, name, source):
    t = ex06(source)[task]
    assert (t.status, t.misconception, t.points) == ("failed", name, 0), t.feedback
    spec = next(s for s in exercise("ex06").tasks if s.name == task)
    assert t.feedback.startswith(next(m.feedback for m in spec.misconceptions if m.name == name))


def test_rebinding_under_no_grad_is_the_same_mistake(ex06):
    t = ex06("""
        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches, 1):
                w.grad = None
                ((x @ w + b - y) ** 2).mean().backward()
                with torch.no_grad():
                    w = w - lr * w.grad
                    if step % every == 0:
                        b = b - lr * b.grad
        """)["train"]
    assert t.misconception == "rebound"
    assert "with or without torch.no_grad()" in t.feedback


def test_updating_data_gets_the_same_hint_as_in_ex07(ex06):
    t = ex06(TRAIN_MISTAKES["used-data"])["train"]
    assert (t.status, t.misconception) == ("failed", "used-data")
    assert t.feedback.startswith(used_data("w"))
    sgd = next(t for t in exercise("ex07").tasks if t.name == "sgd_step")
    assert next(m.feedback for m in sgd.misconceptions if m.name == "used-data") == used_data("p")


def test_rebinding_after_clearing_at_the_start_is_not_called_late_clearing(ex06):
    t = ex06(TRAIN_MISTAKES["rebound"])["train"]
    assert t.misconception == "rebound"
    assert not t.feedback.startswith("The gradients were")  # neither cleared nor zeroed late
    assert "w (or b) was rebound" in t.feedback


def test_clearing_both_then_updating_only_what_remains_is_named(ex06):
    t = ex06("""
        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches, 1):
                loss = ((x @ w + b - y) ** 2).mean()
                loss.backward()
                w.grad = None
                b.grad = None
                with torch.no_grad():
                    if w.grad is not None:
                        w -= lr * w.grad
                    if step % every == 0 and b.grad is not None:
                        b -= lr * b.grad
        """)["train"]
    assert (t.status, t.misconception) == ("failed", "cleared-before-update")
    assert t.feedback.startswith("The gradients were cleared between loss.backward() and the "
                                 "updates")


def test_a_loop_that_never_updates_is_not_told_it_cleared_too_late(ex06):
    t = ex06("""
        def train(w, b, batches, lr, every):
            for x, y in batches:
                w.grad = None
                b.grad = None
                ((x @ w + b - y) ** 2).mean().backward()
        """)["train"]
    assert t.status == "failed" and t.misconception is None


def test_clearing_then_updating_with_none_lists_that_cause(ex06):
    t = ex06("""
        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches, 1):
                loss = ((x @ w + b - y) ** 2).mean()
                loss.backward()
                w.grad = None
                with torch.no_grad():
                    w -= lr * w.grad
                    if step % every == 0:
                        b -= lr * b.grad
                        b.grad = None
        """)["train"]
    assert t.misconception == "rebound"  # the same TypeError: the hint lists every cause
    assert "the gradient was cleared between backward() and the update" in t.feedback


def test_updating_only_b_every_step_names_the_schedule(ex06):
    t = ex06(TRAIN_MISTAKES["b-every-step"])["train"]
    assert "steps after which b changed: first difference at index 0: expected 2, got 1" in \
        t.feedback


RIGHT_WAYS = {
    "reference": (engine.SOLUTIONS / exercise("ex06").filename).read_text(),
    # zero_() where a gradient exists, each cleared right after the update that used it
    "zero_() after use": """
        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches, 1):
                ((x @ w + b - y) ** 2).mean().backward()
                with torch.no_grad():
                    w -= lr * w.grad
                    w.grad.zero_()
                    if step % every == 0:
                        b -= lr * b.grad
                        b.grad.zero_()
        """,
    # b's gradient cleared as a window starts rather than after the update
    "b cleared as a window starts": """
        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches):
                w.grad = None
                if step % every == 0:
                    b.grad = None
                ((x @ w + b - y) ** 2).mean().backward()
                with torch.no_grad():
                    w -= lr * w.grad
                    if (step + 1) % every == 0:
                        b -= lr * b.grad
        """,
    # a while loop over indices, b.grad zeroed in place as each window starts
    "while loop, b zeroed as a window starts": """
        def train(w, b, batches, lr, every):
            i = 0
            while i < len(batches):
                x, y = batches[i]
                w.grad = None
                if i % every == 0 and b.grad is not None:
                    b.grad.zero_()
                loss = ((x @ w + b - y) ** 2).mean()
                loss.backward()
                with torch.no_grad():
                    w.sub_(lr * w.grad)
                    if (i + 1) % every == 0:
                        b.sub_(lr * b.grad)
                i += 1
        """,
    # b.grad read into a name for the update: the sum is still the one .grad kept
    "b.grad read into a name": """
        def train(w, b, batches, lr, every):
            for step in range(1, len(batches) + 1):
                x, y = batches[step - 1]
                loss = ((x @ w + b - y) ** 2).mean()
                loss.backward()
                with torch.no_grad():
                    w -= lr * w.grad
                w.grad = None
                if step % every == 0:
                    window_sum = b.grad
                    with torch.no_grad():
                        b -= lr * window_sum
                    b.grad = None
        """,
    "two optimizers": """
        def train(w, b, batches, lr, every):
            step_w, step_b = torch.optim.SGD([w], lr=lr), torch.optim.SGD([b], lr=lr)
            for i, (x, y) in enumerate(batches):
                step_w.zero_grad()
                ((x @ w + b - y) ** 2).mean().backward()
                step_w.step()
                if (i + 1) % every == 0:
                    step_b.step()
                    step_b.zero_grad()

        def zero_grads(params, set_to_none=True):
            for p in params:
                if p.grad is None:
                    continue
                if set_to_none:
                    p.grad = None
                else:
                    p.grad.mul_(0)
        """,
    # `del p.grad`, which PyTorch allows as `p.grad = None`: minigrad raised AttributeError
    # ("property 'grad' of 'Tensor' object has no deleter") and both tasks scored 0
    "del p.grad": """
        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches, 1):
                ((x @ w + b - y) ** 2).mean().backward()
                with torch.no_grad():
                    w -= lr * w.grad
                    del w.grad
                    if step % every == 0:
                        b -= lr * b.grad
                        del b.grad

        def zero_grads(params, set_to_none=True):
            for p in params:
                if set_to_none:
                    del p.grad
                elif p.grad is not None:
                    p.grad.zero_()
        """,
}


@pytest.mark.parametrize("way", sorted(RIGHT_WAYS))
def test_right_ways_pass(ex06, way):
    for seed in (0, 5):
        for name, t in ex06(RIGHT_WAYS[way], seed).items():
            if f"def {name}(" in RIGHT_WAYS[way]:
                assert t.status == "passed", (way, name, t.feedback)


@pytest.mark.parametrize("seed", [0, 1, 5, 123])
def test_no_two_outcomes_look_the_same(seed):
    """Each variant differs from the reference and from every other variant on the cases, so
    a learner's program gets the one explanation that fits it."""
    for task, expect in zip(exercise("ex06").tasks, engine.expectations("ex06", seed),
                            strict=True):
        outcomes = {"reference": expect["reference"],
                    **{name: expect["variants"][name] for name in expect["variants"]}}
        names = list(outcomes)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                assert any(compare_case(x, y, task.rtol, task.atol) for x, y in
                           zip(outcomes[a], outcomes[b], strict=True)), (task.name, a, b)


def test_clearing_b_at_the_start_of_its_update_step_is_not_called_every_step(ex06):
    """Cleared before the backward() of the step that updates it, b loses its window's earlier
    gradients as when cleared at every step: the feedback must fit both loops."""
    t = ex06("""
        def train(w, b, batches, lr, every):
            for step, (x, y) in enumerate(batches, 1):
                w.grad = None
                if step % every == 0:
                    b.grad = None
                ((x @ w + b - y) ** 2).mean().backward()
                with torch.no_grad():
                    w -= lr * w.grad
                    if step % every == 0:
                        b -= lr * b.grad
        """)["train"]
    assert t.misconception == "b-cleared-every-step", t.feedback
    assert "before the backward() of the step that updates b" in t.feedback


def test_an_optimizers_own_zero_grad_is_no_answer(ex06):
    """zero_grads is to do what zero_grad() does: calling it passes no more."""
    t = ex06("""
        def zero_grads(params, set_to_none=True):
            torch.optim.SGD(params, lr=0.0).zero_grad(set_to_none=set_to_none)
        """)["zero_grads"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    assert t.feedback.startswith("Your zero_grads calls an optimizer's")
    # train may use one: only zero_grads is to do zero_grad()'s work itself.
    assert ex06(RIGHT_WAYS["two optimizers"])["zero_grads"].status == "passed"


@pytest.mark.parametrize("task, source, error", [
    ("zero_grads", """
        def zero_grads(params, none=True):
            for p in params:
                p.grad = None
        """, "zero_grads() got an unexpected keyword argument 'set_to_none'"),
    ("train", """
        def train(w, b, batches, lr):
            pass
        """, "train() takes 4 positional arguments but 5 were given"),
])
def test_a_def_line_changed_from_the_stubs_is_told_to_be_kept(ex06, task, source, error):
    # The call itself fails, on no line of the learner's file: the TypeError alone said nothing
    # of why the check passes what it passes.
    t = ex06(source)[task]
    assert t.status == "failed" and error in t.feedback, t.feedback
    assert (f"What it means: the check calls {task} as the stub defines it" in t.feedback
            and f"keep the stub's `def {task}(...)` line as it was" in t.feedback), t.feedback
    # ... and the line that differs is quoted, as a line of the learner's is elsewhere.
    def_line = source.strip().splitlines()[0]
    assert f"{error} (line " in t.feedback and f": {def_line})" in t.feedback, t.feedback


@pytest.mark.parametrize("detached", ["w.detach()", "w.data"])
def test_a_detached_w_in_the_loss_is_among_the_causes_named(ex06, detached):
    # backward() never reaches w, whose .grad stays None: the same error as a rebound w, and
    # the reply listed three causes, none of them this one.
    t = ex06(_train().replace("x @ w + b", f"x @ {detached} + b"))["train"]
    assert (t.status, t.misconception) == ("failed", "rebound"), t.feedback
    assert "the loss was computed from a detached w (w.detach() or w.data in the prediction)" \
        in t.feedback



def test_a_loss_without_b_is_among_the_causes_named(ex06):
    # x @ w alone: b.grad stays None, and its update raised where the four causes listed did
    # not include the learner's (third pass)
    t = ex06(_train().replace("x @ w + b - y", "x @ w - y"))["train"]
    assert (t.status, t.misconception) == ("failed", "rebound"), t.feedback
    assert "the loss did not use b at all" in t.feedback


def test_a_matrix_product_the_wrong_way_round_is_explained(ex06):
    # Session 35: `w @ x` for `x @ w` got PyTorch's "mat1 and mat2 shapes cannot be
    # multiplied (1x3 and 4x3)" alone, naming neither of the learner's tensors.
    source = (engine.SOLUTIONS / "ex06_zeroing.py").read_text().replace("x @ w", "w @ x")
    t = ex06(source)["train"]
    assert t.status == "failed" and "shapes cannot be multiplied" in t.feedback, t.feedback
    assert "What it means: in a @ b the last size of a must equal the first of b" in t.feedback


def test_a_gradient_tested_as_a_truth_value_is_told_how_to_test_for_none(ex06):
    # `elif p.grad:` on a gradient of three numbers: the reply spoke only of `t in some_list`
    t = ex06("""
        def zero_grads(params, set_to_none=True):
            for p in params:
                if set_to_none:
                    p.grad = None
                elif p.grad:
                    p.grad.zero_()
        """)["zero_grads"]
    assert t.status == "failed" and "Boolean value of Tensor" in t.feedback, t.feedback
    assert "`if t:`" in t.feedback and "`p.grad is not None`" in t.feedback, t.feedback


def test_switching_bs_requires_grad_off_is_among_the_causes_of_a_missing_grad(ex06):
    # b.requires_grad = False at the top: b.grad stays None, and the reply listed five causes,
    # none of them this one (session 37b)
    t = ex06(_train().replace("            for step", "            b.requires_grad = False\n"
                                                    "            for step", 1))["train"]
    assert (t.status, t.misconception) == ("failed", "rebound"), t.feedback
    assert "b.requires_grad = False" in t.feedback, t.feedback
