"""Feedback on the mistakes learners really make: predict tasks agree with running their
programs, list differences name where they start, functions that should return nothing say so,
and errors the lessons show are explained in one line with the learner's own failing line."""

import importlib
import json
import textwrap
import time
from pathlib import Path

import pytest
from folder_sandboxes import FolderSandboxes

import minigrad as torch
from course import engine, learner_source
from course.compare import compare_facts, describe_error, error_hint
from course.sandbox import Limits
from course.specs.predict import run
from course.stub import raising_function
from course.suggest import suggestion
from course.tasks import exercise

# exercise -> (its predict task, the program's names, what each name's answer reads)
PREDICT = {
    "ex01": ("predict_flags", lambda t: (t.requires_grad, t.is_leaf)),
    "ex02": ("predict_grad_fn", lambda t: None if t.grad_fn is None else t.grad_fn.name()),
    "ex04": ("predict_grads", lambda t: None if t.grad is None else t.grad.tolist()),
    "ex07": ("predict_modes", lambda t: (t.requires_grad, t.is_leaf)),
}


def _reference(eid: str):
    return engine._solution(engine.SOLUTIONS, eid)


@pytest.mark.filterwarnings("ignore:The .grad attribute of a Tensor that is not a leaf")
@pytest.mark.parametrize("eid", sorted(PREDICT))
def test_predict_answers_are_what_the_program_does(eid):
    name, read = PREDICT[eid]
    spec = importlib.import_module(f"course.specs.{eid}")
    ran = run(spec.PROGRAM)
    answer = getattr(_reference(eid), name)()
    assert set(answer) == set(spec.NAMES)
    assert {n: read(ran[n]) for n in spec.NAMES} == {n: answer[n] for n in spec.NAMES}
    stub = (engine.SOLUTIONS.parents[1] / "exercises" / exercise(eid).filename).read_text()
    for line in spec.PROGRAM.splitlines():
        assert line in stub, f"the stub's docstring does not show: {line}"


def test_predict_twice_is_what_backward_does():
    spec = importlib.import_module("course.specs.ex05")
    answer = _reference("ex05").predict_twice()
    assert answer == {g: spec._survives(g) for g in spec.GRAPHS}
    assert sorted(answer.values()) == [False, False, False, True, True, True]


def test_list_differences_name_the_first_differing_index():
    exp = {"names": ["SumBackward0", "AddBackward0", "MulBackward0", "ExpBackward0"] * 4}
    got = {"names": ["SumBackward0", "AddBackward0", "ExpBackward0", "MulBackward0"] * 4}
    message = compare_facts(exp, got)
    assert message.startswith("names: first difference at index 2: expected 'MulBackward0', "
                              "got 'ExpBackward0'")
    assert "8 items instead of 16" in compare_facts(exp, {"names": exp["names"][:8]})
    assert "extra items from index 16 on" in compare_facts(exp, {"names": exp["names"] * 2})


def test_a_function_meant_to_return_nothing_says_so():
    message = compare_facts({"returned.type": "None"}, {"returned.type": "Tensor"})
    assert message == ("returned: expected None, got a Tensor (this function changes its "
                       "arguments in place and returns nothing: leave out the return "
                       "statement)")


