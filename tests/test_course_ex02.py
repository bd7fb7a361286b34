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
