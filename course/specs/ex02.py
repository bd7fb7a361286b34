"""ex02 the graph: predict grad_fn names; walk grad_fn.next_functions; find the leaves through
AccumulateGrad."""

from __future__ import annotations

import operator
import re
from typing import Any

import numpy as np

import minigrad as torch
from course.probe import Facts, array, is_tensor, require, tensor, value_facts
from course.specs.predict import predict_task, run
from course.tasks import Case, Misconception, Task
from minigrad.autograd.graph import AccumulateGrad

# The program whose grad_fn names the learner predicts (shown in the stub's docstring).
PROGRAM = """\
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0])
c = a * b
d = c.exp()
e = d.sum()
f = b * 2
"""
NAMES = ("a", "b", "c", "d", "e", "f")


def _grad_fn_names() -> dict[str, str | None]:
    ran = run(PROGRAM)
    return {n: None if ran[n].grad_fn is None else ran[n].grad_fn.name() for n in NAMES}


def _leaf_has_accumulate_grad() -> dict[str, str | None]:
    return {**_grad_fn_names(), "a": "torch::autograd::AccumulateGrad"}


def _every_result_has_a_node() -> dict[str, str | None]:
    return {**_grad_fn_names(), "f": "MulBackward0"}


def _node_of_the_user() -> dict[str, str | None]:
    """Each tensor given the node of the operation that takes it in, not of the one that made
    it: a and b feed the product, c the exp, d the sum; e and f feed nothing."""
    names = _grad_fn_names()
    return {"a": names["c"], "b": names["c"], "c": names["d"], "d": names["e"], "e": None,
            "f": None}


def _operation_names(suffix: str) -> dict[str, str | None]:
    """Every node named after its operation but written short: "Mul" ("" suffix) or
    "MulBackward" (no number)."""
    return {n: None if name is None else name.removesuffix("Backward0") + suffix
            for n, name in _grad_fn_names().items()}


def _prefixed_names() -> dict[str, str | None]:
    """Every node named as the docstring names AccumulateGrad's, namespace first."""
    return {n: None if name is None else f"torch::autograd::{name}"
            for n, name in _grad_fn_names().items()}


def _sum_overload() -> dict[str, str | None]:
    return {**_grad_fn_names(), "e": "SumBackward1"}


def _mean_for_sum() -> dict[str, str | None]:
    return {**_grad_fn_names(), "e": "MeanBackward0"}


def _operation_names_short() -> dict[str, str | None]:
    return _operation_names("")


def _operation_names_no_number() -> dict[str, str | None]:
    return _operation_names("Backward")

# Graphs to walk: y = (L op R).sum() or .mean() of two parts, each an operation, drawn anew for
# every seed (a table of answers written once fits no other seed). a and b require grad, c
# in some graphs too. By construction each graph tells every known mistake from the right walk:
# one of a and b is used twice (a node reached along two paths), and both parts are
# operations with inputs of their own, so breadth-first and depth-first orders differ
# whichever input a stack takes first; the leaves are two levels down or more.
# Each operation as the label writes it, and as it is computed.
UNARY = {"exp": ("{}.exp()", torch.exp), "tanh": ("{}.tanh()", torch.tanh),
         "sigmoid": ("torch.sigmoid({})", torch.sigmoid)}
BINARY = {"add": ("+", operator.add), "mul": ("*", operator.mul), "sub": ("-", operator.sub)}
REDUCE = {"sum": torch.sum, "mean": torch.mean}


def _part(rng: Any, names: list[str]) -> list:
    """One side of y's top operation, as a nested list ["op", inputs...]; its leaves, the
    names it draws from ``names`` (a, b or c), are taken from the front of that list."""
    unary, binary = (str(rng.choice(list(table))) for table in (UNARY, BINARY))
    shape = int(rng.integers(4))
    if shape == 0:  # a.exp()
        return [unary, names.pop(0)]
    if shape == 1:  # (a - b).tanh()
        return [unary, [binary, names.pop(0), names.pop(0)]]
    if shape == 2:  # (a * c)
        return [binary, names.pop(0), names.pop(0)]
    return [binary, [unary, names.pop(0)], names.pop(0)]  # (b.exp() * a)