@pytest.mark.parametrize("error, part", [
    ({"type": "RuntimeError", "message": "only Tensors of floating point dtype can require "
      "gradients"}, "float values or dtype=torch.float32"),
    ({"type": "AttributeError", "message": "'NoneType' object has no attribute 'zero_'"},
     ".grad is None until a backward()"),
    ({"type": "TypeError", "message": "unsupported operand type(s) for *: 'float' and "
      "'NoneType'"}, "If it was a .grad, possible causes"),
    ({"type": "TypeError", "message": "unsupported operand type(s) for ** or pow(): "
      "'NoneType' and 'int'"}, "keeps a .grad only when retain_grad() was called before"),
    ({"type": "RuntimeError", "message": "element 0 of tensors does not require grad and does "
      "not have a grad_fn"}, "Possible causes"),
    # A learner's typo and two slips of lessons 06 and 07: p.grad.zero(), p.grad = 0 and
    # `with torch.no_grad:`.
    ({"type": "AttributeError", "message": "'Tensor' object has no attribute 'zero'"},
     "end with an underscore"),
    ({"type": "TypeError", "message": "assigned grad expected to be a Tensor or None but got "
      "grad of type int"}, "never a number"),
    ({"type": "TypeError", "message": "'type' object does not support the context manager "
      "protocol"}, "`with torch.no_grad():`"),
    # ex10: 0.5 - a with no __rsub__ written, and 1 / b inside a learner's __truediv__.
    ({"type": "TypeError", "message": "unsupported operand type(s) for -: 'float' and "
      "'Value'"}, "__rsub__ for -"),
    ({"type": "TypeError", "message": "unsupported operand type(s) for /: 'int' and 'Value'"},
     "__rtruediv__ for /"),
    # A tuple taken for the tensor inside it: autograd.grad's result, ctx.saved_tensors.
    ({"type": "AttributeError", "message": "'tuple' object has no attribute 'item'"},
     "(g,) = torch.autograd.grad(y, x)"),
    ({"type": "TypeError", "message": "unsupported operand type(s) for ** or pow(): 'tuple' "
      "and 'int'"}, "(x,) = ctx.saved_tensors"),
    ({"type": "TypeError", "message": "unsupported operand type(s) for *: 'float' and "
      "'tuple'"}, "even of one tensor"),
    ({"type": "TypeError", "message": "cos(): argument 'input' (position 1) must be Tensor, "
      "not tuple"}, "even of one tensor"),
    # A Python number or list where a tensor was meant, and a list as backward's gradient=.
    ({"type": "AttributeError", "message": "'float' object has no attribute 'backward'"},
     "autograd follows tensors only"),
    ({"type": "AttributeError", "message": "'int' object has no attribute 'requires_grad'"},
     "torch.tensor(value, requires_grad=True)"),
    ({"type": "AttributeError", "message": "'list' object has no attribute 'requires_grad_'"},
     "for p in params"),
    ({"type": "TypeError", "message": "gradients can be either Tensors or None, but got float"},
     "wrap it in torch.tensor(...)"),
    # Day-one slips of ex01-ex05 (a learner's answers tried through the grader, session 34):
    # x.grad.item() before backward(), ex02's walk from y, .variable of every node,
    # ctx.saved_tensors(), x ^ 2 for a square, dtype="float32", f(x0) on a float.
    ({"type": "AttributeError", "message": "'NoneType' object has no attribute 'item'"},
     "backward() did not run yet"),
    ({"type": "AttributeError", "message": "'Tensor' object has no attribute 'next_functions'"},
     "the walk starts at y.grad_fn"),
    ({"type": "AttributeError", "message": "'SumBackward0' object has no attribute 'variable'"},
     "only a leaf's AccumulateGrad node has .variable"),
    ({"type": "TypeError", "message": "'tuple' object is not callable"},
     "read without parentheses, (x,) = ctx.saved_tensors"),
    ({"type": "NotImplementedError", "message": "\"bitwise_xor_cpu\" not implemented for "
      "'Float'"}, "x ** 2 squares x"),
    ({"type": "TypeError", "message": "unsupported operand type(s) for ^: 'float' and 'int'"},
     "not a power"),
    ({"type": "TypeError", "message": "tensor(): argument 'dtype' must be torch.dtype, not str"},
     "not its name as a string"),
    ({"type": "TypeError", "message": "sin(): argument 'input' (position 1) must be Tensor, "
      "not float"}, "autograd follows tensors only"),
    # x.grad(), h.grad.norm.item(), gamma * (x_next @ w).detach
    ({"type": "TypeError", "message": "'Tensor' object is not callable"},
     "read without parentheses (x.grad)"),
    ({"type": "AttributeError", "message": "'function' object has no attribute 'item'"},
     "t.detach() and t.norm() call it"),
    ({"type": "TypeError", "message": "unsupported operand type(s) for *: 'float' and 'method'"},
     "a method was used without calling it"),
    ({"type": "AttributeError", "message": "'builtin_function_or_method' object has no "
      "attribute 'numpy'"}, "a method was used without calling it"),
])
def test_errors_the_lessons_show_are_explained(error, part):
    assert part in error_hint(error)
    assert error_hint({"type": "ValueError", "message": "something else"}) is None
    assert describe_error({**error, "line": [7, "    w.grad.zero_()"]}).endswith(
        "(line 7: w.grad.zero_())")


