"""Red team 14's attacks on the grader, each a real learner file run through the real grader."""

import time
from pathlib import Path

import folder_sandboxes
import pytest

from course import learner_source

box, grade = folder_sandboxes.box, folder_sandboxes.grade


@pytest.mark.parametrize("eid, task, source", [
    # the task's own name bound to the library's function: no def to read
    ("ex07", "sgd_step", "import minigrad as torch\n\n"
                         "def _step(params, lr):\n    torch.optim.SGD(params, lr=lr).step()\n\n"
                         "sgd_step = _step\n"),
    ("ex07", "clip_grad_norm", "import minigrad as torch\n\nclip_grad_norm = lambda params, "
                               "max_norm: float(torch.nn.utils.clip_grad_norm_(params, "
                               "max_norm))\n"),
    # a helper of the file's own calls it (the message named the task's function only)
    ("ex07", "sgd_step", "import minigrad as torch\n\ndef sgd_step(params, lr):\n"
                         "    _optimizer(params, lr).step()\n\n"
                         "def _optimizer(params, lr):\n    return torch.optim.SGD(params, lr)\n"),
    ("ex07", "clip_grad_norm", "import minigrad as torch\n\n"
                               "def clip_grad_norm(params, max_norm):\n"
                               "    return float(clip(params, max_norm))\n\n"
                               "def clip(params, max_norm):\n"
                               "    return torch.nn.utils.clip_grad_norm_(params, max_norm)\n"),
    ("ex06", "zero_grads", "import minigrad as torch\n\n"
                           "def zero_grads(params, set_to_none=True):\n"
                           "    _clear(params, set_to_none)\n\n"
                           "def _clear(params, set_to_none):\n"
                           "    torch.optim.SGD(params, lr=0.0).zero_grad(set_to_none)\n"),
    # a decoy of the file's own, then `import *` binding the library's over it
    ("ex07", "sgd_step", "class SGD:\n    pass\n\nfrom minigrad.optim import *\n\n"
                         "def sgd_step(params, lr):\n    SGD(params, lr).step()\n"),
])
def test_the_librarys_function_behind_a_helper_or_a_binding_is_no_answer(grade, eid, task,
                                                                           source):
    """Each scored 1/1: the rule read only the body of a `def` with the task's name."""
    result = grade(eid, source)[task]
    assert (result.status, result.points) == ("error", 0), result.feedback
    assert "this task asks you to write" in result.feedback


def test_a_helper_that_does_the_work_itself_passes(grade):
    """Honest code is not failed for it: a helper of the file's own that updates by hand, and
    an optimizer used by another function of the file."""
    reference = (Path(__file__).parents[1] / "course" / "solutions" / "ex07_no_grad.py")
    head = "def sgd_step(params, lr):\n"
    source = reference.read_text().replace(head, head + "    return _update(params, lr)\n\n\n"
                                           "def _update(params, lr):\n")
    source += ("\n\ndef train(params, lr):\n    optimizer = torch.optim.SGD(params, lr)\n"
               "    optimizer.step()\n")
    assert source.count("def _update") == 1
    results = grade("ex07", source)
    assert results["sgd_step"].status == results["clip_grad_norm"].status == "passed"


def test_many_costly_fstrings_on_one_line_cost_the_grader_no_long_parse(grade):
    """Past the file's first 10,000 fields every f-string is read as f"", and each was cut into
    its line by copying the whole line: 120,000 of them on one line of 1 MiB held the grader's
    own process 32 s per parse (ex07 parses twice, once per task's source rule), every job
    beside it slowed. Written once now, it parses in about the time of reading the file."""
    source = 'a = 1\nx = f"' + "{a}" * 10_001 + '"\ny = 0;' + 'f"{a}";' * 130_000 + "y\n"
    assert len(source) < 1 << 20  # (what a submission may hold)
    begin = time.monotonic()
    parsed = learner_source.parse(source)
    assert len(parsed.long_fstrings) > 100_000 and parsed.tree is not None
    assert time.monotonic() - begin < 15
    begin = time.monotonic()
    results = grade("ex07", source)
    assert "defines no `predict_modes`" in results["predict_modes"].feedback
    assert time.monotonic() - begin < 40


def _deep(depth: int) -> str:
    return ("import minigrad as torch\n\ndef sgd_step(params, lr):\n"
            f"    torch.optim.SGD(params, lr=lr).step()\n\n_ = {'-' * depth}1\n")


def test_a_file_too_deep_for_the_grader_to_read_does_not_escape_the_library_rule(grade):
    """Python's parser gives up at a depth that shrinks with its caller's stack, deeper in the
    grader than in the sandbox (docs/grading.md says so): one line nested just past what the
    grader parses, which the sandbox ran, made the rule read nothing, and the library's SGD
    scored 1/1. Now a file the rule cannot read scores 0, told why."""
    shallow, deep = 1_000, 10_000  # (read here; not)
    assert not learner_source.parse(_deep(shallow)).too_deep
    assert learner_source.parse(_deep(deep)).too_deep
    while deep - shallow > 1:  # the least depth this stack cannot parse: the sandbox can
        middle = (shallow + deep) // 2
        shallow, deep = (shallow, middle) if learner_source.parse(_deep(middle)).too_deep \
            else (middle, deep)
    result = grade("ex07", _deep(deep))["sgd_step"]
    assert (result.status, result.points) == ("error", 0), result.feedback
    assert "nests too deeply to be read here" in result.feedback


def test_a_call_in_an_fstring_read_as_empty_does_not_escape_the_library_rule(grade):
    """The grader reads a file's f-strings past its first 10,000 fields as f"": the library's
    SGD called in one of them scored 1/1. Now the task scores 0, told which line."""
    source = ("import minigrad as torch\n\n_PAD = [" + "f'{0}'," * 10_000 + "]\n\n"
              "def sgd_step(params, lr):\n    f'{torch.optim.SGD(params, lr=lr).step()}'\n")
    assert learner_source.parse(source).long_fstrings == (6,)
    result = grade("ex07", source)["sgd_step"]
    assert (result.status, result.points) == ("error", 0), result.feedback
    assert result.feedback.startswith("Line 6 of your file holds an f-string past what is read")


@pytest.mark.parametrize("eid, task, source", [
    ("ex06", "zero_grads", "def zero_grad(p, set_to_none):\n    if set_to_none:\n"
                           "        p.grad = None\n    elif p.grad is not None:\n"
                           "        p.grad.zero_()\n\n"
                           "def zero_grads(params, set_to_none=True):\n    for p in params:\n"
                           "        zero_grad(p, set_to_none)\n"),
    ("ex07", "sgd_step", "import minigrad as torch\n\nclass SGD:\n"
                         "    def __init__(self, params, lr):\n"
                         "        self.params, self.lr = params, lr\n\n    def step(self):\n"
                         "        with torch.no_grad():\n            for p in self.params:\n"
                         "                p -= self.lr * p.grad\n\n"
                         "def sgd_step(params, lr):\n    SGD(params, lr).step()\n"),
])
def test_a_function_of_ones_own_named_as_the_librarys_is_no_library_call(grade, eid, task,
                                                                         source):
    """An honest helper `def zero_grad(p, set_to_none)` that zero_grads called scored 0, told
    it "calls an optimizer's zero_grad()"; so did a `class SGD` of the learner's own."""
    result = grade(eid, source)[task]
    assert (result.status, result.points) == ("passed", 1), result.feedback
