"""What a learner sees of their file's own slips, through the real grader: a syntax error
with its line, said once for the exercise, and warnings naming the file as the learner knows
it, not by the sandbox's path to it."""

from pathlib import Path

import folder_sandboxes

from course import engine
from course.feedback import html, markdown, text
from course.results import ExerciseResult, Report

box, grade = folder_sandboxes.box, folder_sandboxes.grade

STUB = (Path(__file__).parents[1] / "exercises" / "ex04_grad.py").read_text()


def _report(results: dict) -> Report:
    return Report([ExerciseResult("ex04", "Where gradients land", list(results.values()))])


def test_a_syntax_error_shows_its_line_once_for_the_exercise(grade):
    source = STUB.replace("def predict_grads():", "def predict_grads()", 1)
    results = grade("ex04", source)
    first, *others = results.values()
    assert all(t.status == "error" and t.feedback == first.feedback for t in others)
    assert first.feedback.startswith("importing the file failed: SyntaxError: expected ':' "
                                     "(ex04_grad.py, line ")
    assert first.feedback.endswith("\n    def predict_grads()")
    shown = text(_report(results))
    assert shown.count("SyntaxError") == 1 and shown.count("(as above)") == len(others)
    assert html(_report(results)).count("SyntaxError") == 1
    assert markdown(_report(results)).count("SyntaxError") == 1


def test_what_a_file_printed_before_its_import_failed_is_shown(grade):
    """Print-debugging up to the line that fails: the lines printed are the learner's clue."""
    results = grade("ex04", "print('got this far')\nraise ValueError('and no further')\n")
    for task in results.values():
        assert task.feedback.startswith("importing the file failed: ValueError: and no further")
        assert task.output == "got this far\n", task.output


def test_a_warning_names_the_learners_file_not_the_sandboxs_path(grade):
    source = STUB.replace(
        "def layer_grad_norms(x, weights):\n",
        "def layer_grad_norms(x, weights):\n    import warnings\n"
        "    warnings.warn('check the shapes')\n    return 1\n", 1)
    result = grade("ex04", source)["layer_grad_norms"]
    assert result.status == "failed"
    assert "ex04_grad.py:" in result.output and "UserWarning: check the shapes" in result.output
    assert "/ex04_grad.py" not in result.output  # (/submission/ex04_grad.py in the sandbox)


def test_an_exception_named_with_millions_of_characters_is_cut(grade):
    """A red team's ten files of `raise type("E" * 3_900_000, (Exception,), {})()` made 226 MB
    of results and 550 MB of grader memory per submission: what learner code names is cut
    where it is read, and a task's feedback is capped whatever it holds."""
    for source in ('raise type("E" * 3_900_000, (Exception,), {})()\n',
                   STUB.replace("def layer_grad_norms(x, weights):\n",
                                "def layer_grad_norms(x, weights):\n"
                                "    raise type('E' * 3_900_000, (Exception,), {})()\n", 1)):
        for task in grade("ex04", source).values():
            assert len(task.feedback) <= 4000, len(task.feedback)


def test_a_note_naming_many_stray_copies_is_capped_too(box, tmp_path):
    """190 files named ex03_<250 characters>.py beside ex03_backward.py made each ex03 task's
    feedback 48,123 characters long: the note naming them was added after the cap."""
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "ex03_backward.py").write_text(
        (Path(__file__).parents[1] / "exercises" / "ex03_backward.py").read_text())
    for i in range(190):
        (folder / f"ex03_{i:03d}{'x' * 240}.py").write_text("")
    result, graded = engine.grade_in_folder(box, "ex03", folder, seed=3)
    assert graded == folder / "ex03_backward.py"
    assert all(len(t.feedback) <= 4000 and "not graded: ex03_000" in t.feedback
               for t in result.tasks)


def _returning_none(line: str) -> str:
    return STUB.replace("def layer_grad_norms(x, weights):\n",
                        f"def layer_grad_norms(x, weights):\n    {line}\n    return None\n", 1)


def test_a_function_that_printed_and_returned_none_is_told_to_return(grade):
    result = grade("ex04", _returning_none("print([1.0, 2.0])"))["layer_grad_norms"]
    assert result.feedback.endswith(f"What it means: {engine.PRINTED_NOT_RETURNED}"), \
        result.feedback


def test_a_warning_is_not_taken_for_printing(grade):
    """learn32: a grad_after_n returning y.grad, None with minigrad's warning about a non-leaf's
    .grad, was told it had printed something. A warning is Python's, not the learner's print."""
    result = grade("ex04", _returning_none(
        "import warnings; warnings.warn('a warning, not a print')"))["layer_grad_norms"]
    assert "UserWarning: a warning, not a print" in result.output
    assert result.feedback.endswith("got None") and "printed" not in result.feedback, \
        result.feedback
