"""`course autograder`: the Gradescope bundle, run against a simulated /autograder tree for a
good, a partial, an empty and a malicious submission; every results.json follows Gradescope's
documented format (gradescope-autograders.readthedocs.io, "Autograder Specifications")."""

import ast
import hashlib
import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from spec_variants import solutions_doing_a_mistake

from course import autograder, engine
from course.autograder import build
from course.errors import UsageError
from course.grading_parts import grading_fingerprint
from course.submit import make_submission
from course.tasks import all_exercises, exercise

MAX_SCORE = sum(ex.max_points for ex in all_exercises())
N_TESTS = sum(len(ex.tasks) for ex in all_exercises())
VISIBILITY = {"hidden", "after_due_date", "after_published", "visible"}
TOP_LEVEL = {"score", "execution_time", "output", "output_format", "test_output_format",
             "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests",
             "leaderboard"}
TEST_FIELDS = {"score", "max_score", "status", "name", "name_format", "number", "output",
               "output_format", "tags", "visibility", "extra_data"}


def assert_gradescope_results(doc):
    """The documented results.json: known keys, types, and a score the tests add up to."""
    assert set(doc) <= TOP_LEVEL, set(doc) - TOP_LEVEL
    assert isinstance(doc["score"], (int, float))
    assert isinstance(doc["execution_time"], (int, float)) and doc["execution_time"] >= 0
    assert isinstance(doc["output"], str) and doc["output"]
    assert doc["visibility"] in VISIBILITY and doc["stdout_visibility"] in VISIBILITY
    # Learner text is never HTML to Gradescope (its default format lets links through).
    assert doc["output_format"] == doc["test_output_format"] == doc["test_name_format"] == "text"
    assert isinstance(doc["tests"], list)
    for test in doc["tests"]:
        assert set(test) <= TEST_FIELDS, set(test) - TEST_FIELDS
        assert isinstance(test["score"], (int, float))
        assert isinstance(test["max_score"], (int, float)) and 0 <= test["score"] <= test[
            "max_score"]
        assert test["status"] in ("passed", "failed")
        assert (test["status"] == "passed") == (test["score"] == test["max_score"])
        assert isinstance(test["name"], str) and isinstance(test["output"], str)
        assert isinstance(test["number"], str) and test["visibility"] in VISIBILITY
    if doc["tests"]:
        assert doc["score"] == sum(t["score"] for t in doc["tests"])
        assert len({t["number"] for t in doc["tests"]}) == len(doc["tests"])


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """The bundle of this checkout's course as committed (git's HEAD, as `course autograder`
    ships it): a change to course/ reaches these tests once it is committed."""
    return build(tmp_path_factory.mktemp("bundle") / "autograder.zip")


def autograder_tree(tmp_path, bundle):
    """/autograder as Gradescope lays it out: source/ (the bundle), submission/, results/."""
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(root / "source")
    (root / "submission").mkdir()
    (root / "results").mkdir()
    return root


