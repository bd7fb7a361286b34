"""ex02.leaves as learners write it: the leaves' nodes, copies of the leaves, a leaf listed once
per path, each named for what it is. Each learner file runs through the real grader."""

import folder_sandboxes
import pytest

# The grading fixtures the files that grade learner programs share (see folder_sandboxes).
box, grade = folder_sandboxes.box, folder_sandboxes.grade

WALK = """
def _walk(y, once=True):
    order, seen, queue = [], {id(y.grad_fn)}, [y.grad_fn]
    while queue:
        node = queue.pop(0)
        order.append(node)
        for child, _ in node.next_functions:
            if child is not None and not (once and id(child) in seen):
                seen.add(id(child))
                queue.append(child)
    return order
"""


@pytest.mark.parametrize("name, leaves, shown", [
    # What each once got: "expected 'a', got 'not an input'", with no word on why.
    ("nodes-not-tensors", "[n for n in _walk(y) if hasattr(n, 'variable')]",
     'got "a\'s AccumulateGrad node, not a itself"'),
    ("detached-copies", "[n.variable.detach() for n in _walk(y) if hasattr(n, 'variable')]",
     "a copy of a, not a itself"),
    ("detached-copies", "[n.variable.clone() for n in _walk(y) if hasattr(n, 'variable')]",
     "a copy of a, not a itself"),
    ("leaves-twice", "[n.variable for n in _walk(y, once=False) if hasattr(n, 'variable')]",
     "expected ['a', 'b'], got ['a', 'a', 'b']"),
])
def test_near_misses_of_the_leaves_are_named(grade, name, leaves, shown):
    t = grade("ex02", f"{WALK}\ndef leaves(y):\n    return {leaves}\n", seed=0)["leaves"]
    assert (t.status, t.misconception, t.points) == ("failed", name, 0), t.feedback
    assert shown in t.feedback, t.feedback


def test_anything_else_is_still_not_an_input(grade):
    t = grade("ex02", "def leaves(y):\n    return [y, 'a']\n", seed=0)["leaves"]
    assert t.status == "failed" and "'not an input'" in t.feedback, t.feedback


def test_the_leaves_themselves_pass(grade):
    t = grade("ex02", f"{WALK}\ndef leaves(y):\n"
                      "    return [n.variable for n in _walk(y) if hasattr(n, 'variable')]\n"
              )["leaves"]
    assert t.status == "passed", t.feedback


def test_nodes_told_apart_by_name_are_named(grade):
    # A node reached twice listed once, by its name: a and b's AccumulateGrad nodes (and any
    # two MulBackward0) collapse into one, and only "5 items instead of 8" said so.
    t = grade("ex02", """
        def grad_fn_names(y):
            out, queue = [], [y.grad_fn]
            while queue:
                node = queue.pop(0)
                if node.name() not in out:
                    out.append(node.name())
                queue += [child for child, _ in node.next_functions if child is not None]
            return out
        """)["grad_fn_names"]
    assert (t.status, t.misconception) == ("failed", "told-apart-by-name"), t.feedback


def test_names_found_depth_first_are_told_of_the_order_not_the_walk(grade):
    # A stack for the queue: named depth-first. Its text once said the nodes were listed
    # "but depth-first", of the walk: named on one case alone, it also met an order of another
    # kind that a depth-first walk gives on that graph (as leaves' did, session 35).
    t = grade("ex02", """
        def grad_fn_names(y):
            out, seen, stack = [], {id(y.grad_fn)}, [y.grad_fn]
            while stack:
                node = stack.pop()
                out.append(node.name())
                for child, _ in node.next_functions:
                    if child is not None and id(child) not in seen:
                        seen.add(id(child))
                        stack.append(child)
            return out
        """)["grad_fn_names"]
    assert (t.status, (t.misconception or "")[:11]) == ("failed", "depth-first"), t.feedback
    assert t.feedback.startswith("Each node is listed once, in the order a depth-first walk")
    assert "can be a depth-first walk's on one graph and not on another" in t.feedback


def test_leaves_found_by_recursion_without_a_visited_set_are_named(grade):
    # Lesson 02's print_graph walk, written as a function calling itself, collecting leaves:
    # a leaf reached along two paths came out twice, in depth-first order, and no mistake
    # was named.
    t = grade("ex02", """
        def leaves(y):
            found = []
            def visit(node):
                if node is None:
                    return
                if hasattr(node, "variable"):
                    found.append(node.variable)
                for child, _ in node.next_functions:
                    visit(child)
            visit(y.grad_fn)
            return found
        """)["leaves"]
    assert (t.status, (t.misconception or "")[:24]) == ("failed", "leaves-print-graph-order"), \
        t.feedback
    assert "print_graph" in t.feedback


