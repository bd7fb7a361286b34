"""Results the sandboxed child forges: learner code can replace a task's probe or write replies
to its pipe itself, so every value it sends is hostile data. Each forgery below once stopped a
whole `course grade` run (no gradebook, and the same crash on every re-run); graded in the real
sandbox next to an honest submission, each now costs only its own task."""

import io
import json
import os
import struct
import subprocess
import textwrap
import zipfile

import folder_sandboxes
import numpy as np
import pytest
from folder_sandboxes import ISOLATION, grade_ex03_in_a_process

from course import engine, wire
from course.compare import compare_case, compare_facts, describe_error
from course.grade import grade
from course.probe import NotRebuildable, rebuild_model
from course.results import ERROR, FAILED, PASSED
from course.sandbox import Limits, TaskRun
from course.specs.ex10 import ORDER
from course.tasks import Task, exercise

LIMITS = Limits(timeout=5.0, memory_mb=1024, output_bytes=64 << 10)
# The forgeries import the course, which ex03's rule on the source refuses before they run: here
# the parent's reading of what they send is tested (folder_sandboxes.run_time_checks).
run_time_checks = folder_sandboxes.run_time_checks
pytestmark = pytest.mark.usefixtures("run_time_checks")

# name: (exercise file, its source, the task it forges, what that task's feedback says)
HOSTILE = {
    # A float fact as a 400-digit int (valid JSON): math.isclose overflowed.
    "bigint": ("ex03_backward.py", """
        from course.tasks import exercise
        def derivative(f, x0):
            return 0.0
        _task = exercise("ex03").tasks[0]
        _orig = _task.probe
        def _probe(fn, case):
            return {k: (10**400 if isinstance(v, float) else v)
                    for k, v in _orig(fn, case).items()}
        object.__setattr__(_task, "probe", _probe)
        """, "ex03.derivative", "expected"),
    # Arrays where the reference has a list of str: `exp != got` asked an array's truth.
    "arrays-for-names": ("ex02_graph.py", """
        import numpy as np
        from course.tasks import exercise
        def leaves(y):
            return []
        object.__setattr__(exercise("ex02").tasks[2], "probe", lambda fn, case: {
            "result.type": "list", "result (as input names)": [np.ones(2)] * 3})
        """, "ex02.leaves", "first difference at index 0"),
    # A layer kind that is a list: `kind not in MODEL_LAYERS` raised TypeError (unhashable).
    "list-layer": ("ex09_training_loop.py", """
        from course.tasks import exercise
        def train_mlp(x, y):
            return None
        object.__setattr__(exercise("ex09").tasks[2], "probe", lambda fn, case: {
            "model.type": "nn.Sequential", "model": [{"layer": ["Linear"]}]})
        """, "ex09.train_mlp", "cannot be rebuilt: layer 1 is a ['Linear']"),
    # A model type that is an array: ex09's judge asks its truth; the engine's guard catches it.
    "array-model-type": ("ex09_training_loop.py", """
        import numpy as np
        from course.tasks import exercise
        def train_mlp(x, y):
            return None
        object.__setattr__(exercise("ex09").tasks[2], "probe", lambda fn, case: {
            "model.type": np.ones(2), "model": []})
        """, "ex09.train_mlp", "could not be compared (malformed results: ValueError)"),
    # ex10's order as node numbers the parent checks: a negative one is no node. The grader's
    # reading of ex10's source refuses the forgery first (the parent's check of the numbers
    # is tested without a sandbox below).
    "negative-node": ("ex10_inside_autograd.py", """
        from course.tasks import exercise
        def topological_order(root):
            return []
        object.__setattr__(exercise("ex10").tasks[0], "probe", lambda fn, case: {
            "order.type": "list", "order (as node numbers)": [0, -1, 2]})
        """, "ex10.topological_order", "Your file's line 2 imports course.tasks."),
    # A frame of the grader's own format whose .npy header claims 10**13 float64 numbers:
    # numpy allocated them (MemoryError) before finding the data short.
    "huge-header": ("ex03_backward.py", """
        import io, json, os, struct, zipfile
        from course import channel, wire
        h = repr({"descr": "<f8", "fortran_order": False, "shape": (10**13,)}).encode()
        h += b" " * ((64 - (10 + len(h) + 1) % 64) % 64) + b"\\n"
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("a0.npy", b"\\x93NUMPY\\x01\\x00" + struct.pack("<H", len(h)) + h
                       + bytes(16))
        doc = json.dumps({"done": 0, "cases": [{"facts": {"x": {"__array__": "a0"}}}]}).encode()
        channel.send(3, wire.pack({"start": 0}))
        channel.send(3, struct.pack(">I", len(doc)) + doc + buf.getvalue())
        os._exit(0)
        """, "ex03.derivative", "could not be read back"),
    # An error record whose type and errno are arrays (their truth raised in the engine and in
    # describe_error), a time and an output span beyond float range (float() overflowed).
    "array-error": ("ex03_backward.py", """
        import os
        import numpy as np
        from course import channel, wire
        error = {"type": np.arange(2.0), "message": "x", "errno": np.arange(2.0)}
        channel.send(3, wire.pack({"start": 0}))
        channel.send(3, wire.pack({"done": 0, "seconds": 10**400, "output": [10**400, 0],
                                   "cases": [{"error": error}] * 3}))
        os._exit(0)
        """, "ex03.derivative", "raised [0., 1.]: x"),
}


