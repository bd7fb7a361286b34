"""Red team 27's attacks on what red team 26 left open, each a real learner file through the
real grader, with what each scored before and the honest files beside each that must still pass
(docs/grading.md, "Red team 27")."""

import textwrap

import folder_sandboxes
import pytest
from test_course_redteam24d import _BY_AUTOGRAD
from test_course_redteam26 import _LOSS_FN_FIRST, _fit_holding_graphs

from course import engine, own_code
from course.sandbox import Limits, Sandbox
from course.specs import grader_out_of_reach
from course.tasks import exercise

box, grade = folder_sandboxes.box, folder_sandboxes.grade


# ---- ex09 fit: the gradients worked out by hand ----------------------------------------------
# A batch ended only where a gradient of the model's weight was computed (probe.BatchGraphs):
# a loop whose gradients are worked out by hand with numpy computes none, so no batch ever
# ended and the colleague's memory bug (total += loss, .item() at the epoch's end) was never
# seen: 1/1 at seeds 0 and 5. Now a batch also ends at a call of the loss function given with
# no gradient of the weight computed since its last call.
_BY_HAND = '''

def _by_hand(out, x, y):
    """The gradients of cross-entropy's mean at a linear layer: softmax minus one-hot."""
    import numpy as np

    logits = out.detach().numpy()
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(p)), y.numpy()] -= 1
    p /= len(p)
    return torch.tensor((p.T @ x.numpy()).astype("float32")), \\
        torch.tensor(p.sum(axis=0).astype("float32"))
'''
_GRADIENTS_BY_HAND = "model.weight.grad, model.bias.grad = _by_hand(out, x, y)"
_FIT_BY_HAND = _fit_holding_graphs("", f"""
    out = model(x)
    loss = loss_fn(out, y)
    {_GRADIENTS_BY_HAND}
    """) + _BY_HAND
# ... and with the loss function given called six times before such a loop (red team 26's
# trick), and a loss of the file's own in it: a loss "computed" at one step only, where each of
# a loop's is at a step of its own (the weight's gradient computed, or its values changed,
# between two calls).
_FIT_BY_HAND_LOSS_FN_FIRST = _fit_holding_graphs(_LOSS_FN_FIRST, f"""
    out = model(x)
    loss = F.cross_entropy(out, y)
    {_GRADIENTS_BY_HAND}
    """) + _BY_HAND


@pytest.mark.parametrize("source, said", [
    (_FIT_BY_HAND, "graphs of earlier batches held when a batch's loss was computed: "
                   "expected 0, got 1"),
    (_FIT_BY_HAND_LOSS_FN_FIRST, "batches whose loss was computed by the loss function given "
                                 "(loss_fn): expected 6, got 1"),
], ids=["the given loss's graphs", "loss_fn called first"])
@pytest.mark.parametrize("seed", [0, 5])
def test_fit_holding_graphs_with_its_gradients_by_hand_scores_nothing(grade, source, said, seed):
    t = grade("ex09", source, seed=seed)["fit"]
    assert (t.status, t.points) == ("failed", 0), t.feedback
    assert said in t.feedback, t.feedback
    if source is _FIT_BY_HAND:
        assert t.misconception == "graphs-held-per-epoch", t.feedback


def test_fit_with_its_gradients_by_hand_passes(grade):
    """Honest beside it: the same gradients by hand, the losses kept as floats."""
    honest = _FIT_BY_HAND.replace("total += loss\n", "total += loss.item()\n") \
        .replace("total.item()", "total")
    assert honest.count("loss.item()") == 1
    t = grade("ex09", honest, seed=0)["fit"]
    assert (t.status, t.points) == ("passed", 1), t.feedback


# ---- a file that crashes the interpreter as it is imported ----------------------------------
# A task whose fork crashed (SIGSEGV, which the machine may cause) ran once more before it was
# scored; a crash while importing the file was not, and its reply named no line ("importing
# the file crashed (segmentation fault)"). Now the import is run again as a task is, and the
# stacks faulthandler writes as the fork dies name the line, as a deadline's do.
_CRASHING_IMPORT = "import ctypes\n\nctypes.string_at(0)\n\n\ndef freeze(t):\n    return t\n"


