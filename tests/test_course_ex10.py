"""ex10, the learner's own engine: the reference agrees with minigrad on the graded graphs, and
the mistakes as a learner writes them (closures, `=`, recursion, a queue) get their feedback,
not only the spec's compact wrong engines. sum_to_size likewise: minigrad's sums, learners'
ways of writing it, their mistakes."""

import ast
import math
import re
import sys
import textwrap
from pathlib import Path
from unittest import mock

import pytest
from folder_sandboxes import ISOLATION

import minigrad as torch
from course import bwrap, engine, feedback, sandbox
from course.isolation import BUBBLEWRAP
from course.results import Report
from course.sandbox import Limits, Sandbox
from course.specs import ex10 as spec
from course.tasks import exercise

REFERENCE = (engine.SOLUTIONS / exercise("ex10").filename).read_text()
TOPOLOGICAL_ORDER, VALUE, SUM_TO_SIZE = (t for t in exercise("ex10").tasks)


LIMITS = Limits(timeout=5.0, memory_mb=512, output_bytes=64 << 10)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_reference_gradients_are_minigrads(seed):
    module = engine._solution(engine.SOLUTIONS, "ex10")
    cases = VALUE.cases(VALUE.rng(seed))
    for case in cases:
        if seed != 0 and len(case["program"]) == spec.CHAIN:  # the 10,000-step chain once
            continue
        facts = VALUE.probe(module.Value, case)
        leaves = [torch.tensor(v, dtype=torch.float64, requires_grad=True)
                  for v in case["leaves"]]
        y = spec.build(case["program"], leaves)[-1]
        calls = case.get("backward", 1)  # backward() called twice: the second adds, as here
        for k in range(calls):
            y.backward(retain_graph=k < calls - 1)
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
        for case in TOPOLOGICAL_ORDER.cases(TOPOLOGICAL_ORDER.rng(seed)):
            if len(case["program"]) == spec.CHAIN:  # (past the recursion limit)
                continue
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


PRE_ORDER = textwrap.dedent("""\
    def topological_order(root):
        order, visited, stack = [], set(), [root]
        while stack:
            v = stack.pop()
            if id(v) in visited:
                continue
            visited.add(id(v))
            order.append(v)
            for child in v._prev:
                stack.append(child)
        return list(reversed(order))
    """)


# A learner's (micrograd's walk made iterative): the visited mark set as a node is pushed.
VISITED_WHEN_PUSHED = textwrap.dedent("""\
    def topological_order(root):
        order, visited, stack = [], {id(root)}, [(root, False)]
        while stack:
            node, done = stack.pop()
            if done:
                order.append(node)
                continue
            stack.append((node, True))
            for child in node._prev:
                if id(child) not in visited:
                    visited.add(id(child))
                    stack.append((child, False))
        return order
    """)


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

# No order at all: each node's _backward, then its inputs' walked the same way (a stack here,
# where a learner's recursion would stop at the chain: the same mistake on the cases before it).
EVERY_PATH = textwrap.dedent("""\
    self.grad = 1.0
            stack = [self]
            while stack:
                node = stack.pop()
                node._backward()
                stack.extend(reversed(node._prev))
    """)

# A learner's own division (rather than self * other**-1), b's share with the wrong sign.
OWN_DIVISION = textwrap.indent(textwrap.dedent("""\
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data / other.data, (self, other), "/")

    def _backward():
        self.grad += out.grad / other.data
        other.grad += self.data / other.data**2 * out.grad
    out._backward = _backward
    return out
    """), " " * 8)