def test_forged_results_cost_their_task_and_the_batch_is_graded(tmp_path):
    paths = []
    for name, (filename, source, _, _) in HOSTILE.items():
        folder = tmp_path / "subs" / name / "exercises"
        folder.mkdir(parents=True)
        (folder / filename).write_text(textwrap.dedent(source))
        paths.append(folder.parent)
    paths.append(engine.SOLUTIONS)  # an honest submission in the same batch
    out = tmp_path / "out"
    summary = grade(paths, out, jobs=2, limits=LIMITS, seed=7,
                    progress=open(os.devnull, "w"), isolation=ISOLATION)

    reports = summary.reports
    assert sorted(reports) == sorted(p.name for p in paths) and not summary.rejected
    for name, (_, _, tid, says) in HOSTILE.items():
        task = next(t for t in reports[name].tasks if t.id == tid)
        assert task.points == 0 and says in task.feedback, (name, task)
    honest = reports[engine.SOLUTIONS.name]
    assert honest.score == honest.max_score, [t for t in honest.tasks if t.status != PASSED]
    book = (out / "gradebook.csv").read_text()
    assert all(p.name in book for p in paths)
    assert all((out / "results" / f"{p.name}.json").exists() for p in paths)
    again = grade(paths, out, jobs=2, limits=LIMITS, seed=7, progress=open(os.devnull, "w"),
                  isolation=ISOLATION)  # a re-run finds everything graded
    assert sorted(again.skipped) == sorted(reports) and not again.graded


# ---- the parts, without a sandbox ---------------------------------------------------------

def _npy(header: dict, data: bytes) -> bytes:
    text = repr(header).encode()
    text += b" " * ((64 - (10 + len(text) + 1) % 64) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text)) + text + data


def _reply(member: bytes) -> bytes:
    doc = json.dumps({"x": {"__array__": "a0"}}).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a0.npy", member)
    return struct.pack(">I", len(doc)) + doc + buf.getvalue()


@pytest.mark.parametrize("descr, shape, data, reason", [
    ("<f8", (10**13,), bytes(16), "claims more data than was sent"),
    ("<f8", (3,), bytes(16), "claims more data than was sent"),  # cut short
    ("<i4", (4, 10**12, 0, -1), b"", "claims more data"),
    ("|O", (1,), bytes(8), "dtype object: not numbers"),
    ("<U3", (1,), bytes(12), "dtype <U3: not numbers"),
    ([("a", "<f8")], (1,), bytes(8), "not numbers"),  # structured
    (("<f8", (2,)), (1,), bytes(16), "not numbers"),  # a subarray dtype
])
def test_wire_reads_an_array_header_before_allocating(descr, shape, data, reason):
    header = {"descr": descr, "fortran_order": False, "shape": shape}
    with pytest.raises(wire.WireError, match=reason):
        wire.unpack(_reply(_npy(header, data)))


