"""The source rule that keeps the grader's objects out of the learner's reach
(course/specs/grader_out_of_reach.py) against honest files: a refusal scores 0 on every task
the file holds, so a false positive costs an honest learner all of a file's points.

tests/honest_files.py holds ~100 honest answers in the styles learners write (classes,
dataclasses, NamedTuple, typing, functools, itertools, f-strings, walrus, match, a main() with
argparse, getattr over a list of names, vars(self) in a repr, ``from minigrad import *``...).
Each passes the rule (cheap: read in this process); a representative subset also goes through
the real grader and passes every task. Then: the honest-looking lines that are refused, each
a real way to the grader's objects, with a reply that names the line and says what to write
instead; and the attacks next to each construct the sweep allowed, still refused (some as
whole programs through the real grader).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import folder_sandboxes
import pytest
from honest_files import HONEST, LESSON_MISTAKES, whole_file
from test_course_redteam24d import _BY_AUTOGRAD

from course.specs import grader_out_of_reach
from course.tasks import exercise

box, grade = folder_sandboxes.box, folder_sandboxes.grade


# Every honest file: its exercise and its code.
_ALL = {**{name: (eid, code) for name, (eid, _, code) in HONEST.items()},
        **{name: (eid, code) for name, (eid, _, _, code) in LESSON_MISTAKES.items()}}


@pytest.mark.parametrize("name", _ALL)
def test_the_rule_lets_each_honest_file_through(name):
    eid, code = _ALL[name]
    assert grader_out_of_reach.reached(whole_file(eid, code)) is None


# One of each kind of construct the sweep allowed or tried, through the real grader.
GRADED = (
    "derivative with a walrus",
    "second derivative with functools.partial",
    "Cube from minigrad.autograd import Function",
    "vjp with star import",
    "grad_after_n with a match statement",
    "accumulate with a generator helper",
    "the reference's train tried by an argparse script part",
    "zero_grads with getattr over a tuple of names in a constant",
    "sgd_step with a class-based optimizer of its own",
    "clip_grad_norm with functools.reduce and operator.add",
    "to_numpy with vars(self) in an f-string of a helper class",
    "straight_through_sign with import minigrad.nn as nn",
    "td_grad with nn.MSELoss and a NamedTuple",
    "fit with getattr over a list of names",
    "fit with a dataclass of its own for the history",
    "fit with self.__dict__ in a debugging repr",
)


@pytest.mark.parametrize("name", GRADED)
def test_honest_files_pass_every_task_through_the_real_grader(grade, name):
    eid, _, code = HONEST[name]
    tasks = grade(eid, whole_file(eid, code), seed=0)
    assert {n: t.status for n, t in tasks.items()} == dict.fromkeys(tasks, "passed"), \
        {n: t.feedback for n, t in tasks.items() if t.status != "passed"}


@pytest.mark.parametrize("name", LESSON_MISTAKES)
def test_a_lessons_mistake_is_named_by_its_task_not_refused_by_the_rule(grade, name):
    eid, task, misconception, code = LESSON_MISTAKES[name]
    folder_sandboxes.assert_named(grade, eid, task, misconception, whole_file(eid, code))


# Honest-looking lines the rule refuses, each a way to the grader's objects: (exercise, the
# file, what the reply says of the line, what it says to write instead).
_REFUSED = {
    # The habit of PyTorch: no gateway, but the file cannot run (no torch in the sandbox).
    "import torch": ("ex08", """
        import torch

        def to_numpy(t):
            return t.detach().numpy()
        """, "line 2 imports torch", None),
    # vars(x) is x's namespace: a module's is its globals (minigrad's hold sys).
    "vars(self) returned": ("ex09", """
        class Log:
            def __init__(self):
                self.losses = []

            def as_dict(self):
                return vars(self)
        """, "line 7 uses vars", "Read the attributes you need by name (self.losses); "
                                 "vars(self) and self.__dict__ are fine only to show them, "
                                 "inside an f-string or print()."),
    "self.__dict__.update": ("ex09", """
        class Config:
            def __init__(self, **options):
                self.__dict__.update(options)
        """, "line 4 reads __dict__", "Read the attributes you need by name (self.losses); "
                                      "vars(self) and self.__dict__ are fine only to show them, "
                                      "inside an f-string or print()."),
    # A name handed in may be any name: "__globals__" too.
    "getattr with a parameter": ("ex09", """
        def describe(model, names):
            return [getattr(model, name) for name in names]
        """, "line 3 uses getattr with a computed name",
        "Write the attribute itself (model.weight), or loop over names written in the file: "
        "for name in (\"weight\", \"bias\"): getattr(model, name)."),
    # setattr(Tensor, name, mine) would rebind minigrad's own method (a read is fine).
    "setattr over a list of names": ("ex06", """
        def zero_grads(params, set_to_none=True):
            for p in params:
                for name in ["grad"]:
                    setattr(p, name, None)
        """, "line 5 uses setattr with a computed name",
        "Set the attribute itself (p.grad = None), one line per name if need be."),
    # sys in the answer itself: sys.modules is one attribute away.
    "sys.float_info in the answer": ("ex07", """
        import sys

        def clip_grad_norm(params, max_norm):
            eps = sys.float_info.epsilon
            return eps
        """, "line 5 uses sys outside if __name__ == \"__main__\":", None),
    # from minigrad import * binds random to minigrad.random; the rule reads a name as one
    # module.
    "a star import beside import random": ("ex09", """
        from minigrad import *
        import random
        """, "line 3 binds random to a second module (one name, one module)",
        "Give each module a name of its own (a * import binds the module's modules too: from "
        "minigrad import * binds random to minigrad.random; import minigrad as torch "
        "instead)."),
    # logging.config reads code from files; a progress bar is not installed where you are
    # graded.
    "logging in the loop": ("ex09", """
        import logging

        def fit(model, loss_fn, optimizer, batches, epochs):
            logging.info("training")
        """, "line 2 imports logging", "Use print() for what you want to see as your code runs."),
    "a private name of the file's own that minigrad uses too": ("ex07", """
        class Stepper:
            def __init__(self, params):
                self._params = list(params)
        """, "line 4 uses _params, a private name minigrad's own code uses too",
        "Give your attribute a name minigrad does not use inside (self.params, or "
        "self._my_params, for self._params): the rule cannot tell your attribute from "
        "minigrad's own by its name alone."),
    "a tensor's private name": ("ex08", """
        def to_numpy(t):
            return t._data.copy()
        """, "line 3 reads _data, a private name of code other than this file's",
        "Use its public name, the one PyTorch gives it (x.grad, not x._grad)."),
}


@pytest.mark.parametrize("way", _REFUSED)
def test_an_honest_looking_refused_line_is_named_with_what_to_write_instead(way):
    eid, source, said, instead = _REFUSED[way]
    source = textwrap.dedent(source)
    task = exercise(eid).tasks[-1].name if eid != "ex09" else "fit"
    reply = grader_out_of_reach.grader_out_of_reach(task)(source)
    line = source.splitlines()[int(said.split()[1]) - 1].strip()
    if said.endswith("imports torch"):
        assert reply == (f"Your file's {said}, but this course's PyTorch is minigrad: write "
                         "`import minigrad as torch` (the lessons' first cell does the same).")
        return
    assert reply.startswith(f"Your file's {said}. {instead + ' ' if instead else ''}How your "
                            f"{task} does its work is checked while it runs"), reply
    assert f"change line {said.split()[1]}, `{line}`." in reply, reply


def test_a_refused_file_scores_nothing_through_the_real_grader(grade):
    source = whole_file("ex09", _REFUSED["vars(self) returned"][1] + """
        def fit(model, loss_fn, optimizer, batches, epochs):
            log = Log()
            for _ in range(epochs):
                total = 0.0
                for x, y in batches:
                    total += training_step(model, loss_fn, optimizer, x, y)
                log.losses.append(total / len(batches))
            return log.as_dict()["losses"]
        """)
    t = grade("ex09", source, seed=0)["fit"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    assert t.feedback.startswith("Your file's line 7 uses vars. Read the attributes you need by "
                                 "name"), t.feedback
    assert "change line 7, `return vars(self)`." in t.feedback, t.feedback


def test_course_check_shows_a_refused_learner_the_line_and_the_fix(tmp_path):
    """What a learner sees: `course check` in a folder of their own, `import torch` in ex08."""
    (tmp_path / "exercises").mkdir()
    stub = (exercise("ex08").filename)
    reference = whole_file("ex08", "import torch\n")
    (tmp_path / "exercises" / stub).write_text(reference)
    done = subprocess.run([sys.executable, "-m", "course", "check", "ex08"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert "Your file's line 1 imports torch, but this course's PyTorch is minigrad: write " \
           "`import minigrad as torch`" in done.stdout, done.stdout + done.stderr


# Next to each construct the sweep allowed, an attack the rule still refuses: the file, and
# what the reply says of its first line past the rule.
_STILL_REFUSED = {
    "a name list that grows": ("""
        NAMES = ["grad"]
        NAMES.append("__glo" + "bals__")
        for name in NAMES:
            found = getattr(f, name)
        """, "line 5 uses getattr with a computed name"),
    "a loop's name bound again": ("""
        for name in ["grad"]:
            pass
        name = "__glo" + "bals__"
        found = getattr(f, name)
        """, "line 5 uses getattr with a computed name"),
    "a loop's name bound by a walrus": ("""
        found = [getattr(f, name) for name in ["grad"] if (name := "_hidden")]
        """, "line 2 uses getattr with a computed name"),
    "a loop's name also a parameter": ("""
        for name in ["grad"]:
            pass

        def read(f, name):
            return getattr(f, name)
        """, "line 6 uses getattr with a computed name"),
    "a loop over a private name": ("""
        for name in ["_hidden"]:
            found = getattr(f, name)
        """, "line 3 uses getattr with a computed name"),
    "minigrad's method rebound by setattr over names": ("""
        from minigrad import Tensor

        for name in ["backward"]:
            setattr(Tensor, name, None)
        """, "line 5 uses setattr on what may be a class or module not this file's (type(x), "
             "x.__class__, super(), or a name of the file's for one of minigrad's, such as "
             "T = torch.Tensor): minigrad's classes are used as they are"),
    "a literal private name": ("""
        found = getattr(t.grad_fn, "_hidden")
        """, "line 2 reads _hidden, a private name of code other than this file's"),
    "vars handed on": ("""
        import minigrad as torch

        space = vars(torch.nn.Module)
        """, "line 4 uses vars"),
    "vars of a module shown": ("""
        import minigrad as torch

        print(vars(torch))
        """, "line 4 uses the module torch as a value"),
    "vars given to a print of the file's own": ("""
        print = list

        class Log:
            def keys(self):
                return print(vars(self))
        """, "line 6 uses vars"),
    "a relative * beside minigrad's (read without importing it)": ("""
        from minigrad import *
        from .minigrad import *
        """, "line 3 imports .minigrad"),
    "__dict__ written": ("""
        def patch(obj):
            obj.__dict__["watched"] = None
        """, "line 3 reads __dict__"),
    "dataclass renamed": ("""
        from dataclasses import dataclass as frozen
        """, "line 2 imports dataclass as frozen (keep its name: @dataclass)"),
    "dataclass called": ("""
        from dataclasses import dataclass

        Made = dataclass(frozen=True)(Base)
        """, "line 4 uses dataclass other than as @dataclass on a class statement whose "
             "bases, if any, are this file's own plain classes"),
    "dataclass by a literal name": ("""
        import dataclasses

        make = getattr(dataclasses, "dataclass")
        """, "line 4 uses dataclass other than as @dataclass on a class statement whose "
             "bases, if any, are this file's own plain classes"),
    "dataclass by a loop's name": ("""
        import dataclasses

        for name in ["dataclass"]:
            make = getattr(dataclasses, name)
        """, "line 5 uses getattr with a computed name"),
    "make_dataclass": ("""
        import dataclasses

        K = dataclasses.make_dataclass("K", fields)
        """, "line 4 reads make_dataclass"),
    "a dataclass with a metaclass": ("""
        from dataclasses import dataclass

        @dataclass
        class K(metaclass=M):
            x: int
        """, "line 4 uses dataclass other than as @dataclass on a class statement whose "
             "bases, if any, are this file's own plain classes"),
    "a dataclass on a base rebound": ("""
        from dataclasses import dataclass

        class Base:
            pass

        Base = Other

        @dataclass
        class K(Base):
            x: int
        """, "line 9 uses dataclass other than as @dataclass on a class statement whose "
             "bases, if any, are this file's own plain classes"),
    "minigrad's function rebound after a *": ("""
        from minigrad import *

        autograd.grad = None
        """, "line 4 rebinds autograd.grad, a name of minigrad's, not this file's"),
    "minigrad's class rebound after a *": ("""
        from minigrad import *

        Tensor.backward = None
        """, "line 4 rebinds Tensor.backward, imported, not this file's"),
    "a gateway name bound by a *": ("""
        from minigrad import *

        view = as_strided(t, (2,), (1,))
        """, "line 4 uses as_strided, imported by a *: import the names you use by name"),
    "numpy's *, which binds modules made on first use": ("""
        from numpy import *
        """, "line 2 imports char from numpy (by its *: import the names you use by name)"),
    "os in the answer": ("""
        import os

        def fit(model, loss_fn, optimizer, batches, epochs):
            return os.environ
        """, "line 5 uses os outside if __name__ == \"__main__\":"),
}


@pytest.mark.parametrize("way", _STILL_REFUSED)
def test_the_attack_next_to_each_allowed_construct_is_still_refused(way):
    source, said = _STILL_REFUSED[way]
    assert grader_out_of_reach.reached(textwrap.dedent(source)) == said


# Whole attacks through the real grader: ex03's Cube by minigrad's autograd.grad once the
# watch is switched off, reached by each construct the sweep allowed, misused.
_THROUGH_THE_GRADER = {
    # dataclass writes Python from its fields' names: a functional TypedDict's field named by
    # a str whose repr writes a statement, copied into a class statement's annotations by
    # TypedDict's metaclass (the statement runs as the class is made).
    "a dataclass over a TypedDict's fields": ("""
        import minigrad as torch
        from dataclasses import dataclass
        from typing import TypedDict


        class Field(str):
            calls = []

            def __repr__(self):
                self.calls.append(1)
                if len(self.calls) > 1:
                    return "'x'"
                return ("'x',x)\\n import minigrad\\n minigrad.autograd.grad = lambda o, i, **_: "
                        "(3 * i ** 2,)\\n def _h(x):\\n  (0")


        Base = TypedDict("Base", {Field("x"): int})


        @dataclass(frozen=True)
        class Unwatched(Base):
            pass
        """, "line 21 uses dataclass other than as @dataclass on a class statement whose "
             "bases, if any, are this file's own plain classes"),
    "minigrad's autograd.grad rebound after a *": ("""
        import minigrad as torch
        from minigrad import *

        autograd.grad = lambda outputs, inputs, **_: (3 * inputs ** 2,)
        """, "line 5 rebinds autograd.grad, a name of minigrad's, not this file's"),
}


@pytest.mark.parametrize("way", _THROUGH_THE_GRADER)
def test_each_allowed_construct_misused_scores_nothing(grade, way):
    before, said = _THROUGH_THE_GRADER[way]
    t = grade("ex03", textwrap.dedent(before) + textwrap.dedent(_BY_AUTOGRAD), seed=0)["Cube"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    assert t.feedback.startswith(f"Your file's {said}."), t.feedback
