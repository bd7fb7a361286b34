"""course/audit.py: in ex10's fork no code runs but the learner's file. Each way a red team ran
an engine carried in the file (a string run as code, a zip written out and imported) is
refused by what it does, with course/own_code/'s rule switched off; an honest engine's
everyday code, namedtuple and forward references included, still runs."""

import textwrap
from unittest import mock

import pytest
from folder_sandboxes import ISOLATION

from course import audit, engine
from course.sandbox import Limits, Sandbox
from course.tasks import exercise

REFERENCE = (engine.SOLUTIONS / exercise("ex10").filename).read_text()
LIMITS = Limits(timeout=10.0, memory_mb=512, output_bytes=64 << 10)


def _graded(tmp_path, source: str):
    """ex10 graded in a real sandbox with the rule on the source off: the audit alone."""
    path = tmp_path / exercise("ex10").filename
    path.write_text(source)
    with mock.patch.object(engine, "_breaks_rule", lambda *_: None), \
            Sandbox(LIMITS, files=tmp_path, isolation=ISOLATION) as box:
        return engine.grade_exercise(box, "ex10", path, seed=5)


GADGETS = {  # code added to the reference at its end -> what the learner is told
    "exec": ("exec('x = 1')", "compiles code that is not your file (compile)"),
    "eval of a name, which compiles": ("eval('x')", "runs code that is not your file (exec)"),
    "compile": ("compile('1', 'f', 'eval')", "compiles code that is not your file (compile)"),
    "compiled as the file itself": ("compile('import sys', __file__, 'exec')",
                                    "compiles code that is not your file (compile)"),
    "a function made from a code object": (
        "def f():\n    return 1\ng = type(f)(f.__code__, {})", "runs code that is not your file "
                                                               "(function.__new__)"),
    "a module not loaded": ("import csv", "imports a module ex10's sandbox did not load (import)"),
    "a zip written out": ("open('engine.zip', 'wb').write(b'PK')",
                          "opens a file for writing (open)"),
    "numpy writing a file": ("import numpy\nnumpy.save('engine.npy', numpy.zeros(3))",
                             "opens a file for writing (open)"),
    "a process": ("import os\nos.system('true')", "starts a process (os.system)"),
    "the hook switched off": ("import sys\nsys.modules['course.audit'].refused = lambda *a: None"
                              "\nexec('x = 1')", "compiles code that is not your file (compile)"),
    "the first red team's ForwardRef": (
        "import typing\ntyping.get_args(typing.List['exec(\"1\") or int'])[0]._evaluate({}, None, "
        "frozenset())", "compiles code that is not your file (compile)"),
}


@pytest.mark.parametrize("way", GADGETS)
def test_a_string_run_as_code_or_an_engine_written_out_is_refused(tmp_path, way):
    added, said = GADGETS[way]
    for task in _graded(tmp_path, REFERENCE + "\n" + added + "\n").tasks:
        assert task.points == 0 and task.feedback.startswith(
            f"importing the file failed: RuntimeError: your file {said}: ex10's engine is your "
            f"own code, run as it is written"), task.feedback


def test_an_engines_everyday_code_runs(tmp_path):
    source = REFERENCE + textwrap.dedent("""
        import collections
        import typing
        import warnings
        from typing import NamedTuple, Optional

        Edge = collections.namedtuple("Edge", "parent child")
        One = collections.namedtuple("One", ["only"])
        class Step(NamedTuple):
            op: str
            inputs: "tuple[Value, ...]"

        def leaf(x: Optional["Value"]) -> "Value | None":
            return x

        Edge(1, 2), One(3), Step("+", ())
        warnings.warn("a learner's own warning")
        try:
            1 / 0
        except ZeroDivisionError:
            pass
        import numpy as np
        print(repr(np.arange(3.0)), np.linalg.norm(np.ones(4)), np.ma.masked_array([1.0]),
              np.char.upper(["a"]))
        """)
    result = _graded(tmp_path, source)
    assert result.score == result.max_score, [t.feedback for t in result.tasks]


@pytest.mark.parametrize("event, args, said", [
    ("exec", (compile("1", "f.py", "eval"),), "runs code that is not your file"),
    ("compile", (b"x", "<string>"), None),
    ("compile", (b"x()", "<string>"), "compiles code that is not your file"),
    ("compile", (b"lambda _cls, a: _tuple_new(_cls, (a,))", "<string>"), None),
    ("open", ("f", "r", 0), None),
    ("open", ("f", None, 0o1101), "opens a file for writing"),
    ("import", ("csv", None, [], [], []), "imports a module ex10's sandbox did not load"),
    ("object.__setattr__", (object, "x", 1), None),
])
def test_each_event_is_judged(event, args, said):
    assert audit.refused(event, args, {}, "f.py") == said


def test_the_files_own_compile_and_body_pass_once():
    own = {"compile": 1, "f.py": 1}
    code = compile("1", "f.py", "exec")
    assert audit.refused("compile", (b"1", "f.py"), own, "f.py") is None
    assert audit.refused("exec", (code,), own, "f.py") is None
    assert audit.refused("compile", (b"1", "f.py"), own, "f.py") is not None
    assert audit.refused("exec", (code,), own, "f.py") is not None