def test_wire_still_reads_every_array_a_probe_sends():
    sent = {"f": np.arange(6.0).reshape(2, 3), "f32": np.ones(2, np.float32),
            "i": np.arange(3), "b": np.array([True, False]), "empty": np.zeros((0, 4)),
            "fortran": np.asfortranarray(np.arange(6.0).reshape(2, 3)), "big": np.ones(1 << 20)}
    back = wire.unpack(wire.pack(sent))
    for key, value in sent.items():
        assert back[key].dtype == value.dtype and np.array_equal(back[key], value), key


def test_malformed_facts_are_differences_never_exceptions():
    arrays = [np.ones(2)] * 2
    cases = [
        ({"v": 1.5}, {"v": 10**400}, "v: expected 1.5, got 1000"),
        ({"v": 1.5}, {"v": True}, "v: expected 1.5, got True"),
        ({"v": 1.5}, {"v": [1.5]}, "v: expected 1.5, got [1.5]"),
        ({"names": ["a", "b"]}, {"names": arrays}, "first difference at index 0: expected 'a'"),
        ({"names": ["a", "b"]}, {"names": ["a", np.ones(3)]}, "index 1: expected 'b'"),
        ({"names": ["a", "b"]}, {"names": "ab"}, "names: expected ['a', 'b'], got 'ab'"),
        ({"r.type": "Tensor"}, {"r.type": np.ones(2)}, "r: expected a Tensor, got an object"),
        ({"r.type": "Tensor"}, {"r.type": ["Tensor"]}, "got an object of type ['Tensor']"),
        ({"flag": True}, {"flag": np.ones(2)}, "flag: expected True, got [1., 1.]"),
        ({"g": None}, {"g": {"nested": [np.ones(2)]}}, "g: expected None, got {'nested'"),
        ({"x": np.ones(2)}, {"x": np.ones(2, dtype=bool)}, None),  # compared as numbers
    ]
    for exp, got, says in cases:
        message = compare_facts(exp, got)
        assert (message is None) if says is None else (says in message), (got, message)
    assert compare_facts({"names": ["a", "b"]}, {"names": ["a", "b"]}) is None
    assert compare_facts({"v": 2.0}, {"v": 2}) is None  # an int is a number

    error = {"type": "RuntimeError", "message": "boom"}
    forged = {"type": np.ones(2), "message": np.ones(2), "errno": np.ones(2)}
    assert compare_case({"error": error}, {"error": forged}, 1e-4, 1e-5) == "the outcome differs"
    assert compare_case({"facts": {"v": 1.0}}, {"error": forged}, 1e-4, 1e-5).startswith(
        "raised [1., 1.]")
    assert describe_error(forged) == "raised [1., 1.]: [1., 1.]"


@pytest.mark.parametrize("layers", [
    [{"layer": ["Linear"]}], [["Linear"]], [{"layer": {"Linear": 1}}],
    [{"layer": "GELU", "approximate": np.ones(2)}], [{"layer": "Dropout", "p": 10**400}],
])
def test_rebuild_model_refuses_forged_layers_by_type(layers):
    with pytest.raises(NotRebuildable):
        rebuild_model(layers, 2, 3)


def _task(judge=None) -> Task:
    return Task("ex01", "f", "f", lambda rng: [{"label": "a"}], lambda fn, case: {},
                judge=judge)


EXPECT = {"cases": [{"label": "a"}], "reference": [{"facts": {"v": 1.0}}], "variants": {}}


def test_judge_turns_a_comparison_that_breaks_into_that_tasks_error():
    def broken(case, expected, got):
        raise ZeroDivisionError
    result = engine.judge(_task(broken), EXPECT, TaskRun([{"facts": {"v": 1.0}}], None))
    assert result.status == ERROR and result.points == 0
    assert result.feedback == ("its results could not be compared (malformed results: "
                               "ZeroDivisionError)")
    # A judge is only asked about facts that are a dict; anything else is "malformed".
    called = []
    result = engine.judge(_task(lambda *a: called.append(a)), EXPECT,
                          TaskRun([{"facts": ["v"]}], None))
    assert result.status == FAILED and "malformed" in result.feedback and not called
    # An error record naming its type by an array is just a failure.
    result = engine.judge(_task(), EXPECT, TaskRun([{"error": {"type": np.ones(2)}}], None))
    assert result.status == FAILED and result.feedback.startswith("case 1 (a): raised [1., 1.]")


