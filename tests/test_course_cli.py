"""The `course` command line: exit codes 0/1/2, one-line errors, check/list/submit/grade."""

import ast
import json
import os
import shutil
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import pytest

from course import check, engine
from course.tasks import exercise

ROOT = Path(__file__).resolve().parents[1]


def course(*args, cwd):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "course", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def workspace(tmp_path):
    shutil.copytree(ROOT / "exercises", tmp_path / "exercises")
    return tmp_path


def _one_line_error(result, fragment):
    assert result.returncode == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("course: error:"), result.stderr
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr


def test_usage_errors_are_one_line_with_exit_code_2(workspace):
    _one_line_error(course("check", "ex42", cwd=workspace), "unknown exercise 'ex42'")
    _one_line_error(course("frobnicate", cwd=workspace), "invalid choice")
    _one_line_error(course("grade", cwd=workspace), "required")
    _one_line_error(course("grade", "nope.zip", cwd=workspace), "no such submission: nope.zip")
    _one_line_error(course("grade", "x", "--jobs", "0", cwd=workspace), "must be positive")
    _one_line_error(course("check", cwd=workspace.parent / ".."), "no exercises/ folder")
    _one_line_error(course("grade", "x", "--bogus", cwd=workspace),
                    "unrecognized arguments: --bogus (see `course grade --help`)")
    _one_line_error(course("grade", "x", "--memory", "64", cwd=workspace), "at least 256")
    _one_line_error(course("autograder", str(workspace / "a.txt"), cwd=workspace),
                    "the bundle is a .zip file")
    assert course("--help", cwd=workspace).returncode == 0
    assert "docs/instructors.md" in course("grade", "--help", cwd=workspace).stdout


def test_check_list_and_submit(workspace):
    stub = course("check", "ex01", cwd=workspace)
    assert stub.returncode == 1 and "not attempted" in stub.stdout, stub
    # An edited copy beside the stub: checked as grading takes it, and named.
    copy = workspace / "exercises" / "ex01_requires_grad (copy).py"
    shutil.copy(engine.SOLUTIONS / "ex01_requires_grad.py", copy)
    edited = course("check", "ex01", cwd=workspace)
    assert "not attempted" in edited.stdout
    assert "graded ex01_requires_grad.py; not graded: ex01_requires_grad (copy).py" \
        in edited.stdout
    copy.unlink()
    shutil.copy(engine.SOLUTIONS / "ex01_requires_grad.py", workspace / "exercises")
    done = course("check", "1", "--json", cwd=workspace)
    assert done.returncode == 0, done
    full = exercise("ex01").max_points
    assert json.loads(done.stdout)["score"] == full
    listing = course("list", cwd=workspace).stdout
    assert f"{full}/{full} ✓" in listing and "not checked yet" in listing
    first = course("submit", "--name", "bob", cwd=workspace)
    second = course("submit", "--name", "bob", cwd=workspace)
    assert first.returncode == second.returncode == 0
    # What is handed in, as its last check scored it: ex01 alone was checked last.
    assert (f"your last `course check`: {full}/{full} on the public inputs for ex01 (not "
            "checked: ex02, ex03, ex04, ex05, ex06, ex07, ex08, ex09, ex10; check again if you "
            "changed anything since)") in first.stdout
    assert first.stderr == ""
    anonymous = course("submit", cwd=workspace)
    assert anonymous.returncode == 0 and "submissions/submission-" in anonymous.stdout
    assert "warning: no --name given" in anonymous.stderr
    (workspace / ".course" / "last_check.json").write_text('{"exercises": 5}')  # damaged
    damaged = course("submit", "--name", "carol", cwd=workspace)
    assert damaged.returncode == 0 and "Traceback" not in damaged.stderr
    assert "no `course check` yet" in damaged.stdout
    archives = sorted((workspace / "submissions").glob("bob-*.zip"))
    assert len(archives) == 2
    with zipfile.ZipFile(archives[0]) as zf:
        checked = json.loads(zf.read("results.json"))
    assert checked["exercises"][0]["id"] == "ex01"
    assert checked["score"] == checked["max_score"] == full  # the totals of what was checked