def _expression(rng: Any) -> list:
    """y's expression: [reduction, [op, left part, right part]], with a and b both used and
    one of them twice."""
    while True:
        names = [str(n) for n in rng.choice(["a", "b", "c"], size=4)]
        tree = [str(rng.choice(list(REDUCE))), [str(rng.choice(list(BINARY))), _part(rng, names),
                                          _part(rng, names)]]
        used = _leaves_of(tree)
        if "a" in used and "b" in used and used.count("a") + used.count("b") >= 3:
            return tree


def _leaves_of(tree: Any) -> list[str]:
    return [tree] if isinstance(tree, str) else [n for t in tree[1:] for n in _leaves_of(t)]


def _text(tree: Any, top: bool = True) -> str:
    """The expression as Python reads it: y = ((a * b) + a.exp()).sum()."""
    if isinstance(tree, str):
        return tree
    op, *inputs = tree
    if op in REDUCE:
        return f"{_text(inputs[0])}.{op}()"
    if op in UNARY:
        inner = _text(inputs[0])
        if op == "sigmoid" and inner.startswith("("):  # torch.sigmoid(a - b), not ((a - b))
            inner = inner[1:-1]
        return UNARY[op][0].format(inner)
    return f"({_text(inputs[0])} {BINARY[op][0]} {_text(inputs[1])})"


def _evaluate(tree: Any, values: dict[str, Any]) -> Any:
    """The expression computed with minigrad on ``values`` (a, b, c)."""
    if isinstance(tree, str):
        return values[tree]
    op, *inputs = tree
    args = [_evaluate(t, values) for t in inputs]
    compute = REDUCE[op] if op in REDUCE else (UNARY[op] if op in UNARY else BINARY[op])[1]
    return compute(*args)


def _cases(rng: Any) -> list[Case]:
    cases = []
    for _ in range(3):
        tree = _expression(rng)
        # c requires grad in some graphs too: which leaves there are, and in which order,
        # then differs from seed to seed.
        grad = ["a", "b", "c"] if rng.random() < 0.5 and "c" in _leaves_of(tree) else ["a", "b"]
        cases.append({"label": f"y = {_text(tree)}; {', '.join(grad)} require grad",
                      "expression": tree, "requires_grad": grad,
                      "arrays": [rng.normal(size=3).round(3) for _ in range(3)]})
    return cases


def _with_a_constant(rng: Any) -> Case:
    """A graph where c is used but does not require grad, so an entry of next_functions is
    (None, 0), drawn after the others (theirs stay as published). _cases draws c's flag at
    random, and at seed 0, `course check`'s, every c that is used requires it: a walk that
    did not skip None, as the docstring asks, passed the check and failed at most seeds of
    `course grade` (on None.name())."""
    tree = _expression(rng)
    while "c" not in _leaves_of(tree):
        tree = _expression(rng)
    return {"label": f"y = {_text(tree)}; a, b require grad (c does not)", "expression": tree,
            "requires_grad": ["a", "b"],
            "arrays": [rng.normal(size=3).round(3) for _ in range(3)]}


def _names_cases(rng: Any) -> list[Case]:
    return [*_cases(rng), _with_a_constant(rng)]


def _leaves_cases(rng: Any) -> list[Case]:
    """``_cases``'s graphs, then three drawn after them (theirs stay as published) whose leaves
    a depth-first walk finds in another order than breadth-first: one leaf a level higher on
    one side than the two on the other, as in y = ((a * b).tanh() + c.exp()).sum()
    (breadth-first: c, a, b; depth-first from the left: a, b, c), then on the left, then on
    the right again; last, one with a constant (_with_a_constant). In _cases's graphs the two
    orders of the leaves often agree: a depth-first walk passed at 60 seeds of 200. With the
    first alone, it told print-graph order from breadth-first alone at some seeds (13, 17, 22
    of the first 40), so a learner who made one of them and slipped on it was told the other
    (course.told_apart)."""
    return [*_cases(rng), *(_uneven(rng, high_on_the_left=left) for left in (False, True, False)),
            _with_a_constant(rng)]


