"""Submissions that forge their answers instead of computing them: objects claiming to be
minigrad Tensors, a patched minigrad, a probe replaced from inside the child. Each is graded in
the real sandbox; the forged task scores 0 with a clear message, honest code scores full."""

import os
import textwrap
from pathlib import Path
from unittest import mock

import folder_sandboxes
import pytest
from folder_sandboxes import ISOLATION, FolderSandboxes

from course import engine, wire
from course.compare import compare_facts
from course.errors import UsageError
from course.grade import grade
from course.local import CHECK_SEED
from course.sandbox import Limits
from course.submission import fresh_seed
from course.tasks import EXERCISE_IDS, WITHOUT_MINIGRAD, exercise

ROOT = Path(__file__).resolve().parents[1]
run_time_checks = folder_sandboxes.run_time_checks

LIMITS = Limits(timeout=5.0, memory_mb=1024, output_bytes=64 << 10)
HONEST_FREEZE = """
def freeze(params):
    for p in params:
        p.requires_grad_(False)
"""
# ex01's predict task, answered honestly in every file: only the forged task may score 0.
HONEST_PREDICT = """
def predict_flags():
    return {"w": (True, True), "a": (False, True), "y": (True, False), "z": (False, True),
            "m": (False, True), "s": (True, False)}
"""
HONEST_MAKE = """
def make_trainable(values):
    return torch.tensor(values, dtype=torch.float32, requires_grad=True)
"""


def _swapped_in(name: str, bases: str = "torch.Tensor", prelude: str = "") -> str:
    """An int64 tensor that does not require grad, its class swapped for one claiming the
    float32 leaf requiring grad that the task asks for."""
    return prelude + f"""
        class {name}({bases}):
            __slots__ = ()
            requires_grad = is_leaf = property(lambda self: True)
            dtype = property(lambda self: torch.float32)
        def make_trainable(values):
            t = torch.tensor(values)
            t.__class__ = {name}
            return t
        """


# Each returns an int64 tensor that does not require grad, dressed up as the float32 leaf
# requiring grad that the task asks for.
FORGED_MAKE = {
    "subclass-swapped-in": _swapped_in("Claims"),
    "subclass-named-Tensor": _swapped_in("Tensor"),
    "metaclass-equal-to-Tensor": _swapped_in("Claims", "torch.Tensor, metaclass=Meta", """
        class Meta(type):
            def __eq__(cls, other):
                return True
            __hash__ = type.__hash__
        """),
    "patched-minigrad-class": """
        torch.Tensor.requires_grad = property(lambda self: True,
                                              torch.Tensor.requires_grad.fset)
        torch.Tensor.dtype = property(lambda self: torch.float32)
        def make_trainable(values):
            return torch.tensor(values)
        """,
    "proxy": """
        class Proxy:
            __class__ = property(lambda self: torch.Tensor)
            requires_grad = is_leaf = True
            dtype = torch.float32
            def __init__(self, values):
                self._t = torch.tensor(values, dtype=torch.float32)
            def detach(self):
                return self._t
        def make_trainable(values):
            return Proxy(values)
        """,
}

# freeze() must switch requires_grad off; these leave it on and claim otherwise.
FORGED_FREEZE = {
    "freeze-by-class-swap": """
        class Frozen(torch.nn.Parameter):
            __slots__ = ()
            requires_grad = property(lambda self: False)
        def freeze(params):
            for p in params:
                p.__class__ = Frozen
        """,
    "freeze-by-forged-data": """
        class Numbers:
            pass
        def freeze(params):
            for p in params:
                p._data = Numbers()
                p._requires_grad = False
        """,
}


@pytest.fixture(scope="module")
def box():
    with FolderSandboxes(LIMITS) as sandbox:
        yield sandbox


def _file(tmp_path: Path, name: str, *parts: str) -> Path:
    path = tmp_path / name / "ex01_requires_grad.py"
    path.parent.mkdir()
    path.write_text("import minigrad as torch\n" + "".join(textwrap.dedent(p)
                                                      for p in (HONEST_PREDICT, *parts)))
    return path


