"""Learner code sees the specs as the student edition holds them: each misconception's variant
withheld, with the helpers only the variants use. Those helpers are correct code (ex10's engine,
ex02's graph walk, ex05's micro-batches, ex07's clipping, ex09's loop), so a submission that
imported them would score without writing anything. Graded in the real sandbox: borrowed code
answers nothing, and every misconception is still named, since the grader runs the variants on
its side with the full specs (test_course_grading.py names every misconception from variants
written in the learner's file)."""

import ast
import os
import textwrap
import time
from pathlib import Path

import pytest
from folder_sandboxes import ISOLATION, FolderSandboxes

from course import bwrap, engine
from course.release import write_withheld_specs
from course.sandbox import Limits
from course.tasks import WITHOUT_MINIGRAD, exercise

LIMITS = Limits(timeout=5.0, memory_mb=1024, output_bytes=64 << 10)
FREELOADS = {
    "ex02_graph.py": """
        from course.specs import ex02 as spec
        def grad_fn_names(y):
            return [n.name() for n in spec._walk(y)]
        def leaves(y):
            return [n.variable for n in spec._walk(y) if hasattr(n, "variable")]
        """,
    "ex05_accumulation.py": """
        from course.specs import ex05 as spec
        def accumulate(w, xs, ys, size):
            spec._micro_batches(w, xs, ys, size, lambda m, n, k: m / n)
        """,
    "ex07_no_grad.py": """
        from course.specs import ex07 as spec
        def clip_grad_norm(params, max_norm):
            return spec._clip(params, max_norm)
        """,
    "ex09_training_loop.py": """
        from course.specs import ex09 as spec
        def fit(model, loss_fn, optimizer, batches, epochs):
            return spec._loop(model, loss_fn, optimizer, batches, epochs, zero_grad=True,
                              item=True)
        """,
    "ex10_inside_autograd.py": """
        from course.specs.ex10 import _topological_order as topological_order, _Value as Value
        """,
}
FREELOADED = {"ex02.grad_fn_names", "ex02.leaves", "ex05.accumulate", "ex07.clip_grad_norm",
              "ex09.fit", "ex10.topological_order", "ex10.Value"}
# Prints what the specs it can import hold, their source included, into its own feedback.
SPEC_READER = """
    import importlib, inspect
    shown = []
    def grad_fn_names(y):
        helpers = ("_walk", "_micro_batches", "_clip", "_loop", "_Value", "_topological_order")
        for eid in ("ex02", "ex05", "ex07", "ex09", "ex10")[len(shown):]:
            spec = importlib.import_module(f"course.specs.{eid}")
            source = inspect.getsource(spec)
            variants = {m.variant for t in spec.TASKS for m in t.misconceptions}
            print(eid, variants, [h for h in helpers if hasattr(spec, h)
                                  or f"def {h}(" in source or f"class {h}" in source])
            shown.append(eid)
    """
needs_sandbox = pytest.mark.skipif(not ISOLATION.sandboxed, reason="no sandbox here: learner "
                                   "code then imports the grader's own modules")


@pytest.fixture(scope="module")
def box():
    with FolderSandboxes(LIMITS) as sandboxes:
        yield sandboxes


def _write(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    torch = "" if name[:4] in WITHOUT_MINIGRAD else "import minigrad as torch\n"
    path.write_text(torch + textwrap.dedent(body))
    return path


@needs_sandbox
@pytest.mark.parametrize("name", sorted(FREELOADS))
def test_the_graders_own_spec_code_answers_nothing(box, tmp_path, name, monkeypatch):
    # What the import finds is tested here, not ex10's rule (which refuses importing course).
    monkeypatch.setattr(engine, "_breaks_rule", lambda *_: None)
    path = _write(tmp_path, name, FREELOADS[name])
    for task in engine.grade_exercise(box, name[:4], path, seed=11).tasks:
        assert task.points == 0, (task.id, task.feedback)
        if task.id in FREELOADED:
            assert "has no attribute '_" in task.feedback or "cannot import name '_" in \
                task.feedback, task.feedback


@needs_sandbox
def test_the_specs_learner_code_reads_hold_no_variant(box, tmp_path):
    path = _write(tmp_path, "ex02_graph.py", SPEC_READER)
    tasks = engine.grade_exercise(box, "ex02", path, seed=11).tasks
    task = next(t for t in tasks if t.id == "ex02.grad_fn_names")
    assert task.output.splitlines() == [f"{eid} {{None}} []" for eid in
                                        ("ex02", "ex05", "ex07", "ex09", "ex10")], task.output


def test_the_sandbox_gets_what_release_writes(tmp_path):
    """One withholding for the student edition and the sandboxes: `course release`'s."""
    written = write_withheld_specs(bwrap.SPECS, tmp_path)
    mounted = bwrap.withheld_specs()
    assert sorted(p.name for p in mounted.glob("*.py")) == sorted(
        p.name for p in bwrap.SPECS.glob("*.py"))
    for path in mounted.glob("*.py"):
        assert path.read_text() == (written / path.name).read_text(), path.name
    command = bwrap.command(["true"], tmp_path, 1 << 20, [])
    at = command.index(str(bwrap.SPECS))
    assert command[at - 2] == "--ro-bind"  # over the package's specs, after the package itself
    assert command.index(str(bwrap.PACKAGES[0])) < at


def test_references_score_full_marks(box):
    for eid in ("ex02", "ex10"):
        result = engine.grade_exercise(box, eid, engine.SOLUTIONS / exercise(eid).filename,
                                       seed=11)
        assert result.score == result.max_score, result.tasks


def test_copies_unused_for_a_month_are_pruned(tmp_path):
    """Each version of the specs leaves a copy in the cache folder; the ones no run has used
    for a month go, with any a dead writer left half-written. Recent ones stay."""
    month_ago = time.time() - 31 * 86400
    old, half_written, recent = (tmp_path / n for n in ("specs-old", "course-specs-x",
                                                        "specs-recent"))
    for folder in (old, half_written, recent):
        (folder / "specs").mkdir(parents=True)
    for folder in (old, half_written):
        os.utime(folder, (month_ago, month_ago))
    bwrap._prune(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["specs-recent"]


def test_no_exercise_spec_imports_another_exercises():
    # What two exercises share lives in a module of its own (course/specs/through_data.py:
    # ex06 once imported ex07's texts of an update through .data), so each spec stands alone
    # and withholding one's variants never reaches into another.
    specs = Path(__file__).resolve().parents[1] / "course" / "specs"
    for spec in sorted(specs.glob("ex*.py")):
        for node in ast.walk(ast.parse(spec.read_text())):
            modules = ([node.module or ""] if isinstance(node, ast.ImportFrom) else
                       [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            for module in modules:
                assert not module.split(".")[-1].startswith("ex"), f"{spec.name} imports {module}"
