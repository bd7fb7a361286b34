"""ex03 as learners write it. Cube: x kept as an attribute of ctx, where autograd does not look
after it, is named; honest ways of keeping what backward needs pass. derivative and vjp: their
docstrings ask for backward(), and torch.autograd.grad (which ex04 and ex08 refuse too) is
named, while second_derivative keeps it. Each learner file runs through the real grader."""

import folder_sandboxes
import pytest

# The grading fixtures the files that grade learner programs share (see folder_sandboxes).
box, grade = folder_sandboxes.box, folder_sandboxes.grade


def _from_x(function: str, *lines: str) -> str:
    """A learner's derivative or second_derivative: x made from x0, requiring grad, then
    ``lines``, one statement each."""
    body = "".join(f"    {line}\n" for line in lines)
    return (f"import minigrad as torch\n\ndef {function}(f, x0):\n"
            f"    x = torch.tensor(x0, requires_grad=True)\n{body}")


def _cube(forward: str, backward: str) -> str:
    return f"""
import minigrad as torch

class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        {forward}
        return x ** 3

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * {backward}
"""


def test_x_kept_on_ctx_is_named(grade):
    # It passed: the values and gradcheck are right, and nothing looked at how x was kept.
    t = grade("ex03", _cube("ctx.x = x", "3 * ctx.x ** 2"))["Cube"]
    assert (t.status, t.misconception, t.points) == ("failed", "kept-on-ctx", 0), t.feedback
    assert ("an in-place change to x after forward gives a wrong gradient, without an error: "
            "expected False, got True") in t.feedback


@pytest.mark.parametrize("forward, backward", [
    ("ctx.save_for_backward(x)", "3 * ctx.saved_tensors[0] ** 2"),
    # what backward needs, computed in forward: a new tensor, which no change to x reaches
    ("ctx.save_for_backward(3 * x ** 2)", "ctx.saved_tensors[0]"),
    ("ctx.x = x.clone()", "3 * ctx.x ** 2"),
])
def test_keeping_what_backward_needs_unchanged_passes(grade, forward, backward):
    t = grade("ex03", _cube(forward, backward))["Cube"]
    assert t.status == "passed", t.feedback


# derivative and vjp by torch.autograd.grad (or autograd.functional, which calls it): both
# scored 1/1, though their docstrings ask for backward() and its gradient argument.
BY_AUTOGRAD_GRAD = {
    "derivative": """
        import minigrad as torch
        def derivative(f, x0):
            x = torch.tensor(x0, requires_grad=True)
            (g,) = torch.autograd.grad(f(x), x)
            return g.item()
        """,
    "vjp": """
        import minigrad as torch
        def vjp(f, x, v):
            return torch.autograd.grad(f(x), x, grad_outputs=v)[0]
        """,
    "vjp-functional": """
        import minigrad as torch
        def vjp(f, x, v):
            return torch.autograd.functional.vjp(f, x, v)[1]
        """,
    "vjp-jacobian": """
        import minigrad as torch
        def vjp(f, x, v):
            return v @ torch.autograd.functional.jacobian(f, x)
        """,
}


@pytest.mark.parametrize("source", BY_AUTOGRAD_GRAD.values(), ids=BY_AUTOGRAD_GRAD)
def test_autograd_grad_for_backward_is_named(grade, source):
    task = "derivative" if "def derivative" in source else "vjp"
    t = grade("ex03", source)[task]
    assert (t.status, t.misconception, t.points) == ("failed", "autograd-grad", 0), t.feedback
    assert "stores nothing in x.grad" in t.feedback and "lesson 03" in t.feedback
    assert ("how f(x) was differentiated: expected 'by backward(), into .grad', got 'by "
            "torch.autograd.grad") in t.feedback


# backward() however it is called, on x or on the leaf x came from, passes; second_derivative
# is autograd.grad's task.
BY_BACKWARD = {
    "autograd.backward": """
        import minigrad as torch
        def derivative(f, x0):
            x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
            torch.autograd.backward(f(x))
            return float(x.grad)
        def vjp(f, x, v):
            torch.autograd.backward(f(x), grad_tensors=v)
            return x.grad
        """,
    "through-a-view": """
        import minigrad as torch
        def derivative(f, x0):
            leaf = torch.tensor([x0], requires_grad=True)
            f(leaf[0]).backward()
            return leaf.grad.item()
        def vjp(f, x, v):
            (f(x) * v).sum().backward()
            return x.grad.clone()
        """,
}