def test_grade_reports_bad_archives_and_grades_the_rest(workspace):
    """A damaged upload is its learner's 0, a grade the class's run wrote: exit 1 (not every
    submission passed), not 2, which a script reads as "grading failed". The last line counts
    the uploads that need the instructor (ask for the file again)."""
    (workspace / "corrupt.zip").write_bytes(b"not a zip")
    (workspace / "right").mkdir()
    shutil.copy(engine.SOLUTIONS / "ex01_requires_grad.py", workspace / "right")
    result = course("grade", "corrupt.zip", "right", "--out", "grades", "--timeout", "5",
                    "--exercises", "ex01",
                    "--no-sandbox", cwd=workspace)  # ignored where a sandbox works
    assert result.returncode == 1, result
    assert "course: corrupt: not a readable zip archive" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("graded 2, skipped 0 (already graded); 1 upload needs "
                                    "attention (scored 0: unreadable or nothing to grade, "
                                    "see above); gradebook: "), result.stdout
    rows = (workspace / "grades" / "gradebook.csv").read_text().splitlines()
    assert [r.split(",")[0] for r in rows[1:]] == ["corrupt", "right"]
    assert (workspace / "grades" / "feedback" / "right.html").exists()
    # A re-run grades nothing and still counts it: the upload still needs attention.
    again = course("grade", "corrupt.zip", "right", "--out", "grades", "--timeout", "5",
                   "--exercises", "ex01", "--no-sandbox", cwd=workspace)
    assert again.returncode == 1 and again.stdout.startswith(
        "graded 0, skipped 2 (already graded); 1 upload needs attention"), again


def test_notebook_check_returns_html(workspace, monkeypatch):
    monkeypatch.chdir(workspace / "exercises")
    report = check("ex02")
    assert report.max_score == exercise("ex02").max_points and report.score == 0
    assert "<table>" in report._repr_html_() and "grad_fn_names" in report._repr_html_()
    assert json.loads((workspace / ".course" / "progress.json").read_text())["ex02"]["score"] == 0
    assert check(2).exercises[0].id == "ex02"  # as `course check 2` takes it
    # A console shows the table the terminal shows, not the report's fields.
    assert repr(report) == str(report) and "ex02" in repr(report)


def test_a_notebook_check_names_the_file_when_the_answer_is_in_the_notebook(workspace,
                                                                           monkeypatch):
    """A learner wrote ex03's derivative in a lesson cell: "not attempted" alone read as a
    grader's fault; the reply names the file that check() grades."""
    notebook = types.ModuleType("__main__")
    exec("def derivative(f, x0):\n    return 0.0\n", vars(notebook))
    monkeypatch.setitem(sys.modules, "__main__", notebook)
    monkeypatch.chdir(workspace)
    task = check("ex03").exercises[0].tasks[0]
    assert task.id == "ex03.derivative" and task.feedback.endswith(
        "(check() grades exercises/ex03_backward.py, not the derivative defined in this "
        "notebook: your answer goes in that file)"), task.feedback


def test_a_first_check_of_an_untouched_exercise_says_where_to_start(workspace, monkeypatch):
    """A lesson's last cell, check("ex05"), run before the learner has written anything,
    listed "not attempted yet" beside every function and nothing else: not which file to
    open, nor that the check reads it as saved. It now says so, in the file's own name, once
    per exercise not started, and no longer once the learner has begun."""
    from course.feedback import page
    monkeypatch.chdir(workspace)
    start = ("To start: open <code>exercises/ex05_accumulation.py</code>, replace each "
             "<code>raise NotImplementedError</code> with your code, save the file and check "
             "again.")
    untouched = check("ex05")
    assert untouched.nothing_attempted and start in untouched._repr_html_()
    assert "To start" not in page(untouched)  # a graded submission's page: too late for that
    assert "To start: open `exercises/ex05_accumulation.py`" in str(untouched)
    assert (workspace / "exercises" / "ex05_accumulation.py").is_file()
    stub = (workspace / "exercises" / "ex05_accumulation.py").read_text()
    begun = stub.replace("raise NotImplementedError", "return None", 1)
    assert begun != stub
    (workspace / "exercises" / "ex05_accumulation.py").write_text(begun)
    report = check("ex05")
    assert not report.nothing_attempted and "To start" not in report._repr_html_() + str(report)