@pytest.fixture(scope="module")
def box():
    with FolderSandboxes(Limits(timeout=2.0, memory_mb=512, output_bytes=64 << 10)) as sandbox:
        yield sandbox


def _grade(box, tmp_path, eid, source):
    path = tmp_path / exercise(eid).filename
    path.write_text(textwrap.dedent(source))
    return {t.id.split(".")[1]: t for t in engine.grade_exercise(box, eid, path, seed=3).tasks}


def test_an_unmatched_error_gets_one_line_with_its_meaning(box, tmp_path):
    tasks = _grade(box, tmp_path, "ex04", """
        def mse_grads(w, b, x, y):
            ((x @ w + b - y) ** 2).backward()
        """)
    feedback = tasks["mse_grads"].feedback
    assert "raised RuntimeError: grad can be implicitly created only for scalar outputs" in \
        feedback
    assert "(line 3: ((x @ w + b - y) ** 2).backward())" in feedback
    assert "\nWhat it means: backward() on a tensor with several elements needs gradient=" in \
        feedback
    assert "Traceback" not in feedback and len(feedback.splitlines()) == 2


def test_a_typo_gets_the_name_it_meant_as_python_would_suggest_it(box, tmp_path):
    tasks = _grade(box, tmp_path, "ex03", """
        import minigrad as torch
        def derivative(f, x0):
            x = torch.tensor(x0, requires_grad=True)
            f(x).backward()
            return x.gard.item()
        def vjp(f, x, v):
            out = f(x)
            out.backward(gradient=v)
            return x.grad + ot
        """)
    assert "raised AttributeError: 'Tensor' object has no attribute 'gard'. Did you mean: " \
        "'grad'? (line 6: return x.gard.item())" in tasks["derivative"].feedback
    assert "raised NameError: name 'ot' is not defined. Did you mean: 'out'? (line 10: " \
        in tasks["vjp"].feedback


def test_a_misspelled_keyword_gets_the_keyword_it_meant(box, tmp_path):
    # Python's TypeError names neither the function's keywords nor a near one.
    tasks = _grade(box, tmp_path, "ex01", """
        import minigrad as torch
        def make_trainable(values):
            return torch.tensor(values, dtype=torch.float32, require_grad=True)
        """)
    assert "raised TypeError: tensor() got an unexpected keyword argument 'require_grad'. " \
        "Did you mean: 'requires_grad'? (line 4: " in tasks["make_trainable"].feedback


def test_a_keyword_suggestion_needs_a_close_keyword():
    def unexpected(**keywords):
        try:
            torch.ones(2).sum().backward(**keywords)
        except TypeError as e:
            return suggestion(e)

    assert unexpected(retain_grap=True) == "retain_graph"
    assert unexpected(xyzzy=1) is None
    assert suggestion(TypeError("f() got an unexpected keyword argument 'keep_dim'")) == "keepdim"
    assert suggestion(TypeError(5)) is None  # (a learner's TypeError may hold anything)