LEARNER_MISTAKES = {
    "overwritten": (_mutant(("self.grad += ", "self.grad = "), ("other.grad += ", "other.grad = ")),
                    {"ex10.Value": "overwritten"}),
    "leaves-first": (_mutant(("reversed(topological_order(self))", "topological_order(self)")),
                     {"ex10.Value": "leaves-first"}),
    "unseeded": (_mutant(("        self.grad = 1.0\n        for node in reversed(",
                          "        for node in reversed(")),
                 {"ex10.Value": "unseeded"}),
    # Told pre-order's text once (a walk that never reverses its list), and its backward()
    # passed: no case had an inner node reached through a sibling walked first.
    "visited when pushed": (_order_replaced(VISITED_WHEN_PUSHED),
                            {"ex10.topological_order": "visited-when-pushed",
                             "ex10.Value": "visited-when-pushed"}),
    "visited when pushed, inputs reversed": (
        _order_replaced(VISITED_WHEN_PUSHED.replace("for child in node._prev:",
                                                    "for child in reversed(node._prev):")),
        {"ex10.topological_order": "visited-when-pushed-inputs-reversed",
         "ex10.Value": "visited-when-pushed-inputs-reversed"}),
    # Seeded, but y's own _backward skipped ("y is done: its grad is 1"): every gradient 0, as
    # unseeded, whose fix (set self.grad = 1.0) would mislead.
    "root-not-run": (_mutant(("reversed(topological_order(self))",
                              "reversed(topological_order(self)[:-1])")),
                     {"ex10.Value": "root-not-run"}),
    # The order leaves the root out: its own truth says so, and backward() skips y likewise.
    "root left out of the order": (_mutant(("    return order\n", "    return order[:-1]\n")),
                                   {"ex10.topological_order": None,
                                    "ex10.Value": "root-not-run"}),
    "breadth-first": (_mutant(("self.grad = 1.0\n        for node in reversed("
                               "topological_order(self)):\n            node._backward()\n",
                               BREADTH_FIRST)),
                      {"ex10.Value": "breadth-first"}),
    "every-path": (_mutant(("self.grad = 1.0\n        for node in reversed("
                            "topological_order(self)):\n            node._backward()\n",
                            EVERY_PATH)),
                   {"ex10.Value": "every-path"}),
    # Every node's .grad set to 0 before the walk: right once, but a second y.backward()
    # replaced the first's gradients instead of adding to them, and scored 2/2.
    "reset-first": (_mutant(("        self.grad = 1.0\n        for node in reversed(",
                             "        for node in topological_order(self):\n"
                             "            node.grad = 0.0\n"
                             "        self.grad = 1.0\n        for node in reversed(")),
                    {"ex10.Value": "reset-first"}),
    "reset-first, leaves only": (_mutant((
        "        self.grad = 1.0\n        for node in reversed(",
        "        for node in topological_order(self):\n            if not node._prev:\n"
        "                node.grad = 0\n        self.grad = 1.0\n        for node in reversed(")),
        {"ex10.Value": "reset-first"}),
    # Third pass. y.grad += 1.0 (gradients accumulate, read for the seed too): told only
    # "a.grad: expected 2.44, got 3.66" on the case that calls backward() twice.
    "seed-added": (_mutant(("        self.grad = 1.0\n", "        self.grad += 1.0\n")),
                   {"ex10.Value": "seed-added"}),
    # y's _backward, then its inputs', no deeper: told only "a.grad: expected 0.42, got 0"
    "inputs-only": (_mutant(("for node in reversed(topological_order(self)):\n"
                             "            node._backward()\n",
                             "self._backward()\n        for node in self._prev:\n"
                             "            node._backward()\n")),
                    {"ex10.Value": "inputs-only"}),
    # relu's gradient at exactly 0 taken as 1: right everywhere else.
    "relu-slope-one-at-zero": (_mutant(("float(self.data > 0)", "float(self.data >= 0)")),
                               {"ex10.Value": "relu-slope-one-at-zero"}),
    # __rsub__ as self - other: 0.5 - a computed as a - 0.5 (once only "y.data: expected
    # -0.26, got 0.26", with nothing on which operand is which).
    "rsub-swapped": (_mutant(("return -self + other", "return self - other")),
                     {"ex10.Value": "rsub-swapped"}),
    # A wrong local derivative in one op, each once told only "a.grad: expected 0.97, got
    # 0.97" on its op's case, with nothing on what the derivative is.
    "tanh-of-input": (_mutant(("1 - t**2", "1 - self.data**2")), {"ex10.Value": "tanh-of-input"}),
    "tanh-not-squared": (_mutant(("1 - t**2", "1 - t")), {"ex10.Value": "tanh-not-squared"}),
    "pow-exponent-kept": (_mutant(("k * self.data ** (k - 1)", "k * self.data ** k")),
                          {"ex10.Value": "pow-exponent-kept"}),
    "mul-own-value": (_mutant(("self.grad += other.data * out.grad",
                               "self.grad += self.data * out.grad"),
                              ("other.grad += self.data * out.grad",
                               "other.grad += other.data * out.grad")),
                      {"ex10.Value": "mul-own-value"}),
    "mul-selfs-value": (_mutant(("self.grad += other.data * out.grad",
                                 "self.grad += self.data * out.grad")),
                        {"ex10.Value": "mul-selfs-value"}),
    "mul-others-value": (_mutant(("other.grad += self.data * out.grad",
                                  "other.grad += other.data * out.grad")),
                         {"ex10.Value": "mul-others-value"}),
    "quotient-sign": (_mutant(("        return self * other**-1\n", OWN_DIVISION)),
                      {"ex10.Value": "quotient-sign"}),
    # Each once told only "a.grad: expected 2.64, got 0.97" (or got 1, got 0.94, got -1.21) on
    # its op's case.
    "exp-of-input": (_mutant(('_unary(e, "exp", e)', '_unary(e, "exp", self.data)')),
                     {"ex10.Value": "exp-of-input"}),
    "exp-slope-one": (_mutant(('_unary(e, "exp", e)', '_unary(e, "exp", 1.0)')),
                      {"ex10.Value": "exp-slope-one"}),
    "relu-value-passed": (_mutant(('"relu", float(self.data > 0)', '"relu", max(self.data, 0.0)')),
                          {"ex10.Value": "relu-value-passed"}),
    "pow-factor-left-out": (_mutant(("k * self.data ** (k - 1)", "self.data ** (k - 1)")),
                            {"ex10.Value": "pow-factor-left-out"}),
    # out.grad left out of the one-input operations' shared _backward alone: + and * right,
    # and the first graph with a one-input op inside got only "a.grad: expected -2.52, got
    # -2.18".
    "one-input-chain-rule-left-out": (_mutant(("self.grad += derivative * out.grad",
                                               "self.grad += derivative")),
                                      {"ex10.Value": "one-input-chain-rule-left-out"}),
    # out.grad left out of every _backward: each op's own case passes (its out.grad is the
    # seed, 1), and the first graph got only "a.grad: expected 0.42, got 0.35".
    "chain-rule-left-out": (_mutant((" * out.grad\n", "\n"), ("self.grad += out.grad",
                                                               "self.grad += 1.0"),
                                    ("other.grad += out.grad", "other.grad += 1.0")),
                            {"ex10.Value": "chain-rule-left-out"}),
    # ... in __mul__ alone: named on the first graph, the case it shows in
    "chain-rule-left-out in * alone": (_mutant(("other.data * out.grad", "other.data"),
                                               ("self.data * out.grad", "self.data")),
                                       {"ex10.Value": "chain-rule-left-out"}),
    "recursive": (_order_replaced(RECURSIVE),
                  {"ex10.topological_order": "recursive", "ex10.Value": "recursive"}),
    "root-first": (_mutant(("    return order\n", "    return order[::-1]\n")),
                   {"ex10.topological_order": "root-first", "ex10.Value": "leaves-first"}),
    # Root-first and recursive at once: no mistake gives every case (the chain's is recursive's),
    # and on the first wrong case root-first's order is pre-order's too, listed first. That one
    # was named; root-first gives every other case. Value, leaves-first but on the chain, is
    # told to fix the order first: its mistakes fitting one case only are named where the order
    # it uses is right.
    "root-first, recursive": (
        _order_replaced(RECURSIVE.replace("    return order\n", "    return order[::-1]\n")),
        {"ex10.topological_order": "root-first", "ex10.Value": None}),
    # A learner's (day one): each node listed when first reached, and the list reversed.
    "pre-order": (_order_replaced(PRE_ORDER),
                  {"ex10.topological_order": "pre-order", "ex10.Value": "pre-order"}),
    # The same with the inputs pushed the other way round: it breaks other cases, so it is a
    # variant of its own, with the same feedback.
    "pre-order, inputs reversed": (_order_replaced(PRE_ORDER.replace(
        "for child in v._prev:", "for child in reversed(v._prev):")),
        {"ex10.topological_order": "pre-order-inputs-reversed",
         "ex10.Value": "pre-order-inputs-reversed"}),
}


def _graded(tmp_path, source: str, source_rule: bool = True, without_minigrad: bool | None = None):
    """ex10 graded in a real sandbox, with ``source`` as the learner's file (seed 5). Its three
    guards, each testable alone: ``source_rule`` False, course/own_code/'s rule not applied;
    ``without_minigrad`` False (by default as ``source_rule``), the file run where minigrad is
    (ex10's is not: course.tasks.WITHOUT_MINIGRAD); both False, the run-time checks alone."""
    if without_minigrad is None:
        without_minigrad = source_rule
    path = tmp_path / exercise("ex10").filename
    path.write_text(source)
    with mock.patch.object(sandbox, "WITHOUT_MINIGRAD",
                           sandbox.WITHOUT_MINIGRAD if without_minigrad else frozenset()), \
            Sandbox(LIMITS, files=tmp_path, isolation=ISOLATION) as box, \
            mock.patch.object(engine, "_breaks_rule",
                              engine._breaks_rule if source_rule else lambda *_: None):
        return engine.grade_exercise(box, "ex10", path, seed=5)


@pytest.mark.parametrize("mistake", LEARNER_MISTAKES)
def test_a_learners_mistake_gets_its_feedback(tmp_path, mistake):
    source, expected = LEARNER_MISTAKES[mistake]
    result = _graded(tmp_path, source)
    got = {t.id: t.misconception for t in result.tasks if t.status != "passed"}
    assert got == expected, [(t.id, t.status, t.feedback) for t in result.tasks]
    if mistake == "root left out of the order":
        assert "order lists y, the root, itself: expected True, got False" in \
            result.tasks[0].feedback, result.tasks[0].feedback
    if mistake == "recursive":  # the learner sees a line of their own recursive walk
        where = re.search(r"raised RecursionError: .*\(line (\d+): ", result.tasks[0].feedback)
        lines = source.splitlines()
        start = lines.index("def topological_order(root):") + 1
        assert where and start < int(where.group(1)) < lines.index("class Value:") + 1