def _uneven(rng: Any, high_on_the_left: bool) -> Case:
    """A graph of a, b and c, one of them (drawn) a level higher on one side than the others
    (see _leaves_cases)."""
    *deep, high = (str(n) for n in rng.permutation(["a", "b", "c"]))  # which leaf sits where
    unary_left, unary_right = (str(rng.choice(list(UNARY))) for _ in range(2))
    sides = [[unary_left, [str(rng.choice(list(BINARY))), *deep]], [unary_right, high]]
    tree = [str(rng.choice(list(REDUCE))), [str(rng.choice(list(BINARY))),
                                            *(sides[::-1] if high_on_the_left else sides)]]
    return {"label": f"y = {_text(tree)}; a, b, c require grad", "expression": tree,
            "requires_grad": ["a", "b", "c"],
            "arrays": [rng.normal(size=3).round(3) for _ in range(3)]}


def _build(case: Case) -> tuple[Any, list[Any]]:
    inputs = [tensor(x, requires_grad=name in case["requires_grad"])
              for name, x in zip("abc", case["arrays"], strict=True)]
    return _evaluate(case["expression"], dict(zip("abc", inputs, strict=True))), inputs


# str(node) as Python writes an object: its class and an address, which differs from run to run
# (kept out of the facts, so a list of them is the one a known mistake gives).
_OBJECT_TEXT = re.compile(r"<(\w+) object at 0x[0-9a-fA-F]+>")


def _names_probe(fn: Any, case: Case) -> Facts:
    y, _ = _build(case)
    names = require(fn, "grad_fn_names")(y)
    if type(names) is list and all(type(n) is str for n in names):
        names = [_OBJECT_TEXT.sub(r"<\1 object>", n) for n in names]
    return value_facts("names", names)


def _walk(y: Any, visited: bool = True, leaves: bool = True) -> list[Any]:
    """Breadth-first over next_functions; the misconception variants switch parts off."""
    order, seen, queue = [], {id(y.grad_fn)}, [y.grad_fn]
    while queue:
        node = queue.pop(0)
        order.append(node)
        for child, _ in node.next_functions:
            if child is None or (visited and id(child) in seen):
                continue
            if not leaves and hasattr(child, "variable"):
                continue
            seen.add(id(child))
            queue.append(child)
    return order


def _nodes_not_names(y: Any) -> list[Any]:
    return _walk(y)


def _no_visited_set(y: Any) -> list[str]:
    return [node.name() for node in _walk(y, visited=False)]


def _told_apart_by_name(y: Any) -> list[str]:
    """The right walk, each name listed once: nodes told apart by their names, not by identity."""
    return list(dict.fromkeys(node.name() for node in _walk(y)))


def _no_accumulate_grad(y: Any) -> list[str]:
    return [node.name() for node in _walk(y, leaves=False)]


def _root_left_out(y: Any) -> list[str]:
    return [node.name() for node in _walk(y)[1:]]


def _object_text(y: Any) -> list[str]:
    return [str(node) for node in _walk(y)]


def _class_names(y: Any) -> list[str]:
    return [type(node).__name__ for node in _walk(y)]


def _depth_first(y: Any, visited: bool, inputs_reversed: bool = True) -> list[str]:
    """Lesson 02's print_graph walk (a stack), collecting names instead of printing them;
    ``inputs_reversed`` False: each node's inputs pushed in order, so the last is visited
    first (the same mistake, wrong on other cases)."""
    return [node.name() for node in _depth_first_nodes(y, visited, inputs_reversed)]


def _depth_first_nodes(y: Any, visited: bool, inputs_reversed: bool) -> list[Any]:
    order, seen, stack = [], set(), [y.grad_fn]
    while stack:
        node = stack.pop()
        if visited and id(node) in seen:
            continue
        seen.add(id(node))
        order.append(node)
        inputs = reversed(node.next_functions) if inputs_reversed else node.next_functions
        stack.extend(child for child, _ in inputs if child is not None)
    return order


def _print_graph_order(y: Any) -> list[str]:
    return _depth_first(y, visited=False)


def _depth_first_once(y: Any) -> list[str]:
    return _depth_first(y, visited=True)


def _print_graph_order_inputs_in_order(y: Any) -> list[str]:
    return _depth_first(y, visited=False, inputs_reversed=False)


def _depth_first_once_inputs_in_order(y: Any) -> list[str]:
    return _depth_first(y, visited=True, inputs_reversed=False)


