"""`course release`: the student edition holds no reference code, yet `course check` in it gives
the repository's feedback (stubs score 0, references full marks, misconceptions named)."""

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from spec_variants import definitions, solutions_doing_a_mistake, variant_file

from course import engine
from course.errors import UsageError
from course.release import ReleaseError, leaks, release, withhold_variants
from course.tasks import EXERCISE_IDS, all_exercises, exercise

ROOT = Path(__file__).resolve().parents[1]


def in_edition(edition, *args, module="course", script=None):
    """Run the edition's own `course` (or another module, or a script) with the edition first
    on sys.path."""
    env = {**os.environ, "PYTHONPATH": str(edition)}
    command = ["-c", script] if script else ["-m", module, *args]
    return subprocess.run([sys.executable, *command], cwd=edition, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    """A committed copy of this working tree, made once for the module: release ships what is
    committed and refuses uncommitted specs, solutions or minigrad, and a maintainer runs the
    tests before committing. A test that changes a working copy changes a clone of it."""
    return _committed_copy(tmp_path_factory.mktemp("checkout"))


@pytest.fixture(scope="module")
def edition(checkout, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("course.release.REPOSITORY", checkout)
        return release(tmp_path_factory.mktemp("release") / "student-edition")


def _clone(checkout, folder):
    """A working copy of ``checkout`` of the test's own. git's local clone links the objects
    and checks out the commit: seconds less than copying the course and committing it again."""
    subprocess.run(["git", "clone", "-q", str(checkout), str(folder)], check=True)
    return folder


def _committed_copy(folder):
    """This working tree, as it is, committed in a repository of its own in ``folder``."""
    checkout = folder / "checkout"
    shutil.copytree(ROOT, checkout, ignore=shutil.ignore_patterns(
        ".git", ".venv*", "build", "__pycache__", ".ipynb_checkpoints", ".course", "submissions",
        ".pytest_cache", ".ruff_cache", ".hypothesis"))
    _commit(checkout)
    return checkout


def test_edition_layout_and_readme(edition):
    for part in ("README.md", "pyproject.toml", "minigrad/tensor.py", "course/cli.py",
                 "notebooks/00_start_here.ipynb", "binder/requirements.txt"):
        assert (edition / part).is_file(), part
    assert not (edition / "course" / "solutions").exists()
    assert not list(edition.rglob("*.pyc")) and not list(edition.rglob("__pycache__"))
    assert [p.name for p in (edition / "tests").iterdir()] == ["test_course_public_cases.py"]
    assert not (edition / "docs" / "grading.md").exists()
    assert "student edition" in (edition / "README.md").read_text()
    for eid in EXERCISE_IDS:
        stub = (edition / "exercises" / exercise(eid).filename).read_text()
        assert stub == (ROOT / "exercises" / exercise(eid).filename).read_text()
    # Expected results are plain data: JSON and pickle-free npz only.
    kinds = {p.suffix for p in (edition / "course" / "expected").iterdir()}
    assert kinds == {".json", ".wire"}
    card = json.loads((edition / "course" / "expected" / "edition.json").read_text())
    assert card["edition"] == "student" and card["seed"] == 0


def _solution_sources():
    """(file, name, full source of each top-level function or class) of the references."""
    for path in sorted(engine.SOLUTIONS.glob("ex*.py")):
        source = path.read_text()
        for node in ast.parse(source).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                yield path.name, node.name, ast.get_source_segment(source, node)


def _squeezed(text):
    """Whole lines, stripped, blank ones dropped: "\nline\n...\n" so a match is line-exact."""
    return "\n" + "\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"


def test_no_reference_code_reaches_the_edition(edition):
    assert leaks(edition, engine.SOLUTIONS) == []
    texts = {p: p.read_text(errors="replace") for p in edition.rglob("*")
             if p.is_file() and p.suffix in (".py", ".md", ".json", ".txt", ".toml", ".cfg")}
    solutions = {p.read_text() for p in engine.SOLUTIONS.glob("ex*.py")}
    squeezed = {p: _squeezed(t) for p, t in texts.items()}
    for path, text in texts.items():
        assert text not in solutions, f"{path} is a reference solution"
    for filename, name, source in _solution_sources():
        body = _squeezed("\n".join(source.splitlines()[1:]))
        for path, text in squeezed.items():
            assert body not in text, f"{path} holds {filename}:{name}"


INSPECT = """
import importlib, json, pkgutil, sys
from pathlib import Path
import course, minigrad
from course import engine
from course.errors import UsageError
from course.tasks import all_exercises
modules, defined = [], set()
for pkg in (course, minigrad):
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        module = importlib.import_module(info.name)
        modules.append(module.__file__)
        if info.name.startswith("course."):
            defined |= {k for k, v in vars(module).items()
                        if getattr(v, "__module__", None) == info.name}
try:
    importlib.import_module("course.solutions")
    solutions = "importable"
except ImportError:
    solutions = "absent"
variants = [m.variant is None for ex in all_exercises() for t in ex.tasks
            for m in t.misconceptions]
recompute = {}
for seed in (0, 1):
    try:
        engine.expectations("ex03", seed)
        recompute[seed] = "answered"
    except UsageError as e:
        recompute[seed] = str(e)
print(json.dumps({"modules": modules, "defined": sorted(defined), "solutions": solutions,
                  "variants": variants, "recompute": recompute}))
"""


def test_nothing_importable_in_the_edition_recomputes_the_answers(edition):
    result = in_edition(edition, script=INSPECT)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert len(found["modules"]) > 40
    assert all(Path(m).is_relative_to(edition) for m in found["modules"])
    assert found["solutions"] == "absent"
    assert found["variants"] and all(found["variants"])  # every variant withheld
    assert not {name for _, name, _ in _solution_sources()} & set(found["defined"])
    assert found["recompute"]["0"] == "answered"  # the public cases, from the published data
    assert "not of seed 1" in found["recompute"]["1"]  # hidden cases: nothing to answer with


def _check(edition, *exercise_ids):
    """The edition's own `course check --json` of ``exercise_ids`` (all without), by task."""
    result = in_edition(edition, "check", *exercise_ids, "--json")
    assert result.returncode in (0, 1), result
    return {t["id"]: t for ex in json.loads(result.stdout)["exercises"] for t in ex["tasks"]}


def test_stubs_score_zero_and_references_full_marks_in_the_edition(edition, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(edition, work)
    stubs = _check(work)
    assert len(stubs) == sum(len(ex.tasks) for ex in all_exercises())
    assert all(t["points"] == 0 and t["status"] == "not attempted" for t in stubs.values())
    for path in engine.SOLUTIONS.glob("ex*.py"):
        shutil.copy(path, work / "exercises")
    solved = _check(work)
    assert all(t["status"] == "passed" and t["points"] == t["max_points"]
               for t in solved.values()), [t for t in solved.values() if t["status"] != "passed"]


def test_misconceptions_are_still_named_in_the_edition(edition, tmp_path):
    """Each variant, taken from the repository's specs, is recognised from published data."""
    work = tmp_path / "work"
    shutil.copytree(edition, work)
    exercises = all_exercises()
    for rank in range(max(len(t.misconceptions) for ex in exercises for t in ex.tasks)):
        expected = {}
        # Only the exercises with a variant of this rank are written and checked (ex10 has 27
        # variants of one task, most exercises a dozen at most): a check of the others, every
        # task undefined, asserted nothing and took half the test's time.
        ranked = [ex for ex in exercises if any(rank < len(t.misconceptions) for t in ex.tasks)]
        for ex in ranked:
            # The variant's own source travels in the learner's file, not in the edition.
            text, named = variant_file(ex, rank)
            (work / "exercises" / ex.filename).write_text(text)
            expected.update(named)
        assert expected
        got = _check(work, *(ex.id for ex in ranked))
        for tid, name in expected.items():
            assert got[tid]["misconception"] == name, (tid, got[tid]["feedback"])


def test_the_edition_holds_no_fix_and_check_promises_none(edition, tmp_path):
    """A known mistake's fix (shown by `course check` after the mistake is made twice) is
    often the answer's own line: the edition holds none of them, nor the shared helper that
    wrote one, and its `course check` names the mistake twice without a fix or a promise of
    one. Graded feedback shows the fixes (tests/test_course_hints.py)."""
    for ex in all_exercises():
        assert any(m.fix for t in ex.tasks for m in t.misconceptions), ex.id  # (in the repo)
    fixes = in_edition(edition, script=(
        "from course.tasks import all_exercises\n"
        "print(sorted({m.fix for ex in all_exercises() for t in ex.tasks "
        "for m in t.misconceptions}))"))
    assert fixes.stdout.strip() == "['']", fixes
    texts = "\n".join(p.read_text() for p in (edition / "course").rglob("*.py"))
    assert "grad_output * 3 * x**2" not in texts and "used_data_fix" not in texts
    shown = [m.fix for ex in all_exercises() for t in ex.tasks for m in t.misconceptions
             if m.fix and m.fix in texts]
    assert not shown, shown
    assert "-= lr *" not in (edition / "course" / "specs" / "through_data.py").read_text()

    work = tmp_path / "work"
    shutil.copytree(edition, work)
    # (the variant's own definitions: the whole spec imports what ex03's files may not,
    # course/specs/grader_out_of_reach.py)
    spec = (ROOT / "course" / "specs" / "ex03.py").read_text()
    (work / "exercises" / exercise("ex03").filename).write_text(
        f"{definitions(spec, {'CubeWithoutChainRule'})}\nCube = CubeWithoutChainRule\n")
    for _ in range(2):
        cube = _check(work, "ex03")["ex03.Cube"]
        assert cube["misconception"] == "no-chain-rule", cube
        assert "chain rule" in cube["feedback"] and "fix" not in cube["feedback"], cube


def test_withholding_takes_fixes_and_what_only_they_use():
    source = textwrap.dedent('''\
        from course.specs.shared import reason, answer_fix
        ANSWER_FIX = "return grad_output * 3 * x**2"
        KEPT = "a reason"
        TASKS = (Misconception("m", KEPT, lambda x: x, fix=ANSWER_FIX),
                 Misconception("n", reason("x"), lambda x: x, answer_fix("x")),
                 Misconception("o", "text", lambda x: x))
        ''')
    out = withhold_variants(source)
    assert "ANSWER_FIX" not in out and "answer_fix" not in out and "grad_output" not in out
    assert 'Misconception("m", KEPT, None, fix="")' in out
    assert 'Misconception("n", reason("x"), None, "")' in out
    assert "from course.specs.shared import reason\n" in out and 'KEPT = "a reason"' in out


def test_withholding_keeps_what_the_probes_need():
    source = textwrap.dedent('''\
        import helpers
        from course.tasks import Misconception, Task
        from lib import used, only_variant


        def _shared(x):
            return x


        def _inner(x):  # only the variant uses it
            return only_variant(x)


        @decorated
        def _variant(x):
            return _inner(_shared(x))


        def _probe(fn, case):
            return _shared(fn(case))


        TASKS = (Task(_probe, misconceptions=(Misconception("m", "tëxt → ok", _variant),
                                              Misconception("n", "text", variant=lambda x: x),
                                              )), used)
        ''')
    out = withhold_variants(source)
    assert "_variant" not in out and "_inner" not in out and "only_variant" not in out
    assert "def _shared" in out and "def _probe" in out and "from lib import used" in out
    assert 'Misconception("m", "tëxt → ok", None)' in out and "variant=None" in out
    assert "import helpers" in out  # not the variants' import: left alone
    compile(out, "spec", "exec")
    with pytest.raises(ReleaseError, match="without a variant"):
        withhold_variants("Misconception('m', 'text')\n")


def test_the_withheld_ex10_spec_holds_no_engine():
    """ex10's cases are drawn and its graphs walked with a forward-only node; the correct engine
    the wrong ones are built from (local derivatives, backward, a topological sort) goes with
    them."""
    out = withhold_variants((ROOT / "course" / "specs" / "ex10.py").read_text())
    tree = ast.parse(out)
    defined = {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    assert "_Node" in defined and "_order_probe" in defined and "_random_program" in defined
    assert not defined & {"_Value", "backward", "_schedule", "_deliver", "_topological_order",
                          "_breadth_first"}
    assigned = {t.attr for n in ast.walk(tree) if isinstance(n, (ast.Assign, ast.AugAssign))
                for t in getattr(n, "targets", [getattr(n, "target", None)])
                if isinstance(t, ast.Attribute)}
    assert not assigned & {"grad", "_local"}, assigned


STUB = """\
class Value:
    def __repr__(self):
        return f"Value({{self.data}})"

    def double(self):
{double}
"""


def test_code_the_committed_stub_hands_out_is_no_leak(tmp_path):
    """A reference body the exercise's stub holds as committed (ex10's __repr__) is handed to
    every learner: no leak. The working copy is not trusted: a body solved into it is one."""
    solutions, repository, edition = (tmp_path / d for d in ("solutions", "repo", "edition"))
    for folder in (solutions, repository / "exercises", edition / "exercises"):
        folder.mkdir(parents=True)
    (solutions / "ex99_demo.py").write_text(STUB.format(double="        return self * 2"))
    stub = STUB.format(double="        raise NotImplementedError")
    (repository / "exercises" / "ex99_demo.py").write_text(stub)
    git = ["git", "-C", str(repository), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "stub"]):
        subprocess.run([*git, *command], check=True, capture_output=True)
    (edition / "exercises" / "ex99_demo.py").write_text(stub)
    assert leaks(edition, solutions, repository) == []
    solved = (solutions / "ex99_demo.py").read_text()
    for folder in (repository, edition):  # solved after the commit
        (folder / "exercises" / "ex99_demo.py").write_text(solved)
    assert leaks(edition, solutions, repository) == [
        "exercises/ex99_demo.py holds the body of ex99_demo.py:double"]
    not_a_checkout = tmp_path / "copy"  # no git: nothing counts as handed out
    shutil.copytree(repository / "exercises", not_a_checkout / "exercises")
    assert len(leaks(edition, solutions, not_a_checkout)) == 2


def test_release_refuses_an_existing_folder_and_a_leaking_checkout(checkout, tmp_path,
                                                                   monkeypatch):
    (tmp_path / "taken").mkdir()
    with pytest.raises(UsageError, match="already exists"):
        release(tmp_path / "taken")
    with pytest.raises(UsageError, match="no reference solutions"):
        release(tmp_path / "new", tmp_path / "nowhere")
    # A copy without git (GitHub's "Download ZIP") cannot tell handed-out code from edits:
    # refused, by that reason.
    checkout = _clone(checkout, tmp_path / "checkout")
    os.rename(checkout / ".git", tmp_path / "git")
    monkeypatch.setattr("course.release.REPOSITORY", checkout)
    with pytest.raises(ReleaseError, match="is not a git clone"):
        release(tmp_path / "copy")
    os.rename(tmp_path / "git", checkout / ".git")
    # A commit with a solved exercise file, reformatted and commented past a line-by-line
    # search: refused, and nothing is left.
    solved = (engine.SOLUTIONS / "ex08_detach.py").read_text()
    (checkout / "exercises" / "ex08_detach.py").write_text(
        solved.replace(" @ ", "@").replace("\n    return ", "  # mine\n    return ", 1))
    _commit(checkout)
    with pytest.raises(ReleaseError, match="ex08_detach.py holds the answer to ex08"):
        release(tmp_path / "leaky")
    assert not (tmp_path / "leaky").exists()
    assert not any(p.name.startswith(".leaky") for p in tmp_path.iterdir())


def test_release_ships_what_is_committed_not_the_working_copy(checkout, tmp_path, monkeypatch):
    checkout = _clone(checkout, tmp_path / "checkout")
    # Solved in the working copy, notes with answers never added: neither ships.
    shutil.copy(engine.SOLUTIONS / "ex03_backward.py", checkout / "exercises")
    (checkout / "notebooks" / "INSTRUCTOR_NOTES.md").write_text("the answers")
    monkeypatch.setattr("course.release.REPOSITORY", checkout)
    edition = release(tmp_path / "edition")
    assert (edition / "exercises" / "ex03_backward.py").read_bytes() == \
        (ROOT / "exercises" / "ex03_backward.py").read_bytes()
    assert not (edition / "notebooks" / "INSTRUCTOR_NOTES.md").exists()


def _commit(folder):
    git = ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@t",
           "-c", "commit.gpgsign=false"]
    if not (folder / ".git").exists():
        subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "course"], check=True)