def test_a_file_that_crashes_as_it_is_imported_is_told_its_line(grade):
    results = grade("ex01", _CRASHING_IMPORT, seed=0)
    for t in results.values():
        assert (t.status, t.points) == ("error", 0), t.feedback
        assert t.feedback.startswith(
            "importing the file crashed (segmentation fault) (twice: it was run again in a "
            "fresh process, in case the machine was to blame)\n"), t.feedback
        assert "line 3 of ex01_requires_grad.py, outside any function" in t.feedback, t.feedback
        assert t.feedback.endswith("`ctypes.string_at(0)`"), t.feedback
    # (the grader unharmed: the next file of this sandbox is graded as ever)
    t = grade("ex01", "import minigrad as torch\n\n\ndef freeze(t):\n    return t.detach()\n",
              seed=0)["freeze"]
    assert t.status in ("passed", "failed"), t.feedback


def test_a_task_that_crashes_is_told_its_line(grade):
    t = grade("ex01", "import ctypes\n\n\ndef freeze(t):\n    return ctypes.string_at(0)\n",
              seed=0)["freeze"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    assert "crashed (segmentation fault) (twice" in t.feedback, t.feedback
    assert "line 5 of ex01_requires_grad.py" in t.feedback, t.feedback


# ---- numpy's file writers in learner code ---------------------------------------------------
# np.save, np.savez and np.lib.format.open_memmap pass the source rule (np.load does not) and
# write files. Learner code may write only in the sandbox's scratch, its HOME: seen by the same
# submission's later exercises in that zygote (its own files, as its own variables would be),
# gone with the zygote ex10's switch starts, never seen by another submission, and the files
# graded are read-only. Replies come through a pipe, not files.
_NUMPY_WRITERS = """
    import os
    import numpy as np

    for where in (os.environ["HOME"], os.path.dirname(os.path.abspath(__file__))):
        for name, write in (("save", lambda p: np.save(p, np.arange(3))),
                            ("savez", lambda p: np.savez(p, a=np.arange(3))),
                            ("open_memmap", lambda p: np.lib.format.open_memmap(
                                p, mode="w+", dtype="f4", shape=(3,)))):
            try:
                write(os.path.join(where, "planted_" + name + ".npy"))
                print("wrote", where == os.environ["HOME"] and "home" or "files", name)
            except OSError as e:
                print("refused", where == os.environ["HOME"] and "home" or "files", name)
    """
_PLANTED = """
    import os

    print(sorted(n for n in os.listdir(os.environ["HOME"]) if n.startswith("planted")))
    """


def _task(name: str, body: str) -> str:
    return f"def {name}():\n" + textwrap.indent(textwrap.dedent(body), "    ")


@pytest.mark.skipif(not folder_sandboxes.ISOLATION.sandboxed, reason="no sandbox here")
def test_files_numpy_writes_stay_in_the_submissions_scratch(tmp_path):
    first, other = tmp_path / "first", tmp_path / "other"
    for folder in (first, other):
        folder.mkdir()
        (folder / exercise("ex02").filename).write_text(_task("predict_grad_fn", _PLANTED))
    (first / exercise("ex01").filename).write_text(_task("predict_flags", _NUMPY_WRITERS))
    (first / exercise("ex10").filename).write_text(_task("topological_order", "return []"))
    limits = Limits(timeout=5.0)
    seen = []
    with Sandbox(limits, isolation=folder_sandboxes.ISOLATION, files=first) as box:
        for eid in ("ex01", "ex02", "ex10", "ex02"):
            seen.append(box.run(eid, first / exercise(eid).filename, [0], seed=0)[0].output)
    with Sandbox(limits, isolation=folder_sandboxes.ISOLATION, files=other) as box:
        seen.append(box.run("ex02", other / exercise("ex02").filename, [0], seed=0)[0].output)
    assert seen[0].split("\n")[:6] == ["wrote home save", "wrote home savez",
                                       "wrote home open_memmap", "refused files save",
                                       "refused files savez", "refused files open_memmap"]
    planted = "['planted_open_memmap.npy', 'planted_save.npy', 'planted_savez.npy.npz']"
    assert seen[1].strip() == planted  # (the submission's own, in the zygote that wrote them)
    assert [s.strip() for s in seen[3:]] == ["[]", "[]"]  # (past ex10's switch; another's)
    assert sorted(p.name for p in first.iterdir()) == sorted(
        exercise(eid).filename for eid in ("ex01", "ex02", "ex10"))


# ---- ex04: a surrogate through the prediction, kept ------------------------------------------
# backward() from a number of the loss's value whose graph saved x, the gradient at the
# prediction worked out by hand (2 * errors / n, the chain rule of the mean and the square):
# autograd's from there to w and b. Kept (docs/grading.md, "Red team 27"): this test notices a
# change either way.
_SURROGATE_THROUGH_THE_PREDICTION = """
    import minigrad as torch


    def mse_grads(w, b, x, y):
        pred = x @ w + b
        errors = pred.detach().numpy() - y.numpy()
        c = torch.tensor((2 * errors / errors.size).astype("float32"))
        s = (pred * c).sum()
        (s - s.detach() + float((errors ** 2).mean())).backward()
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_mse_grads_by_a_surrogate_through_the_prediction_is_kept(grade, seed):
    t = grade("ex04", _SURROGATE_THROUGH_THE_PREDICTION, seed=seed)["mse_grads"]
    assert (t.status, t.points) == ("passed", 1), t.feedback


# ---- minigrad's classes reached through a call's result, *args, a function renamed ----------
# Each passes the source rule (which cannot tell a class from a tensor there without the
# values) and rebinds minigrad's Tensor.backward; with Cube's derivative by autograd.grad
# behind it, each scores 0 at ex03's Cube, as the honest wrong answer does: rebinding a public
# method hides no autograd call from the profiler (docs/grading.md, "Red team 27").
_REBOUND = "\n\n_original = torch.Tensor.backward\n\n\ndef _backward(self, *args, **kwargs):\n" \
    "    return _original(self, *args, **kwargs)\n\n\n"


@pytest.mark.parametrize("rebinding", [
    "for c in map(lambda x: x, [torch.Tensor]):\n    c.backward = _backward\n",
    "T = next(iter([torch.Tensor]))\nT.backward = _backward\n",
    "def patch(*classes):\n    classes[0].backward = _backward\n\n\npatch(torch.Tensor)\n",
    "def patch(cls):\n    cls.backward = _backward\n\n\np = patch\np(torch.Tensor)\n",
], ids=["map's result", "next(iter(...))", "*args", "a function renamed"])
@pytest.mark.parametrize("seed", [0, 5])
def test_minigrad_rebound_through_a_call_passes_the_rule_and_scores_nothing(grade, rebinding,
                                                                             seed):
    source = "import minigrad as torch\n" + textwrap.dedent(_BY_AUTOGRAD) + _REBOUND + rebinding
    assert grader_out_of_reach.reached(source) is None
    t = grade("ex03", source, seed=seed)["Cube"]
    assert (t.status, t.points) == ("failed", 0), t.feedback


# ---- ex10: a class made from data by type(cls) in a classmethod -----------------------------
# type(...) of what may be a class was refused (red team 26); a classmethod's cls is a
# parameter, which the rule could not tell from a Value, so type(cls)("K", (), d) made a class
# from a dict built at run time (a __getattr__ answering numpy's protocols) past it. A
# classmethod's first parameter is the class: refused now, with its line.
_REFERENCE_EX10 = (engine.SOLUTIONS / exercise("ex10").filename).read_text()
_CLASSMETHODS_CLASS = _REFERENCE_EX10 + '''

class Maker:
    @classmethod
    def make(cls, members):
        return type(cls)("Answering", (), members)


def _answer(self, name):
    return 0.0


Answering = Maker.make({"__get" + "attr__": _answer})
'''


def refused_type_of_a_class(grade, source: str, line_text: str) -> None:
    """``source`` graded at ex10 is refused at the line ``line_text``, its type(...) call."""
    t = grade("ex10", source, seed=0)["Value"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    line = source.splitlines().index(line_text) + 1
    assert f"line {line} uses type(...) of a class" in t.feedback, t.feedback


def test_a_class_made_from_data_by_a_classmethods_type_of_cls_is_refused(grade):
    refused_type_of_a_class(grade, _CLASSMETHODS_CLASS,
                            '        return type(cls)("Answering", (), members)')


def test_classmethods_that_call_their_class_pass():
    """Honest beside it: a classmethod that makes a Value by cls(...), and type(self)(...)."""
    honest = _REFERENCE_EX10 + '''

class Constant:
    def __init__(self, data):
        self.data = data

    @classmethod
    def zero(cls):
        return cls(0.0)

    def copy(self):
        return type(self)(self.data)
'''
    assert own_code.reaches_out(honest) is None