def _as_input(x: Any, inputs: list[Any]) -> str:
    """Which input ``x`` is, by identity: its name. Anything else is named for what it is
    where that is one of the near misses (a leaf's node, a copy), so the learner sees why it
    does not count."""
    named = next((name for name, t in zip("abc", inputs) if t is x), None)
    if named is not None:
        return named
    if type(x) is AccumulateGrad:  # (read through the class's own slot: x may be anything)
        variable = AccumulateGrad.variable.__get__(x)
        node = next((name for name, t in zip("abc", inputs) if t is variable), None)
        if node is not None:
            return f"{node}'s AccumulateGrad node, not {node} itself"
    if type(x) is str:  # (a node's name(), or the name the caller gave the tensor)
        return f"a name ({x[:40]!r}), not a tensor"
    if is_tensor(x):
        values = array(x)
        copy = next((name for name, t in zip("abc", inputs)
                     if np.array_equal(array(t), values)), None)
        if copy is not None:
            return f"a copy of {copy}, not {copy} itself"
    return "not an input"


def _leaves_probe(fn: Any, case: Case) -> Facts:
    y, inputs = _build(case)
    out = require(fn, "leaves")(y)
    if not isinstance(out, (list, tuple)):
        return value_facts("result", out)
    # Which inputs came back, by identity: copies or detached tensors do not count.
    return {"result.type": "list",
            "result (as input names)": [_as_input(x, inputs) for x in out]}


def _one_level(y: Any) -> list[Any]:
    return [n.variable for n, _ in y.grad_fn.next_functions if hasattr(n, "variable")]


def _leaves_depth_first(y: Any) -> list[Any]:
    return [n.variable for n in _depth_first_nodes(y, True, True) if hasattr(n, "variable")]


def _leaves_depth_first_inputs_in_order(y: Any) -> list[Any]:
    return [n.variable for n in _depth_first_nodes(y, True, False) if hasattr(n, "variable")]


def _leaves_print_graph_order(y: Any) -> list[Any]:
    return [n.variable for n in _depth_first_nodes(y, False, True) if hasattr(n, "variable")]


def _leaves_print_graph_order_inputs_in_order(y: Any) -> list[Any]:
    return [n.variable for n in _depth_first_nodes(y, False, False) if hasattr(n, "variable")]


def _leaves_twice(y: Any) -> list[Any]:
    return [n.variable for n in _walk(y, visited=False) if hasattr(n, "variable")]


def _nodes_not_tensors(y: Any) -> list[Any]:
    return [n for n in _walk(y) if hasattr(n, "variable")]


def _detached_copies(y: Any) -> list[Any]:
    return [n.variable.detach() for n in _walk(y) if hasattr(n, "variable")]


def _node_names(y: Any) -> list[str]:
    return [n.name() for n in _walk(y) if hasattr(n, "variable")]


def _compared_with_in(y: Any) -> list[Any]:
    found: list[Any] = []
    for node in _walk(y):
        if hasattr(node, "variable") and node.variable not in found:  # == on tensors: raises
            found.append(node.variable)
    return found


# A stack walk is one mistake whichever input it pushes first (that decides the cases it gets
# wrong): one text for both variants of each.
PRINT_GRAPH_ORDER = ("This is lesson 02's print_graph order: depth-first (a stack), and a node "
                     "reached twice listed twice.")
PRINT_GRAPH_ORDER_FIX = "use a queue (list.pop(0) or collections.deque) and a set of visited ids."
# Said of the order, as LEAVES_DEPTH_FIRST below is: named on the first case a learner got
# wrong, it also meets an order of another kind that coincides with a depth-first walk's there.
DEPTH_FIRST = ("Each node is listed once, in the order a depth-first walk (a stack: the last "
               "node found is visited next) lists them; the task asks for the breadth-first "
               "order, as a queue from y.grad_fn reaches the nodes, nearest to y first. (An "
               "order of another kind can be a depth-first walk's on one graph and not on "
               "another.)")
DEPTH_FIRST_FIX = "use a queue in place of the stack."
# Said of the order, not of how it was made: named on one case alone (the first a learner got
# wrong), it also met a plain a, b, c (leaves sorted, or listed as the inputs were made), which
# on that graph is the order a depth-first walk gives, and was told it had walked depth-first.
LEAVES_DEPTH_FIRST = ("These are the right leaves, in the order a depth-first walk (a stack: the "
                      "last node found is visited next) lists them; the task asks for the "
                      "breadth-first order of their AccumulateGrad nodes, as a queue from "
                      "y.grad_fn reaches them, nearest to y first. (An order of another kind, "
                      "such as a, b, c by name or as the inputs were made, is a depth-first "
                      "walk's on some graphs and not on others.)")