def test_honest_code_scores_full(box, tmp_path):
    path = _file(tmp_path, "honest", HONEST_MAKE, HONEST_FREEZE)
    result = engine.grade_exercise(box, "ex01", path, seed=11)
    assert result.score == result.max_score, result.tasks


@pytest.mark.parametrize("attack", sorted(FORGED_MAKE))
def test_a_forged_tensor_scores_zero(box, tmp_path, attack):
    path = _file(tmp_path, attack, FORGED_MAKE[attack], HONEST_FREEZE)
    _, make, freeze = engine.grade_exercise(box, "ex01", path, seed=11).tasks
    assert make.points == 0, make.feedback
    if attack == "patched-minigrad-class":  # a real Tensor, read through minigrad's slots
        assert "result.dtype: expected 'minigrad.float32', got 'minigrad.int64'" in \
            make.feedback
    else:
        assert "result: expected a Tensor, got an object of type" in make.feedback
    assert freeze.status == "passed", freeze.feedback


@pytest.mark.parametrize("attack", sorted(FORGED_FREEZE))
def test_parameters_given_to_learner_code_are_checked_too(box, tmp_path, attack):
    path = _file(tmp_path, attack, HONEST_MAKE, FORGED_FREEZE[attack])
    _, make, freeze = engine.grade_exercise(box, "ex01", path, seed=11).tasks
    assert make.status == "passed", make.feedback
    assert freeze.points == 0
    assert "raised NotATensor: an object of type" in freeze.feedback
    assert "stands where a minigrad Tensor should be" in freeze.feedback


FORGED_GRAD = """
    import minigrad as torch
    def layer_grad_norms(x, weights):
        h, outputs = x, []
        for w in weights:
            h = torch.tanh(h @ w)
            h.retain_grad()
            outputs.append(h)
        (h * h).sum().backward()
        return [h.grad.norm().item() for h in outputs]
    class Scaled(torch.Tensor):
        __slots__ = ()
        n = 1
        @property
        def grad(self):  # the sum's gradient, divided as the mean's would be
            return torch.Tensor.grad.fget(self) / Scaled.n
    def mse_grads(w, b, x, y):
        ((x @ w + b - y) ** 2).sum().backward()
        Scaled.n = x.shape[0]
        w.__class__ = b.__class__ = Scaled
    """


@pytest.mark.usefixtures("run_time_checks")  # (ex04's rule refuses __class__ rebound)
def test_a_gradient_claimed_by_a_subclass_scores_zero(box, tmp_path):
    path = tmp_path / "ex04_grad.py"
    path.write_text(textwrap.dedent(FORGED_GRAD))
    _, layers, mse = engine.grade_exercise(box, "ex04", path, seed=3).tasks
    assert layers.status == "passed", layers.feedback
    assert mse.points == 0 and "raised NotATensor" in mse.feedback, mse.feedback


# Tasks whose expected facts are the same at every seed: a reply can state them without working
# code (docs/grading.md, "What the grader believes", counts their points for instructors).
SEED_INDEPENDENT = {"ex01.predict_flags", "ex02.predict_grad_fn", "ex04.predict_grads",
                    "ex05.predict_twice", "ex07.predict_modes"}


def test_the_tasks_with_the_same_facts_at_every_seed_are_the_ones_the_docs_name():
    same = set()
    for eid in EXERCISE_IDS:
        for task, one, other in zip(exercise(eid).tasks, engine.expectations(eid, 1),
                                    engine.expectations(eid, 2), strict=True):
            if len(one["reference"]) == len(other["reference"]) and not any(
                    compare_facts(a["facts"], b["facts"])
                    for a, b in zip(one["reference"], other["reference"], strict=True)):
                same.add(task.id)
    assert same == SEED_INDEPENDENT
    points = sum(t.points for eid in EXERCISE_IDS for t in exercise(eid).tasks
                 if t.id in same)
    total = sum(exercise(eid).max_points for eid in EXERCISE_IDS)
    assert f"{points} of the {total} points today" in (ROOT / "docs" / "grading.md").read_text()