@pytest.mark.parametrize("source", BY_BACKWARD.values(), ids=BY_BACKWARD)
def test_backward_however_called_passes(grade, source):
    tasks = grade("ex03", source)
    for name in ("derivative", "vjp"):
        assert tasks[name].status == "passed", tasks[name].feedback


def test_second_derivative_keeps_autograd_grad(grade):
    t = grade("ex03", """
        import minigrad as torch
        def second_derivative(f, x0):
            x = torch.tensor(x0, requires_grad=True)
            (g,) = torch.autograd.grad(f(x), x, create_graph=True)
            return torch.autograd.grad(g, x)[0].item()
        """)["second_derivative"]
    assert t.status == "passed", t.feedback


@pytest.mark.parametrize("first_gradient", [
    "(g,) = torch.autograd.grad(f(x), x)",
    # create_graph=True passed, and the graph cut afterwards: the same error, whose fix "pass
    # create_graph=True to the first torch.autograd.grad" told this learner what they had done
    "(g,) = torch.autograd.grad(f(x), x, create_graph=True)\n            g = g.detach()",
])
def test_a_first_gradient_without_a_graph_names_both_causes(grade, first_gradient):
    t = grade("ex03", f"""
        import minigrad as torch
        def second_derivative(f, x0):
            x = torch.tensor(x0, requires_grad=True)
            {first_gradient}
            return torch.autograd.grad(g, x)[0].item()
        """)["second_derivative"]
    assert (t.status, t.misconception) == ("failed", "no-create-graph"), t.feedback
    assert "without create_graph=True, or its graph was cut afterwards (.detach())" in t.feedback


def test_a_backward_that_returns_nothing_is_named(grade):
    # It read only "x.grad: expected an array of shape (1,), got None".
    t = grade("ex03", _cube("ctx.save_for_backward(x)", "3").replace(
        "return grad_output * 3", "grad = grad_output * 3 * ctx.saved_tensors[0] ** 2"))["Cube"]
    assert (t.status, t.misconception, t.points) == ("failed", "backward-returns-nothing", 0), \
        t.feedback
    assert "backward returned None" in t.feedback


@pytest.mark.parametrize("returned", ["x.grad * v", "v * x.grad"])
def test_v_applied_twice_is_named(grade, returned):
    # "v^T J" read as "multiply by v": it got only "v^T J: expected [...], got [...]".
    t = grade("ex03", f"""
        def vjp(f, x, v):
            f(x).backward(gradient=v)
            return {returned}
        """)["vjp"]
    assert (t.status, t.misconception, t.points) == ("failed", "v-applied-twice", 0), t.feedback
    assert "already leaves v^T J in x.grad" in t.feedback


def test_a_rewrapped_first_gradient_gets_a_hint(grade):
    # It read only autograd.grad's own words, "The differentiated Tensor at index 0 appears to
    # not have been used in the graph. Set allow_unused=True if this is the desired behavior."
    t = grade("ex03", """
        import minigrad as torch
        def second_derivative(f, x0):
            x = torch.tensor(x0, requires_grad=True)
            (g,) = torch.autograd.grad(f(x), x, create_graph=True)
            g = torch.tensor(g.item(), requires_grad=True)
            return torch.autograd.grad(g, x)[0].item()
        """)["second_derivative"]
    assert t.status == "failed", t.feedback
    assert "What it means: autograd found no path from the output back to that input" in \
        t.feedback
    assert "A value copied into a new tensor (torch.tensor(t.item()), .detach())" in t.feedback


def test_a_name_typed_in_another_case_is_suggested(grade):
    # Python suggests X for x; the check's suggestion (difflib) scored the one-letter pair 0 and
    # said only "name 'x' is not defined".
    t = grade("ex03", """
        import minigrad as torch
        def derivative(f, x0):
            X = torch.tensor(x0, requires_grad=True)
            f(X).backward()
            return x.grad.item()
        """)["derivative"]
    assert "raised NameError: name 'x' is not defined. Did you mean: 'X'?" in t.feedback, \
        t.feedback


def test_a_power_left_unlowered_is_named(grade):
    # 3 * x**3 for the derivative of x**3: it read only "x.grad: expected [...], got [...]".
    t = grade("ex03", _cube("ctx.save_for_backward(x)", "3 * ctx.saved_tensors[0] ** 3"))["Cube"]
    assert (t.status, t.misconception, t.points) == ("failed", "power-not-lowered", 0), \
        t.feedback
    assert "the derivative of x**3 is 3 * x**2" in t.feedback, t.feedback