def test_an_order_of_values_data_is_named(tmp_path):
    # The nodes' .data listed instead of the nodes: every node is missing from the order, and
    # the feedback says what the order holds instead of only that.
    result = _graded(tmp_path, _mutant(("order.append(node)", "order.append(node.data)")))
    order = result.tasks[0]
    assert order.status != "passed" and "order holds the graph's nodes themselves (not their " \
        ".data): expected True, got False" in order.feedback, order.feedback


def test_an_order_reading_more_than_prev_is_told_what_its_nodes_have(tmp_path):
    # topological_order is checked on the spec's plain nodes (data and _prev): a walk that reads
    # a Value's _op works on the learner's Values and raises there, about a class they never met.
    walk = _mutant(("if inputs_listed:", "if inputs_listed and node._op != '?':"))
    result = _graded(tmp_path, walk)
    order = result.tasks[0]
    assert "raised AttributeError: '_Node' object has no attribute '_op'" in order.feedback
    assert "What it means: topological_order is checked on graphs of plain nodes, not of your " \
        "Values: each has `data` and `_prev`" in order.feedback, order.feedback


def test_a_number_left_unwrapped_is_told_to_wrap_it_not_about_tensors(tmp_path):
    # 2 * a with __mul__ not wrapping 2 in a Value: 'int' object has no attribute 'data'. The
    # hint for a number used as a tensor (torch.tensor(...)) fits every exercise but this one;
    # PyTorch's words alone said nothing of Value(other) (third pass).
    source = _mutant(("        other = other if isinstance(other, Value) else Value(other)\n"
                      "        out = Value(self.data * other.data",
                      "        out = Value(self.data * other.data"))
    value = _graded(tmp_path, source).tasks[1]
    assert "raised AttributeError: 'int' object has no attribute 'data'" in value.feedback \
        or "raised AttributeError: 'float' object has no attribute 'data'" in value.feedback, \
        value.feedback
    assert "torch.tensor" not in value.feedback
    assert "What it means: a plain number stood where your Value reads .data" in value.feedback


def test_a_value_with_one_method_left_is_told_which_line(tmp_path):
    # Twelve of Value's methods written, __rsub__ not yet: "not attempted yet" would be wrong,
    # and among thirteen methods the learner is shown the one left.
    source = _mutant(("return -self + other", "raise NotImplementedError"))
    line = source.splitlines().index("        raise NotImplementedError") + 1
    value = _graded(tmp_path, source).tasks[1]
    assert value.status == "not attempted", value.feedback
    assert value.feedback == ("not finished yet: one of its methods still raises "
                              f"NotImplementedError (line {line}: raise NotImplementedError)")


