"""Red team 16's attacks on the grader, each a real learner file run through the real grader."""

import csv
import zipfile
from pathlib import Path

import folder_sandboxes
import pytest

from course import cli

box, grade = folder_sandboxes.box, folder_sandboxes.grade

_REFERENCE = Path(__file__).parents[1] / "course" / "solutions"
_BY_GRAD = ("import minigrad as torch\n\ndef derivative(f, x0):\n"
            "    x = torch.tensor(x0, requires_grad=True)\n"
            "    (g,) = torch.autograd.grad(f(x), x)\n{derivative}"
            "def vjp(f, x, v):\n    (g,) = torch.autograd.grad(f(x), x, v)\n{vjp}")


@pytest.mark.parametrize("derivative, vjp", [
    # a backward() of f elsewhere, its .grad never read
    ("    f(torch.tensor(0.5, requires_grad=True)).backward()\n    return g.item()\n\n",
     "    f(x.detach().requires_grad_()).sum().backward()\n    return g\n"),
    # autograd.grad's gradient handed to backward() on x itself
    ("    x.backward(g)\n    return x.grad.item()\n\n", "    x.backward(g)\n    return x.grad\n"),
])
def test_autograd_grads_answer_beside_a_backward_not_through_f_is_named(grade, derivative, vjp):
    """derivative and vjp scored 1/1 with torch.autograd.grad's gradient as the answer: a
    backward() among f's calls was enough, so a backward() of f at another point (its .grad
    never read), or x.backward(g) writing autograd.grad's gradient into x.grad, passed the
    refusal. Now the answer must be a gradient that backward() brought back through f."""
    results = grade("ex03", _BY_GRAD.format(derivative=derivative, vjp=vjp))
    for task in ("derivative", "vjp"):
        assert (results[task].status, results[task].points) == ("failed", 0), \
            results[task].feedback
        assert results[task].misconception == "autograd-grad", results[task].feedback


def test_backward_checked_against_autograd_grad_still_passes(grade):
    """The price is none: a backward() whose gradient is the answer passes, with an
    autograd.grad beside it that checks it (and a copy of x.grad returned)."""
    source = ("import minigrad as torch\n\ndef derivative(f, x0):\n"
              "    x = torch.tensor(x0, requires_grad=True)\n    y = f(x)\n"
              "    (g,) = torch.autograd.grad(y, x, retain_graph=True)\n    y.backward()\n"
              "    assert abs(g.item() - x.grad.item()) < 1e-6\n    return x.grad.item()\n\n"
              "def vjp(f, x, v):\n    (f(x) * v).sum().backward()\n"
              "    return x.grad.clone()\n")
    results = grade("ex03", source)
    for task in ("derivative", "vjp"):
        assert (results[task].status, results[task].points) == ("passed", 1), \
            results[task].feedback


_CUBE = ("import minigrad as torch\n\nclass Cube(torch.autograd.Function):\n"
         "    @staticmethod\n    def forward(ctx, x):\n        ctx.save_for_backward(x)\n"
         "        return x ** 3\n\n    @staticmethod\n    def backward(ctx, grad_output):\n"
         "        (x,) = ctx.saved_tensors\n        with torch.enable_grad():\n"
         "            x = x.detach().requires_grad_()\n")


@pytest.mark.parametrize("asks", [
    "            (grad,) = torch.autograd.grad(x ** 3, x, grad_output)\n        return grad\n",
    "            (x ** 3 * grad_output).sum().backward()\n        return x.grad\n",
    # red team 17: once nodes became callable, as PyTorch's are, one step of backward by hand
    "            return (x ** 3).grad_fn(grad_output)\n",
])
def test_a_cube_whose_backward_asks_autograd_for_the_derivative_is_named(grade, asks):
    """Cube scored 1/1 with no derivative written: its backward handed x**3 to autograd
    (autograd.grad, or backward() on a graph of its own), and gradcheck, which compares
    autograd with autograd, passed. Now the probe counts the backward passes its own
    backward() starts (minigrad's numbering, read through a reference taken at import)."""
    result = grade("ex03", _CUBE + asks)["Cube"]
    assert (result.status, result.points) == ("failed", 0), result.feedback
    assert result.misconception == "autograd-in-backward", result.feedback