def test_names_left_uncalled_are_told_to_be_called(grade):
    # node.name without (): a list of bound methods, which the check described only as
    # "expected a list of str, got a list".
    t = grade("ex02", """
        def grad_fn_names(y):
            out, seen, queue = [], {id(y.grad_fn)}, [y.grad_fn]
            while queue:
                node = queue.pop(0)
                out.append(node.name)
                for child, _ in node.next_functions:
                    if child is not None and id(child) not in seen:
                        seen.add(id(child))
                        queue.append(child)
            return out
        """)["grad_fn_names"]
    assert t.status == "failed", t.feedback
    assert "names: expected a list of str, got a list holding functions or methods" in t.feedback
    assert "call each, with ()" in t.feedback


def test_a_walk_that_does_not_skip_none_fails_the_check(grade):
    # At seed 0, `course check`'s, every c a graph used required grad, so no next_functions
    # held None: this walk passed the check with 3/3 and failed at most seeds of `course grade`.
    t = grade("ex02", """
        def grad_fn_names(y):
            queue, seen, out = [y.grad_fn], {id(y.grad_fn)}, []
            while queue:
                node = queue.pop(0)
                out.append(node.name())
                for child, _ in node.next_functions:
                    if id(child) not in seen:
                        seen.add(id(child))
                        queue.append(child)
            return out
        """, seed=0)["grad_fn_names"]
    assert t.status == "failed", t.feedback
    assert "'NoneType' object has no attribute 'name'" in t.feedback, t.feedback
    assert "skip None" in t.feedback, t.feedback


def test_none_predicted_in_quotes_is_told_to_drop_the_quotes(grade):
    # 'None' in quotes read only "a.grad_fn: expected None, got 'None'", as the quotes on
    # 'True' once did in ex07 (which now says "without quotes").
    t = grade("ex02", """
        def predict_grad_fn():
            return {"a": "None", "b": "None", "c": "MulBackward0", "d": "ExpBackward0",
                    "e": "SumBackward0", "f": "None"}
        """, seed=0)["predict_grad_fn"]
    assert t.status == "failed", t.feedback
    assert "a.grad_fn: expected None, got 'None' (None, without quotes)" in t.feedback, t.feedback


def _predicted(**names):
    right = {"a": None, "b": None, "c": "MulBackward0", "d": "ExpBackward0",
             "e": "SumBackward0", "f": None}
    return f"def predict_grad_fn():\n    return {({**right, **names})!r}\n"


# Wrong answers of the second learner pass, each once told only "expected X, got Y" (or, for a
# leaf's node looked up by a name no node has, that only one level was searched):
# (task, misconception, learner file).
SECOND_PASS = {
    # learn36's day-one pass: AccumulateGrad's namespace given to every node
    "operation nodes with a namespace": ("predict_grad_fn", "prefixed-names", _predicted(
        c="torch::autograd::MulBackward0", d="torch::autograd::ExpBackward0",
        e="torch::autograd::SumBackward0")),
    "names of the operations": ("predict_grad_fn", "operation-names",
                                _predicted(c="Mul", d="Exp", e="Sum")),
    "names without the number": ("predict_grad_fn", "operation-names-no-number",
                                 _predicted(c="MulBackward", d="ExpBackward", e="SumBackward")),
    "node of the operation using it": ("predict_grad_fn", "node-of-the-user", _predicted(
        a="MulBackward0", b="MulBackward0", c="ExpBackward0", d="SumBackward0", e=None)),
    "y.grad_fn left out": ("grad_fn_names", "root-left-out", WALK + """
def grad_fn_names(y):
    return [node.name() for node in _walk(y)[1:]]
"""),
    "class names": ("grad_fn_names", "class-names", WALK + """
def grad_fn_names(y):
    return [type(node).__name__ for node in _walk(y)]
"""),
    # learn36b: a node's number guessed, or the sum taken for a mean
    "a sum over a dimension's node": ("predict_grad_fn", "sum-overload",
                                      _predicted(e="SumBackward1")),
    "a mean's node for the sum": ("predict_grad_fn", "mean-for-sum",
                                  _predicted(e="MeanBackward0")),
    "str() of each node": ("grad_fn_names", "object-text", WALK + """
def grad_fn_names(y):
    return [str(node) for node in _walk(y)]
"""),
    "the leaves' node names": ("leaves", "names-not-tensors", WALK + """
def leaves(y):
    return [n.name() for n in _walk(y) if hasattr(n, "variable")]
"""),
    "AccumulateGrad by its short name": ("leaves", "none-found", WALK + """
def leaves(y):
    return [n.variable for n in _walk(y) if n.name() == "AccumulateGrad"]
"""),
    "AccumulateGrad by PyTorch's name": ("leaves", "none-found", WALK + """
def leaves(y):
    return [n.variable for n in _walk(y) if n.name() == "torch::autograd::AccumulateGrad"]
"""),
}