@pytest.mark.parametrize("backward, misconception", [
    ("f(x).sum().backward()", "grad-as-jacobian"),
    ("f(x).backward(gradient=v)", "vjp-dotted-with-v")])
def test_x_grad_taken_for_the_jacobian_is_named(grade, backward, misconception):
    # v @ x.grad, x.grad read as J: it read only "v^T J: expected an array of shape (3,), got
    # a number" (or shape ()), with nothing on what x.grad holds.
    t = grade("ex03", f"""
        def vjp(f, x, v):
            {backward}
            return v @ x.grad
        """)["vjp"]
    assert (t.status, t.misconception, t.points) == ("failed", misconception, 0), t.feedback
    assert "x.grad is not the Jacobian J" in t.feedback, t.feedback


# Wrong answers of the second learner pass, each once told only "expected X, got Y":
# (task, misconception, learner file).
SECOND_PASS = {
    "backward's result returned": ("derivative", "returned-backward", """
        import minigrad as torch
        def derivative(f, x0):
            x = torch.tensor(x0, requires_grad=True)
            return f(x).backward()
        """),
    "f(x)'s own gradient": ("derivative", "output-gradient", """
        import minigrad as torch
        def derivative(f, x0):
            x = torch.tensor(x0, requires_grad=True)
            y = f(x)
            y.retain_grad()
            y.backward()
            return y.grad.item()
        """),
    "f(x) differentiated again": ("second_derivative", "output-differentiated-again", """
        import minigrad as torch
        def second_derivative(f, x0):
            x = torch.tensor(x0, requires_grad=True)
            y = f(x)
            (g,) = torch.autograd.grad(y, x, create_graph=True)
            (g2,) = torch.autograd.grad(y, x)
            return g2.item()
        """),
    "factor 3 left out": ("Cube", "factor-left-out",
                          _cube("ctx.save_for_backward(x)", "ctx.saved_tensors[0] ** 2")),
    "power dropped to 1": ("Cube", "power-dropped",
                           _cube("ctx.save_for_backward(x)", "3 * ctx.saved_tensors[0]")),
    "grad_output added": ("Cube", "chain-rule-added",
                          _cube("ctx.save_for_backward(x)", "3 * ctx.saved_tensors[0] ** 2")
                          .replace("grad_output *", "grad_output +")),
    "v returned": ("vjp", "output-gradient", """
        def vjp(f, x, v):
            y = f(x)
            y.retain_grad()
            y.backward(v)
            return y.grad
        """),
    # learn36's day-one pass. f(x)'s .grad, None, read without retain_grad(): derivative's was
    # told that backward() returns None, vjp's only "expected a Tensor, got None" (as was
    # vjp's backward() returned).
    "f(x)'s .grad without retain_grad": ("derivative", "returned-backward", _from_x(
        "derivative", "y = f(x)", "y.backward()", "return y.grad")),
    **{f"vjp returning {returned}": ("vjp", "returned-backward", f"""
        def vjp(f, x, v):
            y = f(x)
            {returned}
        """) for returned in ("y.backward(gradient=v)\n            return y.grad",
                              "return y.backward(gradient=v)",
                              # learn36b: the weighting's .grad, told of the other two alone
                              "y.backward(v)\n            return v.grad")},
    # x's own value for its gradient: told only "f'(x0): expected 6.86, got -1.72"
    "x.data for x.grad": ("derivative", "returned-x", _from_x(
        "derivative", "f(x).backward()", "return x.data.item()")),
    # the first gradient made with create_graph=True and returned: told only "how f(x) was
    # differentiated: expected 'twice, ...', got 'once, with create_graph=True ...'"
    "first gradient returned": ("second_derivative", "first-derivative-create-graph", _from_x(
        "second_derivative", "(g,) = torch.autograd.grad(f(x), x, create_graph=True)",
        "return g.item()")),
}


@pytest.mark.parametrize("mistake", sorted(SECOND_PASS))
def test_second_pass_mistakes_are_named(grade, mistake):
    folder_sandboxes.assert_named(grade, "ex03", *SECOND_PASS[mistake])


def test_a_square_differentiated_in_cubes_backward_is_named(grade):
    # 2 * x, x**2's derivative, read "x.grad: expected [...], got [...]" alone.
    t = grade("ex03", _cube("ctx.save_for_backward(x)",
                            "2 * ctx.saved_tensors[0]"))["Cube"]
    assert (t.status, t.misconception) == ("failed", "square-differentiated"), t.feedback