def test_a_cube_written_by_hand_another_way_passes(grade):
    """x.pow(3) and 3 * x * x * grad_output: no backward pass of its own, full marks."""
    source = ("import minigrad as torch\n\nclass Cube(torch.autograd.Function):\n"
              "    @staticmethod\n    def forward(ctx, x):\n        ctx.save_for_backward(x)\n"
              "        return x.pow(3)\n\n    @staticmethod\n    def backward(ctx, grad_output):\n"
              "        x, = ctx.saved_tensors\n        return 3 * x * x * grad_output\n")
    result = grade("ex03", source)["Cube"]
    assert (result.status, result.points) == ("passed", 1), result.feedback


def _zip_of(path: Path, files: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(f"exercises/{name}", text)


def test_a_file_named_as_an_option_in_a_drop_folder_is_no_option(tmp_path, monkeypatch,
                                                                 capsys):
    """`course grade *.zip` run in a drop folder: the shell sorts mallory's empty file
    `--solutions=mine.zip` first, argparse took it for the option, and the class was graded
    against her folder `mine.zip` as the reference: her wrong ex01 scored 3/3, alice's
    right one 1/3. Now the run stops before grading, saying how to give the submissions."""
    drop = tmp_path / "drop"
    (drop / "mine.zip").mkdir(parents=True)  # a folder: her "reference solutions"
    right = (_REFERENCE / "ex01_requires_grad.py").read_text()
    wrong = right.replace("dtype=torch.float32, requires_grad=True",
                          "dtype=torch.float64").replace("p.requires_grad_(False)", "pass")
    assert wrong != right
    (drop / "mine.zip" / "ex01_requires_grad.py").write_text(wrong)
    _zip_of(drop / "alice.zip", {"ex01_requires_grad.py": right})
    _zip_of(drop / "mallory.zip", {"ex01_requires_grad.py": wrong})
    (drop / "--solutions=mine.zip").write_text("")
    monkeypatch.chdir(drop)
    expanded = sorted(p.name for p in drop.glob("*.zip"))  # what the shell hands over
    assert expanded[0] == "--solutions=mine.zip"
    code = cli.main(["grade", *expanded, "--out", str(tmp_path / "grades"),
                     "--exercises", "ex01", "--no-sandbox"])
    assert code == cli.USAGE
    assert "reads as an option, but a file or folder of that name is here" in \
        capsys.readouterr().err
    assert not (tmp_path / "grades" / "gradebook.csv").exists()


def test_after_a_double_dash_a_file_named_as_an_option_is_a_submission(tmp_path,
                                                                       monkeypatch):
    """The way out the refusal names: after `--` every argument is a path."""
    drop = tmp_path / "drop"
    drop.mkdir()
    _zip_of(drop / "alice.zip", {"ex01_requires_grad.py":
                                 (_REFERENCE / "ex01_requires_grad.py").read_text()})
    (drop / "--solutions=mine.zip").write_text("")
    monkeypatch.chdir(drop)
    code = cli.main(["grade", "--out", str(tmp_path / "grades"), "--exercises", "ex01",
                     "--no-sandbox", "--", *sorted(p.name for p in drop.glob("*.zip"))])
    assert code == cli.FAILED  # (the empty file is no zip: its learner's 0, a grade)
    with open(tmp_path / "grades" / "gradebook.csv", newline="") as f:
        totals = {row["submission"]: row["total"] for row in csv.DictReader(f)}
    assert totals == {"alice": "3", "'--solutions=mine": "0"}


def test_a_td_loss_whose_last_step_is_worked_out_by_hand_is_named(grade):
    """td_grad scored 1/1 with backward() from the prediction q = x @ w, handed the loss's
    last step worked out by hand (q.backward(2 / n * (q - target))): w.grad right, and x sent
    a gradient through q as the loss's backward() sends it. Now the backward() that reaches x
    must start from one number, the loss."""
    source = ("import minigrad as torch\n\ndef td_grad(w, x, x_next, r, gamma):\n"
              "    q = x @ w\n    with torch.no_grad():\n"
              "        g = 2 / len(r) * (q - (r + gamma * (x_next @ w)))\n"
              "    q.backward(g)\n    return w.grad\n")
    result = grade("ex08", source)["td_grad"]
    assert (result.status, result.points) == ("failed", 0), result.feedback
    assert result.misconception == "last-step-by-hand", result.feedback


@pytest.mark.parametrize("body", [
    "    loss = torch.nn.functional.mse_loss(x @ w, target)\n"
    "    torch.autograd.backward(loss, torch.tensor(1.0))\n",
    "    err = x @ w - target\n    ((err * err).sum() / len(r)).backward(retain_graph=True)\n",
])
def test_a_td_loss_differentiated_whole_another_way_passes(grade, body):
    """A loss of one number, however its backward() is called, still passes."""
    source = ("import minigrad as torch\n\ndef td_grad(w, x, x_next, r, gamma):\n"
              "    target = (r + gamma * (x_next @ w)).detach()\n" + body + "    return w.grad\n")
    result = grade("ex08", source)["td_grad"]
    assert (result.status, result.points) == ("passed", 1), result.feedback


def test_a_cube_whose_forward_has_autograd_compute_the_derivative_is_named(grade):
    """With backward's passes counted, the derivative moved to forward: autograd.grad there
    computed 3*x**2, saved for a backward that only multiplies. Now forward's passes count
    too."""
    source = ("import minigrad as torch\n\nclass Cube(torch.autograd.Function):\n"
              "    @staticmethod\n    def forward(ctx, x):\n        with torch.enable_grad():\n"
              "            xx = x.detach().requires_grad_()\n"
              "            (d,) = torch.autograd.grad(xx ** 3, xx)\n"
              "        ctx.save_for_backward(x, d)\n        return x ** 3\n\n"
              "    @staticmethod\n    def backward(ctx, grad_output):\n"
              "        x, d = ctx.saved_tensors\n        return grad_output * d\n")
    result = grade("ex03", source)["Cube"]
    assert (result.status, result.points) == ("failed", 0), result.feedback
    assert result.misconception == "autograd-in-backward", result.feedback


def test_a_training_loop_taking_ws_gradients_from_autograd_grad_is_named(grade):
    """ex06's train scored 1/1 with w's gradients from torch.autograd.grad and b's from
    loss.backward(inputs=[b]): the refusal of autograd.grad asked only that not every
    gradient of both parameters came from it, and w's clearing at each step, half the task,
    was sidestepped. Each parameter's gradients are asked of backward() now."""
    source = ("import minigrad as torch\n\ndef train(w, b, batches, lr, every):\n"
              "    for step, (x, y) in enumerate(batches, start=1):\n"
              "        loss = ((x @ w + b - y) ** 2).mean()\n"
              "        (gw,) = torch.autograd.grad(loss, w, retain_graph=True)\n"
              "        loss.backward(inputs=[b])\n        with torch.no_grad():\n"
              "            w -= lr * gw\n            if step % every == 0:\n"
              "                b -= lr * b.grad\n                b.grad = None\n")
    result = grade("ex06", source)["train"]
    assert (result.status, result.points) == ("failed", 0), result.feedback
    assert result.misconception == "autograd-grad-for-w", result.feedback


def test_one_backward_seeded_with_n_padded_with_backwards_of_zeros_is_no_accumulation(grade):
    """grad_after_n scored 1/1 with one backward() seeded with n, the right x.grad, and n - 1
    backward() calls of (x * 0).sum(), which reach x with zeros: the probe counted calls, and
    its feedback ("backward() calls that reached x: expected 3, got 1") said what to pad. Each
    call must now bring x y's own gradient."""
    source = ("import minigrad as torch\n\ndef grad_after_n(y, x, n):\n"
              "    y.backward(gradient=torch.full_like(y, float(n)), retain_graph=True)\n"
              "    for _ in range(n - 1):\n        (x * 0).sum().backward()\n"
              "    return x.grad\n")
    result = grade("ex05", source)["grad_after_n"]
    assert (result.status, result.points) == ("failed", 0), result.feedback
    assert "backward() calls that sent x something other than y's gradient" in \
        result.feedback, result.feedback


def test_one_backward_of_y_then_backward_on_x_itself_is_no_accumulation_through_y(grade):
    """grad_after_n scored 1/1 with one y.backward() and then x.backward(g) n - 1 times, g the
    first call's gradient: each call sent x y's own gradient, the count was right, and no
    graph was ever reused (no retain_graph, the lesson's point). Found after red team 16's
    merge. Each call must now come back through y; honest code, retain_graph and n calls of
    y.backward(), passes."""
    source = ("import minigrad as torch\n\ndef grad_after_n(y, x, n):\n"
              "    before = None if x.grad is None else x.grad.clone()\n    y.backward()\n"
              "    g = (x.grad if before is None else x.grad - before).clone()\n"
              "    for _ in range(n - 1):\n        x.backward(g)\n    return x.grad\n")
    result = grade("ex05", source)["grad_after_n"]
    assert (result.status, result.points) == ("failed", 0), result.feedback
    assert "not back through y" in result.feedback, result.feedback
    honest = ("import minigrad as torch\n\ndef grad_after_n(y, x, n):\n"
              "    for _ in range(n):\n        y.backward(retain_graph=True)\n"
              "    return x.grad\n")
    assert grade("ex05", honest)["grad_after_n"].status == "passed"