def test_a_suggestion_needs_a_close_public_name_and_survives_a_hostile_dir():
    class Hostile:
        def __dir__(self):
            raise KeyboardInterrupt

    def missing(obj, name):
        try:
            getattr(obj, name)
        except AttributeError as e:
            return suggestion(e)

    assert missing(torch.ones(1), "requires_grads") == "requires_grad"
    assert missing(torch, "no_gard") == "no_grad"
    assert missing(torch.ones(1), "norm2") == "norm"
    assert missing(torch.ones(1), "xyzzy") is None  # nothing close
    assert missing(torch.ones(1), "itme") == "item"  # swapped letters

    def unimported():
        return tensor([1.0])  # noqa: F821 - the NameError under test

    try:
        unimported()
    except NameError as e:
        # not 'iter', which shares letters only: minigrad's, imported here as torch
        assert suggestion(e) == "torch.tensor", suggestion(e)

    def unknown():
        return tensro_of_mine  # noqa: F821 - the NameError under test

    try:
        unknown()
    except NameError as e:
        assert suggestion(e) is None, suggestion(e)
    assert missing(torch.ones(1), "_versoin") == "_version"

    class Private:
        _secret = 1

    assert missing(Private(), "secret") is None  # a private name only for a private typo
    assert missing(Hostile(), "anything") is None
    assert suggestion(ValueError("gard")) is None
    # A record without a suggestion (the reference's own errors) reads as before, and one
    # from the child is capped like any learner text.
    assert describe_error({"type": "AttributeError", "message": "m"}) == "raised AttributeError: m"
    long = describe_error({"type": "NameError", "message": "m", "suggestion": "x" * 500})
    assert len(long) < 80 and long.startswith("raised NameError: m. Did you mean: 'xxx")


def test_code_above_a_raise_left_in_is_not_finished_not_unattempted(box, tmp_path):
    tasks = _grade(box, tmp_path, "ex01", """
        import minigrad as torch
        def freeze(params):
            \"\"\"The stub's docstring, kept.\"\"\"
            for p in params:
                p.requires_grad_(False)
            raise NotImplementedError
        def make_trainable(values):
            raise NotImplementedError
        """)
    freeze = tasks["freeze"]
    assert (freeze.status, freeze.points) == ("not attempted", 0)
    assert freeze.feedback == ("not finished yet: your code is there, but the function still "
                               "raises NotImplementedError (line 7: raise NotImplementedError); "
                               "delete that line")
    assert tasks["make_trainable"].feedback == ("not attempted yet: the function still raises "
                                                "NotImplementedError")


def test_telling_a_stub_from_code_left_above_its_raise_costs_the_grader_no_long_parse():
    """The grader's process reads the file to tell them apart: ast.parse of a file of one
    600 KB f-string took it 29 s to a minute, for every task raising NotImplementedError, while
    every job beside it waited (red team 10's freeze, found again in this reader). It parses as
    the grader's other readers do (course.learner_source), the f-string read as empty."""
    source = ("def f(x):\n    raise NotImplementedError\n"
              '\nif False:\n    pad = f"' + "{x}" * 200_000 + '"\n')
    begin = time.monotonic()
    assert raising_function(source, 2) == ("f", False)
    assert time.monotonic() - begin < 3


def test_the_line_of_a_raise_below_a_long_multi_line_f_string_is_the_line_read(box, tmp_path):
    """The grader reads an f-string too costly to parse as an empty one. Read as "", one of
    5,000 lines became one line, every line below it moved up by 4,999, no function raised
    at the traceback's line, and code left above a raise lost its "not finished yet" (it
    read as a library's NotImplementedError). Its line breaks are kept now."""
    source = ('import minigrad as torch\nNOTE = f"""' + "{0}\n" * 5_000 + '"""\n'
              + textwrap.dedent("""
                  def freeze(params):
                      for p in params:
                          p.requires_grad_(False)
                      raise NotImplementedError
                  def make_trainable(values):
                      raise NotImplementedError
                  """))
    assert learner_source.parse(source).long_fstrings == (2,)  # (read as f"", not parsed)
    path = tmp_path / exercise("ex01").filename
    path.write_text(source)
    tasks = {t.id.split(".")[1]: t for t in engine.grade_exercise(box, "ex01", path, seed=3).tasks}
    line = source.splitlines().index("    raise NotImplementedError") + 1
    assert line == 5_007
    assert tasks["freeze"].feedback == (
        "not finished yet: your code is there, but the function still raises "
        f"NotImplementedError (line {line}: raise NotImplementedError); delete that line")
    assert tasks["make_trainable"].feedback == ("not attempted yet: the function still raises "
                                                "NotImplementedError")


