"""The exercise files: their docstring examples hold for the reference solutions, every task
has a stub raising NotImplementedError."""

import doctest
import importlib.util
from pathlib import Path

import pytest

import minigrad
from course import engine
from course.tasks import EXERCISE_IDS, exercise

ROOT = Path(__file__).resolve().parents[1]


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("eid", EXERCISE_IDS)
def test_stub_examples_hold_for_the_reference(eid):
    ex = exercise(eid)
    stub = _load(ROOT / "exercises" / ex.filename, f"stub_{eid}")
    reference = _load(engine.SOLUTIONS / ex.filename, f"reference_{eid}")
    # The stub's names (its imports: np in ex10) with the reference's functions in place.
    globs = {**vars(stub), **vars(reference), "torch": minigrad}
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    tests = [t for t in doctest.DocTestFinder().find(stub) if t.examples]
    for test in tests:
        test.globs = dict(globs)
        runner.run(test)
    assert runner.failures == 0
    assert {t.name for t in ex.tasks} <= set(vars(stub)), "a task has no stub"