WRONG_OPS = {  # an edit of the reference -> the case feedback must name first
    "pow": (("k * self.data ** (k - 1)", "k * self.data ** k"), "y = a ** "),
    "tanh": (("1 - t**2", "1 - t"), "y = a.tanh()"),
    "relu": (("float(self.data > 0)", "1.0"), "c = a.relu(); d = b.relu()"),
    "rsub": (("return -self + other", "return self - other"), " - a with"),
    # A Value as the denominator taken as a constant: b gets no gradient (once passed unseen).
    "div by a node": (("return self * other**-1",
                       "return self * (Value(1 / other.data) if isinstance(other, Value) "
                       "else other**-1)"), "y = a / b"),
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
    result = _graded(tmp_path, OTHER_ORDERS[way])
    assert [t.status for t in result.tasks] == ["passed"] * 3, result.tasks


# Delegations: a Value that is no engine but a wrapper around minigrad's, each gets its rule's
# message and no points. What the wrappers share: each operation is minigrad's, on float64
# tensors (`_op` with a second operand, `_un` without), the Values' inputs kept in `_prev`.
WRAPPED_OPS = """
    def __add__(self, o): return self._op(o, lambda x, y: x + y)
    def __radd__(self, o): return self._op(o, lambda x, y: y + x)
    def __sub__(self, o): return self._op(o, lambda x, y: x - y)
    def __rsub__(self, o): return self._op(o, lambda x, y: y - x)
    def __mul__(self, o): return self._op(o, lambda x, y: x * y)
    def __rmul__(self, o): return self._op(o, lambda x, y: y * x)
    def __truediv__(self, o): return self._op(o, lambda x, y: x / y)
    def __pow__(self, k): return self._un(lambda x: x ** k)
    def __neg__(self): return self._un(lambda x: -x)
    def exp(self): return self._un(lambda x: x.exp())
    def tanh(self): return self._un(lambda x: x.tanh())
    def relu(self): return self._un(lambda x: x.relu())
"""


def _wrapper(body: str) -> str:
    """The reference's topological_order, then a Value wrapping minigrad (``body``, then the
    operations)."""
    order = REFERENCE[:REFERENCE.index("class Value:")]
    return (f"{order}\nimport minigrad as torch\n\n\ndef _leaf(data):\n    return torch.tensor("
            f"float(data), dtype=torch.float64, requires_grad=True)\n\n\n"
            f"{textwrap.dedent(body)}{WRAPPED_OPS}")


DELEGATIONS = {
    # The red team's: data and grad are properties reading the tensor, backward() is minigrad's.
    "properties": (_wrapper("""\
        class Value:
            def __init__(self, data, _t=None):
                self._t = _leaf(data) if _t is None else _t

            @property
            def data(self):
                return self._t.item()

            @property
            def grad(self):
                return 0.0 if self._t.grad is None else self._t.grad.item()

            def _op(self, o, f):
                return Value(None, f(self._t, o._t if isinstance(o, Value) else float(o)))

            def _un(self, f):
                return Value(None, f(self._t))

            def backward(self):
                self._t.backward()
        """), "y.data must be stored on the Value (`self.data = ...`), not computed by a "
              "property"),
    # Plain floats copied from the tensor each Value keeps, once forward and once after
    # minigrad's backward, and the inputs in _prev: everything the probe reads is stored.
    "eager copies": (_wrapper("""\
        class Value:
            def __init__(self, data, _prev=(), _t=None):
                self._t = _leaf(data) if _t is None else _t
                self._t.retain_grad()
                self.data, self.grad, self._prev = self._t.item(), 0.0, tuple(_prev)

            def _op(self, o, f):
                o = o if isinstance(o, Value) else Value(o)
                return Value(None, (self, o), f(self._t, o._t))

            def _un(self, f):
                return Value(None, (self,), f(self._t))

            def backward(self):
                self._t.backward()
                for node in topological_order(self):
                    node.grad = 0.0 if node._t.grad is None else node._t.grad.item()
        """), "y holds a minigrad Tensor: ex10 asks for your own engine"),
    # The same, the tensors kept aside by id(Value): the Values hold nothing of minigrad's.
    "tensors kept aside": (_wrapper("""\
        _TENSORS = {}


        class Value:
            def __init__(self, data, _prev=(), _t=None):
                _TENSORS[id(self)] = t = _leaf(data) if _t is None else _t
                self.data, self.grad, self._prev = t.item(), 0.0, tuple(_prev)

            def _op(self, o, f):
                o = o if isinstance(o, Value) else Value(o)
                return Value(None, (self, o), f(_TENSORS[id(self)], _TENSORS[id(o)]))

            def _un(self, f):
                return Value(None, (self,), f(_TENSORS[id(self)]))

            def backward(self):
                _TENSORS[id(self)].backward()
                for node in topological_order(self):
                    grad = _TENSORS[id(node)].grad
                    node.grad = 0.0 if grad is None else grad.item()
        """), "minigrad's autograd ran while your Value computed y and its gradients"),
}
# The grader's own process skips that check while other threads run; a thread of the learner's
# does not make the sandbox skip it.
DELEGATIONS["tensors kept aside, a thread running"] = (
    DELEGATIONS["tensors kept aside"][0].replace("_TENSORS = {}\n", textwrap.dedent("""\
        import threading
        import time

        _TENSORS = {}
        threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
        """)), DELEGATIONS["tensors kept aside"][1])


@pytest.mark.parametrize("way", DELEGATIONS)
def test_a_value_wrapping_minigrads_engine_gets_no_points(tmp_path, way):
    """Twice over: the grader's reading of the source (it imports minigrad), and each run-time
    check in the learner's process, which code written against it could switch off."""
    source, message = DELEGATIONS[way]
    line = source.splitlines().index("import minigrad as torch") + 1
    order, value, _ = _graded(tmp_path, source).tasks
    assert order.points == value.points == 0 and value.misconception is None, value.feedback
    assert value.feedback.startswith(f"Your file's line {line} imports minigrad."), \
        value.feedback
    order, value, _ = _graded(tmp_path, source, source_rule=False).tasks
    assert value.points == 0 and value.misconception is None, value.feedback
    assert "case 1 (y = a + b with " in value.feedback, value.feedback
    # the rule's own words, without the grader's name for the exception (third pass)
    assert f"): {message}" in value.feedback and "OwnEngineError" not in value.feedback, \
        value.feedback


# Engines of the learner's own, written otherwise than the reference: each passes.
HONEST_ENGINES = {
    "slots": _mutant(("class Value:\n", 'class Value:\n    __slots__ = ("data", "grad", "_prev", '
                                        '"_op", "_backward")\n\n')),
    # micrograd's: its own __init__, _prev a set, grad an int 0 until backward() reaches it,
    # relu's data an int 0.
    "micrograd": textwrap.dedent("""\
        import math


        def topological_order(root):
            topo, visited, stack = [], {id(root)}, [(root, iter(root._prev))]
            while stack:
                node, children = stack[-1]
                for child in children:
                    if id(child) not in visited:
                        visited.add(id(child))
                        stack.append((child, iter(child._prev)))
                        break
                else:
                    stack.pop()
                    topo.append(node)
            return topo


        class Value:
            def __init__(self, data, _children=(), _op=''):
                self.data = data
                self.grad = 0
                self._backward = lambda: None
                self._prev = set(_children)
                self._op = _op

            def __add__(self, other):
                other = other if isinstance(other, Value) else Value(other)
                out = Value(self.data + other.data, (self, other), '+')
                def _backward():
                    self.grad += out.grad
                    other.grad += out.grad
                out._backward = _backward
                return out

            def __mul__(self, other):
                other = other if isinstance(other, Value) else Value(other)
                out = Value(self.data * other.data, (self, other), '*')
                def _backward():
                    self.grad += other.data * out.grad
                    other.grad += self.data * out.grad
                out._backward = _backward
                return out

            def __pow__(self, other):
                out = Value(self.data**other, (self,), f'**{other}')
                def _backward():
                    self.grad += (other * self.data**(other-1)) * out.grad
                out._backward = _backward
                return out

            def _unary(self, data, op, local):
                out = Value(data, (self,), op)
                def _backward():
                    self.grad += local(out) * out.grad
                out._backward = _backward
                return out

            def relu(self):
                return self._unary(0 if self.data < 0 else self.data, 'ReLU',
                                   lambda out: out.data > 0)

            def exp(self):
                return self._unary(math.exp(self.data), 'exp', lambda out: out.data)

            def tanh(self):
                return self._unary(math.tanh(self.data), 'tanh', lambda out: 1 - out.data**2)

            def backward(self):
                self.grad = 1
                for v in reversed(topological_order(self)):
                    v._backward()

            def __neg__(self): return self * -1
            def __radd__(self, other): return self + other
            def __sub__(self, other): return self + (-other)
            def __rsub__(self, other): return other + (-self)
            def __rmul__(self, other): return self * other
            def __truediv__(self, other): return self * other**-1
        """),
    # Local derivatives stored as numbers, numpy's exp and tanh (np.float64 data), lists, and
    # grad a class attribute until backward() adds into it.
    "local derivatives": textwrap.dedent("""\
        import numpy as np


        def topological_order(root):
            order, seen, stack = [], set(), [(root, False)]
            while stack:
                node, ready = stack.pop()
                if ready:
                    order.append(node)
                elif id(node) not in seen:
                    seen.add(id(node))
                    stack.append((node, True))
                    stack.extend((c, False) for c in reversed(node._prev))
            return order


        class Value:
            grad = 0.0

            def __init__(self, data, inputs=(), local=()):
                self.data, self._prev, self._local = data, list(inputs), list(local)

            @staticmethod
            def _lift(x):
                return x if isinstance(x, Value) else Value(x)

            def __add__(self, other):
                other = self._lift(other)
                return Value(self.data + other.data, [self, other], [1.0, 1.0])

            def __mul__(self, other):
                other = self._lift(other)
                return Value(self.data * other.data, [self, other], [other.data, self.data])

            __radd__, __rmul__ = __add__, __mul__

            def __pow__(self, k):
                return Value(self.data**k, [self], [k * self.data ** (k - 1)])

            def exp(self):
                e = np.exp(self.data)
                return Value(e, [self], [e])

            def tanh(self):
                t = np.tanh(self.data)
                return Value(t, [self], [1 - t * t])

            def relu(self):
                return Value(max(self.data, 0.0), [self], [1.0 if self.data > 0 else 0.0])

            def __neg__(self):
                return Value(-self.data, [self], [-1.0])

            def __sub__(self, other):
                return self + -self._lift(other)

            def __rsub__(self, other):
                return -self + other

            def __truediv__(self, other):
                return self * self._lift(other) ** -1

            def backward(self):
                self.grad = 1.0
                for node in reversed(topological_order(self)):
                    for child, local in zip(node._prev, node._local):
                        child.grad += local * node.grad
        """),
}

# PyTorch's way on a second backward(): only the leaves keep (and add to) their gradients,
# each node in between starts again from 0 (the lesson's keeps it: both pass).
HONEST_ENGINES["inner nodes cleared"] = _mutant((
    "        self.grad = 1.0\n        for node in reversed(",
    "        order = topological_order(self)\n        for node in order:\n"
    "            if node._prev:\n                node.grad = 0.0\n"
    "        self.grad = 1.0\n        for node in reversed("))

# A tape (a Wengert list) every node holds, run backwards: the tape is read once, not per node.
HONEST_ENGINES["tape"] = HONEST_ENGINES["local derivatives"].replace(
    "class Value:\n", "TAPE = []\n\n\nclass Value:\n").replace(
    "self.data, self._prev, self._local = data, list(inputs), list(local)\n",
    "self.data, self._prev, self._local = data, list(inputs), list(local)\n"
    "        self._tape = TAPE\n        TAPE.append(self)\n").replace(
    "for node in reversed(topological_order(self)):", "for node in reversed(self._tape):")


@pytest.mark.parametrize("way", HONEST_ENGINES)
def test_an_engine_of_ones_own_passes_however_written(tmp_path, way):
    result = _graded(tmp_path, HONEST_ENGINES[way])
    engine_tasks = result.tasks[:2]  # (micrograd's file has no sum_to_size)
    assert [t.status for t in engine_tasks] == ["passed", "passed"], result.tasks


def test_importing_minigrad_to_check_an_answer_costs_the_engines_points(tmp_path):
    """"No minigrad here", the stub says: an engine of one's own, with minigrad imported only
    to check it, is told which line to change, once for its three tasks."""
    source = HONEST_ENGINES["micrograd"].replace("import math\n", textwrap.dedent("""\
        import math

        import minigrad as torch

        _x = torch.tensor(2.0, requires_grad=True)
        (_x * _x).backward()
        assert _x.grad.item() == 4.0
        """), 1)
    result = _graded(tmp_path, source)
    order, value, _ = result.tasks
    assert [(t.status, t.points) for t in (order, value)] == [("error", 0), ("error", 0)]
    assert value.feedback == (
        "Your file's line 3 imports minigrad. ex10's engine is your own, written with math and "
        "numpy (plain-computation modules such as collections, itertools, functools, heapq and "
        "random are fine too), without minigrad, sys or os: change that line (compare answers "
        "with minigrad in a notebook cell instead).\nThis task's results were not compared.")
    # The rule is the file's: said once, and first (micrograd's file has no sum_to_size either).
    shown = feedback.text(Report([result]))
    assert shown.count("imports minigrad") == 1 and shown.count("(as above)") == 2, shown
    assert [t.status for t in _graded(tmp_path, source, source_rule=False).tasks[:2]] == [
        "passed", "passed"]


def test_the_rule_says_why_dataclasses_and_a_dunder_of_its_own_are_refused(tmp_path):
    """Refusals a learner's walk found arbitrary as the import message put them."""
    engine_ = HONEST_ENGINES["micrograd"]
    source = engine_.replace("import math\n", "import math\nfrom dataclasses import dataclass\n", 1)
    value = _graded(tmp_path, source).tasks[1]
    assert value.feedback.startswith(
        "Your file's line 2 imports dataclasses, which writes Python code from your fields and "
        "runs it: write your class's __init__ yourself."), value.feedback
    # sys to raise the recursion limit, the web's answer to the recursive walk's error: the
    # generic import message said to compare answers with minigrad, beside the point.
    source = engine_.replace("import math\n", "import math\nimport sys\n\n"
                             "sys.setrecursionlimit(100_000)\n", 1)
    value = _graded(tmp_path, source).tasks[1]
    assert value.feedback.startswith(
        "Your file's line 2 imports sys to raise Python's recursion limit: ex10's file runs "
        "without sys, and a recursive walk is what the task asks you to replace."), \
        value.feedback
    source = engine_ + "\n\nclass Lazy:\n    def __getattr__(self, name):\n        return 0\n"
    value = _graded(tmp_path, source).tasks[1]
    line = source.splitlines().index("    def __getattr__(self, name):") + 1
    assert value.feedback.startswith(
        f"Your file's line {line} defines __getattr__. ex10 reads your Value's data, grad and "
        "_prev as your class stores them, so it takes the methods a plain class defines "
        "(__init__, the operators, __repr__...) and no others: remove it."), value.feedback


def test_a_file_past_the_rule_still_finds_no_minigrad(tmp_path):
    """The guard behind the rule: ex10 runs in a zygote of its own that never imports minigrad
    and makes importing it fail, however asked for; in bubblewrap its files are not there, nor
    any installed package but numpy (a red team's file ran sympy from the base Python's)."""
    sites = [str(p) for p in bwrap.installed_packages([Path(sys.base_prefix), Path(sys.prefix),
                                                       Path("/usr")])]
    source = REFERENCE + textwrap.dedent(f"""
        import importlib, os, sys
        print("loaded:", [name for name, module in sys.modules.items()
                          if name.split(".")[0] == "minigrad" and module is not None])
        print("files:", os.path.exists({str(bwrap.MINIGRAD)!r}))
        print("installed:", sorted({{name for site in {sites!r} if os.path.isdir(site)
                                    for name in os.listdir(site)}}))
        print("submitted:", sorted(os.listdir(os.path.dirname(__file__))))
        importlib.import_module("minigrad.autograd.engine")
        """)
    # An engine shipped beside the file (a red team's zip of minigrad, importable from the
    # path) is not copied into ex10's sandbox: only ex10's own file is.
    (tmp_path / "mg.zip").write_bytes(b"PK")
    (tmp_path / "ex09_training_loop.py").write_text("")
    tasks = _graded(tmp_path, source, source_rule=False, without_minigrad=True).tasks
    assert "submitted: ['ex10_inside_autograd.py']\n" in tasks[0].output, tasks[0].output
    for task in tasks:
        assert task.status == "error" and task.feedback.startswith(
            "importing the file failed: ModuleNotFoundError: No module named "
            "'minigrad.autograd'; 'minigrad' is not a package"), task.feedback
    assert "loaded: []\n" in tasks[0].output, tasks[0].output
    files = ISOLATION.mode != BUBBLEWRAP  # (the "user" fallback cannot hide them)
    assert f"files: {files}\n" in tasks[0].output, tasks[0].output
    if ISOLATION.mode == BUBBLEWRAP:
        installed = re.search(r"installed: (.*)\n", tasks[0].output).group(1)
        assert set(ast.literal_eval(installed)) <= {"numpy", "numpy.libs", "course"}, installed


def test_one_sandbox_switches_between_ex10_and_the_exercises_that_use_minigrad(tmp_path):
    for eid in ("ex03", "ex10"):
        name = exercise(eid).filename
        (tmp_path / name).write_text((engine.SOLUTIONS / name).read_text())
    with Sandbox(LIMITS, files=tmp_path, isolation=ISOLATION) as box:
        for eid, minigrad in (("ex10", False), ("ex03", True), ("ex10", False)):
            result, _ = engine.grade_in_folder(box, eid, tmp_path, seed=1)
            assert box.minigrad is minigrad
            assert result.score == result.max_score, [t.feedback for t in result.tasks]


# The rules one by one, in this process: what each says to the learner.
FLOAT_SUBCLASS = _mutant(("class Value:\n", textwrap.dedent("""\
    class Lazy(float):  # a float whose value is computed when it is read
        def __float__(self):
            return 0.0


    class Value:
    """)), ("            node._backward()\n", "            node._backward()\n"
                                           "            node.grad = Lazy(node.grad)\n"))
RULES = {
    "a float of one's own class": (FLOAT_SUBCLASS, "a.grad must be a plain float, not a Lazy"),
    "inputs named otherwise": (_mutant(("self._prev = tuple(_prev)", "self._inputs = _prev"),
                                       ("node._prev", "node._inputs")),
                               "y has no _prev stored on it"),
    "a number among the inputs": (_mutant(("out = Value(self.data + other.data, (self, other)",
                                           "out = Value(self.data + other.data, (self, "
                                           "other.data)"),
                                          ("child in reversed(node._prev)",
                                           "child in reversed(node._prev) "
                                           "if isinstance(child, Value)")),
                                  "y._prev holds a float: it must hold the Values"),
    "inputs left out": (_mutant(("out = Value(self.data + other.data, (self, other)",
                                 "out = Value(self.data + other.data, (self,)")),
                        "b is not reached from y through _prev"),
    "a function": (REFERENCE + "\n\nValue = (lambda cls: lambda data: cls(data))(Value)\n",
                   "Value must be a class"),
}


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_says_what_it_asks(rule):
    source, message = RULES[rule]
    namespace: dict = {}
    exec(compile(source, "ex10_inside_autograd.py", "exec"), namespace)
    case = VALUE.cases(VALUE.rng(5))[0]  # y = a + b
    got = engine.outcome(VALUE, namespace["Value"], case)
    assert got["error"]["type"] == "OwnEngineError", got
    assert got["error"]["message"].startswith(message), got


def test_a_mistake_made_in_one_place_is_named_on_the_case_it_shows_in(tmp_path):
    # `=` for `+=` in __add__'s backward alone (the usual slip): the "overwritten" variant has
    # it in every backward, so the two differ on some cases; they agree on the first case the
    # learner gets wrong (c = a + b; y = a * c), and the hint says so.
    source = REFERENCE.replace("            self.grad += out.grad\n            other.grad += "
                               "out.grad\n", "            self.grad = out.grad\n"
                               "            other.grad = out.grad\n", 1)
    assert source != REFERENCE
    value = next(t for t in _graded(tmp_path, source).tasks if t.id == "ex10.Value")
    assert value.status == "failed" and value.misconception == "overwritten", value.feedback
    assert "(c = a + b; y = a * c " in value.feedback
    assert "On this case your result is exactly what a known mistake gives: A gradient was " \
           "overwritten" in value.feedback


# self.grad typed for out.grad in one _backward (session 35: "a.grad: expected 1.03, got 0"
# alone): the reference's line -> the slip, and the mistake named on the case it shows in.
SELF_GRAD_SLIPS = {
    "in __mul__, self's line": ("self.grad += other.data * out.grad",
                                "self.grad += other.data * self.grad", "self-grad-read"),
    "in __add__, self's line": ("self.grad += out.grad\n", "self.grad += self.grad\n",
                                "self-grad-read"),
    "in __mul__, other's line": ("other.grad += self.data * out.grad",
                                 "other.grad += self.data * self.grad",
                                 "self-grad-read-for-other"),
    # right on y = a + b (a's gradient is out.grad's there): named where a had one before
    "in __add__, other's line": ("other.grad += out.grad\n", "other.grad += self.grad\n",
                                 "self-grad-read-for-other-in-add"),
    # a one-input operation's input gets 0, as from one with no _backward (root-not-run's, whose
    # text names this cause too): the other operations' cases, right, tell them apart
    "in _unary's (exp's, tanh's, relu's)": ("self.grad += derivative * out.grad",
                                            "self.grad += derivative * self.grad",
                                            "self-grad-read"),
    # (** alone: as many cases agree with root-not-run, listed first, whose text names it)
    "in __pow__'s": ("self.grad += k * self.data ** (k - 1) * out.grad",
                     "self.grad += k * self.data ** (k - 1) * self.grad", "root-not-run"),
}


@pytest.mark.parametrize("slip", sorted(SELF_GRAD_SLIPS))
def test_self_grad_read_for_out_grad_is_named(tmp_path, slip):
    right, wrong, name = SELF_GRAD_SLIPS[slip]
    assert REFERENCE.count(right) == 1
    value = next(t for t in _graded(tmp_path, REFERENCE.replace(right, wrong)).tasks
                 if t.id == "ex10.Value")
    assert (value.status, value.misconception) == ("failed", name), value.feedback
    assert "read self.grad" in value.feedback, value.feedback


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sum_to_size_reference_is_minigrads(seed):
    module = engine._solution(engine.SOLUTIONS, "ex10")
    for case in SUM_TO_SIZE.cases(SUM_TO_SIZE.rng(seed)):
        facts = SUM_TO_SIZE.probe(module.sum_to_size, case)
        ours = torch.tensor(case["grad"]).sum_to_size(case["shape"]).numpy()
        assert facts["result.shape"] == list(ours.shape) == case["shape"]
        # The same sums, added in another order (numpy's pairwise sum over one axis or two).
        assert facts["result"] == pytest.approx(ours, rel=1e-12, abs=1e-12)


SUM_TO_SIZE_STUB = "def sum_to_size(grad, shape):\n"
SUM_TO_SIZE_WAYS = {  # a learner's sum_to_size -> its misconception (None: passes; "own":
    # not the learner's own; "type": no array)
    "a loop": (None, """\
        while grad.ndim > len(shape):
            grad = grad.sum(axis=0)
        for i, n in enumerate(shape):
            if n == 1:
                grad = grad.sum(axis=i, keepdims=True)
        return grad
    """),
    "np.sum with a reshape": (None, """\
        lead = grad.ndim - len(shape)
        axes = [i for i in range(grad.ndim) if i < lead or shape[i - lead] == 1]
        return np.sum(grad, axis=tuple(axes)).reshape(shape)
    """),
    # shape (): numpy's own 0-d number (np.float64) will do; a Python float scored 1/1 too,
    # though a gradient is an array of its input's shape
    "numpy's number for shape ()": (None, """\
        if shape == ():
            return grad.sum()
        lead = grad.ndim - len(shape)
        axes = [i for i in range(grad.ndim) if i < lead or shape[i - lead] == 1]
        return grad.sum(axis=tuple(axes), keepdims=True).reshape(shape)
    """),
    "a 0-d array for shape ()": (None, """\
        lead = grad.ndim - len(shape)
        axes = [i for i in range(grad.ndim) if i < lead or shape[i - lead] == 1]
        return np.asarray(grad.sum(axis=tuple(axes))).reshape(shape)
    """),
    "float() for shape ()": ("python-number", """\
        if shape == ():
            return float(grad.sum())
        lead = grad.ndim - len(shape)
        axes = [i for i in range(grad.ndim) if i < lead or shape[i - lead] == 1]
        return grad.sum(axis=tuple(axes), keepdims=True).reshape(shape)
    """),
    ".item() for shape ()": ("python-number", """\
        lead = grad.ndim - len(shape)
        axes = [i for i in range(grad.ndim) if i < lead or shape[i - lead] == 1]
        summed = grad.sum(axis=tuple(axes), keepdims=True).reshape(shape)
        return summed.item() if summed.ndim == 0 else summed
    """),
    "leading dims only": ("leading-only", """\
        while grad.ndim > len(shape):
            grad = grad.sum(axis=0)
        return grad
    """),
    # it read numpy's "cannot reshape array of size 12 into shape (4,1)" alone
    "leading dims summed, then reshaped": ("leading-only-reshaped", """\
        lead = grad.ndim - len(shape)
        return grad.sum(axis=tuple(range(lead))).reshape(shape)
    """),
    # Third pass: numpy's "cannot reshape array of size 12 into shape (3,)" alone
    "reshaped": ("reshaped", """\
        return grad.reshape(shape)
    """),
    # the size-1 dims summed, the leading ones not: "result.shape: expected [3], got [4, 3]"
    "size-one dims only": ("leading-dims-left", """\
        axes = [i for i, n in enumerate(shape) if n == 1]
        lead = grad.ndim - len(shape)
        return grad.sum(axis=tuple(lead + i for i in axes), keepdims=True)
    """),
    "keepdims forgotten": ("size-one-dims-dropped", """\
        lead = grad.ndim - len(shape)
        axes = [i for i in range(grad.ndim) if i < lead or shape[i - lead] == 1]
        return grad.sum(axis=tuple(axes))
    """),
    "minigrad's": ("own", """\
        import minigrad
        return minigrad.tensor(grad).sum_to_size(shape).numpy()
    """),
    "minigrad's helper": ("own", """\
        from minigrad.breadth.formulas import sum_to_size
        return sum_to_size(grad, shape)
    """),
    "the check switched off": ("own", """\
        import sys
        sys.setprofile(None)
        import minigrad
        return minigrad.tensor(grad).sum_to_size(shape).numpy()
    """),
    "the check switched off and put back": ("own", """\
        import sys, minigrad
        watching = sys.getprofile()
        sys.setprofile(None)
        result = minigrad.tensor(grad).sum_to_size(shape).numpy()
        sys.setprofile(watching)
        return result
    """),
    "minigrad's in a thread": ("own", """\
        import threading, minigrad
        out = []
        worker = threading.Thread(
            target=lambda: out.append(minigrad.tensor(grad).sum_to_size(shape).numpy()))
        worker.start()
        worker.join()
        return out[0]
    """),
    "minigrad's in a forked process": ("own", """\
        import os, pickle, minigrad
        read, write = os.pipe()
        if os.fork() == 0:
            os.write(write, pickle.dumps(minigrad.tensor(grad).sum_to_size(shape).numpy()))
            os._exit(0)
        os.close(write)
        data = b""
        while chunk := os.read(read, 1 << 16):
            data += chunk
        return pickle.loads(data)
    """),
    "keepdims everywhere": ("leading-dims-kept", """\
        lead = grad.ndim - len(shape)
        axes = [i for i in range(grad.ndim) if i < lead or shape[i - lead] == 1]
        return grad.sum(axis=tuple(axes), keepdims=True)
    """),
    "a list": ("type", """\
        while grad.ndim > len(shape):
            grad = grad.sum(axis=0)
        for i, n in enumerate(shape):
            if n == 1:
                grad = grad.sum(axis=i, keepdims=True)
        return grad.tolist()
    """),
    "a mean": ("averaged", """\
        while grad.ndim > len(shape):
            grad = grad.mean(axis=0)
        for i, n in enumerate(shape):
            if n == 1:
                grad = grad.mean(axis=i, keepdims=True)
        return grad
    """),
}


@pytest.mark.parametrize("way", SUM_TO_SIZE_WAYS)
def test_sum_to_size_as_learners_write_it(tmp_path, way):
    misconception, body = SUM_TO_SIZE_WAYS[way]
    start = REFERENCE.index(SUM_TO_SIZE_STUB)
    source = REFERENCE[:start] + SUM_TO_SIZE_STUB + textwrap.indent(textwrap.dedent(body),
                                                                    "    ")
    task = _graded(tmp_path, "import numpy as np\n" + source).tasks[2]
    assert task.id == "ex10.sum_to_size"
    if misconception is None:
        assert task.status == "passed", task.feedback
    elif misconception == "type":  # said as what it is, before any shape
        assert "result: expected a numpy array, got a list" in task.feedback, task.feedback
    elif misconception == "own":  # an answer that is minigrad's, not the learner's: its
        # source says so, and so does the profiler in the learner's process
        assert task.points == 0 and "imports " in task.feedback.split(".")[0], task.feedback
        task = _graded(tmp_path, "import numpy as np\n" + source, source_rule=False).tasks[2]
        assert task.points == 0 and "): sum_to_size " in task.feedback, task.feedback
        assert "OwnEngineError" not in task.feedback, task.feedback
    else:
        assert (task.status, task.misconception) == ("failed", misconception), task.feedback


# A red team's answers that passed the run-time checks alone (session 18): each reached
# minigrad from where the learner's process could not see it. The grader's reading of the
# source stops each (the line it names); the profiler now also stops the first.
OUT_OF_SIGHT = {
    # minigrad run inside the profiler's own callback, which read the module's __name__
    # through str(): a str subclass of the learner's ran there, where no event fires.
    "inside the profiler's callback": ("line 13 imports minigrad", True, textwrap.dedent('''\
        _box = []


        def sum_to_size(grad, shape):
            _box.append((grad, shape))
            _nudge()
            return _box.pop()


        class _Name(str):
            def __str__(self):
                if _box and type(_box[-1]) is tuple:
                    import minigrad
                    grad, shape = _box.pop()
                    _box.append(minigrad.tensor(grad).sum_to_size(shape).numpy())
                return str.__str__(self)


        def _nudge():
            pass


        globals()["__name__"] = _Name(__name__)
        ''')),
    # A worker thread started on import, before the profiler was set (it watches one thread):
    # the run-time check sees it too now, by the CPU time it runs during the call (red team 24).
    "a thread started on import": ("line 1 imports queue", True, textwrap.dedent('''\
        import queue
        import threading

        _jobs, _answers = queue.Queue(), queue.Queue()


        def _worker():
            import minigrad
            while True:
                grad, shape = _jobs.get()
                _answers.put(minigrad.tensor(grad).sum_to_size(shape).numpy())


        threading.Thread(target=_worker, daemon=True).start()


        def sum_to_size(grad, shape):
            _jobs.put((grad, shape))
            return _answers.get()
        ''')),
    # The profiler's callback told minigrad's frames by isinstance(file, str), looked up in the
    # built-ins when it ran: a replacement made on import said no file was a str (cube31).
    "isinstance replaced on import": ("line 1 imports builtins", True, textwrap.dedent('''\
        import builtins

        _isinstance = builtins.isinstance


        def _no_str(obj, kind):
            return False if kind is str else _isinstance(obj, kind)


        builtins.isinstance = _no_str


        def sum_to_size(grad, shape):
            import minigrad
            return minigrad.tensor(grad).sum_to_size(shape).numpy()
        ''')),
}


@pytest.mark.parametrize("way", OUT_OF_SIGHT)
def test_sum_to_size_out_of_the_profilers_sight_gets_no_point(tmp_path, way):
    line, run_time_check_holds, attack = OUT_OF_SIGHT[way]
    start = REFERENCE.index(SUM_TO_SIZE_STUB)
    lines_before = REFERENCE[:start].count("\n")
    source = REFERENCE[:start] + attack
    number = int(line.split()[1]) + lines_before
    task = _graded(tmp_path, source).tasks[2]
    assert task.points == 0 and f"file's line {number} " in task.feedback, task.feedback
    task = _graded(tmp_path, source, source_rule=False).tasks[2]
    assert (task.points == 0) is run_time_check_holds, task.feedback


def test_an_operation_that_returns_its_number_is_told_to_return_a_value(tmp_path):
    # exp's bare number (`return math.exp(self.data)`): "raised AttributeError: 'float' object
    # has no attribute 'backward'" alone, on no line of the learner's file (the hint the tensor
    # exercises give it sends to torch.tensor, no answer here).
    source = _mutant(("        return self._unary(e, \"exp\", e)\n", "        return e\n"))
    value = _graded(tmp_path, source).tasks[1]
    assert value.status == "failed", value.feedback
    assert "'float' object has no attribute 'backward'" in value.feedback, value.feedback
    assert ("What it means: a plain number stood where a Value was meant: each operation of your "
            "Value returns a new Value") in value.feedback, value.feedback
    assert "torch.tensor" not in value.feedback, value.feedback


def test_a_value_through_a_wrong_topological_order_is_told_it_uses_it(tmp_path):
    # The root listed twice: backward() runs y's _backward twice and every gradient doubles.
    # Value was told "Your Value calls your topological_order": a class is not called, it uses.
    result = _graded(tmp_path, _mutant(("    return order\n", "    return order + order[-1:]\n")))
    order, value = result.tasks[:2]
    assert order.status == value.status == "failed", order.feedback
    assert ("Your Value class uses your topological_order, which fails its own check: fix "
            "topological_order first, since its mistake changes Value's results too."
            ) in value.feedback, value.feedback


def test_a_value_through_an_order_missing_a_node_is_told_to_fix_the_order_first(tmp_path):
    # The node before the root dropped: Value's first wrong case (y = a - b: b's gradient never
    # passed on) was told leaves-first's sentence, true of that case alone, whose fix (run the
    # nodes in reverse topological order) Value already does. Its order is the mistake.
    result = _graded(tmp_path, _mutant(("    return order\n",
                                        "    return order[:-2] + order[-1:]\n")))
    order, value = result.tasks[:2]
    assert order.status == value.status == "failed", order.feedback
    assert value.misconception is None, value.feedback
    assert "known mistake" not in value.feedback, value.feedback
    assert ("Your Value class uses your topological_order, which fails its own check: fix "
            "topological_order first") in value.feedback, value.feedback


def test_an_operation_that_sets_no_backward_is_told_it_may_be_the_cause(tmp_path):
    # a - b made as a plain Value of its inputs, with no _backward: every gradient 0 on its own
    # case, as root-not-run's, whose text once sent the learner to backward() alone.
    source = _mutant(("        return self + (-other)\n",
                      "        other = other if isinstance(other, Value) else Value(other)\n"
                      "        return Value(self.data - other.data, (self, other), \"-\")\n"))
    value = next(t for t in _graded(tmp_path, source).tasks if t.id == "ex10.Value")
    assert (value.status, value.misconception) == ("failed", "root-not-run"), value.feedback
    assert "(y = a - b with" in value.feedback, value.feedback
    assert "gave its result no _backward of its own" in value.feedback, value.feedback


def test_the_unwrapped_number_hint_is_ex10s_alone():
    # A float's .data in a tensor exercise (loss.item().data) keeps the hint about numbers
    # and tensors: Value is nothing to it.
    from course.compare import error_hint
    error = {"type": "AttributeError", "message": "'float' object has no attribute 'data'"}
    assert error_hint(error, tensors=True).startswith("a Python number was used where a tensor")
    assert error_hint(error, tensors=False).startswith("a plain number stood where your Value")


def test_an_order_remembering_nodes_by_their_value_is_named(tmp_path):
    # Session 35, a learner's walk with `visited` holding node.data: no graph had two nodes of
    # one value, so it passed topological_order; Value failed one case, told "leaves first".
    # The fixed case y = a * b with a = b = 0.5 fails it at every seed (this one, 5, has a
    # random graph that does too), and Value is told to fix the order.
    source = _mutant(("elif id(node) not in visited:\n            visited.add(id(node))",
                      "elif node.data not in visited:\n            visited.add(node.data)"))
    order, value = _graded(tmp_path, source).tasks[:2]
    assert (order.status, order.misconception) == ("failed", "visited-by-data"), order.feedback
    assert "order lists every node of the graph: expected True, got False" in order.feedback
    assert value.misconception is None and "fix topological_order first" in value.feedback, \
        value.feedback


def test_a_backward_that_runs_the_roots_backward_alone_is_told_so(tmp_path):
    # self._backward() alone in backward(): y's inputs get their share, no node passes it on.
    # Its results are leaves-first's on every case, whose text said only "leaves first".
    source = _mutant(("        for node in reversed(topological_order(self)):\n"
                      "            node._backward()\n", "        self._backward()\n"))
    value = _graded(tmp_path, source).tasks[1]
    assert (value.status, value.misconception) == ("failed", "leaves-first"), value.feedback
    assert "or it ran y's _backward alone" in value.feedback, value.feedback


# Session 37: a local derivative or an op's value miswritten in a way no variant makes, each
# once told only "a.grad: expected 0.971648, got 0.69159" on its op's own case.
OWN_OP_SLIPS = {  # an edit of the reference -> the hint the reply ends with
    "tanh as (1 - t) ** 2": (("1 - t**2", "(1 - t) ** 2"), spec.OWN_OP_DERIVATIVE),
    "exp of its output": (('_unary(e, "exp", e)', '_unary(e, "exp", math.exp(e))'),
                          spec.OWN_OP_DERIVATIVE),
    "* with a minus sign": (("other.grad += self.data * out.grad",
                             "other.grad -= self.data * out.grad"), spec.OWN_OP_DERIVATIVE),
    "+ giving other nothing": (("            other.grad += out.grad\n", ""),
                               spec.OWN_OP_DERIVATIVE),
    "a ** k's derivative as an exponential's": (
        ("k * self.data ** (k - 1)", "self.data ** k * math.log(abs(self.data))"),
        spec.OWN_OP_DERIVATIVE),
    "- as +": (("return self + (-other)", "return self + other"), spec.OWN_OP_VALUE),
    "/ the wrong way round": (("return self * other**-1", "return other * self**-1"),
                              spec.OWN_OP_VALUE),
    # relu's own case is three steps (relu, relu, +), which the hint skipped (session 37b)
    "relu's value as abs": (("max(self.data, 0.0)", "abs(self.data)"), spec.RELU_VALUE),
    "relu's slope on the wrong side": (("float(self.data > 0)", "float(self.data < 0)"),
                                       spec.RELU_DERIVATIVE),
}


@pytest.mark.parametrize("slip", OWN_OP_SLIPS)
def test_a_slip_in_one_op_is_pointed_at_its_value_or_its_derivative(tmp_path, slip):
    edit, hint = OWN_OP_SLIPS[slip]
    value = _graded(tmp_path, _mutant(edit)).tasks[1]
    assert (value.status, value.misconception) == ("failed", None), value.feedback
    assert value.feedback.endswith(f"What it means: {hint}"), value.feedback


def test_a_named_mistake_of_one_op_gets_no_hint_besides(tmp_path):
    value = _graded(tmp_path, _mutant(("1 - t**2", "1 - t"))).tasks[1]
    assert value.misconception == "tanh-not-squared"
    assert "What it means" not in value.feedback, value.feedback


def test_an_op_hint_is_not_given_where_the_order_value_uses_fails(tmp_path):
    # An order listing inputs twice gave Value's first wrong case (y = a - b) to the op hint,
    # "the slip is in this operation's _backward", above "fix topological_order first".
    result = _graded(tmp_path, _mutant((
        "            stack.extend((child, False) for child in reversed(node._prev))\n",
        "            stack.extend((child, False) for child in reversed(node._prev))\n"
        "            order.extend(node._prev)\n")))
    value = result.tasks[1]
    assert (result.tasks[0].status, value.status) == ("failed", "failed"), value.feedback
    assert spec.OWN_OP_DERIVATIVE not in value.feedback, value.feedback
    assert "fix topological_order first" in value.feedback, value.feedback
