"""ex10, the learner's own engine: the reference agrees with minigrad on the graded graphs, and
the mistakes as a learner writes them (closures, `=`, recursion, a queue) get their feedback,
not only the spec's compact wrong engines."""

import math
import re
import textwrap

import pytest
from folder_sandboxes import ISOLATION

import minigrad as torch
from course import engine
from course.sandbox import Limits, Sandbox
from course.specs import ex10 as spec
from course.tasks import exercise

REFERENCE = (engine.SOLUTIONS / exercise("ex10").filename).read_text()
TOPOLOGICAL_ORDER, VALUE = (t for t in exercise("ex10").tasks)


LIMITS = Limits(timeout=5.0, memory_mb=512, output_bytes=64 << 10)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_reference_gradients_are_minigrads(seed):
    module = engine._solution(engine.SOLUTIONS, "ex10")
    cases = VALUE.cases(VALUE.rng(seed))
    for case in cases if seed == 0 else cases[:-1]:  # the 10,000-step chain once
        facts = VALUE.probe(module.Value, case)
        leaves = [torch.tensor(v, dtype=torch.float64, requires_grad=True)
                  for v in case["leaves"]]
        y = spec.build(case["program"], leaves)[-1]
        y.backward()
        assert math.isclose(facts["y.data"], y.item(), rel_tol=1e-9), case["label"]
        for name, leaf in zip(spec.LEAVES, leaves, strict=False):
            grad = 0.0 if leaf.grad is None else leaf.grad.item()  # None: y does not use it
            assert math.isclose(facts[f"{name}.grad"], grad, rel_tol=1e-9, abs_tol=1e-12), (
                case["label"], name)


def test_the_wrong_engines_walk_in_a_learners_order():
    """The variants are matched by their numbers, so their order must be the one a learner's
    depth-first walk over `_prev` produces: the recursive one and the reference's stack."""
    module = engine._solution(engine.SOLUTIONS, "ex10")
    for seed in range(5):
        for case in TOPOLOGICAL_ORDER.cases(TOPOLOGICAL_ORDER.rng(seed))[:-1]:
            y = spec.build(case["program"], [spec._Value(v) for v in case["leaves"]])[-1]
            ours = [id(n) for n in spec._topological_order(y)]
            assert [id(n) for n in spec._recursive_order(y)] == ours
            assert [id(n) for n in module.topological_order(y)] == ours


def _mutant(*replacements: tuple[str, str]) -> str:
    source = REFERENCE
    for old, new in replacements:
        assert old in source, old
        source = source.replace(old, new)
    return source


def _order_replaced(function: str) -> str:
    """The reference with ``function``, a topological_order, in place of its own."""
    start, end = REFERENCE.index("def topological_order"), REFERENCE.index("class Value:")
    return f"{REFERENCE[:start]}{function}\n\n{REFERENCE[end:]}"


RECURSIVE = textwrap.dedent("""\
    def topological_order(root):
        order, visited = [], set()

        def visit(node):
            if id(node) not in visited:
                visited.add(id(node))
                for child in node._prev:
                    visit(child)
                order.append(node)

        visit(root)
        return order
    """)

BREADTH_FIRST = textwrap.dedent("""\
    self.grad = 1.0
            queue, seen = [self], {id(self)}
            while queue:
                node = queue.pop(0)
                node._backward()
                for child in node._prev:
                    if id(child) not in seen:
                        seen.add(id(child))
                        queue.append(child)
    """)

LEARNER_MISTAKES = {
    "overwritten": (_mutant(("self.grad += ", "self.grad = "), ("other.grad += ", "other.grad = ")),
                    {"ex10.Value": "overwritten"}),
    "leaves-first": (_mutant(("reversed(topological_order(self))", "topological_order(self)")),
                     {"ex10.Value": "leaves-first"}),
    "breadth-first": (_mutant(("self.grad = 1.0\n        for node in reversed("
                               "topological_order(self)):\n            node._backward()\n",
                               BREADTH_FIRST)),
                      {"ex10.Value": "breadth-first"}),
    "recursive": (_order_replaced(RECURSIVE),
                  {"ex10.topological_order": "recursive", "ex10.Value": "recursive"}),
    "root-first": (_mutant(("    return order\n", "    return order[::-1]\n")),
                   {"ex10.topological_order": "root-first", "ex10.Value": "leaves-first"}),
}