LEAVES_PRINT_GRAPH_ORDER = ("These are the leaves in lesson 02's print_graph order: depth-first "
                            "(a stack, or a function calling itself on each input), and a leaf "
                            "reached along two paths listed twice.")
LEAVES_PRINT_GRAPH_ORDER_FIX = ("walk with a queue (list.pop(0) or collections.deque) and a set "
                                "of visited ids, as grad_fn_names does.")
LEAVES_DEPTH_FIRST_FIX = ("walk with a queue (list.pop(0) or collections.deque), as "
                          "grad_fn_names does.")

NODE_NAMES = ("A node's name() is its class's: the operation's name, then Backward and a number "
              "(MulBackward0 for *: the number tells apart PyTorch's overloads of one "
              "operation).")

TASKS = (
    predict_task("ex02", "predict_grad_fn", "predict grad_fn.name() of six tensors",
                 {name: ("grad_fn",) for name in NAMES}, misconceptions=(
             Misconception("leaf-has-accumulate-grad", "A leaf has no grad_fn (nothing made "
                           "it): its AccumulateGrad node is reached through next_functions, "
                           "not through a.grad_fn.", _leaf_has_accumulate_grad),
             Misconception("every-result-has-a-node", "Only operations on tensors that "
                           "require grad are recorded: b does not, so f = b * 2 is plain data "
                           "with grad_fn None.", _every_result_has_a_node),
             Misconception("node-of-the-user", "A tensor's grad_fn is the node of the "
                           "operation that made it, not of the one that uses it: a was made "
                           "by you (no node), c by the multiplication a * b.",
                           _node_of_the_user),
             Misconception("sum-overload", "SumBackward1 is the node of a sum over a "
                           "dimension, d.sum(0), another overload of sum (the number tells "
                           "the overloads apart); e = d.sum() sums the whole tensor: "
                           "SumBackward0.", _sum_overload),
             Misconception("mean-for-sum", "e = d.sum() is made by a sum, so its node is "
                           "SumBackward0: a node is named after the operation that made the "
                           "tensor, and this program takes no mean.", _mean_for_sum),
             Misconception("operation-names", NODE_NAMES, _operation_names_short),
             Misconception("operation-names-no-number", NODE_NAMES,
                           _operation_names_no_number),
             # (told only "c.grad_fn: expected 'MulBackward0', got
             # 'minigrad::autograd::MulBackward0'")
             Misconception("prefixed-names", "Only a leaf's AccumulateGrad node has a name() "
                           "that starts with a namespace, torch::autograd:: in PyTorch "
                           "(minigrad::autograd:: here): an operation's node is named by its "
                           "class alone, MulBackward0 for *.", _prefixed_names),
         )),
    Task("ex02", "grad_fn_names", "names of the graph's nodes, breadth-first, each once",
         _names_cases, _names_probe, misconceptions=(
             Misconception("root-left-out", "The list starts one node late: y.grad_fn is "
                           "itself a node of the graph, the first one reached, so its name "
                           "comes first.", _root_left_out,
                           fix="start the queue with y.grad_fn and list each node as it is "
                           "taken from the queue."),
             Misconception("class-names", "type(node).__name__ is the Python class's name, "
                           "which for a leaf's node is 'AccumulateGrad'; the node's name() is "
                           "'minigrad::autograd::AccumulateGrad' here "
                           "('torch::autograd::AccumulateGrad' in PyTorch).", _class_names,
                           fix="call node.name()."),
             # (told only "expected 'SumBackward0', got '<SumBackward0 object at 0x7fc3...'")
             Misconception("object-text", "str(node) is how Python prints an object, its "
                           "class and its address in memory; the node's name is what its name() "
                           "method gives.", _object_text, fix="list node.name() of each node."),
             # (the nodes, or their classes, read "expected a list of str, got a list")
             Misconception("nodes-not-names", "The list holds objects, not names: the nodes "
                           "themselves (or their classes). A node's name is a string its "
                           "name() method gives.", _nodes_not_names,
                           fix="list node.name() of each node."),
             Misconception("no-visited-set", "A node reached along two paths was listed "
                           "twice.", _no_visited_set,
                           fix="remember visited nodes by identity (id(node)) and list each "
                           "once."),
             Misconception("told-apart-by-name", "Nodes were told apart by their names, but "
                           "different nodes can share one: each leaf has an AccumulateGrad node "
                           "of its own, and two multiplications are two MulBackward0 nodes. "
                           "Only a node reached along two paths is one node, listed once.",
                           _told_apart_by_name,
                           fix="remember visited nodes by identity (id(node)), not by name."),
             Misconception("no-accumulate-grad", "AccumulateGrad nodes, where gradients reach "
                           "the leaves, are part of the graph too, but the list leaves them "
                           "out.", _no_accumulate_grad,
                           fix="list the AccumulateGrad nodes as well."),
             Misconception("print-graph-order", PRINT_GRAPH_ORDER, _print_graph_order,
                           fix=PRINT_GRAPH_ORDER_FIX),
             Misconception("print-graph-order-inputs-in-order", PRINT_GRAPH_ORDER,
                           _print_graph_order_inputs_in_order, fix=PRINT_GRAPH_ORDER_FIX),
             Misconception("depth-first", DEPTH_FIRST, _depth_first_once, fix=DEPTH_FIRST_FIX),
             Misconception("depth-first-inputs-in-order", DEPTH_FIRST,
                           _depth_first_once_inputs_in_order, fix=DEPTH_FIRST_FIX),
         )),
    Task("ex02", "leaves", "the leaf tensors a result depends on, via AccumulateGrad.variable",
         _leaves_cases, _leaves_probe, misconceptions=(
             # Every public graph has its leaves two levels down or more, so searching one
             # level finds none, as does a test for the node by a name no node has: one text.
             Misconception("none-found", "No leaf was found. Either only y.grad_fn's direct "
                           "inputs were searched, and the leaves are further back, or the test "
                           "for a leaf's node never matched: its name() is "
                           "'minigrad::autograd::AccumulateGrad' here "
                           "('torch::autograd::AccumulateGrad' in PyTorch), never "
                           "'AccumulateGrad' alone.", _one_level,
                           fix="walk every node (with a queue, as grad_fn_names does) and keep "
                           "those that have a .variable."),
             Misconception("leaves-depth-first", LEAVES_DEPTH_FIRST, _leaves_depth_first,
                           fix=LEAVES_DEPTH_FIRST_FIX),
             Misconception("leaves-depth-first-inputs-in-order", LEAVES_DEPTH_FIRST,
                           _leaves_depth_first_inputs_in_order, fix=LEAVES_DEPTH_FIRST_FIX),
             Misconception("leaves-twice", "A leaf reached along two paths was listed "
                           "twice: its AccumulateGrad node was visited once per path.",
                           _leaves_twice,
                           fix="remember visited nodes by identity (id(node)), as in "
                           "grad_fn_names."),
             Misconception("leaves-print-graph-order", LEAVES_PRINT_GRAPH_ORDER,
                           _leaves_print_graph_order, fix=LEAVES_PRINT_GRAPH_ORDER_FIX),
             Misconception("leaves-print-graph-order-inputs-in-order", LEAVES_PRINT_GRAPH_ORDER,
                           _leaves_print_graph_order_inputs_in_order,
                           fix=LEAVES_PRINT_GRAPH_ORDER_FIX),
             Misconception("nodes-not-tensors", "These are the leaves' AccumulateGrad nodes; "
                           "the task asks for the leaf tensors themselves, which each such "
                           "node holds.", _nodes_not_tensors,
                           fix="return each AccumulateGrad node's .variable."),
             Misconception("names-not-tensors", "These are the names of the leaves' "
                           "AccumulateGrad nodes; the task asks for the leaf tensors themselves, "
                           "which each such node holds as its .variable.", _node_names,
                           fix="return each AccumulateGrad node's .variable."),
             Misconception("detached-copies", "These are new tensors with the leaves' values "
                           "(detach() or clone() make one); the task asks for the leaves "
                           "themselves, the very tensors the caller holds, as a model holds its "
                           "parameters.", _detached_copies,
                           fix="return node.variable as it is."),
             Misconception("compared-with-in", "`t not in found` compares tensors with ==, "
                           "element by element, which has no single truth value.",
                           _compared_with_in,
                           fix="compare identities, any(t is s for s in found), or nodes by "
                           "id(node)."),
         )),
)