def test_a_power_written_with_xor_is_an_error_not_work_left_undone(grade):
    # numpy's xor of floats raises NotImplementedError: Cube was "not attempted yet".
    t = grade("ex03", _cube("ctx.save_for_backward(x)",
                            "3 * ctx.saved_tensors[0] ^ 2"))["Cube"]
    assert t.status == "failed", t.feedback
    assert "bitwise_xor_cpu" in t.feedback and "x ** 2 squares x" in t.feedback


def test_a_grad_read_before_backward_is_told_why_it_is_none(grade):
    t = grade("ex03", """
        import minigrad as torch
        def derivative(f, x0):
            x = torch.tensor(x0, requires_grad=True)
            g = x.grad
            f(x).backward()
            return g.item()
        """)["derivative"]
    assert "'NoneType' object has no attribute 'item'" in t.feedback, t.feedback
    assert "backward() did not run yet" in t.feedback


_REFERENCE_EX03 = (folder_sandboxes.engine.SOLUTIONS / "ex03_backward.py").read_text()


def _ex03_with(old: str, new: str) -> str:
    assert old in _REFERENCE_EX03, old
    return _REFERENCE_EX03.replace(old, new, 1)


def test_a_name_of_forward_used_in_backward_is_told_where_it_went(grade):
    # Session 35: Cube's backward using forward's x without reading it back from ctx got
    # Python's words alone ("NameError: name 'x' is not defined").
    t = grade("ex03", _ex03_with("        (x,) = ctx.saved_tensors\n", ""))["Cube"]
    assert t.status == "failed" and "raised NameError: name 'x' is not defined" in t.feedback
    assert "What it means: a name was used where it has no value" in t.feedback, t.feedback
    assert "ctx.saved_tensors" in t.feedback.split("What it means:")[1], t.feedback


def test_a_missing_import_is_told_which_line(grade):
    t = grade("ex03", _ex03_with("import minigrad as torch\n", ""))["derivative"]
    assert "What it means: the file's `import minigrad as torch` line is missing" in t.feedback, \
        t.feedback


def test_a_trailing_comma_is_told_it_made_a_tuple(grade):
    # `return x.grad.item(),`: "expected a number, got an object of type 'tuple'" alone.
    t = grade("ex03", _ex03_with("return x.grad.item()", "return x.grad.item(),"))["derivative"]
    assert t.status == "failed" and "expected a number, got a tuple (a comma after a value " \
        "makes a tuple of one item" in t.feedback, t.feedback


@pytest.mark.parametrize("task, old, new", [
    # float16 throughout: the number .item() gives is a float16's, cast to a Python float
    ("derivative", "x = torch.tensor(x0, requires_grad=True)\n    f(x)",
     "x = torch.tensor(x0, requires_grad=True, dtype=torch.float16)\n    f(x)"),
    # a float16 gradient, which autograd casts back to x's float32: its numbers still show it
    ("Cube", "return grad_output * 3 * x**2", "return (grad_output * 3 * x**2).half()"),
])
def test_numbers_rounded_to_float16_are_told_so(grade, task, old, new):
    # Each read "expected 6.86488, got 6.85938" alone: a difference in the fourth digit. (A
    # float16 tensor returned, vjp's, is told by its dtype: "expected 'minigrad.float32', got
    # 'minigrad.float16'", or where its numbers miss, by this too.)
    t = grade("ex03", _ex03_with(old, new))[task]
    assert t.status == "failed" and "every number of yours is a float16 number" in t.feedback, \
        t.feedback


def test_a_far_off_round_number_is_not_told_of_float16(grade):
    # A wrong answer of a small round number (1.0 is float16's too) is far from the reference:
    # float16 is no cause of that, and the reply says nothing of it.
    t = grade("ex03", _ex03_with("return x.grad.item()", "return 1.0"))["derivative"]
    assert t.status == "failed" and "float16" not in t.feedback, t.feedback


def test_the_reference_is_not_told_of_float16(grade):
    # The check's own numbers are float32's: a wrong answer in float32 is not told of float16.
    t = grade("ex03", _ex03_with("return grad_output * 3 * x**2", "return grad_output * 2 * x**2")
              )["Cube"]
    assert t.status == "failed" and "float16" not in t.feedback, t.feedback