@pytest.mark.parametrize("mistake", LEARNER_MISTAKES)
def test_a_learners_mistake_gets_its_feedback(tmp_path, mistake):
    source, expected = LEARNER_MISTAKES[mistake]
    path = tmp_path / exercise("ex10").filename
    path.write_text(source)
    with Sandbox(LIMITS, files=tmp_path, isolation=ISOLATION) as box:
        result = engine.grade_exercise(box, "ex10", path, seed=5)
    got = {t.id: t.misconception for t in result.tasks if t.status != "passed"}
    assert got == expected, [(t.id, t.status, t.feedback) for t in result.tasks]
    if mistake == "recursive":  # the learner sees a line of their own recursive walk
        where = re.search(r"raised RecursionError: .*\(line (\d+): ", result.tasks[0].feedback)
        lines = source.splitlines()
        start = lines.index("def topological_order(root):") + 1
        assert where and start < int(where.group(1)) < lines.index("class Value:") + 1


WRONG_OPS = {  # an edit of the reference -> the case feedback must name first
    "pow": (("k * self.data ** (k - 1)", "k * self.data ** k"), "y = a ** "),
    "tanh": (("1 - t**2", "1 - t"), "y = a.tanh()"),
    "relu": (("float(self.data > 0)", "1.0"), "c = a.relu(); d = b.relu()"),
    "rsub": (("return -self + other", "return self - other"), " - a with"),
}


@pytest.mark.parametrize("op", WRONG_OPS)
def test_a_wrong_op_is_named_by_the_first_failing_case(op):
    edit, expected = WRONG_OPS[op]
    namespace: dict = {}
    exec(compile(_mutant(edit), "ex10_inside_autograd.py", "exec"), namespace)
    found = engine.expectations("ex10", 11)[1]
    got = [engine.outcome(VALUE, namespace["Value"], c) for c in VALUE.cases(VALUE.rng(11))]
    message = engine.first_difference(VALUE, found["cases"], found["reference"], got)
    assert message is not None and expected in message.split(":")[0], message


# Topological orders other than the reference's depth-first one: any valid order passes.
OTHER_ORDERS = {
    # Kahn's algorithm from the root: a node is listed once all its users are, then reversed.
    "users counted": _order_replaced(textwrap.dedent("""\
        def topological_order(root):
            users, stack, seen = {}, [root], {id(root)}
            while stack:
                for child in stack.pop()._prev:
                    users[id(child)] = users.get(id(child), 0) + 1
                    if id(child) not in seen:
                        seen.add(id(child))
                        stack.append(child)
            order, ready = [], [root]
            while ready:
                node = ready.pop(0)  # first ready, first listed
                order.append(node)
                for child in node._prev:
                    users[id(child)] -= 1
                    if users[id(child)] == 0:
                        ready.append(child)
            return order[::-1]
        """)),
    "last input first": _mutant(("reversed(node._prev)", "node._prev")),  # still depth-first
}


@pytest.mark.parametrize("way", sorted(OTHER_ORDERS))
def test_any_topological_order_passes(tmp_path, way):
    namespace: dict = {}
    exec(compile(OTHER_ORDERS[way], "ex10_inside_autograd.py", "exec"), namespace)
    reference = engine._solution(engine.SOLUTIONS, "ex10").topological_order
    cases = TOPOLOGICAL_ORDER.cases(TOPOLOGICAL_ORDER.rng(5))
    assert any(TOPOLOGICAL_ORDER.probe(namespace["topological_order"], c)[spec.ORDER]
               != TOPOLOGICAL_ORDER.probe(reference, c)[spec.ORDER] for c in cases)
    path = tmp_path / exercise("ex10").filename
    path.write_text(OTHER_ORDERS[way])
    with Sandbox(LIMITS, files=tmp_path, isolation=ISOLATION) as box:
        result = engine.grade_exercise(box, "ex10", path, seed=5)
    assert [t.status for t in result.tasks] == ["passed", "passed"], result.tasks