def test_a_function_using_one_not_written_yet_names_it(box, tmp_path):
    tasks = _grade(box, tmp_path, "ex09", """
        def training_step(model, loss_fn, optimizer, x, y):
            raise NotImplementedError
        def fit(model, loss_fn, optimizer, batches, epochs):
            history = []
            for _ in range(epochs):
                losses = [training_step(model, loss_fn, optimizer, x, y) for x, y in batches]
                history.append(sum(losses) / len(losses))
            return history
        """)
    assert tasks["fit"].feedback == ("not finished yet: it uses training_step, which still "
                                     "raises NotImplementedError (line 3: raise "
                                     "NotImplementedError)")


def test_a_librarys_not_implemented_error_is_an_error_not_a_stub(box, tmp_path):
    # nn.Module's own forward raises it when a model's is misspelled: "not attempted yet"
    # said the learner had written nothing.
    tasks = _grade(box, tmp_path, "ex09", """
        from minigrad import nn
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.layer = nn.Linear(2, 3)
            def forwad(self, x):
                return self.layer(x)
        def train_mlp(x, y):
            model = Net()
            model(x)
            return nn.Sequential(model.layer)
        """)
    mlp = tasks["train_mlp"]
    assert (mlp.status, mlp.points) == ("failed", 0)
    assert 'raised NotImplementedError: Module [Net] is missing the required "forward" ' \
        "function (line 11: model(x))" in mlp.feedback
    assert "\nWhat it means: an nn.Module runs its method named forward: check" in mlp.feedback


def test_shortcuts_that_skip_the_idea_fail(box, tmp_path):
    tasks = _grade(box, tmp_path, "ex05", """
        def grad_after_n(y, x, n):
            y.backward()
            return x.grad * n
        """)
    assert tasks["grad_after_n"].misconception == "multiplied"
    tasks = _grade(box, tmp_path, "ex05", """
        def grad_after_n(y, x, n):
            for _ in range(n):
                (x ** 3).sum().backward()  # a new graph each time: no retain_graph needed
            return x.grad
        """)
    assert tasks["grad_after_n"].status == "failed"
    tasks = _grade(box, tmp_path, "ex03", """
        def vjp(f, x, v):
            f(x).sum().backward()
            return x.grad * v
        """)
    assert tasks["vjp"].misconception == "scaled-afterwards"


def test_a_depth_first_order_shows_where_it_parts(box, tmp_path):
    tasks = _grade(box, tmp_path, "ex02", """
        def grad_fn_names(y):
            names, stack = [], [y.grad_fn]
            while stack:
                node = stack.pop()
                names.append(node.name())
                stack.extend(c for c, _ in reversed(node.next_functions) if c is not None)
            return names
        """)
    t = tasks["grad_fn_names"]
    assert t.misconception == "print-graph-order"
    assert "names: first difference at index" in t.feedback


def test_the_values_right_but_through_data_is_rejected(box, tmp_path):
    tasks = _grade(box, tmp_path, "ex08", """
        def to_numpy(t):
            return t.data.numpy()
        """)
    assert tasks["to_numpy"].misconception == "through-data"
    assert tasks["to_numpy"].points == 0


def test_a_submission_that_could_not_be_read_says_why_once():
    from course.feedback import html, markdown, text
    from course.results import ERROR, ExerciseResult, Report, TaskResult
    why = "not a readable zip archive (truncated, or not a zip)"
    tasks = [TaskResult(f"ex01.t{i}", "a task", 0, 1, ERROR, f"not graded: {why}")
             for i in range(3)]
    report = Report([ExerciseResult("ex01", "Ex", tasks)], name="learner", problem=why)
    for shown in (markdown(report), html(report), text(report)):
        assert shown.count("not a readable zip archive") == 1, shown