def test_damaged_expected_results_are_a_clear_error(edition, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(edition, work)
    (work / "course" / "expected" / "ex01.wire").write_text("{not json")
    result = in_edition(work, "check", "ex01")
    assert result.returncode == 2, result
    assert result.stderr.startswith("course: error: the expected results of ex01")
    assert "Traceback" not in result.stderr


def test_the_editions_own_tests_pass_in_it(edition, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(edition, work)
    result = in_edition(work, "-q", "-p", "no:cacheprovider", "tests/", module="pytest")
    assert result.returncode == 0, result.stdout[-2000:]
    assert "passed" in result.stdout


def test_the_editions_makefile_offers_only_what_works_in_it(edition, tmp_path):
    text = (edition / "Makefile").read_text()
    targets = re.search(r"^\.PHONY:(.*)$", text, re.MULTILINE)[1].split()
    assert sorted(targets) == ["check", "clean", "install", "lab", "lint", "notebooks", "test"]
    for target in targets:
        plan = subprocess.run(["make", "-n", target], cwd=edition, capture_output=True,
                              text=True, timeout=60)
        assert plan.returncode == 0 and not plan.stderr, (target, plan.stderr)
        # Whatever of the course a recipe names is in the edition.
        for path in re.findall(r"(?<![\w./-])((?:tests|notebooks|minigrad|course|exercises|"
                               r"benchmarks|docs)/[\w./-]*)", plan.stdout):
            assert (edition / path).exists(), (target, path)
    # `make lint` and `make check` for real, with this environment standing in for .venv (the
    # first `make` would create it: a minute or two of pip).
    work = tmp_path / "work"
    shutil.copytree(edition, work)
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / "bin").symlink_to(Path(sys.executable).parent)
    (venv / ".installed-stamp").touch()
    env = {**os.environ, "PYTHONPATH": str(work)}  # the edition's course, not this checkout's

    def make(target):
        return subprocess.run(["make", target, f"VENV={venv}"], cwd=work, env=env,
                              capture_output=True, text=True, timeout=300)

    lint = make("lint")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    check = make("check")  # every exercise is a stub: course check exits 1, make does not
    assert check.stdout.count("not attempted") >= len(EXERCISE_IDS), check.stdout[-2000:]
    assert check.returncode == 0 and not check.stderr, check.stderr  # no "make: *** Error 1"
    # `make test`, the repository's habit: no "No rule to make target", but what to run here
    test = make("test")
    assert test.returncode == 2 and test.stderr.startswith(
        "make test: not in the student edition. Check your exercises with: make check\n"
        "(an instructor checking this edition: make install, then .venv/bin/python -m pytest "
        "tests/ --doctest-modules minigrad --nbval notebooks/)\n"), test.stderr


def test_the_editions_gitignore_names_no_developer_targets_folder(edition):
    """It listed .venv-numpy-floor/, the environment of `make numpy-floor`, a target the
    edition leaves out (and its Makefile's `clean` no longer names): the rest stays."""
    assert ".venv-numpy-floor" in (ROOT / "Makefile").read_text()  # (what this test reads)
    assert ".venv-numpy-floor" not in (edition / "Makefile").read_text()
    lines = (edition / ".gitignore").read_text().splitlines()
    assert lines == [line for line in (ROOT / ".gitignore").read_text().splitlines()
                     if line != ".venv-numpy-floor/"]


def test_release_refuses_expected_results_computed_from_uncommitted_specs(checkout, tmp_path,
                                                                          monkeypatch):
    """A task added to a spec and not yet committed: the edition shipped the committed spec
    without it, and expected results computed with it (found adding a task, docs/grading.md)."""
    checkout = _clone(checkout, tmp_path / "checkout")
    spec = checkout / "course" / "specs" / "ex01.py"
    spec.write_text(spec.read_text() + "# a task on its way\n")
    monkeypatch.setattr("course.release.REPOSITORY", checkout)
    with pytest.raises(ReleaseError, match=r"^course/specs/ex01.py differ from the last commit: "
                                           r"the edition ships what is committed"):
        release(tmp_path / "edition")
    assert not (tmp_path / "edition").exists()


def test_release_refuses_an_edition_that_would_not_name_a_mistake(checkout, tmp_path,
                                                                  monkeypatch):
    """The edition's `course check` names a mistake from the results published with it: a
    reference changed to what a misconception does (ex01's float64) would ship a mistake no
    learner is told about. Refused, naming it, before anything is written."""
    solutions = solutions_doing_a_mistake(tmp_path / "solutions")
    monkeypatch.setattr("course.release.REPOSITORY", checkout)
    with pytest.raises(ReleaseError, match=r"^the public cases would not name every known "
                                           r"mistake .*\ncourse/specs/ex01.py: task "
                                           r"'make_trainable': misconception 'float64' gives "
                                           r"the reference's results on every public case"):
        release(tmp_path / "edition", solutions)
    assert not (tmp_path / "edition").exists()
    assert not any(p.name.startswith(".edition") for p in tmp_path.iterdir())


def test_the_edition_checks_its_public_cases_and_says_why_not_other_seeds(edition):
    """course/told_apart.py ships with the edition: from the published results it checks the
    public cases; another seed's results it cannot compute, and says so in one line."""
    public = in_edition(edition, "ex01", "ex10", module="course.told_apart")
    assert (public.returncode, public.stdout) == (0, "no problems at seeds 0 to 0\n"), \
        public.stderr
    hidden = in_edition(edition, "ex01", "--seeds", "2", module="course.told_apart")
    assert hidden.returncode == 2 and hidden.stderr.startswith(
        "python -m course.told_apart: error: this student edition holds the expected results "
        "of the public cases (seed 0), not of seed 1"), hidden.stderr


def test_instructors_commands_in_the_edition_say_whose_they_are(edition, tmp_path):
    """A learner who tries `course grade` (or release, autograder) in the edition reads one line
    saying it is an instructors' command, not "no reference solutions in .../course/solutions"
    (a folder the edition leaves out on purpose), and nothing is written."""
    (tmp_path / "class" / "ada").mkdir(parents=True)
    for args in (["grade", str(tmp_path / "class"), "--out", str(tmp_path / "grades")],
                 ["release", str(tmp_path / "edition")],
                 ["autograder", str(tmp_path / "autograder.zip")]):
        run = in_edition(edition, *args)
        assert (run.returncode, run.stdout) == (2, ""), run
        assert run.stderr == (
            f"course: error: `course {args[0]}` is for instructors, in the course's repository: "
            "this student edition has no reference solutions. Check your work with `course "
            "check`; your instructor grades it\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class"]


def test_the_editions_help_names_only_what_it_holds(edition):
    """`course --help` in the edition listed grade, release and autograder, and `course grade
    --help` sent the learner to docs/instructors.md, which the edition leaves out: its help
    lists the learner's commands, and an instructors' command's --help says whose it is."""
    listed = in_edition(edition, "--help")
    assert listed.returncode == 0 and "{list,lab,check,submit,doctor}" in listed.stdout
    assert not re.search(r"grade|release|autograder|instructor", listed.stdout), listed.stdout
    for command in ("list", "lab", "check", "submit", "doctor"):
        shown = in_edition(edition, command, "--help")
        assert shown.returncode == 0, shown.stderr
        for path in re.findall(r"\b((?:docs|tests|course)/[\w./-]*\w)", shown.stdout):
            assert (edition / path).exists(), (command, path)
    for command in ("grade", "release", "autograder"):
        shown = in_edition(edition, command, "--help")
        assert (shown.returncode, shown.stdout) == (2, ""), shown
        assert shown.stderr.startswith(f"course: error: `course {command}` is for instructors, "
                                       "in the course's repository: "), shown.stderr


def test_every_make_target_the_editions_pages_name_is_there_or_said_not_to_be(edition):
    """docs/viz.md names `make goldens` as a way to re-record drawings, and the edition's
    Makefile has no such target (a developer's: it needs PyTorch and the golden programs). A
    target its pages name is in its Makefile, or its README says whose it is."""
    makefile = (edition / "Makefile").read_text()
    targets = set(re.findall(r"^([\w-]+):", makefile, flags=re.M))
    readme = (edition / "README.md").read_text()
    pages = [p.read_text() for p in [edition / "README.md", *(edition / "docs").glob("*.md"),
                                     *(edition / "notebooks").glob("*.ipynb")]]
    named = {m for page in pages for m in re.findall(r"`make ([\w-]+)", page)}
    assert named >= {"check", "goldens"}  # (what this test reads, found)
    unexplained = [t for t in sorted(named - targets)
                   if f"`make {t}`" not in " ".join(readme.split())]
    assert not unexplained, unexplained