def test_a_lesson_names_no_helper_of_its_own_like_a_task_of_its_exercise():
    """check() in a lesson says when a task's name is defined in the notebook (above). Lesson
    06's own helper was called train, like ex06's task, so its stored check() output told a
    learner who had written nothing that their answer was in the notebook. Only lesson 10
    builds its exercise's Value and topological_order in front of the learner, on purpose."""
    from course.tasks import CATALOG
    shared = {}
    for eid, topic, _ in CATALOG:
        lesson = ROOT / "notebooks" / f"{eid[2:]}_{topic}.ipynb"
        cells = json.loads(lesson.read_text())["cells"]
        defined = {node.name for cell in cells if cell["cell_type"] == "code"
                   for node in ast.parse("".join(cell["source"])).body
                   if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
        shared[eid] = sorted(defined & {task.name for task in exercise(eid).tasks})
    assert shared == {**{eid: [] for eid, _, _ in CATALOG},
                      "ex10": ["Value", "topological_order"]}
    assert "notebook" not in check("ex03").exercises[0].tasks[1].feedback  # (not defined here)


def test_a_notebook_check_takes_the_files_own_definitions_run_there_for_the_file(workspace,
                                                                                monkeypatch):
    """`%run ../exercises/ex10_inside_autograd.py` (README) puts the file's definitions in the
    notebook: while they are not attempted, the note that the answer goes in the file would
    say the opposite of what the learner did."""
    notebook = types.ModuleType("__main__")
    path = workspace / "exercises" / exercise("ex10").filename
    exec(compile(path.read_text(), str(path), "exec"), vars(notebook))
    monkeypatch.setitem(sys.modules, "__main__", notebook)
    monkeypatch.chdir(workspace)
    tasks = check("ex10").exercises[0].tasks
    assert [t.status for t in tasks] == ["not attempted"] * 3, tasks
    assert not any("notebook" in t.feedback for t in tasks), [t.feedback for t in tasks]


def test_a_notebook_checks_slip_is_one_line(workspace, monkeypatch, capsys):
    monkeypatch.chdir(workspace)
    assert check("ex11") is None
    said = capsys.readouterr().out
    assert said.startswith("check: unknown exercise 'ex11' (known: ex01, ") and \
        said.count("\n") == 1


def test_doctor_runs_without_traceback(workspace):
    result = course("doctor", cwd=workspace)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr
    # Its checks' children (Graphviz's font library warns on this machine) write nothing here.
    assert result.stderr == ""
    assert "✓ Python" in result.stdout and "minigrad" in result.stdout


def _reader_gone(*args, cwd):
    """`course ARGS | true`: stdout a pipe whose reader closed it before anything was written.
    -> (exit code, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "course", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdout.close()
    err = proc.stderr.read()
    return proc.wait(timeout=120), err


def test_a_reader_that_stops_early_is_no_error(workspace):
    code, err = _reader_gone("list", cwd=workspace)
    assert code == 0 and err == ""  # no BrokenPipeError traceback, no "Exception ignored"
    code, err = _reader_gone("check", "ex01", cwd=workspace)  # a stub: the check fails
    assert code == 1 and "Traceback" not in err and "BrokenPipe" not in err, err


def test_grade_lists_a_submission_the_grader_fails_on_and_grades_the_rest(workspace,
                                                                          monkeypatch, capsys):
    from course import cli
    real = engine.exercise_file

    def exercise_file(folder, eid):  # a grader bug that this one submission triggers
        if (folder / "boom.txt").exists():
            raise RuntimeError("a bug in the grader")
        return real(folder, eid)

    monkeypatch.setattr(engine, "exercise_file", exercise_file)
    monkeypatch.chdir(workspace)
    shutil.copytree(workspace / "exercises", workspace / "boom")
    (workspace / "boom" / "boom.txt").write_text("")
    code = cli.main(["grade", "boom", "exercises", "--out", "grades", "--timeout", "5",
                     "--no-sandbox"])  # ignored where a sandbox works
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert ("course: boom: the grader failed on this submission: RuntimeError: a bug in the "
            "grader") in err.splitlines()
    rows = (workspace / "grades" / "gradebook.csv").read_text().splitlines()
    assert sorted(r.split(",")[0] for r in rows[1:]) == ["boom", "exercises"]
    result = json.loads((workspace / "grades" / "results" / "boom.json").read_text())
    assert result["score"] == 0 and "the grader failed" in result["output"]
    # The grader's failure is no grade: the same command grades that submission again (and
    # only it), with no --force.
    monkeypatch.setattr(engine, "exercise_file", real)
    code = cli.main(["grade", "boom", "exercises", "--out", "grades", "--timeout", "5",
                     "--no-sandbox"])
    err = capsys.readouterr().err
    assert "] 1/1 boom " in err and "the grader failed" not in err, err
    result = json.loads((workspace / "grades" / "results" / "boom.json").read_text())
    assert "the grader failed" not in result["output"]


def test_instructors_slips_in_grade_are_one_line_with_exit_code_2(workspace):
    """An existing file as --out, a deadline without a time, a roster saved in Windows's code
    page, a class's download given still zipped: each a one-line error before anything is
    graded, saying what to give instead."""
    zipped = course("submit", "--name", "s01", cwd=workspace)
    assert zipped.returncode == 0, zipped
    (submission,) = (workspace / "submissions").glob("s01-*.zip")
    (workspace / "roster.csv").write_bytes("Student,SIS Login ID\nZoë,zoe\n".encode("cp1252"))
    _one_line_error(course("grade", str(submission), "--out", "roster.csv", cwd=workspace),
                    "--out roster.csv: roster.csv is a file, not a folder")
    _one_line_error(course("grade", str(submission), "--deadline", "2026-12-01",
                           cwd=workspace), "e.g. 2026-12-01T23:59 for the end of that day")
    _one_line_error(course("grade", str(submission), "--roster", "roster.csv", cwd=workspace),
                    "byte 0xeb on line 2 is not UTF-8")
    with zipfile.ZipFile(workspace / "submissions.zip", "w") as zf:
        zf.write(submission, f"s01_1001_7001_{submission.name}")
        zf.write(submission, f"s02_1002_7002_{submission.name}")
    _one_line_error(course("grade", "submissions.zip", cwd=workspace),
                    "submissions.zip holds 2 zip(s) and no exercise files (Canvas's \"Download "
                    "Submissions\" as downloaded?): unzip it and give the folder: course grade "
                    "submissions")
    assert not (workspace / "grades").exists()


def test_missing_roster_students_are_on_the_last_line_and_leave_the_exit_code(workspace):
    """Exit code 0 says every submission graded passed: students who submitted nothing are no
    failure of the grading. A 500-row run scrolled the one count of them away behind its
    progress and warnings; the last line says how many, and stderr who."""
    shutil.copy(engine.SOLUTIONS / "ex01_requires_grad.py", workspace / "exercises")
    assert course("submit", "--name", "ada@uni.edu", cwd=workspace).returncode == 0
    (workspace / "roster.csv").write_text("Student,SIS Login ID\n" + "".join(
        f"{name},{name.lower()}@uni.edu\n" for name in
        ("Ada", "Bo", "Cy", "Di", "Ed", "Flo", "Gus")), encoding="utf-8")
    result = course("grade", "submissions", "--roster", "roster.csv", "--exercises", "ex01",
                    cwd=workspace)
    assert result.returncode == 0, result
    assert result.stdout.splitlines()[-1].startswith(
        "graded 1, skipped 0 (already graded); 6 of 7 on the roster missing; gradebook: "), \
        result.stdout
    assert ("course: 6 of 7 students on the roster have no submission counted (Bo; Cy; Di; Ed; "
            "Flo and 1 more): status `missing` in gradebook.csv. The exit code counts the "
            "submissions graded, not these\n") in result.stderr, result.stderr


def test_an_error_that_lists_problems_gives_each_a_line(tmp_path):
    """`course autograder` refuses a course whose public cases would not name a mistake, one
    problem per line of its message; the command line joined them into one run-on line (ten
    mistakes, one line a screen wide), though its docstring said errors are one line, meaning
    the error, not its list. The error is one line, each problem an indented line beneath it,
    each cleaned as any line is."""
    from spec_variants import solutions_doing_a_mistake
    solutions = solutions_doing_a_mistake(tmp_path / "solutions")
    result = course("autograder", str(tmp_path / "bundle.zip"), "--solutions", str(solutions),
                    "--exercises", "ex01", cwd=ROOT)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result
    lines = result.stderr.splitlines()
    assert lines[0] == ("course: error: the public cases would not name every known mistake "
                        "(docs/grading.md, \"Adding a case or a misconception safely\"):"), lines
    assert lines[1].startswith("  course/specs/ex01.py: task 'make_trainable': misconception "
                               "'float64' gives the reference's results on every public "
                               "case"), lines
    assert len(lines) == 2 and not (tmp_path / "bundle.zip").exists()


def test_a_name_in_an_error_never_starts_a_line_of_its_own(monkeypatch, capsys):
    """The items are the course's own lines; text in a message (a learner's folder name in a
    refusal) stays on the error's line, whatever it holds."""
    from course import cli
    from course.errors import UsageError

    def refuse(args):
        raise UsageError("sub\ncourse: graded 500 (a folder named so)", ["one\nitem"])

    monkeypatch.setitem(cli.COMMANDS, "list", refuse)
    assert cli.main(["list"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "course: error: sub course: graded 500 (a folder named so)", "  one item"]