def test_the_feedback_page_is_a_whole_page_that_says_whose_it_is():
    from course.feedback import page
    from course.results import PASSED, ExerciseResult, Report, TaskResult
    tasks = [TaskResult("ex01.t", "a task", 1, 1, PASSED, "the one case matches")]
    shown = page(Report([ExerciseResult("ex01", "Ex", tasks)], name="Zoë <b>"), "ran in a sandbox")
    assert shown.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in shown
    assert "<title>Feedback: Zoë &lt;b&gt;</title>" in shown and "Score: 1/1" in shown
    assert "ran in a sandbox" in shown and shown.rstrip().endswith("</html>")


def test_a_notebook_shows_code_in_feedback_as_code_and_still_escaped():
    from course.feedback import html, text
    from course.results import ExerciseResult, Report, TaskResult
    said = "make each _backward do `grad +=`, not `grad =`; a `<b>` stays text"
    report = Report([ExerciseResult("ex10", "Ex", [TaskResult("ex10.Value", "a task", 0, 2,
                                                              "failed", said)])])
    shown = html(report)
    assert "do <code>grad +=</code>, not <code>grad =</code>" in shown, shown
    assert "a <code>&lt;b&gt;</code> stays text" in shown and "<b>" not in shown
    assert said in text(report)  # a terminal keeps the backticks


def test_the_lesson_a_hint_cites_for_the_trailing_underscore_explains_it():
    """The hint for p.grad.zero() says in-place methods end with an underscore; lesson 01
    (requires_grad_()) is where that rule is taught, and the hint sends the learner there."""
    hint = error_hint({"type": "AttributeError",
                       "message": "'Tensor' object has no attribute 'zero'"})
    assert "end with an underscore" in hint and "lessons 01, 06" in hint
    lesson = Path(__file__).resolve().parents[1] / "notebooks" / "01_requires_grad.ipynb"
    text = " ".join("".join(cell["source"]) for cell in json.loads(lesson.read_text())["cells"]
                    if cell["cell_type"] == "markdown")
    assert "The trailing underscore is PyTorch's mark of a method that changes its tensor in " \
           "place" in text


@pytest.mark.parametrize("message, without_minigrad", [
    ("'tuple' object has no attribute 'data'", None),
    # a number is wrapped in a Value there, not made a tensor: its own hint says so
    ("'int' object has no attribute 'data'", "a plain number stood where your Value reads"),
    ("'list' object has no attribute 'data'", None)])
def test_hints_about_tensors_stay_out_of_an_exercise_without_minigrad(message,
                                                                      without_minigrad):
    # ex10's engine: a node's _prev is a tuple, a number is wrapped in a Value, not a tensor.
    error = {"type": "AttributeError", "message": message}
    assert "torch." in error_hint(error)
    hint = error_hint(error, tensors=False)
    if without_minigrad is None:
        assert hint is None
    else:
        assert hint.startswith(without_minigrad) and "torch" not in hint


def test_the_tensors_of_an_errors_line_are_checked_before_they_are_said():
    # The child's word is data: a forged item is left out, and nothing in it raises here.
    error = {"type": "RuntimeError", "message": "mat1 and mat2 shapes cannot be multiplied",
             "line": [3, "pred = model(y)"],
             "tensors": [["y", [200], "int64"], ["x; rm", [2], "float32"], ["z", [-1], "f"],
                         ["w", [2], "float32", "extra"], "junk", ["v", [10**13], "float32"]]}
    assert describe_error(error).endswith(
        "(line 3: pred = model(y)); there y is an int64 tensor of shape (200,)")
    for junk in (None, "junk", [[1, 2, 3]], {"y": 1}):
        assert describe_error({**error, "tensors": junk}).endswith("(line 3: pred = model(y))")