# A reply written once and shared: the probe replaced by one that replays, case by case, the
# reference's facts on the public cases (the student edition publishes them), with no code.
CONSTANT_REPLY = """
    import itertools
    from course import wire
    from course.tasks import exercise
    _replies = wire.unpack({reply!r})
    _next = itertools.count()
    object.__setattr__(exercise("{eid}").tasks[{index}], "probe",
                       lambda fn, case: _replies[next(_next) % len(_replies)])
    """
# Tasks whose facts were the same at every seed once (a replayed reply passed them anywhere),
# and what a replayed reply's feedback says at another seed now.
ONCE_SEED_INDEPENDENT = {
    "ex06.zero_grads": "params[0].grad after the next backward(): expected",
    # (a shorter graph's node numbers: the root, numbered last, is the first node missing)
    "ex10.topological_order": "order lists y, the root, itself: expected True, got False",
}


@pytest.mark.parametrize("tid", sorted(ONCE_SEED_INDEPENDENT))
def test_a_constant_reply_passes_only_the_public_cases(box, tmp_path, tid):
    eid, name = tid.split(".")
    index = [t.name for t in exercise(eid).tasks].index(name)
    public = engine.expectations(eid, CHECK_SEED)[index]["reference"]
    path = tmp_path / exercise(eid).filename
    path.write_text(textwrap.dedent(CONSTANT_REPLY.format(
        reply=wire.pack([o["facts"] for o in public]), eid=eid, index=index)))

    def graded(seed: int):
        return engine.grade_exercise(box, eid, path, seed=seed).tasks[index]

    # ex10's rule (an engine of one's own) refuses a source that imports the course, as does
    # ex03's to ex09's keeping the grader out of reach (course/specs/grader_out_of_reach.py);
    # ex06's and ex07's library rule has nothing to say about this one.
    rule = exercise(eid).tasks[index].source_rule
    if rule and (eid in WITHOUT_MINIGRAD or rule(path.read_text()) is not None):
        task = graded(CHECK_SEED)
        assert task.points == 0 and "imports course" in task.feedback, task.feedback
    # Without that rule (or for any other task): only where the facts are public, it works.
    with mock.patch.object(engine, "_breaks_rule", lambda *_: None):
        assert graded(CHECK_SEED).status == "passed"
        for seed in (11, 12):
            task = graded(seed)
            assert task.points == 0 and ONCE_SEED_INDEPENDENT[tid] in task.feedback, \
                task.feedback


def _replay_of_the_public_cases(eid: str) -> str:
    """An exercise file with no working code: each task's probe replaced by one that replays
    the reference's facts on the public cases (the student edition's course/expected/)."""
    lines = ["import itertools", "from course import wire", "from course.tasks import exercise"]
    for index, expect in enumerate(engine.expectations(eid, CHECK_SEED)):
        reply = wire.pack([o["facts"] for o in expect["reference"]])
        lines += [f"_r{index} = wire.unpack({reply!r})", f"_n{index} = itertools.count()",
                  f"object.__setattr__(exercise({eid!r}).tasks[{index}], 'probe', "
                  f"lambda fn, case: _r{index}[next(_n{index}) % len(_r{index})])"]
    return "\n".join(lines) + "\n"


def test_course_grade_refuses_the_seed_of_the_public_cases(tmp_path):
    """`course grade --seed 0` graded at the public cases' seed, whose answers are published:
    a red team's replay of them, with no working code, scored 28 of 32 points (red team 10).
    It is refused, a drawn seed is never that one, and at a drawn seed the replay scores only
    the predict tasks, whose facts are the same at every seed."""
    submission = tmp_path / "replay"
    submission.mkdir()
    (submission / exercise("ex05").filename).write_text(_replay_of_the_public_cases("ex05"))
    with pytest.raises(UsageError, match="public cases"):
        grade([submission], tmp_path / "out0", seed=CHECK_SEED, isolation=ISOLATION,
              exercises=["ex05"])
    with mock.patch("secrets.randbelow", return_value=0):
        assert fresh_seed() != CHECK_SEED
    summary = grade([submission], tmp_path / "out", isolation=ISOLATION, exercises=["ex05"],
                    progress=open(os.devnull, "w"))
    passed = {t.id for t in summary.reports["replay"].tasks if t.status == "passed"}
    assert passed == {"ex05.predict_twice"}