@pytest.mark.parametrize("mistake", sorted(SECOND_PASS))
def test_second_pass_mistakes_are_named(grade, mistake):
    folder_sandboxes.assert_named(grade, "ex02", *SECOND_PASS[mistake])


@pytest.mark.parametrize("each", ["n", "type(n)"])
def test_nodes_listed_for_their_names_are_named(grade, each):
    # It read "names: expected a list of str, got a list".
    t = grade("ex02", WALK + f"\ndef grad_fn_names(y):\n    return [{each} for n in _walk(y)]\n"
              )["grad_fn_names"]
    assert (t.status, t.misconception) == ("failed", "nodes-not-names"), t.feedback


def test_a_walk_from_the_tensor_is_told_where_the_graph_starts(grade):
    t = grade("ex02", WALK.replace("[y.grad_fn]", "[y]") +
              "\ndef grad_fn_names(y):\n    return [n.name() for n in _walk(y)]\n"
              )["grad_fn_names"]
    assert "'Tensor' object has no attribute 'next_functions'" in t.feedback, t.feedback
    assert "the walk starts at y.grad_fn" in t.feedback


def test_variable_read_of_every_node_is_told_which_nodes_have_it(grade):
    t = grade("ex02", WALK + "\ndef leaves(y):\n    return [n.variable for n in _walk(y)]\n"
              )["leaves"]
    assert "only a leaf's AccumulateGrad node has .variable" in t.feedback, t.feedback


def test_a_walk_over_next_functions_pairs_is_told_to_unpack_them(grade):
    """learn36: `for child in node.next_functions:` met "'tuple' object has no attribute
    'next_functions'", whose reply spoke of torch.autograd.grad and ctx.saved_tensors."""
    t = grade("ex02", """
        def grad_fn_names(y):
            order, queue = [], [y.grad_fn]
            while queue:
                node = queue.pop(0)
                if any(node is seen for seen in order):
                    continue
                order.append(node)
                for child in node.next_functions:
                    if child is not None:
                        queue.append(child)
            return [node.name() for node in order]
        """)["grad_fn_names"]
    assert t.status == "failed" and "autograd.grad" not in t.feedback, t.feedback
    assert t.feedback.endswith(
        "What it means: a (node, index) pair was used where a node was meant: next_functions "
        "holds pairs, tuples, one per input. Unpack each, `for child, _ in "
        "node.next_functions:`, and skip a child that is None (lesson 02)."), t.feedback


def test_names_in_another_case_are_told_names_keep_theirs(grade):
    # learn36b: "c.grad_fn: expected 'MulBackward0', got 'mulbackward0'" said no more.
    t = grade("ex02", _predicted(c="mulbackward0", d="expbackward0", e="sumbackward0"),
              seed=0)["predict_grad_fn"]
    assert t.status == "failed", t.feedback
    assert t.feedback.endswith("got 'mulbackward0' (a name is written in its own case: "
                               "'MulBackward0')"), t.feedback


def test_names_made_a_set_are_told_a_set_keeps_no_order_or_repeats(grade):
    # learn36b: list(set(names)) read only "first difference at index 0".
    t = grade("ex02", WALK + "\ndef grad_fn_names(y):\n"
                             "    return list(set(n.name() for n in _walk(y)))\n")["grad_fn_names"]
    assert t.status == "failed", t.feedback
    assert t.feedback.endswith("(each item once, in another order, where some appear more "
                               "than once: a set, list(set(...)), keeps neither the order nor "
                               "the repeats)"), t.feedback


def test_leaves_named_by_the_caller_are_not_taken_for_tensors(grade):
    # Strings for the leaves, the names the label gives them: "got 'not an input'" said nothing.
    t = grade("ex02", "def leaves(y):\n    return ['a', 'b']\n", seed=0)["leaves"]
    assert t.status == "failed" and "got \"a name ('a'), not a tensor\"" in t.feedback, \
        t.feedback
