"""The grader's own modules out of the learner's reach, where a task's rule is checked in the
learner's process (course/specs/grader_out_of_reach.py), each a real learner file through the
real grader.

Red team 24 rebound course.watch.watched through sys.modules and ex03's Cube, minigrad's
autograd.grad doing its work, scored 1/1; red team 24b reset ex09 fit's graphs-held count on
the loss function handed in. Both are in their own files (now passing); here are the other
ways to the grader's objects (gc, a traceback's frames, an import of the course, a minigrad
function's __globals__, a name built at run time, minigrad's own functions rebound), each
refused with a reply that names its line, and plausible honest files that must still pass.
"""

import textwrap

import folder_sandboxes
import pytest
from test_course_redteam23b import _CUBE
from test_course_redteam24b import _LIBRARY_BY_BUILT_NAMES

from course import engine
from course.specs import grader_out_of_reach
from course.tasks import exercise

box, grade = folder_sandboxes.box, folder_sandboxes.grade

# Cube's backward by minigrad's autograd.grad on x ** 3, once the watch is switched off.
_BY_AUTOGRAD = _CUBE + """
            with torch.enable_grad():
                leaf = x.detach().requires_grad_()
                return grad_output * torch.autograd.grad((leaf ** 3).sum(), leaf)[0]
    """

_UNWATCH = "{}['watched'] = lambda call, on_call, *_: (call(), None)"

# name: (the file's lines before Cube, the line the reply names and what it says there)
_WAYS_TO_THE_GRADER = {
    "gc's objects": ("""
        import gc
        import minigrad as torch

        for found in gc.get_objects():
            if isinstance(found, dict) and found.get("__name__") == "course.watch":
                """ + _UNWATCH.format("found") + """
        """, "line 2 imports gc"),
    "a traceback's frames": ("""
        import minigrad as torch

        def _grader_globals():
            try:
                raise ValueError
            except ValueError as error:
                frame = error.__traceback__.tb_frame
            while "watched" not in frame.f_globals:
                frame = frame.f_back
            return frame.f_globals
        """, "line 8 reads __traceback__"),
    "the course imported": ("""
        import minigrad as torch
        import course.watch

        course.watch.watched = lambda call, on_call, *_: (call(), None)
        """, "line 3 imports course.watch"),
    "a minigrad function's globals": ("""
        import minigrad as torch

        torch.autograd.grad.__globals__["sys"].modules["course.watch"].watched = print
        """, "line 4 reads __globals__"),
    "a name built at run time": ("""
        import minigrad as torch

        modules = getattr(torch.autograd.grad, "__glo" + "bals__")
        """, "line 4 uses getattr with a computed name"),
    "minigrad's own function rebound": ("""
        import minigrad as torch

        torch.autograd.grad = lambda outputs, inputs, **_: (3 * inputs ** 2,)
        """, "line 4 rebinds torch.autograd.grad, a name of minigrad's, not this file's"),
    "a minigrad class's method rebound": ("""
        import minigrad as torch
        from minigrad import Tensor

        Tensor.backward = lambda self, *args, **kwargs: None
        """, "line 5 rebinds Tensor.backward, imported, not this file's"),
}