def reference_uploaded(tmp_path, bundle):
    """An autograder tree whose submission is alice's `course submit` zip of the references."""
    workspace = tmp_path / "learner"
    shutil.copytree(engine.SOLUTIONS, workspace / "exercises",
                    ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    archive = make_submission(workspace, "alice")
    root = autograder_tree(tmp_path, bundle)
    shutil.copy(archive, root / "submission")
    return root


def run_autograder(root):
    return run_autograder_with_output(root)[0]


def run_autograder_with_output(root, python=sys.executable, env=None, prefix=(),
                               refused=False):
    """results.json, and what the run printed (Gradescope shows it to the instructor).
    ``python``: the venv's (one with the course installed, else the bundle's src is put on
    PYTHONPATH); ``env``: changes to the environment; ``prefix``: a command that runs
    run_autograder (a container as another machine makes it); ``refused``: a run that finds no
    sandbox, which grades nothing and so deletes nothing."""
    # Relative paths, as docs/instructors.md's local test run gives them.
    env = {**os.environ, "COURSE_AUTOGRADER_ROOT": root.name,
           "COURSE_AUTOGRADER_PYTHON": os.path.relpath(python, root.parent), **(env or {})}
    if python == sys.executable:
        env["PYTHONPATH"] = str(root / "source" / "src")  # the bundle's course, as installed
    else:
        env.pop("PYTHONPATH", None)
    run = subprocess.run([*prefix, "/bin/bash", str(root / "source" / "run_autograder")],
                         env=env, cwd=root.parent, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run
    doc = json.loads((root / "results" / "results.json").read_text())
    assert_gradescope_results(doc)
    # gone before learner code ran
    assert any((root / "source" / "solutions").iterdir()) == refused, run
    return doc, run.stdout


def wrong_cube():
    """ex03 with its misconception no-chain-rule: Cube's backward forgets ``grad_output *``."""
    return (engine.SOLUTIONS / "ex03_backward.py").read_text().replace(
        "return grad_output * 3 * x**2", "return 3 * x**2")


def _tests(doc):
    return {t["name"].split(":")[0]: t for t in doc["tests"]}


def test_bundle_layout(bundle):
    with zipfile.ZipFile(bundle) as zf:
        names = set(zf.namelist())
        modes = {i.filename: i.external_attr >> 16 for i in zf.infolist()}
        setup = zf.read("setup.sh").decode()
        requirements = zf.read("requirements.txt").decode().split()
    # no untested major version at a mid-term rebuild
    assert requirements == ["numpy>=2.0,<3", "matplotlib>=3.7,<4", "graphviz>=0.20,<1"]
    assert {"setup.sh", "run_autograder", "requirements.txt", "src/pyproject.toml",
            "src/course/autograder.py", "src/minigrad/tensor.py"} <= names
    assert modes["setup.sh"] & 0o111 and modes["run_autograder"] & 0o111
    assert {f"solutions/{ex.filename}" for ex in all_exercises()} <= names
    assert not any(n.startswith("src/course/solutions") or "__pycache__" in n for n in names)
    assert "apt-get install" in setup and "bubblewrap" in setup and "python3-venv" in setup
    assert "useradd" in setup and "course-sandbox" in setup and "chmod -R go-rwx" in setup
    # The venv's Python is apt's: a python3 first on PATH under /root (pyenv's, as on this
    # project's machines) left the sandbox user unable to read it, so no sandbox and no grade.
    assert "/usr/bin/python3 -m venv /opt/course/venv" in setup
    assert not re.search(r"^python3 ", setup, re.MULTILINE)
    syntax = subprocess.run(["bash", "-n"], input=setup, capture_output=True, text=True)
    assert syntax.returncode == 0, syntax.stderr


def test_good_submission_from_course_submit_scores_full_marks(tmp_path, bundle):
    root = reference_uploaded(tmp_path, bundle)
    doc = run_autograder(root)
    assert doc["score"] == MAX_SCORE and len(doc["tests"]) == N_TESTS + 1, doc.get("output")
    assert all(t["status"] == "passed" for t in doc["tests"])
    # The reference solutions' own code: named to the instructor in a hidden, 0-point test.
    shared = doc["tests"][-1]
    assert (shared["name"], shared["visibility"], shared["max_score"]) == (
        "Shared code (instructors only)", "hidden", 0)
    assert "ex06_zeroing.py:train" in shared["output"] and "(verbatim" in shared["output"]


def test_the_run_output_names_what_it_graded_not_a_deleted_folder(tmp_path, bundle):
    """Gradescope shows the instructor what run_autograder printed: it named the summary.csv
    of a temporary folder deleted when the run ended, and a "class of 1"."""
    root = reference_uploaded(tmp_path, bundle)
    (archive,) = (root / "submission").glob("*.zip")
    (root / "submission" / "notes.txt").write_text("not graded")
    doc, output = run_autograder_with_output(root)
    assert f"grading submission/{archive.name}\n" in output, output
    assert f"score {MAX_SCORE}, " in output
    assert "class of" not in output and "summary.csv" not in output, output
    # every path it names is still there
    for path in re.findall(r"(?:^|[\s(])(/[^\s:()]+)", output):
        assert os.path.exists(path), (path, output)
    # Exercise files uploaded one by one: the folder and the files graded
    root = autograder_tree(tmp_path / "files", bundle)
    for name in ("ex03_backward.py", "ex01_requires_grad.py"):
        shutil.copy(engine.SOLUTIONS / name, root / "submission")
    output = run_autograder_with_output(root)[1]
    assert "grading submission/: ex01_requires_grad.py, ex03_backward.py\n" in output, output


def test_partial_submission_scores_what_is_right(tmp_path, bundle):
    root = autograder_tree(tmp_path, bundle)
    cache = root / "source" / "solutions" / "__pycache__"  # as importing them may leave
    cache.mkdir()
    (cache / "ex03_backward.cpython-311.pyc").write_bytes(b"compiled answers")
    for name in ("ex01_requires_grad.py", "ex03_backward.py"):
        shutil.copy(engine.SOLUTIONS / name, root / "submission")
    (root / "submission" / "ex03_backward.py").write_text(wrong_cube())
    doc = run_autograder(root)
    tests = _tests(doc)
    assert tests["ex01.make_trainable"]["status"] == "passed"
    assert tests["ex03.derivative"]["status"] == "passed"
    cube = tests["ex03.Cube"]
    assert cube["status"] == "failed" and "chain rule" in cube["output"]  # its misconception
    # Its first submission with this mistake: the reason, and the fix kept for the next.
    assert "a later submission that finds this mistake again says how to fix it" \
        in cube["output"]
    assert "How to fix it" not in cube["output"]
    assert "ex02_graph.py is missing" in tests["ex02.leaves"]["output"]
    assert 0 < doc["score"] < MAX_SCORE


def test_a_mistake_an_earlier_submission_made_gets_its_fix(tmp_path, bundle):
    root = autograder_tree(tmp_path, bundle)
    earlier = {"exercises": [{"id": "ex03", "tasks": [
        {"id": "ex03.Cube", "misconception": "no-chain-rule"}]}]}
    (root / "submission_metadata.json").write_text(json.dumps({
        "id": 2, "previous_submissions": [{"submission_time": "2026-12-01T10:00:00-08:00",
                                           "score": 5.0,
                                           "results": {"extra_data": {"report": earlier}}}]}))
    (root / "submission" / "ex03_backward.py").write_text(wrong_cube())
    cube = _tests(run_autograder(root))["ex03.Cube"]
    fix = next(m.fix for m in exercise("ex03").tasks[2].misconceptions
               if m.name == "no-chain-rule")
    assert f"How to fix it: {fix}" in cube["output"] and "Try a fix" not in cube["output"]


def test_earlier_submissions_hidden_tests_stay_the_instructors(tmp_path, bundle):
    """Gradescope hands the run every earlier submission's results, hidden tests included
    (the "Shared code" lead). Learner code run as the sandbox's user (mode "user", as on
    Gradescope) read that file and printed it into its own feedback (red team 10): it is
    root's alone before any learner code runs."""
    root = autograder_tree(tmp_path, bundle)
    metadata = root / "submission_metadata.json"
    lead = "INSTRUCTORS-ONLY-LEAD: 13 functions hold the code of the reference solutions"
    metadata.write_text(json.dumps({"id": 3, "previous_submissions": [{
        "submission_time": "2026-12-01T10:00:00-08:00", "score": 32.0, "results": {
            "tests": [{"name": "Shared code (instructors only)", "visibility": "hidden",
                       "output": lead}], "extra_data": {"report": {"exercises": []}}}}]}))
    metadata.chmod(0o644)
    reference = (engine.SOLUTIONS / "ex01_requires_grad.py").read_text()
    (root / "submission" / "ex01_requires_grad.py").write_text(reference + f"""
_made = make_trainable

def make_trainable(values):
    try:
        print(open({str(metadata)!r}).read())
    except OSError as e:
        print(e)
    return _made(values)
""")
    doc = run_autograder(root)
    assert lead not in json.dumps([t for t in doc["tests"] if t["visibility"] != "hidden"])
    assert os.stat(metadata).st_mode & 0o077 == 0
    assert _tests(doc)["ex01.make_trainable"]["status"] == "passed"


def _third_party_imports(sources):
    """The distributions that Python sources import, beyond the standard library and the course."""
    modules = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules.add(node.module.split(".")[0])
    distributions = metadata.packages_distributions()
    return {distributions[m][0] for m in modules - set(sys.stdlib_module_names)
            if m not in ("course", "minigrad")}


def test_the_bundle_installs_what_the_lessons_teach_learners_to_import(bundle):
    """An exercise file may import what `course check`'s environment has: a learner who kept a
    lesson's `import matplotlib.pyplot as plt` (or `from minigrad.viz import draw`) in ex09
    passed at home and lost ex09 on Gradescope, whose image had numpy alone."""
    repository = Path(__file__).resolve().parents[1]
    cells = ["\n".join(line for line in "".join(cell["source"]).splitlines()
                       if not line.lstrip().startswith(("%", "!")))
             for notebook in sorted((repository / "notebooks").glob("*.ipynb"))
             for cell in json.loads(notebook.read_text())["cells"]
             if cell["cell_type"] == "code"]
    with zipfile.ZipFile(bundle) as zf:
        minigrad = [zf.read(n).decode() for n in zf.namelist()
                    if n.startswith("src/minigrad/") and n.endswith(".py")]
        installed = {r.split(">=")[0] for r in zf.read("requirements.txt").decode().split()}
    # pygraphviz: a C build against Graphviz's headers, optional (minigrad.viz renders without)
    assert _third_party_imports(cells + minigrad) - installed == {"pygraphviz"}
    assert {"numpy", "matplotlib", "graphviz"} <= installed


def test_empty_submission_scores_zero_with_a_reason(tmp_path, bundle):
    root = autograder_tree(tmp_path, bundle)
    doc = run_autograder(root)
    assert doc["score"] == 0 and len(doc["tests"]) == N_TESTS
    assert "no exercise files" in doc["output"]


def test_the_stubs_as_handed_out_are_said_so_at_the_top(tmp_path, bundle):
    """docs/instructors.md's step 4 (a stub, expect 0), and a learner who uploaded the files
    they never edited: Gradescope's summary said "0/32 points" alone, under 30 tests."""
    root = autograder_tree(tmp_path, bundle)
    for stub in (Path(__file__).resolve().parents[1] / "exercises").glob("ex*.py"):
        shutil.copy(stub, root / "submission")
    doc = run_autograder(root)
    assert doc["score"] == 0 and len(doc["tests"]) == N_TESTS
    assert doc["output"].startswith(f"0/{MAX_SCORE} points (nothing attempted: every task "
                                    "still raises NotImplementedError, as handed out)\n")


def test_malicious_submission_cannot_read_solutions_or_forge_results(tmp_path, bundle):
    # (in ex02's file, whose tasks run what they like: ex03's and ex04's are refused these
    # lines before they run, course/specs/grader_out_of_reach.py, so the sandbox would not be
    # tested there)
    root = autograder_tree(tmp_path, bundle)
    solution = root / "source" / "solutions" / "ex03_backward.py"
    results = root / "results" / "results.json"
    (root / "submission" / "ex02_graph.py").write_text(f"""
import json
forged = {{"score": 1000, "tests": []}}
try:  # forge the results at import time
    open({str(results)!r}, "w").write(json.dumps(forged))
except OSError:
    pass

def leaves(y):  # run the instructor's own solution, if it can be read
    namespace = {{}}
    exec(open({str(solution)!r}).read(), namespace)
    return namespace["derivative"](lambda t: t, 1.0)

def grad_fn_names(y):
    import course.solutions.ex02_graph as reference
    return reference.grad_fn_names(y)
""")
    doc = run_autograder(root)
    tests = _tests(doc)
    # the forged file was replaced; its exec is named to the instructor, in a hidden test
    assert doc["score"] == 0 and len(doc["tests"]) == N_TESTS + 1
    lead = doc["tests"][-1]
    assert (lead["name"], lead["visibility"], lead["max_score"]) == (
        "Shared code (instructors only)", "hidden", 0)
    assert "runs code made from data" in lead["output"] and "ex02_graph.py (exec)" in \
        lead["output"], lead["output"]
    assert tests["ex02.leaves"]["status"] == "failed"
    assert "No such file or directory" in tests["ex02.leaves"]["output"]
    assert tests["ex02.grad_fn_names"]["status"] == "failed"
    assert "grad_output" not in json.dumps(doc)  # no line of the reference in any feedback


def test_second_run_in_the_same_container_reports_instead_of_crashing(tmp_path, bundle):
    root = autograder_tree(tmp_path, bundle)
    shutil.rmtree(root / "source" / "solutions")
    env = {**os.environ, "PYTHONPATH": str(root / "source" / "src")}
    run = subprocess.run([sys.executable, "-m", "course.autograder", "--root", str(root)],
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0
    doc = json.loads((root / "results" / "results.json").read_text())
    assert_gradescope_results(doc)
    assert doc["score"] == 0 and "fresh container" in doc["output"]


def test_results_record_which_reference_solutions_graded_them(tmp_path):
    """An instructor who fixes a reference mid-term uploads a new bundle: each results.json
    says which references graded it. It recorded the sha256 of nothing (the bundle removes
    them before grading): the same for every bundle."""
    fixed = tmp_path / "fixed"
    shutil.copytree(engine.SOLUTIONS, fixed, ignore=shutil.ignore_patterns("__pycache__"))
    with (fixed / "ex01_requires_grad.py").open("a") as reference:
        reference.write("\n# fixed mid-term\n")
    recorded = {}
    for name, solutions in (("first", engine.SOLUTIONS), ("again", engine.SOLUTIONS),
                            ("fixed", fixed)):
        bundle = build(tmp_path / f"{name}.zip", solutions, exercises=["ex01"])
        doc = run_autograder(autograder_tree(tmp_path / name, bundle))
        recorded[name] = doc["extra_data"]["grading_parts"]["solutions"]
        assert recorded[name] == autograder.recorded_solutions(bundle)  # what the build says
        parts = doc["extra_data"]["grading_parts"]
        assert doc["extra_data"]["grading_sha256"] == grading_fingerprint(parts)
    assert recorded["first"] == recorded["again"] != recorded["fixed"]
    assert hashlib.sha256().hexdigest() not in recorded.values()


def test_build_refuses_to_overwrite_or_a_broken_reference(tmp_path):
    (tmp_path / "taken.zip").write_bytes(b"")
    with pytest.raises(UsageError, match="already exists"):
        build(tmp_path / "taken.zip")
    with pytest.raises(UsageError, match="is a .zip"):
        build(tmp_path / "bundle.tar")
    with pytest.raises(UsageError, match="no reference solutions"):
        build(tmp_path / "bundle.zip", tmp_path / "nowhere")
    broken = tmp_path / "solutions"
    shutil.copytree(engine.SOLUTIONS, broken)
    (broken / "ex04_grad.py").write_text(
        "def layer_grad_norms(x, weights):\n    raise ValueError('oops')\n")
    with pytest.raises(UsageError, match="reference solution of ex04 fails"):
        build(tmp_path / "bundle.zip", broken)
    assert not (tmp_path / "bundle.zip").exists()


def test_build_refuses_a_course_that_would_not_name_a_mistake(tmp_path):
    """The bundle's reference does what ex01's float64 mistake does: a learner who makes it
    would pass, never told. Refused, naming it, and no bundle is written."""
    solutions = solutions_doing_a_mistake(tmp_path / "solutions")
    with pytest.raises(UsageError, match=r"^the public cases would not name every known "
                                         r"mistake .*\ncourse/specs/ex01.py: task "
                                         r"'make_trainable': misconception 'float64' gives "
                                         r"the reference's results on every public case"):
        build(tmp_path / "bundle.zip", solutions, exercises=["ex01"])
    assert not (tmp_path / "bundle.zip").exists()


def test_instructor_commands_fail_in_one_line(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(engine.SOLUTIONS.parents[1])}

    def course(*args):
        return subprocess.run([sys.executable, "-m", "course", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)

    (tmp_path / "taken").mkdir()
    for args, message in ((("autograder", "bundle.tar"), "the bundle is a .zip"),
                          (("release", "taken"), "already exists"),
                          (("grade", "x", "--format", "excel"), "invalid choice"),
                          (("grade", "x", "--deadline", "soon"), "invalid deadline")):
        result = course(*args)
        assert result.returncode == 2, (args, result)
        assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    made = course("autograder", "bundle.zip")
    assert made.returncode == 0 and "wrote bundle.zip" in made.stdout, made
    recorded = autograder.recorded_solutions(tmp_path / "bundle.zip")
    assert f"record its reference solutions as {recorded[:16]}... (results.json's " \
        "grading_parts)" in made.stdout, made.stdout


def test_what_is_graded_among_the_uploaded_files(tmp_path):
    """Gradescope's upload folder: exercise files are graded where they are; else the zip,
    whatever lies beside it; of two zips, the one `course submit` wrote last."""
    from course.upload import graded_upload

    def archive(name, when):
        with zipfile.ZipFile(upload / name, "w") as zf:
            zf.writestr("manifest.json", json.dumps({"time": when}))
        return upload / name

    upload = tmp_path / "submission"
    upload.mkdir()
    (upload / "notes.py").write_text("# my notes\n")
    old = archive("ada-20261201T100000Z.zip", "20261201T100000Z")
    assert graded_upload(upload) == old
    new = archive("ada-20261202T100000Z-renamed.zip", "20261202T100000Z")
    assert graded_upload(upload) == new
    (upload / "exercises").mkdir()
    (upload / "exercises" / "ex01_requires_grad.py").write_text("")
    assert graded_upload(upload) == upload


def test_a_repository_uploaded_from_github_is_graded_from_its_exercise_files(tmp_path, bundle):
    """Gradescope's GitHub upload is the whole repository: more files than a submission may
    hold. Only its exercises/ folder is graded; a learner's other files are not read."""
    root = autograder_tree(tmp_path, bundle)
    repo = root / "submission"
    for i in range(250):
        (repo / "notebooks" / f"part{i // 50}").mkdir(parents=True, exist_ok=True)
        (repo / "notebooks" / f"part{i // 50}" / f"cell{i}.py").write_text("")
    shutil.copytree(engine.SOLUTIONS, repo / "exercises",
                    ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    doc = run_autograder(root)
    assert doc["score"] == MAX_SCORE, doc.get("output")


def test_a_zip_of_the_whole_course_folder_says_what_to_submit_instead(tmp_path, bundle):
    """A learner who zipped their course folder, .venv and all (320 MB), read "the archive is
    larger than 67108864 bytes" on Gradescope, and no word on what to upload instead."""
    root = autograder_tree(tmp_path, bundle)
    with zipfile.ZipFile(root / "submission" / "my-course.zip", "w") as zf:
        zf.writestr("my-course/exercises/ex01_requires_grad.py",
                    (engine.SOLUTIONS / "ex01_requires_grad.py").read_bytes())
    with open(root / "submission" / "my-course.zip", "r+b") as f:
        f.truncate(320 << 20)  # sparse: the size of a course folder with its .venv
    doc = run_autograder(root)
    assert doc["score"] == 0
    assert doc["output"].startswith(
        "the archive is too large (320 MiB, more than the 64 MiB a submission may be): the "
        "course folder with its .venv? Submit the zip `course submit` makes")


def test_many_files_and_no_exercises_says_what_to_submit_instead(tmp_path, bundle):
    root = autograder_tree(tmp_path, bundle)
    for i in range(250):
        (root / "submission" / f"notes{i}.txt").write_text("")
    doc = run_autograder(root)
    assert doc["score"] == 0
    assert "more than 200 files and folders, and no exercise files (exNN_*.py) where they are " \
           "looked for (the top, exercises/, or one folder down): Submit the zip `course " \
           "submit` makes" in doc["output"]


def test_a_bundle_for_some_exercises_grades_only_those(tmp_path):
    """`course autograder --exercises ex01,ex03`: one week's assignment on Gradescope. It
    holds those references only; a full submission scores their points, tests numbered as
    the course numbers them."""
    bundle = build(tmp_path / "week.zip", exercises=["ex01", "ex03"])
    with zipfile.ZipFile(bundle) as zf:
        assert sorted(n for n in zf.namelist() if n.startswith("solutions/")) == [
            "solutions/ex01_requires_grad.py", "solutions/ex03_backward.py"]
    root = autograder_tree(tmp_path, bundle)
    shutil.copytree(engine.SOLUTIONS, root / "submission" / "exercises",
                    ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    doc = run_autograder(root)
    week = [ex for ex in all_exercises() if ex.id in ("ex01", "ex03")]
    assert doc["score"] == sum(ex.max_points for ex in week)
    tasks = [t for t in doc["tests"] if t["visibility"] != "hidden"]  # not the shared code's
    assert {t["number"].split(".")[0] for t in tasks} == {"1", "3"}
    assert len(tasks) == sum(len(ex.tasks) for ex in week)


def test_the_bundle_ships_the_committed_course_not_the_working_copy(tmp_path, monkeypatch):
    """A red team's checkout: the exercises solved in the working copy and an archive of the
    answers left in course/. Neither ships: the bundle is git's HEAD, as `course release`."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(autograder.REPOSITORY), str(clone)], check=True)
    (clone / "course" / "answers.zip").write_bytes(b"the answers")  # untracked
    solved = clone / "exercises" / "ex06_zeroing.py"
    solved.write_text((engine.SOLUTIONS / "ex06_zeroing.py").read_text())  # not committed
    monkeypatch.setattr(autograder, "REPOSITORY", clone)
    with zipfile.ZipFile(build(tmp_path / "bundle.zip", exercises=["ex06"])) as zf:
        names = zf.namelist()
        stub = zf.read("stubs/ex06_zeroing.py").decode()
    assert "src/course/answers.zip" not in names and "src/course/specs/ex06.py" in names
    assert "raise NotImplementedError" in stub  # the committed stub, not the solved copy
    # Solved stubs committed: refused, since they would pass for handed-out code.
    subprocess.run(["git", "-C", str(clone), "-c", "user.name=t", "-c", "user.email=t@t",
                    "commit", "-qam", "solved"], check=True)
    with pytest.raises(UsageError, match="ex06_zeroing.py holds the answer to ex06.train"):
        build(tmp_path / "again.zip", exercises=["ex06"])


def test_a_misnamed_exercise_file_is_pointed_to_as_course_check_does(tmp_path, bundle):
    """Uploaded beside the others, an ex04 an editor saved as ex04_grad.py.txt: `course check`
    says "found ex04_grad.py.txt: save your answer as ex04_grad.py", and Gradescope said "is
    missing" alone (only the exercise files of a folder were copied to be graded)."""
    from course.local import run_check
    root = autograder_tree(tmp_path, bundle)
    learner = tmp_path / "learner"
    (learner / "exercises").mkdir(parents=True)
    for folder in (root / "submission", learner / "exercises"):
        shutil.copy(engine.SOLUTIONS / "ex01_requires_grad.py", folder)
        shutil.copy(engine.SOLUTIONS / "ex04_grad.py", folder / "ex04_grad.py.txt")
    checked = run_check(["ex04"], root=learner).to_json()["exercises"][0]["tasks"]
    said = "ex04_grad.py is missing; found ex04_grad.py.txt: save your answer as ex04_grad.py"
    assert [t["feedback"] for t in checked] == [said] * 3
    doc, output = run_autograder_with_output(root)
    assert doc["score"] == 3
    assert [t["output"] for t in doc["tests"] if t["name"].startswith("ex04.")] == [said] * 3
    # The instructor's log names it too, and the file it stands for: it said ex01 alone.
    assert "grading submission/: ex01_requires_grad.py; copied as they are, not graded " \
        "(misnamed): ex04_grad.py.txt (for ex04_grad.py)\n" in output, output


def test_a_link_out_of_the_submission_is_not_followed(tmp_path, bundle):
    """A red team's upload: only `exercises`, a link to a folder of root's. Copied as root, its
    files had reached learner code (and run); as a link, the unpacking refuses it."""
    secret = tmp_path / "secret"
    secret.mkdir(mode=0o700)
    (secret / "ex01_requires_grad.py").write_text("print('TOP SECRET')\n")
    root = autograder_tree(tmp_path, bundle)
    (root / "submission" / "exercises").symlink_to(secret)
    (root / "submission" / "ex02.zip").symlink_to(secret / "ex01_requires_grad.py")
    doc = run_autograder(root)
    assert doc["score"] == 0 and "TOP SECRET" not in json.dumps(doc)
    assert "link" in doc["tests"][0]["output"], doc["tests"][0]["output"]


def test_a_zip_named_in_capitals_is_the_one_graded(tmp_path):
    """`ADA.ZIP` (as some Windows tools name a zip) was no zip to the upload's reading: the
    folder was graded as it was, and the learner read "no exercise files" for a good zip."""
    from course.upload import graded_upload

    upload = tmp_path / "submission"
    upload.mkdir()
    with zipfile.ZipFile(upload / "ADA-20261201T100000Z.ZIP", "w") as zf:
        zf.writestr("manifest.json", json.dumps({"time": "20261201T100000Z"}))
    (upload / "notes.txt").write_text("my notes\n")
    assert graded_upload(upload) == upload / "ADA-20261201T100000Z.ZIP"


# The containers a Gradescope machine may give the bundle: each grades as it should (a
# reference full marks, a known mistake named), or refuses in results.json with what the
# instructor can do about it.

def assert_grades_right(tmp_path, bundle, **how):
    """A reference scores full marks and a known mistake is named, each run as ``how`` says
    (run_autograder_with_output's arguments). -> what the first run printed."""
    doc, output = run_autograder_with_output(reference_uploaded(tmp_path / "right", bundle),
                                             **how)
    assert doc["score"] == MAX_SCORE, doc["output"]
    root = autograder_tree(tmp_path / "wrong", bundle)
    shutil.copy(engine.SOLUTIONS / "ex01_requires_grad.py", root / "submission")
    (root / "submission" / "ex03_backward.py").write_text(wrong_cube())
    tests = _tests(run_autograder_with_output(root, **how)[0])
    assert tests["ex01.make_trainable"]["status"] == tests["ex03.derivative"]["status"] \
        == "passed"
    cube = tests["ex03.Cube"]
    assert cube["status"] == "failed" and "chain rule" in cube["output"], cube
    return output


# Docker mounts the cgroup file systems read-only: no job gets a cgroup of its own.
_READ_ONLY_CGROUPS = ("for m in $(awk '$9 ~ /^cgroup/ {print $5}' /proc/self/mountinfo | "
                      "sort -r); do mount -o remount,bind,ro \"$m\" || exit 99; done; "
                      "exec \"$@\"")


def read_only_cgroups():
    """A command prefix: what follows runs in a mount namespace of its own whose cgroups are
    read-only, as in a Docker container."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("making a mount namespace needs root and unshare")
    return ("unshare", "--mount", "--propagation", "private", "sh", "-c", _READ_ONLY_CGROUPS,
            "sh")


def no_bwrap(folder, failing):
    """The environment's PATH of a container where bubblewrap is not installed (``failing``
    False: a PATH of the two commands run_autograder uses) or fails as Docker's default
    seccomp profile makes it fail."""
    folder.mkdir()
    if not failing:
        for command in ("dirname", "basename"):
            (folder / command).symlink_to(shutil.which(command))
        return {"PATH": str(folder)}
    (folder / "bwrap").write_text("#!/bin/sh\necho 'bwrap: No permissions to create new "
                                  "namespace, likely because the kernel does not allow "
                                  "non-privileged user namespaces.' >&2\nexit 1\n")
    (folder / "bwrap").chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


def test_a_container_whose_cgroups_are_read_only_grades_with_rlimits(tmp_path, bundle):
    from course.isolation import BUBBLEWRAP, detect

    if detect().mode != BUBBLEWRAP:
        pytest.skip("no bubblewrap sandbox here")
    output = assert_grades_right(tmp_path, bundle, prefix=read_only_cgroups())
    assert "Learner code ran in: bubblewrap sandbox" in output and "limits by rlimits." \
        in output, output


@pytest.mark.parametrize("failing", [False, True], ids=["bwrap missing", "bwrap failing"])
def test_a_container_with_no_sandbox_refuses_saying_what_to_do(tmp_path, bundle, failing):
    """Neither bubblewrap nor the sandbox user (an image not built by the bundle's setup.sh):
    no learner code runs, and results.json says what the instructor can do on Gradescope,
    not `course grade`'s "install bubblewrap; or pass --no-sandbox"."""
    root = reference_uploaded(tmp_path, bundle)
    env = {**no_bwrap(tmp_path / "bin", failing), "COURSE_SANDBOX_USER": "course-no-such-user"}
    doc = run_autograder_with_output(root, env=env, refused=True)[0]
    assert doc["score"] == 0 and doc["tests"] == []
    said = doc["output"]
    assert said.startswith("The autograder could not grade this submission (no sandbox for "
                           "learner code in this container (") and said.endswith(
        "Please tell your instructor."), said
    assert ("bubblewrap is not installed" if not failing else "No permissions") in said
    assert "there is no user course-no-such-user" in said and "setup.sh" in said and \
        "Configure Autograder" in said and "--no-sandbox" not in said, said


# Landlock's calls (create_ruleset, add_rule, restrict_self): one number on every Linux ABI.
_REFUSE_LANDLOCK = ("import os, sys\nfrom course import landlock, seccomp\n"
                    "assert seccomp.refuse((444, 445, 446)) and landlock.abi() == 0\n"
                    "os.execv(sys.argv[1], sys.argv[1:])\n")


@pytest.fixture
def image(tmp_path):
    """What setup.sh makes of a Gradescope image, made here in seconds: the user learner code
    runs as, and a venv of apt's Python that user can read, with the bundle's course (its
    specs root's alone) and this Python's packages (numpy...). -> (user, venv's python)."""
    system = Path("/usr/bin/python3")
    if os.geteuid() != 0 or shutil.which("useradd") is None or not system.exists():
        pytest.skip("needs root, useradd and apt's python3")
    same = subprocess.run([system, "-c", "import sys; print(sys.version_info[:2])"],
                          capture_output=True, text=True).stdout.strip()
    if same != str(sys.version_info[:2]):
        pytest.skip(f"apt's python3 is {same}, this one {sys.version_info[:2]}")
    user = f"course-t{os.getpid()}"
    folder = Path(tempfile.mkdtemp(prefix="course-image-", dir="/tmp"))
    folder.chmod(0o755)
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                    user], check=True)
    uid = pwd.getpwnam(user).pw_uid
    try:
        subprocess.run([system, "-m", "venv", "--without-pip", folder / "venv"], check=True)
        site = next((folder / "venv" / "lib").glob("python3*/site-packages"))
        packages = [p for p in sys.path if p.endswith("site-packages")]
        (site / "image.pth").write_text("\n".join([str(folder / "src"), *packages]) + "\n")
        yield user, folder
    finally:
        subprocess.run(["userdel", user], capture_output=True)
        # (the lock a grading run keeps for the user: tests/processes.py's sandbox_user)
        (Path(tempfile.gettempdir()) / f"course-user-mode-{uid}.lock").unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)


def test_gradescopes_container_without_landlock_grades_as_the_sandbox_user(tmp_path, bundle,
                                                                          image):
    """No bubblewrap (Docker's seccomp profile), no cgroup to write, no Landlock (a seccomp
    profile that refuses its calls, as Docker's did before 2022): learner code runs as the
    sandbox user with rlimits, and still reads neither the references nor the full specs."""
    user, folder = image
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(folder / "bundle")
    shutil.move(folder / "bundle" / "src", folder / "src")
    (folder / "src" / "course" / "specs").chmod(0o700)  # as setup.sh leaves them
    env = {**no_bwrap(tmp_path / "bin", failing=True), "COURSE_SANDBOX_USER": user}
    prefix = (*read_only_cgroups(), sys.executable, "-c", _REFUSE_LANDLOCK)
    how = {"python": folder / "venv" / "bin" / "python", "env": env, "prefix": prefix}
    output = assert_grades_right(tmp_path, bundle, **how)
    assert f"Learner code ran in: unprivileged user {pwd.getpwnam(user).pw_uid} with " \
           "rlimits, writing also in /tmp" in output and "(no Landlock here)" in output \
           and "limits by rlimits." in output, output
    root = autograder_tree(tmp_path / "peek", bundle)
    closed = (str(folder / "src" / "course" / "specs" / "ex03.py"),
              str(root / "source" / "setup.sh"), "/etc/shadow")
    (root / "submission" / "ex01_requires_grad.py").write_text(
        "def make_trainable(values):\n"
        f"    for path in {closed!r}:\n"
        "        try:\n"
        "            open(path).read()\n"
        "            print('read', path)\n"
        "        except OSError as e:\n"
        "            print(path, e.strerror)\n")
    peek = _tests(run_autograder_with_output(root, **how)[0])["ex01.make_trainable"]
    assert all(f"{path} Permission denied" in peek["output"] for path in closed), peek
    assert "read" not in peek["output"].split(), peek