@pytest.mark.parametrize("facts, says", [
    ({"order.type": "list", ORDER: [0, -1]},
     "expected node numbers 0 to 3 or None, got -1 (type int) at index 1"),
    ({"order.type": "list", ORDER: [0, 1.0]}, "got 1 (type float) at index 1"),
    ({"order.type": "list", ORDER: [True]}, "got True (type bool) at index 0"),
    ({"order.type": "list", ORDER: ["0"]}, "got '0' (type str) at index 0"),
    ({"order.type": "list", ORDER: [[0]]}, "got [0] (type list) at index 0"),
    ({"order.type": "list", ORDER: [10**400]}, "got 10000"),
    ({"order.type": "list", ORDER: np.arange(4)}, "expected a list, got [0, 1, 2, 3]"),
    ({"order.type": "list", ORDER: {"0": 1}}, "expected a list, got {'0': 1}"),
    ({"order.type": "list"}, "expected a list, got None"),
    ({"order.type": np.ones(2), ORDER: [0]}, "order: expected a list, got an object of type"),
    # as long as the reply may be: judged, not refused
    ({"order.type": "list", ORDER: [0] * 2_000_000}, "order lists y, the root, itself: "
                                                     "expected True, got False"),
])
def test_a_forged_order_fails_with_its_reason(facts, says):
    """ex10's order crosses as node numbers that the parent's judge checks on the case's graph:
    malformed ones fail the task with what is wrong, the grader carries on."""
    task = exercise("ex10").tasks[0]
    expect = engine.expectations("ex10", 7)[0]
    result = engine.judge(task, expect, TaskRun([{"facts": facts}] * len(expect["cases"]), None))
    assert result.status == FAILED and result.points == 0, result.feedback
    assert result.feedback.startswith("case 1 (c = a * b; y = c + a with") and says in \
        result.feedback, result.feedback


# A reply whose error record and facts are an array numpy takes seconds to print (shape
# (2,) * 20: numpy prints every number of an axis of up to six), named 50,000 times over
# (each reference to the one array in the .npz is the array itself once read back).
SLOW_TEXT = """
    import io, json, os, struct
    import numpy as np
    from course import channel, wire
    buf = io.BytesIO()
    np.savez(buf, a0=np.zeros((2,) * 20, dtype=np.float32))
    slow = {"__array__": "a0"}
    error = {"type": slow, "message": [slow] * 50_000, "line": [slow, [slow] * 1000]}
    doc = json.dumps({"done": 0, "cases": [{"error": error}] * 3}).encode()
    channel.send(3, wire.pack({"start": 0}))
    channel.send(3, struct.pack(">I", len(doc)) + doc + buf.getvalue())
    os._exit(0)
    """


def test_a_reply_that_takes_long_to_print_does_not_hold_the_grader(tmp_path):
    """A twelfth red team's reply: ex03's error record an array of shape (2,) * 20 (4 MB;
    numpy took 8 s to print it, 17 s at 16 MB) and its message a list naming that array
    50,000 times. The grader's own process printed each whole before cutting it to a line:
    hours for one task, holding every thread of it (the batch stood still). A learner value's
    text now costs what is shown of it; the batch, an honest submission in it, is graded."""
    try:  # (a process of its own: without the bound it would not end for hours)
        reports, _, _ = grade_ex03_in_a_process(tmp_path, "slow", SLOW_TEXT, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("grading one forged reply took more than 120 s")
    slow = {tid: (points, feedback) for tid, points, feedback in reports["slow"]}
    assert slow["ex03.derivative"][0] == 0
    assert slow["ex03.derivative"][1].startswith("case 1 (") and "raised <array of shape (2, 2" \
        in slow["ex03.derivative"][1], slow
    honest = reports[engine.SOLUTIONS.name]
    assert all(points > 0 for _, points, _ in honest), honest