@pytest.mark.parametrize("way", _WAYS_TO_THE_GRADER)
def test_each_way_to_the_graders_objects_scores_nothing_with_its_line_named(grade, way):
    before, said = _WAYS_TO_THE_GRADER[way]
    t = grade("ex03", textwrap.dedent(before) + textwrap.dedent(_BY_AUTOGRAD), seed=0)["Cube"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    # (what to write instead, where the line is also a habit of honest code: getattr's is
    # tests/test_course_honest_files.py's)
    assert t.feedback.startswith(f"Your file's {said}. {grader_out_of_reach.instead(said)}How "
                                 "your Cube does its work is checked while it runs"), t.feedback


def test_fits_count_reset_through_a_frame_scores_nothing(grade):
    """Red team 24b's reset, now that the count is no attribute: the probe's frame, one up."""
    t = grade("ex09", """
        import minigrad as torch

        def fit(model, loss_fn, optimizer, batches, epochs):
            try:
                raise ValueError
            except ValueError as error:
                error.__traceback__.tb_frame.f_back.f_locals["most_held"][0] = 0
            return []
        """)["fit"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    assert t.feedback.startswith("Your file's line 8 reads __traceback__."), t.feedback


# What an honest learner adds to a right answer: imports of plain modules (contextlib too), a
# typed helper, the lessons' private names (a tensor's _version, a node's _saved_self),
# nn.Module's modules(), and a part that runs only as a script, with prints, doctest,
# matplotlib, and sys and tracemalloc (lesson 07's) imported at the top.
_HEADER = '''
from __future__ import annotations

import contextlib
import functools
import math
import operator
import sys
import tracemalloc
from collections import deque
from typing import Callable


def _product(values: list[float]) -> float:
    """>>> _product([2.0, 3.0])
    6.0
    """
    return functools.reduce(operator.mul, values, 1.0)


def _describe(t) -> str:
    node = t.grad_fn
    saved = getattr(node, "_saved_self", None) if node is not None else None
    return f"version {t._version}, saved {saved is not None}, pi {math.pi:.2f}"


_RECENT: deque = deque(maxlen=3)
_UNTRACKED = contextlib.nullcontext()
'''

_SCRIPT = '''

if __name__ == "__main__":
    import doctest

    import matplotlib.pyplot as plt

    tracemalloc.start()
    print(doctest.testmod(), sys.version, plt, tracemalloc.get_traced_memory())
'''


@pytest.mark.parametrize("eid", ["ex03", "ex05", "ex06", "ex07", "ex08", "ex09"])
def test_a_right_answer_with_an_honest_learners_extras_passes(grade, eid):
    reference = (engine.SOLUTIONS / exercise(eid).filename).read_text()
    tasks = grade(eid, _HEADER + reference + _SCRIPT, seed=0)
    assert {name: t.status for name, t in tasks.items()} == dict.fromkeys(tasks, "passed"), \
        {name: t.feedback for name, t in tasks.items() if t.status != "passed"}


_REFERENCE_EX09 = (engine.SOLUTIONS / exercise("ex09").filename).read_text()

_HONEST_CUBE_AND_FIT = {
    ("ex03", "Cube"): '''
        from functools import reduce

        import minigrad as torch


        def _power_rule(x: torch.Tensor, n: int) -> torch.Tensor:
            """d/dx x**n, by hand."""
            return n * reduce(lambda acc, _: acc * x, range(n - 1), torch.ones_like(x))


        class Cube(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x: torch.Tensor) -> torch.Tensor:
                ctx.save_for_backward(x)
                return x ** 3

            @staticmethod
            def backward(ctx, grad_output: torch.Tensor) -> torch.Tensor:
                (x,) = ctx.saved_tensors
                return grad_output * _power_rule(x, 3)
        ''',
    # (the reference's training_step, fit one's own)
    ("ex09", "fit"): _REFERENCE_EX09[:_REFERENCE_EX09.index("def fit")] + '''
def fit(model: nn.Module, loss_fn, optimizer, batches, epochs: int) -> list[float]:
    for module in model.modules():
        module.train()
    history = []
    for _ in range(epochs):
        losses = [training_step(model, loss_fn, optimizer, x, y) for x, y in batches]
        history.append(sum(losses) / len(losses))
    return history
''',
}


@pytest.mark.parametrize("eid, name", list(_HONEST_CUBE_AND_FIT))
def test_an_honest_cube_and_fit_of_ones_own_pass(grade, eid, name):
    t = grade(eid, _HONEST_CUBE_AND_FIT[eid, name], seed=0)[name]
    assert (t.status, t.points) == ("passed", 1), t.feedback


def test_a_library_function_named_at_run_time_is_refused_before_it_runs(grade):
    """Red team 24b's, refused by its source now (its run-time check: test_course_redteam24b)."""
    t = grade("ex07", _LIBRARY_BY_BUILT_NAMES)["sgd_step"]
    assert (t.status, t.points) == ("error", 0), t.feedback
    assert t.feedback.startswith("Your file's line 5 uses getattr with a computed name."), \
        t.feedback
