"""ex10 inside autograd: the learner's own engine (a scalar Value and a topological order),
and the step to tensors (sum_to_size: a broadcast input's gradient summed back to its shape).

Cases are expression graphs written as small programs: leaves a, b, c, then one step per
operation, e.g. ``[("mul", 0, 1), ("add", 3, 0)]`` is ``d = a * b; y = d + a``. ``build`` runs a
program on anything with Value's (or a Tensor's) operators, so the same case is computed by the
learner's Value, by the known-wrong engines below and, in the tests, by minigrad. Each seed
draws every op on its own, random programs (random ops, random values) and fixed shapes that
separate the mistakes: fan-out, a subexpression used at two depths, a chain of 10,000 steps.

The Value must be the learner's own engine, not a wrapper around minigrad's. Three guards, the
first two outside this module: the grader reads the file's source (``_own_source``,
course/own_code/); the file runs where minigrad is not (``course.tasks.WITHOUT_MINIGRAD``);
and where minigrad is present after all, the probe (``_own_engine``) reads ``data``, ``grad``
and ``_prev`` as each node stores them, walks y's graph of Values through ``_prev`` to the
leaves, and refuses a node holding a minigrad object or a run during which minigrad's autograd
built graph nodes.
"""

from __future__ import annotations

import functools
import gc
import inspect
import itertools
import math
import os
import re
import threading
import types
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from course import own_code, watch
from course.compare import compare_facts, same, short
from course.tasks import Case, Misconception, Task
from course.values import Facts, require, value_facts

try:
    from minigrad.autograd import graph as _minigrad_graph
except ImportError:  # where learner code runs: ex10 is graded without minigrad (course.tasks)
    _minigrad_graph = None

CHAIN = 10_000
LEAVES = "abc"

# op -> (how a step reads, what it computes). Ops in NODE_OPS take a second node; the other
# binary ops take a constant.
OPS: dict[str, tuple[str, Callable[..., Any]]] = {
    "add": ("{x} + {y}", lambda x, y: x + y),
    "sub": ("{x} - {y}", lambda x, y: x - y),
    "mul": ("{x} * {y}", lambda x, y: x * y),
    "add_c": ("{x} + {y}", lambda x, c: x + c),
    "radd": ("{y} + {x}", lambda x, c: c + x),
    "rsub": ("{y} - {x}", lambda x, c: c - x),
    "mul_c": ("{x} * {y}", lambda x, c: x * c),
    "rmul": ("{y} * {x}", lambda x, c: c * x),
    "div": ("{x} / {y}", lambda x, c: x / c),
    "pow": ("{x} ** {y}", lambda x, k: x**k),
    "neg": ("-{x}", lambda x: -x),
    "exp": ("{x}.exp()", lambda x: x.exp()),
    "tanh": ("{x}.tanh()", lambda x: x.tanh()),
    "relu": ("{x}.relu()", lambda x: x.relu()),
    "div_node": ("{x} / {y}", lambda x, y: x / y),  # checked last (_value_cases)
}
NODE_OPS = ("add", "sub", "mul", "div_node")
# The node ops random programs draw from: a node as a denominator can sit near 0 and blow the
# gradients up, so dividing by a node is checked on its own case (leaves stay away from 0).
DRAWN_NODE_OPS = ("add", "sub", "mul")
# What the other ops are usually built from (a - b as a + (-1 * b), a / c as a * c ** -1):
# checked first, so that a wrong derivative there is named by its own op, not by one built on it.
BUILDING_BLOCKS = ("add", "mul", "pow")
UNARY_OPS = ("neg", "exp", "tanh", "relu")


def build(program: Sequence[tuple], leaves: Sequence[Any]) -> list[Any]:
    """Run ``program`` on ``leaves`` (Values or tensors): the leaves, then one node per step
    (the last is ``y``)."""
    nodes = list(leaves)
    for op, i, *arg in program:
        if op in NODE_OPS:
            nodes.append(OPS[op][1](nodes[i], nodes[arg[0]]))
        else:
            nodes.append(OPS[op][1](nodes[i], *arg))
    return nodes


def _forward(compute: Callable[..., float]) -> Callable[..., _Node]:
    """An operator of ``_Node``: a new node holding ``compute`` of its inputs' values, a plain
    number among the inputs made a leaf."""
    def op(self: _Node, *others: Any) -> _Node:
        inputs = (self, *(o if isinstance(o, _Node) else _Node(o) for o in others))
        return _Node(compute(*(n.data for n in inputs)), inputs)
    return op


class _Node:
    """A node of a case's graph, forward only: its value and its inputs (``_prev``), one node
    per step. Cases are drawn with it (no step may blow up) and the order probe walks its graphs.
    It computes no gradient and builds no operator from others: the student edition ships it,
    and how a Value gets ``-``, ``/`` and ``backward`` is the learner's to find (the engine below
    is used only by the wrong engines, so `course release` withholds it with them)."""

    __slots__ = ("data", "_prev")

    def __init__(self, data: float, prev: tuple = ()) -> None:
        self.data, self._prev = float(data), prev

    __add__ = __radd__ = _forward(lambda x, y: x + y)
    __sub__ = _forward(lambda x, y: x - y)
    __rsub__ = _forward(lambda x, c: c - x)
    __mul__ = __rmul__ = _forward(lambda x, y: x * y)
    # x * c**-1, not x / c, which can differ in the last bit: a seed keeps drawing its cases.
    __truediv__ = _forward(lambda x, c: x * c**-1)
    __neg__ = _forward(lambda x: -x)
    exp = _forward(math.exp)
    tanh = _forward(math.tanh)
    relu = _forward(lambda x: max(x, 0.0))

    def __pow__(self, k: float) -> _Node:  # k is an exponent, not an input
        return _Node(self.data**k, (self,))


class _Value:
    """A correct engine in a few lines, from which the wrong ones below are built: each node
    keeps its inputs and the local derivative with respect to each (the closures of the
    lesson's Value, written as numbers)."""

    __slots__ = ("data", "grad", "_prev", "_local")

    def __init__(self, data: float, prev: tuple = (), local: tuple = ()) -> None:
        self.data, self.grad = float(data), 0.0
        self._prev, self._local = prev, local

    def _lift(self, other: Any) -> _Value:
        return other if isinstance(other, _Value) else type(self)(other)

    def __add__(self, other: Any) -> _Value:
        other = self._lift(other)
        return type(self)(self.data + other.data, (self, other), (1.0, 1.0))

    def __mul__(self, other: Any) -> _Value:
        other = self._lift(other)
        return type(self)(self.data * other.data, (self, other), (other.data, self.data))

    __radd__, __rmul__ = __add__, __mul__

    def __pow__(self, k: float) -> _Value:
        return type(self)(self.data**k, (self,), (k * self.data ** (k - 1),))

    def _unary(self, data: float, local: float) -> _Value:
        """A one-input operation's result: ``data``, with the local derivative ``local``."""
        return type(self)(data, (self,), (local,))

    def exp(self) -> _Value:
        e = math.exp(self.data)
        return self._unary(e, e)

    def tanh(self) -> _Value:
        t = math.tanh(self.data)
        return self._unary(t, 1 - t * t)

    slope_at_zero = 0.0  # relu's: PyTorch's (and micrograd's) convention at its kink

    def relu(self) -> _Value:
        slope = 1.0 if self.data > 0 else self.slope_at_zero if self.data == 0 else 0.0
        return self._unary(max(self.data, 0.0), slope)

    def __neg__(self) -> _Value:
        return self * -1.0

    def __sub__(self, other: Any) -> _Value:
        return self + -other

    def __rsub__(self, other: Any) -> _Value:
        return -self + other

    def __truediv__(self, other: Any) -> _Value:
        return self * other**-1

    def _schedule(self) -> Sequence[_Value]:
        """The nodes in the order their backward runs: reverse topological."""
        return _topological_order(self)[::-1]

    @staticmethod
    def _deliver(node: _Value, grad: float) -> None:
        node.grad += grad

    seed = 1.0  # d y / d y: where backward starts
    seed_added = False  # (a mistake's: the seed added to what y.grad held, not put in it)

    @staticmethod
    def _share(local: float, grad: float) -> float:
        """What a node passes to an input: the chain rule, its local derivative times its own
        gradient."""
        return local * grad

    def backward(self) -> None:
        self.grad = self.grad + self.seed if self.seed_added else self.seed
        for node in self._schedule():
            for child, local in zip(node._prev, node._local, strict=True):
                self._deliver(child, node._share(local, node.grad))


def _topological_order(root: Any) -> list[Any]:
    """Depth-first post-order over ``_prev`` without recursion: inputs before their users."""
    order, seen, stack = [], {id(root)}, [(root, iter(root._prev))]
    while stack:
        node, inputs = stack[-1]
        child = next((c for c in inputs if id(c) not in seen), None)
        if child is None:
            stack.pop()
            order.append(node)
        else:
            seen.add(id(child))
            stack.append((child, iter(child._prev)))
    return order


def _breadth_first(root: Any) -> list[Any]:
    """Lesson 02's walk: the root, then its inputs, then theirs; each node once."""
    order, seen, queue = [], {id(root)}, deque([root])
    while queue:
        node = queue.popleft()
        order.append(node)
        for child in node._prev:
            if id(child) not in seen:
                seen.add(id(child))
                queue.append(child)
    return order


# Known-wrong topological orders (the topological_order task).

def _recursive_order(root: Any, seen: set | None = None) -> list[Any]:
    seen = {id(root)} if seen is None else seen
    order = []
    for child in root._prev:
        if id(child) not in seen:
            seen.add(id(child))
            order += _recursive_order(child, seen)
    return [*order, root]


def _pre_order_reversed(root: Any, inputs_reversed: bool = False) -> list[Any]:
    """A stack walk that lists each node when first reached, reversed. (Which of a node's
    inputs it pushes first changes the cases it gets wrong, not the mistake.)"""
    order, seen, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            order.append(node)
            stack.extend(reversed(node._prev) if inputs_reversed else node._prev)
    return order[::-1]


def _pre_order_inputs_reversed(root: Any) -> list[Any]:
    return _pre_order_reversed(root, inputs_reversed=True)


def _visited_when_pushed(root: Any, inputs_reversed: bool = False) -> list[Any]:
    """A post-order stack walk that marks a node visited when it pushes it: reached again
    while it waits on the stack, it is skipped, and the node that reached it is listed first."""
    order, seen, stack = [], {id(root)}, [(root, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
            continue
        stack.append((node, True))
        for child in reversed(node._prev) if inputs_reversed else node._prev:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append((child, False))
    return order


def _visited_when_pushed_inputs_reversed(root: Any) -> list[Any]:
    return _visited_when_pushed(root, inputs_reversed=True)


def _breadth_first_reversed(root: Any) -> list[Any]:
    return _breadth_first(root)[::-1]


def _root_first(root: Any) -> list[Any]:
    return _topological_order(root)[::-1]


def _no_visited_set(root: Any) -> list[Any]:
    order, stack = [], [(root, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
        else:
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node._prev))
    return order


def _visited_by_data(root: Any) -> list[Any]:
    """The reference's walk with the visited nodes remembered by their value, node.data: a
    second node holding the same number counts as visited, and is never listed."""
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        node, inputs_listed = stack.pop()
        if inputs_listed:
            order.append(node)
        elif node.data not in seen:
            seen.add(node.data)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node._prev))
    return order


def _every_path(root: Any) -> list[Any]:
    """Each node once per path from root that reaches it, each before its inputs: the order of
    a backward() that runs a node's _backward and then, recursively, its inputs'."""
    order, stack = [], [root]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(node._prev))
    return order


# Known-wrong engines (the Value task).

class _Overwritten(_Value):
    __slots__ = ()

    @staticmethod
    def _deliver(node: _Value, grad: float) -> None:
        node.grad = grad


class _Unseeded(_Value):
    __slots__ = ()
    seed = 0.0  # backward() without `self.grad = 1.0`: every gradient stays 0


class _RootNotRun(_Value):  # seeded, but y's own _backward left out of the nodes run
    __slots__ = ()

    def _schedule(self) -> Sequence[_Value]:
        return _topological_order(self)[-2::-1]


class _SelfGradRead(_Value):
    """_backward functions that read self.grad, the first input's own gradient, where out.grad
    was meant (a slip of the closure's names), in the line of input ``typo``: 0, self's own
    (self.grad += other.data * self.grad), or 1, other's, after self's has run. In every
    operation: so made in one only, it is named on that operation's case, and an operation
    that gives its result no _backward (all 0, as root-not-run's) is not told it, since the
    one-input operations' results then tell nothing in its favour."""
    __slots__ = ()
    typo = 0

    @staticmethod
    def _slipped(node: _Value) -> bool:
        """Whether ``node``'s _backward has the slip: every operation's."""
        return True

    def backward(self) -> None:
        self.grad = self.seed
        for node in self._schedule():
            for i, (child, local) in enumerate(zip(node._prev, node._local, strict=True)):
                mine = self._slipped(node) and i == self.typo
                self._deliver(child, local * (node._prev[0].grad if mine else node.grad))


class _OthersSelfGradRead(_SelfGradRead):
    __slots__ = ()
    typo = 1


_ADDED = (1.0, 1.0)  # the local derivatives of a + node, by identity: what tells it from *'s


class _AddOthersSelfGradRead(_OthersSelfGradRead):
    """The slip in __add__'s other line alone (other.grad += self.grad): right on y = a + b,
    where a's gradient is then out.grad's, and wrong only where a had one before."""
    __slots__ = ()

    def __add__(self, other: Any) -> _Value:
        other = self._lift(other)
        return type(self)(self.data + other.data, (self, other), _ADDED)

    __radd__ = __add__

    @staticmethod
    def _slipped(node: _Value) -> bool:
        return node._local is _ADDED


class _LeavesFirst(_Value):
    __slots__ = ()

    def _schedule(self) -> Sequence[_Value]:
        return _topological_order(self)


class _BreadthFirst(_Value):
    __slots__ = ()

    def _schedule(self) -> Sequence[_Value]:
        return _breadth_first(self)


class _PreOrder(_Value):  # backward() over the pre-order walk's list, reversed back
    __slots__ = ()

    def _schedule(self) -> Sequence[_Value]:
        return _pre_order_reversed(self)[::-1]


class _PreOrderInputsReversed(_Value):
    __slots__ = ()

    def _schedule(self) -> Sequence[_Value]:
        return _pre_order_inputs_reversed(self)[::-1]


class _VisitedWhenPushed(_Value):
    __slots__ = ()

    def _schedule(self) -> Sequence[_Value]:
        return _visited_when_pushed(self)[::-1]


class _VisitedWhenPushedInputsReversed(_Value):
    __slots__ = ()

    def _schedule(self) -> Sequence[_Value]:
        return _visited_when_pushed_inputs_reversed(self)[::-1]


class _EveryPath(_Value):
    __slots__ = ()

    def _schedule(self) -> Sequence[_Value]:
        return _every_path(self)


class _RecursiveSort(_Value):
    __slots__ = ()

    def _schedule(self) -> Sequence[_Value]:
        return _recursive_order(self)[::-1]


class _ResetFirst(_Value):  # backward() that sets every node's .grad to 0 before it starts
    __slots__ = ()

    def backward(self) -> None:
        for node in self._schedule():
            node.grad = 0.0
        super().backward()


class _SeedAdded(_Value):  # self.grad += 1.0: a second backward() passes on 2
    __slots__ = ()
    seed_added = True


class _InputsOnly(_Value):  # y's _backward, then its inputs' (one level), no deeper
    __slots__ = ()

    def _schedule(self) -> Sequence[_Value]:
        return [self, *self._prev]


class _ReluSlopeOneAtZero(_Value):  # relu's gradient written with >= 0 (or as a step up at 0)
    __slots__ = ()
    slope_at_zero = 1.0


class _RsubSwapped(_Value):  # other - self written as self - other
    __slots__ = ()

    def __rsub__(self, other: Any) -> _Value:
        return self - other


# A wrong local derivative in one op, as learners write them (each op alone has a case of its
# own, which shows the op; these say what its derivative is).

class _ChainRuleLeftOut(_Value):  # self.grad += other.data, without `* out.grad`
    __slots__ = ()

    @staticmethod
    def _share(local: float, grad: float) -> float:
        return local


class _OneInputChainRuleLeftOut(_Value):  # self.grad += derivative in exp, tanh and relu only
    __slots__ = ("chained",)  # False on a node whose _backward leaves out.grad out

    def __init__(self, data: float, prev: tuple = (), local: tuple = ()) -> None:
        super().__init__(data, prev, local)
        self.chained = True

    def _unary(self, data: float, local: float) -> _Value:
        node = super()._unary(data, local)
        node.chained = False
        return node

    def _share(self, local: float, grad: float) -> float:
        return local * grad if self.chained else local


class _MulOwnValue(_Value):  # self.grad += self.data * out.grad: an input's own value
    __slots__ = ()
    own = (True, True)  # which of (self, other) gets its own value instead of the other's

    def __mul__(self, other: Any) -> _Value:
        other = self._lift(other)
        a, b = self.data, other.data
        local = (a if self.own[0] else b, b if self.own[1] else a)
        return type(self)(a * b, (self, other), local)

    __rmul__ = __mul__


class _MulSelfsValue(_MulOwnValue):  # both lines with self.data: the first line's slip
    __slots__ = ()
    own = (True, False)


class _MulOthersValue(_MulOwnValue):  # both with other.data: the first line copied, its target
    __slots__ = ()                    # changed
    own = (False, True)


class _PowExponentKept(_Value):  # k * a ** k
    __slots__ = ()

    def __pow__(self, k: float) -> _Value:
        return type(self)(self.data**k, (self,), (k * self.data**k,))


class _PowFactorLeftOut(_Value):  # a ** (k - 1), without the factor k
    __slots__ = ()

    def __pow__(self, k: float) -> _Value:
        return type(self)(self.data**k, (self,), (self.data ** (k - 1),))


class _ExpOfInput(_Value):  # exp's derivative written as its input a
    __slots__ = ()

    def exp(self) -> _Value:
        return self._unary(math.exp(self.data), self.data)


class _ExpSlopeOne(_Value):  # exp's derivative written as 1, as +'s
    __slots__ = ()

    def exp(self) -> _Value:
        return self._unary(math.exp(self.data), 1.0)


class _ReluValuePassed(_Value):  # relu's local derivative written as its value, max(a, 0)
    __slots__ = ()

    def relu(self) -> _Value:
        out = max(self.data, 0.0)
        return self._unary(out, out)


class _TanhOfInput(_Value):  # 1 - a ** 2, with the input a for the output tanh(a)
    __slots__ = ()

    def tanh(self) -> _Value:
        return type(self)(math.tanh(self.data), (self,), (1 - self.data**2,))


class _TanhNotSquared(_Value):  # 1 - t, the square left out
    __slots__ = ()

    def tanh(self) -> _Value:
        t = math.tanh(self.data)
        return type(self)(t, (self,), (1 - t,))


class _LeavesOnly(_Value):
    """The right gradients in y and its leaves, 0 in the nodes between: an engine that finds
    the leaves' gradients without passing y's through the nodes (the leaves nudged and y
    computed again, derivatives carried forward). Its inner gradients are read
    (``_spec_engine``): they are what tells it from the other wrong engines."""

    __slots__ = ()
    inner_read = True

    def backward(self) -> None:
        super().backward()
        for node in self._schedule()[1:]:
            if node._prev:
                node.grad = 0.0


class _QuotientSign(_Value):  # a / b with b's derivative written + a / b ** 2
    __slots__ = ()

    def __truediv__(self, other: Any) -> _Value:
        other = self._lift(other)
        return type(self)(self.data / other.data, (self, other),
                          (1 / other.data, self.data / other.data**2))


def _constant(rng: Any, op: str) -> float | int:
    if op == "pow":
        return int(rng.choice([2, 3]))
    if op in ("mul_c", "rmul", "div"):
        return round(float(rng.choice([-1, 1]) * rng.uniform(0.5, 2.0)), 2)
    return round(float(rng.uniform(-2.0, 2.0)), 2)


def _random_program(rng: Any, leaves: list[float], steps: int) -> list[tuple]:
    """Random ops, each on the latest node (so the graph is deep), the binary ones with a
    random earlier node or a constant; then the leaves left out are added in. A step whose value
    would blow up, or would sit on relu's kink, is drawn again."""
    values = [_Node(v) for v in leaves]
    program: list[tuple] = []
    others = [op for op in OPS if op not in NODE_OPS]
    while len(program) < steps:
        # Two nodes meet in 40% of the steps: that is where fan-out and sharing come from.
        ops = DRAWN_NODE_OPS if rng.random() < 0.4 else others
        op, i = ops[int(rng.integers(len(ops)))], len(values) - 1
        if op in NODE_OPS:
            step: tuple = (op, i, int(rng.integers(i)))  # never i itself: x - x is exactly 0
        elif op in UNARY_OPS:
            step = (op, i)
        else:
            step = (op, i, _constant(rng, op))
        value = build([step], values)[-1]
        if abs(value.data) > 8 or (op == "relu" and abs(values[i].data) < 0.05):
            continue
        program.append(step)
        values.append(value)
    used = {a for op, i, *arg in program for a in (i, *arg) if op in NODE_OPS or a == i}
    for leaf in range(len(leaves)):
        if leaf not in used:
            program.append(("add", len(leaves) + len(program) - 1, leaf))
    return program


NAMES = "abcdefghijklmnopqrstuvwx"  # a case's nodes, as its label names them


def _label(program: Sequence[tuple], n_leaves: int) -> str:
    """``d = a * b; y = d + a``: the program as the learner would write it."""
    names = [*NAMES[: n_leaves + len(program) - 1], "y"]
    lines = []
    for k, (op, i, *arg) in enumerate(program):
        y = (names[arg[0]] if op in NODE_OPS else f"{arg[0]:g}") if arg else ""
        lines.append(f"{names[n_leaves + k]} = " + OPS[op][0].format(x=names[i], y=y))
    return "; ".join(lines)


def _at(leaves: Sequence[float]) -> str:
    """``with a, b = 0.5, -1.2``"""
    return (f"with {', '.join(LEAVES[:len(leaves)])} = "
            f"{', '.join(f'{v:g}' for v in leaves)}")


def _case(program: list[tuple], leaves: list[float], label: str | None = None) -> Case:
    return {"label": f"{label or _label(program, len(leaves))} {_at(leaves)}",
            "leaves": leaves, "program": program}


def _chain(rng: Any) -> Case:
    """y = a, then 10,000 times y = y + b: a graph 10,000 nodes deep, b used 10,000 times."""
    program = [("add", 0 if k == 0 else k + 1, 1) for k in range(CHAIN)]
    return _case(program, _leaves(rng, 2), f"y = a, then {CHAIN:,} times y = y + b,")


def _leaves(rng: Any, n: int, signs: Sequence[int] | None = None) -> list[float]:
    """Leaf values 0.1 to 1.5 away from zero: relu's kink and a - b = 0 stay out of the way,
    and no gradient is too small to tell right from wrong."""
    signs = rng.choice([-1, 1], n) if signs is None else signs
    return [round(float(s * m), 2) for s, m in zip(signs, rng.uniform(0.1, 1.5, n), strict=True)]


# d is used at two depths: by e (next to y) and by f (two steps further away), so a breadth-first
# walk reaches d before f has delivered its gradient. Mirrored, y = g + e: y's inputs the other
# way round, for the walks that take a node's inputs in order and those that reverse them.
SHARED = [("mul", 0, 1), ("mul", 3, 2), ("tanh", 3), ("exp", 5), ("add", 4, 6)]
SHARED_MIRRORED = [*SHARED[:-1], ("add", 6, 4)]


def _graph_cases(rng: Any) -> list[Case]:
    """The graphs: fan-out, a subexpression shared at two depths, random ones, the chain."""
    fan_out = [("mul", 0, 1), ("add", 2, 0)]
    # c = a + b; y = a * c: the sum's backward runs after y's has given a its share, so an
    # __add__ that sets (=) its inputs' grads instead of adding to them (+=) loses that share.
    sum_last = [("add", 0, 1), ("mul", 0, 2)]
    cases = [_case(fan_out, _leaves(rng, 2)), _case(sum_last, _leaves(rng, 2)),
             _case(SHARED, _leaves(rng, 3))]
    for steps in (5, 6, 8):
        values = _leaves(rng, 3)
        cases.append(_case(_random_program(rng, values, steps), values))
    return [*cases, _chain(rng)]


# y = a * b with a and b equal: two nodes, one number. A walk that remembers the nodes it
# visited by node.data (not id(node)) skips b; no drawn graph had two nodes of one value, so
# it passed (a fixed case: it draws nothing, and goes last).
EQUAL_LEAVES = ([("mul", 0, 1)], [0.5, 0.5])


def _order_cases(rng: Any) -> list[Case]:
    """topological_order's graphs: Value's (``_graph_cases``), then the shared graph mirrored
    and the first of Value's ``PUSHED_EARLY``, drawn last (so that the cases before are drawn
    as they were). Without these two, each visited-when-pushed walk was told from a pre-order
    one by the shared graph alone, and root-first from pre-order by sum_last alone: a learner
    who made one and slipped on that case was told the other (course.told_apart). Last,
    ``EQUAL_LEAVES``, which draws nothing."""
    return [*_graph_cases(rng), _case(SHARED_MIRRORED, _leaves(rng, 3)),
            _case(PUSHED_EARLY[0], _leaves(rng, 3)), _case(*EQUAL_LEAVES)]


# relu(a) + relu(b), a > 0 > b: relu's own case.
RELU_BOTH_SIDES = [("relu", 0), ("relu", 1), ("add", 2, 3)]


def _op_case(rng: Any, op: str) -> Case:
    """``op`` on its own (relu on both sides of its kink)."""
    if op == "relu":
        return _case(list(RELU_BOTH_SIDES), _leaves(rng, 2, [1, -1]))
    arg = () if op in UNARY_OPS else (1,) if op in NODE_OPS else (_constant(rng, op),)
    return _case([(op, 0, *arg)], _leaves(rng, 2))


# d = a * b; e = d * c; y = d + e: d, an input of y, is also reached through e, which y lists
# after it, so a walk that marks d visited when it pushes it lists e first (and with y = e + d,
# a walk that pushes the inputs the other way round).
PUSHED_EARLY = ([("mul", 0, 1), ("mul", 3, 2), ("add", 3, 4)],
                [("mul", 0, 1), ("mul", 3, 2), ("add", 4, 3)])
# c = a * b; d = c.tanh(); e = d.exp(); y = e + c. c is used by y and, two steps further,
# through e, y's first input: a breadth-first walk runs c before e has delivered, a pre-order
# walk that takes a node's first input first reaches c through e, in time.
LATE_USER = [("mul", 0, 1), ("tanh", 2), ("exp", 3), ("add", 4, 2)]


def _value_cases(rng: Any) -> list[Case]:
    """Each op on its own first (a wrong derivative is named by its op), then the graphs. The
    cases added since come last, so that the ones before them are drawn as they were (each
    misconception is told from the others on them): a Value divided by a Value, relu at its
    kink, where its gradient is 0 (PyTorch's convention, and micrograd's), a node pushed
    early, backward() called twice, a node used again further from y and a second graph with a
    node used at two depths (below)."""
    ops = sorted((op for op in OPS if op != "div_node"),
                 key=lambda op: op not in BUILDING_BLOCKS)  # (a stable sort)
    # Then backward() called twice on y = a * b: gradients accumulate (lesson 05), so the
    # second call adds to the leaves' .grad. (Only y's inputs are leaves here: with a node in
    # between, the lesson's Value, which seeds y alone, adds that node's kept gradient too.)
    # (Its leaves drawn after every other case's: drawn first, they shifted the random graphs,
    # and breadth-first then got every case pre-order-inputs-reversed gets.)
    cases = [*(_op_case(rng, op) for op in ops), *_graph_cases(rng), _op_case(rng, "div_node"),
             _case([("relu", 0)], [0.0]), *(_case(p, _leaves(rng, 3)) for p in PUSHED_EARLY)]
    twice = _case([("mul", 0, 1)], _leaves(rng, 2), "y = a * b, y.backward() called twice,")
    # Then, drawn after it, LATE_USER. Without it, at some seeds (9 and 11 of the first 16)
    # breadth-first got every case pre-order-inputs-reversed gets, and that mistake was named
    # breadth-first.
    late_user = _case(LATE_USER, _leaves(rng, 2))
    # Last, SHARED_MIRRORED, a second graph with a node used at two depths. Without it, at
    # seeds 9, 11, 24, 29 and 32 (of the first 40) LATE_USER alone told the two apart, and a
    # learner who made pre-order-inputs-reversed and slipped on it was told breadth-first
    # (course.told_apart).
    return [*cases, {**twice, "backward": 2}, late_user,
            _case(SHARED_MIRRORED, _leaves(rng, 3))]


def _deep(call: Callable[[], Any]) -> Any:
    """``call()``; a RecursionError gets one message whichever Python check raised it."""
    try:
        return call()
    except RecursionError as e:
        e.args = ("maximum recursion depth exceeded",)
        raise


# The order crosses to the parent as node numbers: each listed object's position among the
# graph's nodes in creation order (``_creation_order``), None for an object that is no node of
# the graph. The parent judges those numbers against the graph it builds from the case itself
# (``_judge_order``), so any topological order passes, and a reply has to fit this seed's graphs.
ORDER = "order (as node numbers)"


def _creation_order(nodes: Sequence[_Node]) -> list[_Node]:
    """Every node of a graph ``build`` made, in creation order: ``nodes``, with the node an
    operator makes of a plain number (``d = 0.5 + c``) just before the node that uses it."""
    listed = {id(n) for n in nodes}
    every: list[_Node] = []
    for node in nodes:
        every += [c for c in node._prev if id(c) not in listed]
        every.append(node)
    return every


def _numbers(nodes: Sequence[_Node]) -> dict[int, int]:
    """id(node) -> its node number, for every node of the graph ``build`` made."""
    return {id(n): k for k, n in enumerate(_creation_order(nodes))}


def _order_probe(fn: Any, case: Case) -> Facts:
    nodes = build(case["program"], [_Node(v) for v in case["leaves"]])
    number = _numbers(nodes)  # before learner code runs: it may rewire the nodes it is given
    order = _deep(lambda: require(fn, "topological_order")(nodes[-1]))
    if not isinstance(order, (list, tuple)):
        return value_facts("order", order)
    return {"order.type": "list", ORDER: [number.get(id(n)) for n in order]}


# A graph by node numbers: each node's inputs, and the numbers of the program's own nodes.
Graph = tuple[list[tuple[int, ...]], list[int]]


def _graph(case: Case) -> Graph:
    """A case's graph by node numbers: each node's inputs, and the numbers of the program's
    nodes (the leaves and one per step; the others are constants made into nodes)."""
    return _graph_of(tuple(map(tuple, case["program"])), tuple(case["leaves"]))


@functools.lru_cache(maxsize=64)
def _graph_of(program: tuple[tuple, ...], leaves: tuple[float, ...]) -> Graph:
    # Cached: every submission's order on a case is judged against the same graph, and the
    # chain's has 10,000 nodes (a wrong order is judged again for each misconception).
    nodes = build(program, [_Node(v) for v in leaves])
    number = _numbers(nodes)
    return [tuple(number[id(c)] for c in n._prev) for n in _creation_order(nodes)], \
        [number[id(n)] for n in nodes]


def _truths(facts: Facts, graph: Graph) -> Facts:
    """``facts`` with the order's node numbers replaced by the truths of a topological order on
    ``graph``. The learner's numbers come from the child: malformed ones raise a
    ValueError that says how."""
    if not same("list", facts.get("order.type")):
        return facts  # no list at all: its type is what differs
    inputs, program = graph
    numbers = facts.get(ORDER)
    if not isinstance(numbers, list):
        raise ValueError(f"{ORDER}: malformed: expected a list, got {short(numbers, 40)}")
    bad = next((k for k, n in enumerate(numbers)
                if n is not None and not (type(n) is int and 0 <= n < len(inputs))), None)
    if bad is not None:
        item = numbers[bad]
        raise ValueError(f"{ORDER}: malformed: expected node numbers 0 to {len(inputs) - 1} "
                         f"or None, got {short(item, 40)} (type {type(item).__name__}) at index "
                         f"{bad}")
    first: dict[int, int] = {}  # node number -> its first position in the order
    for k, n in enumerate(numbers):
        if n is not None:
            first.setdefault(n, k)
    return {
        "order.type": "list",
        # First: an order of node.data (or of copies) fails every truth below, and this one
        # says why.
        "order holds the graph's nodes themselves (not their .data)": None not in numbers,
        # Then the root alone: a walk that lists only the inputs it reaches leaves it out,
        # and so does one that drops the last node, and "every node" would not say which.
        "order lists y, the root, itself": program[-1] in first,
        "order lists every node of the graph": all(n in first for n in program),
        # Anything listed that is no node (None) counts against it too, as a node listed twice.
        "order lists no node twice": len(first) == len(numbers),
        "order puts every node after its inputs": all(
            first.get(c, math.inf) < first.get(n, -1) for n in program for c in inputs[n]),
    }


def _judge_order(case: Case, expected: Facts, got: Facts) -> str | None:
    """Any topological order passes, not only the reference's: both orders are turned into the
    truths they hold on the case's graph, and those are compared (a misconception's order
    matches a learner's when both break the same truths)."""
    graph = _graph(case)
    try:
        mine = _truths(got, graph)
    except ValueError as e:
        return str(e)
    return compare_facts(_truths(expected, graph), mine)


# ex10 asks for the learner's own engine on Python floats ("No minigrad here"), and the grades
# are the values a Value reports: a Value wrapping a minigrad tensor (data and grad read from
# it, backward() minigrad's) would report the right ones without any engine. So the probe reads
# a node as it is stored, never as it describes itself, and checks what an engine of one's own
# has and a wrapper does not. The rules reveal nothing of the answers: the student edition
# ships them.

class OwnEngineError(Exception):
    """The Value is not an engine of the learner's own (its message says which rule failed)."""


_OWN = ("ex10 asks for your own engine, on plain Python floats, with no minigrad")
_MISSING = object()
_PREV_TYPES = (tuple, list, set, frozenset)
SCANNED = 1000  # nodes whose contents _own_engine reads (see there)
# A float, an int, or numpy's own (np.tanh gives an np.float64): no class of the learner's.
_NUMBER_TYPES = frozenset({int, float, np.float16, np.float32, np.float64, np.longdouble,
                           np.int8, np.int16, np.int32, np.int64, np.longlong})
# minigrad numbers each node of a graph it records from this counter, shared by its engine and
# its fast paths; the reference is taken now, before any learner code is imported. Its value is
# read through itertools' own repr: learner code can rebind the module's name (deliberately),
# not change what this object counts. (Where minigrad is absent, nothing can count.)
_GRAPH_NODES = _minigrad_graph._sequence if _minigrad_graph else itertools.count()
_COUNT_REPR = itertools.count.__repr__
# Learner code runs in a fork of the sandbox's zygote, which imported this module first.
_GETPID, _IMPORTED_IN = os.getpid, os.getpid()
_MRO = type.__dict__["__mro__"].__get__  # a class's bases as they are, whatever it claims
_VARS = type.__dict__["__dict__"].__get__  # and its own attributes


def _graph_nodes_made() -> int:
    """How many graph nodes minigrad has numbered in this process."""
    return int(re.fullmatch(r"count\((\d+)\)", _COUNT_REPR(_GRAPH_NODES)).group(1))


def _is_minigrad(obj: Any) -> bool:
    return str.__str__(type(obj).__module__ or "").split(".")[0] == "minigrad"


def _stored(node: Any, name: str, who: str) -> Any:
    """``node.<name>`` as the node stores it (its __dict__, a __slots__ member or a plain class
    attribute), read without running any code of its class: not a property, another descriptor
    or __getattr__, which could compute it from something else."""
    value = inspect.getattr_static(node, name, _MISSING)
    if type(value) is types.MemberDescriptorType:  # a __slots__ member
        try:
            return value.__get__(node, type(node))
        except (AttributeError, TypeError):
            value = _MISSING
    if value is _MISSING:
        raise OwnEngineError(f"{who} has no {name} stored on it (a Value keeps its own "
                             f"`self.{name}`, set in __init__, as the stub's does)")
    if any("__get__" in _VARS(kind) for kind in _MRO(type(value))):
        raise OwnEngineError(f"{who}.{name} must be stored on the Value (`self.{name} = ...`), "
                             f"not computed by a property or another descriptor: {_OWN}")
    return value


def _number(node: Any, name: str, who: str) -> Any:
    """``_stored`` ``data`` or ``grad``: a plain number (anything else but a number in disguise
    is left to the comparison, which names its type)."""
    value = _stored(node, name, who)
    if _is_minigrad(value):
        raise OwnEngineError(f"{who}.{name} is a minigrad {type(value).__name__}, not a Python "
                             f"float: {_OWN}")
    if isinstance(value, (int, float, np.number)) and type(value) not in _NUMBER_TYPES:
        raise OwnEngineError(f"{who}.{name} must be a plain float, not a "
                             f"{type(value).__name__}: {_OWN}")
    return value


def _contents(cell: Any) -> Any:
    try:
        return cell.cell_contents
    except ValueError:  # an empty cell (a name the function assigns later)
        return None


def _is_value(obj: Any, value: type) -> bool:
    """Whether ``obj`` is a Value (of the learner's class, or a class derived from it)."""
    return value in _MRO(type(obj))


def _held(node: Any, value: type, opened: set[int]) -> Any:
    """What ``node`` holds: its attributes' values, and theirs inside lists, tuples, sets,
    dicts and closures (a ``_backward``), a few levels deep, but not other Values (the walk
    reaches those itself), nor what ``opened`` lists: each container is opened once a probe
    (a tape every node shares is read once, not once per node). Read by the garbage
    collector, which no class can redirect."""
    todo = [(obj, 0) for obj in gc.get_referents(node) if not isinstance(obj, type)]
    while todo:
        obj, depth = todo.pop()
        yield obj
        kind = type(obj)
        if depth == 3 or id(obj) in opened or (obj is not node and _is_value(obj, value)):
            continue
        if kind in (list, tuple, set, frozenset):
            inner = list(obj)
        elif kind is dict:
            inner = [*dict.keys(obj), *dict.values(obj)]
        elif kind is types.FunctionType:
            inner = [_contents(c) for c in obj.__closure__ or ()]
        elif kind is types.MethodType:
            inner = [obj.__func__, obj.__self__]
        else:
            continue
        opened.add(id(obj))
        todo += [(o, depth + 1) for o in inner]


def _no_minigrad_inside(node: Any, value: type, who: str, opened: set[int]) -> None:
    found = next((obj for obj in _held(node, value, opened) if _is_minigrad(obj)), None)
    if found is not None:
        raise OwnEngineError(f"{who} holds a minigrad {type(found).__name__}: {_OWN}")


def _used_leaves(case: Case) -> list[bool]:
    """For each leaf, whether y is computed from it (in the case's own graph)."""
    inputs, program = _graph(case)
    seen, todo = {program[-1]}, [program[-1]]
    while todo:
        for c in inputs[todo.pop()]:
            if c not in seen:
                seen.add(c)
                todo.append(c)
    return [program[k] in seen for k in range(len(case["leaves"]))]


def _own_engine(value: type, y: Any, leaves: Sequence[Any], case: Case) -> None:
    """Raise ``OwnEngineError`` unless y's graph is the learner's own: Values all the way from
    y to the leaves through ``_prev`` (as the stub keeps them), each storing its ``data`` and
    ``_prev`` and holding no minigrad object."""
    names = {id(leaf): name for name, leaf in zip(LEAVES, leaves, strict=False)}
    names[id(y)] = "y"
    if not _is_value(y, value):
        raise OwnEngineError(f"y is a {type(y).__name__}, not a Value: every operation of a "
                             f"Value returns a new Value. {_OWN}")
    seen, todo, opened, walked = {id(y)}, [y], set(), 0
    while todo:
        node = todo.pop()
        who = names.get(id(node), "a Value in y's graph")
        walked += 1
        # What a node holds is read in the first SCANNED nodes and the leaves: a wrapper's
        # nodes are all alike, and reading all 10,000 of the chain's cost 5x the probe itself.
        if walked <= SCANNED or id(node) in names:
            _number(node, "data", who)
            _no_minigrad_inside(node, value, who, opened)
        prev = _stored(node, "_prev", who)
        if type(prev) not in _PREV_TYPES:
            raise OwnEngineError(f"{who}._prev must be a tuple (or a list or set) of the Values "
                                 f"it was computed from, not a {type(prev).__name__}")
        for child in prev:
            if not _is_value(child, value):
                raise OwnEngineError(f"{who}._prev holds a {type(child).__name__}: it must hold "
                                     "the Values it was computed from (a plain number as an "
                                     "input becomes a Value first)")
            if id(child) not in seen:
                seen.add(id(child))
                todo.append(child)
    for name, leaf, used in zip(LEAVES, leaves, _used_leaves(case), strict=False):
        if used and id(leaf) not in seen:
            raise OwnEngineError(f"{name} is not reached from y through _prev: each Value's "
                                 "_prev must hold the Values it was computed from, so that "
                                 "backward() walks y's graph back to the leaves")


def _value_probe(fn: Any, case: Case) -> Facts:
    value = require(fn, "Value")
    if not isinstance(value, type):
        raise OwnEngineError(f"Value must be a class (the stub's `class Value`), not a "
                             f"{type(value).__name__}")
    made = _graph_nodes_made()
    leaves = [value(v) for v in case["leaves"]]
    nodes = build(case["program"], leaves)
    y = nodes[-1]
    for _ in range(case.get("backward", 1)):
        _deep(y.backward)
    _own_engine(value, y, leaves, case)
    # The counter is the process's: checked wherever learner code runs (a fork made after this
    # module was imported), and in the grader's own process, which runs only the reference and
    # the variants, when no other thread can be building minigrad graphs meanwhile.
    checked = _GETPID() != _IMPORTED_IN or threading.active_count() == 1
    if checked and _graph_nodes_made() != made:
        raise OwnEngineError(f"minigrad's autograd ran while your Value computed y and its "
                             f"gradients (it recorded {_graph_nodes_made() - made} graph "
                             f"nodes): {_OWN}")
    facts = value_facts("y.data", _number(y, "data", "y"))
    for name, leaf in zip(LEAVES, leaves, strict=False):
        facts.update(value_facts(f"{name}.grad", _number(leaf, "grad", name)))
    inner = _inner_grads(nodes[len(leaves):-1], len(leaves))
    facts |= inner
    if _spec_engine(value):
        facts[UNNAMING] = list(inner)
    # Last, so a wrong gradient is said first: y's own tells a backward() that never seeded
    # it from one that seeded it but left y's _backward out (every leaf's gradient 0 in both).
    return facts | value_facts("y.grad", _number(y, "grad", "y"))


# Each node between the leaves and y keeps its .grad, d y / d node (the stub says so, as
# micrograd's does): what only a reverse pass through the nodes leaves there. Read for the
# leaves and y alone, they passed a backward() that ran the graph again with each leaf nudged
# (finite differences: no chain rule, no _backward) or carried the nodes' derivatives with
# respect to the leaves forward: 2/2 each (red team 24b, tests/test_course_redteam24b.py).
# A wrong engine's facts list its inner gradients under this key: compared with a learner's,
# they name no mistake (``_judge_value``).
UNNAMING = "inner gradients that name no mistake"


def _spec_engine(value: type) -> bool:
    """Whether ``value`` is one of this module's wrong engines, whose inner gradients name no
    mistake: ``_LeavesOnly`` aside, a mistake is named by the leaves' and y's, as before those
    were read, however a learner's engine spreads it over the nodes between (chain rule left
    out in * alone was told chain-rule-left-out). (A learner's class that claims this module
    only adds the key to its own facts, which nothing reads: the expected facts are the
    grader's.)"""
    return _VARS(value).get("__module__") == __name__ and not getattr(value, "inner_read", False)


def _judge_value(case: Case, expected: Facts, got: Facts) -> str | None:
    """``compare_facts``, without the inner gradients a wrong engine's facts list
    (``UNNAMING``): the reference's are all compared."""
    unnaming = {UNNAMING, *expected.get(UNNAMING, ())}
    return compare_facts({k: v for k, v in expected.items() if k not in unnaming}, got)


# An op's own case that no known mistake explains (a local derivative is miswritten in more
# ways than the variants below list: (1 - t) ** 2, exp(out.data), -a for a's sign...): what
# its facts point at, the op's forward computation or its _backward, not the answer.
OWN_OP_VALUE = ("y is one operation on the leaves here, and its value, y.data, is already "
                "wrong: look at what this operation computes (which operand is which, the "
                "sign), before its gradient.")
OWN_OP_DERIVATIVE = ("y is one operation on the leaves here and y.data is right, so the slip is "
                     "in this operation's _backward. Its out.grad is y's seed, 1, so each "
                     "input's .grad should be the local derivative itself, d y / d input: work "
                     "it out on paper (or nudge the input by 1e-6 and see how far y moves) and "
                     "compare it with what your _backward adds to each input.")


# relu's own case is three steps (``RELU_BOTH_SIDES``): + after the two relus, whose own case
# comes before it (the building blocks are drawn first), so a wrong y there is relu's. Its
# value written as abs(x) was told only "y.data: expected 0.32, got 1.73" there.
RELU_VALUE = ("y here adds relu of a and relu of b, one on each side of relu's kink, and + "
              "passed its own case, so y.data being wrong points at what relu computes: check "
              "its value on each side of 0, a negative input included, before its gradient.")
RELU_DERIVATIVE = ("y here adds relu of a and relu of b, one on each side of relu's kink; "
                   "y.data is right and + passed its own case, handing each relu the seed 1 as "
                   "its out.grad, so the slip is in relu's _backward: each leaf's .grad should "
                   "be relu's slope at that leaf.")


def _own_op_hint(case: Case, expected: Facts, got: Facts) -> str | None:
    """The hint on an op's own case (one step, or relu's with its +; one backward()) whose
    result no mistake fits."""
    relu = [tuple(step) for step in case["program"]] == RELU_BOTH_SIDES
    if not (relu or len(case["program"]) == 1) or case.get("backward", 1) != 1:
        return None
    value = {k: v for k, v in expected.items() if k.startswith("y.data")}
    if compare_facts(value, got) is not None:
        return RELU_VALUE if relu else OWN_OP_VALUE
    leaves = {k: v for k, v in expected.items() if k[:1] in LEAVES and k.endswith(".grad")}
    if compare_facts(leaves, got) is None:
        return None
    return RELU_DERIVATIVE if relu else OWN_OP_DERIVATIVE


def _inner_grads(inner: Sequence[Any], n_leaves: int) -> Facts:
    """The .grad of each of the program's nodes between the leaves and y: one fact per node a
    case's label names, and one array for the chain's 9,999."""
    if n_leaves + len(inner) <= len(NAMES):
        facts: Facts = {}
        for name, node in zip(NAMES[n_leaves:], inner):
            facts |= value_facts(f"{name}.grad", _number(node, "grad", name))
        return facts
    who = "a Value in y's graph"
    grads = [_number(node, "grad", who) for node in inner]
    odd = next((g for g in grads if type(g) not in _NUMBER_TYPES), None)
    return value_facts(f"the .grad of the {len(inner):,} nodes between the leaves and y",
                       np.array(grads, dtype=np.float64) if odd is None else odd)


# sum_to_size: the step from a scalar engine to a tensor engine. Each pair is (the shape of the
# result's gradient, the shape of the input broadcast to it); the fixed ones separate the
# mistakes: extra leading dims, a size-1 dim stretched (kept, or summed away), both at once.
SUM_TO_SIZE_SHAPES = (((4, 3), (3,)), ((4, 3), (4, 1)), ((2, 4, 3), (4, 1)), ((3, 2), (1,)),
                      ((2, 3, 4), ()), ((2, 3), (2, 3)))


def _sum_to_size_cases(rng: Any) -> list[Case]:
    shapes = list(SUM_TO_SIZE_SHAPES)
    for _ in range(3):  # and random ones: up to 4 dims, some dropped in front, some set to 1
        full = tuple(int(n) for n in rng.integers(2, 5, size=int(rng.integers(2, 5))))
        kept = full[int(rng.integers(0, len(full))):]
        shapes.append((full, tuple(1 if rng.random() < 0.4 else n for n in kept)))
    return [{"label": f"a gradient of shape {full} for an input of shape {shape}",
             "grad": rng.normal(size=full).round(2), "shape": list(shape)}
            for full, shape in shapes]


# sum_to_size is the learner's to write, as Value is: minigrad's own (Tensor.sum_to_size, or
# the helpers behind it, which take numpy arrays too) is no answer. minigrad is pure Python, so
# a profiler sees each call into it; taken before learner code is imported, like the counter.
_MINIGRAD = os.path.dirname(_minigrad_graph.__file__).rsplit(os.sep, 1)[0] + os.sep \
    if _minigrad_graph else None
# What would take minigrad's calls out of the profiler's sight (course/watch.py: ways an attack on
# this check found), said as what sum_to_size did.
_ELSEWHERE = "where the check that it is your own cannot see: compute it in the call itself"
_STARTED = {watch.THREAD: f"started a thread, {_ELSEWHERE}",
            watch.PROCESS: f"started a process, {_ELSEWHERE}"}


# The built-ins the profiler's callback uses, as they are before any learner code is imported
# (learner code may replace builtins.isinstance, or str and dict, for everything run after).
_ISINSTANCE, _DICT_GET = isinstance, dict.get
_STARTSWITH, _PARTITION = str.startswith, str.partition


def _minigrad_calls(call: Callable[[], Any]) -> tuple[Any, list[int]]:
    """``call()``'s result and where it called into minigrad: each calling line's number
    (minigrad's public functions are wrapped: the line says more than their inner names)."""
    if _MINIGRAD is None:  # no minigrad in this process: nothing to see
        return call(), []
    called: list[int] = []

    def minigrads(frame: Any) -> bool:  # (its generated functions have no file of their own)
        # Read with str's and dict's own methods: no code of the learner's (a str subclass as
        # a module's __name__, a replaced builtins.isinstance) may run here, where the
        # profiler sees none of what it does.
        file, name = frame.f_code.co_filename, _DICT_GET(frame.f_globals, "__name__")
        return (_ISINSTANCE(file, str) and _STARTSWITH(file, _MINIGRAD)) or \
            (_ISINSTANCE(name, str) and _PARTITION(name, ".")[0] == "minigrad")

    def see(frame: Any) -> None:
        if minigrads(frame) and not (frame.f_back and minigrads(frame.f_back)):
            called.append(frame.f_back.f_lineno if frame.f_back else 0)

    result, unseen = watch.watched(call, see)
    if unseen:
        raise OwnEngineError("sum_to_size " + _STARTED.get(
            unseen, f"switched off the check that it is your own ({unseen})"))
    return result, called


def _own_source(source: str) -> str | None:
    """ex10's rule on the file's source, checked by the grader's own process: what no probe in
    the learner's process can be trusted to see (course/own_code/)."""
    reached = own_code.reaches_out(source)
    if reached is None:
        return None
    if re.search(r" defines __\w+__$", reached):  # (a learner asked why __getattr__ is no good)
        return (f"Your file's {reached}. ex10 reads your Value's data, grad and _prev as your "
                "class stores them, so it takes the methods a plain class defines (__init__, "
                "the operators, __repr__...) and no others: remove it.")
    if reached.endswith(" dataclasses"):  # plain-looking, but it writes code and runs it
        return (f"Your file's {reached}, which writes Python code from your fields and runs "
                "it: write your class's __init__ yourself.")
    if reached.endswith(" sys") and "setrecursionlimit" in source:  # the web's usual answer
        return (f"Your file's {reached} to raise Python's recursion limit: ex10's file runs "
                "without sys, and a recursive walk is what the task asks you to replace. Keep a "
                "stack of your own instead of recursing (topological_order's docstring says "
                "how), and remove that line.")
    return (f"Your file's {reached}. ex10's engine is your own, written with math and numpy "
            "(plain-computation modules such as collections, itertools, functools, heapq and "
            "random are fine too), without minigrad, sys or os: change that line (compare "
            "answers with minigrad in a notebook cell instead).")


def _sum_to_size_probe(fn: Any, case: Case) -> Facts:
    mine = require(fn, "sum_to_size")
    got, called = _minigrad_calls(lambda: mine(np.array(case["grad"]), tuple(case["shape"])))
    if called:
        raise OwnEngineError(f"sum_to_size must be your own, with numpy's sum: line "
                             f"{called[0]} of your file calls minigrad")
    # A sum down to shape () gives numpy's own 0-d number (np.float64), which has a shape and
    # a dtype like an array: it will do. A Python float (float(...), .item()) has neither, and
    # a gradient is an array of its input's shape, so it is said as what it is.
    if isinstance(got, np.generic):
        got = np.asarray(got)
    facts = value_facts("result", got)  # its type first: a list or None is said as such
    shape = {"result.shape": list(got.shape)} if isinstance(got, np.ndarray) else {}
    return {"result.type": facts.pop("result.type"), **shape, **facts}


def _extra_dims(grad: Any, shape: tuple) -> tuple[int, ...]:
    return tuple(range(grad.ndim - len(shape)))


def _stretched_dims(grad: Any, shape: tuple) -> tuple[int, ...]:
    """The dims where shape has 1 and grad does not, numbered as grad's."""
    lead = grad.ndim - len(shape)
    return tuple(lead + i for i, n in enumerate(shape) if n == 1 and grad.shape[lead + i] != 1)


STRETCHED_DIMS_FIX = ("also sum over every dim where shape has 1 and grad does not, keeping it "
                      "(keepdims=True).")


def _leading_only(grad: Any, shape: tuple) -> Any:
    return grad.sum(axis=_extra_dims(grad, shape))


def _leading_only_reshaped(grad: Any, shape: tuple) -> Any:
    return _leading_only(grad, shape).reshape(shape)  # a ValueError where a dim was stretched


def _reshaped(grad: Any, shape: tuple) -> Any:
    return grad.reshape(shape)  # a ValueError wherever broadcasting stretched the input


def _leading_dims_left(grad: Any, shape: tuple) -> Any:
    """The size-1 dims summed, the dims grad has in front of shape's left as they are."""
    return grad.sum(axis=_stretched_dims(grad, shape), keepdims=True)


def _size_one_dims_dropped(grad: Any, shape: tuple) -> Any:
    return grad.sum(axis=_extra_dims(grad, shape) + _stretched_dims(grad, shape))


def _leading_dims_kept(grad: Any, shape: tuple) -> Any:
    return grad.sum(axis=_extra_dims(grad, shape) + _stretched_dims(grad, shape), keepdims=True)


def _averaged(grad: Any, shape: tuple) -> Any:
    kept = grad.mean(axis=_extra_dims(grad, shape) + _stretched_dims(grad, shape),
                     keepdims=True)
    return kept.reshape(shape)


def _python_number(grad: Any, shape: tuple) -> Any:
    """The right sums, but shape ()'s as a Python float."""
    summed = _size_one_dims_dropped(grad, shape).reshape(shape)
    return float(summed) if shape == () else summed


def _left_aligned(grad: Any, shape: tuple) -> Any:
    """Broadcasting taken to line shapes up from the left: the extra dims summed are the last."""
    summed = grad.sum(axis=tuple(range(len(shape), grad.ndim)))
    return summed.sum(axis=tuple(i for i, n in enumerate(shape) if n == 1 and i < summed.ndim
                                 and summed.shape[i] != 1), keepdims=True)


# A walk that lists each node when first reached, reversed: the same mistake whichever input
# it pushes first (which decides the cases it gets wrong), so one text for both variants.
PRE_ORDER = ("Your walk lists each node when it first reaches it (pre-order), and reversing "
             "that list is not enough: an input reached first along another path ends up after "
             "one of its users (with c = a * b and y = c + a, a walk that reaches a straight from "
             "y lists it before c: reversed, c comes before its input a). A node can be listed "
             "only once all its inputs are.")
PRE_ORDER_FIX = ("list a node when the walk leaves it, after all its inputs (depth-first "
                 "post-order: keep (node, its inputs still to visit) on your stack, and append "
                 "the node once none are left).")
# A post-order walk that marks a node visited when it pushes it.
VISITED_WHEN_PUSHED = ("Your walk marks a node visited when it pushes it, before its inputs are "
                       "walked: reached again along another path while it waits on the stack, "
                       "it is skipped there, and the node that reached it is listed before it "
                       "(with c = a + b and y = a * c, a is pushed from y, c's walk skips it, "
                       "and c is listed before its input a). A node can be listed only once all "
                       "its inputs are.")
VISITED_WHEN_PUSHED_FIX = ("mark a node visited when you take it off the stack to walk its "
                           "inputs (and skip it there if it already is), not when you push it.")
# ... and what it does to backward(), which runs that order reversed.
PRE_ORDER_RUN = ("backward() ran a node before all its users had delivered their gradient to "
                 "it: it runs topological_order's list reversed, and that list puts an input "
                 "after one of its users (a pre-order walk, reversed).")
VISITED_WHEN_PUSHED_RUN = ("backward() ran a node before all its users had delivered their "
                           "gradient to it: it runs topological_order's list reversed, and that "
                           "list puts a node before one of its inputs (a walk that marks a node "
                           "visited when it pushes it).")
PRE_ORDER_RUN_FIX = ("make topological_order list each node after all its inputs (its own check "
                     "says how): backward() then runs every user first.")

# The same text for each input of * given its own value (both, or one of them: the slip of a
# line copied from the other).
# (self.grad typed for out.grad in a _backward: told only "a.grad: expected 1.03, got 0" on
# y = a * b; in a one-input operation's, the 0 is root-not-run's too, listed first, whose text
# names this cause)
SELF_GRAD_READ = ("A _backward read self.grad where out.grad was meant. Inside an operation's "
                  "method (__add__, __mul__, exp...), self is the operation's input (the first, "
                  "of two), not its result: self.grad is that input's own gradient (0 until "
                  "something adds to it), while the chain rule multiplies each local derivative "
                  "by out.grad, the gradient that reached the result.")
SELF_GRAD_READ_FIX = "in each _backward, multiply the local derivatives by out.grad."

MUL_OWN_VALUE = ("The derivative of a * b with respect to a is b, the other input (nudge a, and "
                 "a * b moves b times as much), and with respect to b it is a. Your * gave an "
                 "input its own value.")
MUL_OWN_VALUE_FIX = ("in __mul__'s _backward, self gets other.data * out.grad and other gets "
                     "self.data * out.grad.")

TASKS = (
    Task("ex10", "topological_order", "every node once, each after its inputs, no recursion",
         _order_cases, _order_probe, judge=_judge_order, source_rule=_own_source,
         misconceptions=(
             Misconception("recursive", "A recursive walk stops at Python's recursion limit "
                           "(about 1,000 nested calls), and a graph 10,000 steps deep needs "
                           "more.", _recursive_order,
                           fix="use an iterative topological sort, with your own stack."),
             Misconception("pre-order", PRE_ORDER, _pre_order_reversed, fix=PRE_ORDER_FIX),
             Misconception("pre-order-inputs-reversed", PRE_ORDER, _pre_order_inputs_reversed,
                           fix=PRE_ORDER_FIX),
             Misconception("root-first", "Your order starts at the root, but topological_order "
                           "must end with it: inputs first, the root last (backward() runs the "
                           "order reversed).", _root_first,
                           fix="reverse your list before returning it."),
             Misconception("breadth-first", "A breadth-first (or pre-order) walk is no "
                           "topological order: it lists a node when it first reaches it, but a "
                           "node used by two others must come before both of them, and the "
                           "second may be reached only later, along a longer path.",
                           _breadth_first_reversed,
                           fix="list a node once all its inputs are listed (depth-first "
                           "post-order)."),
             Misconception("no-visited-set", "A node reached along two paths was listed "
                           "twice.", _no_visited_set,
                           fix="remember the visited nodes (a set of id(node)) and list each "
                           "once."),
             Misconception("visited-when-pushed", VISITED_WHEN_PUSHED, _visited_when_pushed,
                           fix=VISITED_WHEN_PUSHED_FIX),
             Misconception("visited-when-pushed-inputs-reversed", VISITED_WHEN_PUSHED,
                           _visited_when_pushed_inputs_reversed, fix=VISITED_WHEN_PUSHED_FIX),
             Misconception("visited-by-data", "Two different nodes can hold the same number "
                           "(a relu's 0, two leaves of one value): remembering the visited "
                           "nodes by their value took the second for the first, and it was "
                           "never listed. A node is the object itself, whatever number it "
                           "holds.",
                           _visited_by_data,
                           fix="remember the visited nodes by id(node), not by node.data."),
         )),
    Task("ex10", "Value", "a scalar Value with + - * / ** exp tanh relu and backward()",
         _value_cases, _value_probe, points=2, judge=_judge_value, source_rule=_own_source,
         hint=_own_op_hint,
         misconceptions=(
             # (first: where a learner's first wrong case differs only between the leaves and
             # y, every engine right on that case fits it, and the first listed is told)
             Misconception("inner-grads-missing", "The leaves' gradients are right, but the "
                           "Values between the leaves and y do not hold theirs. A reverse pass "
                           "leaves d y / d node in every node's .grad as it passes the gradient "
                           "on from y to the leaves (a Value between them keeps its .grad, as "
                           "the stub says, as micrograd's does): a backward() that finds the "
                           "leaves' gradients another way (y computed again with a leaf nudged, "
                           "derivatives carried forward), or clears the others' afterwards, is "
                           "not the engine this task asks for.", _LeavesOnly,
                           fix="write backward() as the lesson's: self.grad = 1.0, then every "
                           "node's _backward in reversed(topological_order(self)), each adding "
                           "out.grad times its local derivative into its inputs' .grad."),
             Misconception("overwritten", "A gradient was overwritten where it should add "
                           "up: a node used twice (fan-out) receives one gradient per use.",
                           _Overwritten, fix="make each _backward do `grad +=`, not `grad =`."),
             # (also what a backward() that runs y's own _backward alone gives: y's inputs
             # get their share, and no node passes anything on; it was told "leaves first")
             Misconception("leaves-first", "Only y's own inputs got their gradients: the nodes "
                           "between them and the leaves passed on nothing. Either backward() ran "
                           "the nodes leaves first, so each ran before it had its gradient (a "
                           "node can only pass on a gradient once it has it), or it ran y's "
                           "_backward alone, and no other node's.", _LeavesFirst,
                           fix="run every node's _backward in reverse topological order, from y "
                           "back to the leaves."),
             Misconception("breadth-first", "A node ran before all its users had delivered "
                           "their gradient (a breadth-first walk reaches a shared node too "
                           "early).", _BreadthFirst,
                           fix="run the nodes in reverse topological order."),
             Misconception("pre-order", PRE_ORDER_RUN, _PreOrder, fix=PRE_ORDER_RUN_FIX),
             Misconception("pre-order-inputs-reversed", PRE_ORDER_RUN, _PreOrderInputsReversed,
                           fix=PRE_ORDER_RUN_FIX),
             Misconception("recursive", "Your topological_order, which backward() uses, "
                           "recursed, and hit Python's recursion limit on the 10,000-step "
                           "chain: the bug is in topological_order, not in backward().",
                           _RecursiveSort,
                           fix="make topological_order iterative (your own stack instead of "
                           "recursive calls)."),
             Misconception("unseeded", "backward() must start from d y / d y = 1, or every "
                           "gradient stays 0.", _Unseeded,
                           fix="set self.grad = 1.0 before running the nodes."),
             # (also what an operation that sets no _backward gives on its own case: with
             # y = a - b, "- never set out._backward" was told only to run y's)
             Misconception("root-not-run", "y.grad was set to 1, but that 1 never reached y's "
                           "inputs, so every gradient stayed 0. Either y's own _backward never "
                           "ran (the nodes backward() runs must include y itself, first), or "
                           "the operation that made y gave its result no _backward of its own "
                           "(it kept a leaf's, which passes nothing on), or its _backward read "
                           "self.grad, its input's own gradient, 0 as yet, where out.grad was "
                           "meant: if the other operations' cases pass, look at this one's.",
                           _RootNotRun,
                           fix="run every node's _backward, y's included: if you run "
                           "reversed(topological_order(self)), make topological_order list the "
                           "root too (last); if you skip the first node, do not. And set "
                           "out._backward in every operation that makes a Value from others."),
             Misconception("every-path", "backward() ran a node once for every path that "
                           "reaches it, each time passing on all the gradient it held: a node "
                           "used twice sent its first share on twice. Each node must run once, "
                           "after every node that uses it.", _EveryPath,
                           fix="run each node's _backward once, in reversed(topological_order("
                           "self)), instead of walking from each node into its inputs."),
             Misconception("visited-when-pushed", VISITED_WHEN_PUSHED_RUN, _VisitedWhenPushed,
                           fix=PRE_ORDER_RUN_FIX),
             Misconception("visited-when-pushed-inputs-reversed", VISITED_WHEN_PUSHED_RUN,
                           _VisitedWhenPushedInputsReversed, fix=PRE_ORDER_RUN_FIX),
             Misconception("reset-first", "A second y.backward() must add its gradients "
                           "to the leaves' .grad, as PyTorch's does: gradients accumulate "
                           "until something clears them (lesson 05), and clearing is the "
                           "caller's job (zero_grad(), lesson 06). Your backward() set the "
                           "gradients to 0 before it started, so the second call replaced "
                           "the first's.", _ResetFirst,
                           fix="remove the loop that zeroes .grad from backward(): set only "
                           "y's own, self.grad = 1.0, as the lesson's backward() does "
                           "(lesson 10)."),
             # (y.grad += 1.0, read from "gradients accumulate": told only "a.grad:
             # expected 2.44, got 3.66" on the case that calls backward() twice)
             Misconception("seed-added", "A second y.backward() added 1 to y.grad, which "
                           "still held the first call's 1: y passed on 2, twice its share, and "
                           "the leaves got one share too many. The seed is d y / d y, 1 at "
                           "every call; the accumulating happens in the _backward functions, "
                           "not in the seed.", _SeedAdded,
                           fix="set y's own gradient to 1.0 (=, not +=) at the start of "
                           "backward()."),
             # (told only "a.grad: expected 0.42, got 0" on the first deeper expression)
             Misconception("inputs-only", "backward() ran y's _backward and then its inputs' "
                           "only, one level down: nodes further from y never passed their "
                           "gradient on, so the leaves of a deeper expression got nothing. "
                           "Every node of y's graph must run, each after all of its users.",
                           _InputsOnly,
                           fix="run the _backward of every node topological_order(self) "
                           "lists, in reverse."),
             Misconception("relu-slope-one-at-zero", "At exactly 0, relu passes no gradient: "
                           "max(x, 0) has a kink there, and PyTorch (like micrograd) takes its "
                           "slope there to be 0, not 1. Your relu passed the gradient on at "
                           "a = 0.", _ReluSlopeOneAtZero,
                           fix="pass the gradient on only where the input is above 0 (> 0, "
                           "not >= 0)."),
             Misconception("rsub-swapped", "0.5 - a is a.__rsub__(0.5): self is a, the "
                           "right operand, and other the number on the left, so the result is "
                           "other - self. Yours computed self - other, the operands swapped.",
                           _RsubSwapped,
                           fix="return other - self, written with your Value's own operations "
                           "(a number minus a Value is -self + other)."),
             Misconception("chain-rule-left-out", "Each operation's own case passes, but in "
                           "longer expressions the gradients are wrong: your _backward added "
                           "only the local derivative to its inputs' .grad, without multiplying "
                           "it by out.grad, the gradient that reached the operation's own "
                           "result. That product is the chain rule. On its own an operation's "
                           "out.grad is y's seed, 1, so the slip shows only where another "
                           "operation comes after it.", _ChainRuleLeftOut,
                           fix="in every _backward, multiply the local derivative by out.grad: "
                           "`self.grad += local * out.grad`."),
             Misconception("one-input-chain-rule-left-out", "Your + and * pass out.grad on, "
                           "but exp, tanh and relu do not: their _backward added only the local "
                           "derivative to the input's .grad, without multiplying it by "
                           "out.grad, the gradient that reached the operation's result. That "
                           "product is the chain rule, and a one-input operation needs it as "
                           "much as a two-input one. On its own an operation's out.grad is y's "
                           "seed, 1, so the slip shows only where another operation comes "
                           "after it.", _OneInputChainRuleLeftOut,
                           fix="in the _backward of exp, tanh and relu, multiply the local "
                           "derivative by out.grad, as your + and * do."),
             Misconception("self-grad-read", SELF_GRAD_READ, _SelfGradRead,
                           fix=SELF_GRAD_READ_FIX),
             Misconception("self-grad-read-for-other", SELF_GRAD_READ, _OthersSelfGradRead,
                           fix=SELF_GRAD_READ_FIX),
             Misconception("self-grad-read-for-other-in-add", SELF_GRAD_READ,
                           _AddOthersSelfGradRead, fix=SELF_GRAD_READ_FIX),
             Misconception("mul-own-value", MUL_OWN_VALUE, _MulOwnValue, fix=MUL_OWN_VALUE_FIX),
             Misconception("mul-selfs-value", MUL_OWN_VALUE, _MulSelfsValue,
                           fix=MUL_OWN_VALUE_FIX),
             Misconception("mul-others-value", MUL_OWN_VALUE, _MulOthersValue,
                           fix=MUL_OWN_VALUE_FIX),
             Misconception("pow-exponent-kept", "The derivative of a ** k is k times a to the "
                           "power one less than k; yours kept the exponent k.",
                           _PowExponentKept,
                           fix="use k * self.data ** (k - 1)."),
             Misconception("pow-factor-left-out", "The derivative of a ** k is k times a "
                           "to the power one less than k (for a ** 2, 2 * a, not a); yours left "
                           "the factor k out.", _PowFactorLeftOut,
                           fix="multiply self.data ** (k - 1) by k."),
             Misconception("exp-of-input", "exp is its own derivative: nudge a, and exp(a) "
                           "moves exp(a) times as much. Yours used the input a instead of the "
                           "output exp(a).", _ExpOfInput,
                           fix="use the result's own value, out.data, as the local derivative."),
             Misconception("exp-slope-one", "exp is its own derivative: nudge a, and exp(a) "
                           "moves exp(a) times as much, not 1 times as much as + does. Yours "
                           "passed the gradient on unchanged.", _ExpSlopeOne,
                           fix="multiply out.grad by the result's own value, out.data."),
             Misconception("relu-value-passed", "relu's local derivative is its slope, 1 "
                           "where a > 0 and 0 elsewhere; yours used its value, max(a, 0), so "
                           "a positive a got a times the gradient instead of all of it.",
                           _ReluValuePassed,
                           fix="give relu's _backward its slope as the local derivative: 1 "
                           "where the input is above 0, else 0."),
             Misconception("tanh-of-input", "tanh's derivative is 1 - tanh(a) ** 2: the "
                           "square of its output t = tanh(a), not of its input a, which yours "
                           "squared.", _TanhOfInput,
                           fix="compute t = math.tanh(self.data) and use 1 - t ** 2 (out.data "
                           "is t too)."),
             Misconception("tanh-not-squared", "tanh's derivative is 1 - tanh(a) ** 2, one "
                           "minus the square of its output t = tanh(a); yours left the square "
                           "out.", _TanhNotSquared, fix="use 1 - t ** 2, not 1 - t."),
             Misconception("quotient-sign", "The derivative of a / b with respect to b has a "
                           "minus sign: a / b shrinks as b grows (for positive a and b), so it "
                           "is -a / b ** 2. Yours had +.", _QuotientSign,
                           fix="give b the share -self.data / other.data ** 2 * out.grad, or "
                           "build / from operations you already have: self * other ** -1."),
         )),
    Task("ex10", "sum_to_size", "a broadcast input's gradient, summed back to its shape",
         _sum_to_size_cases, _sum_to_size_probe, source_rule=_own_source, misconceptions=(
             Misconception("leading-only", "The extra leading dims were summed away, but a dim "
                           "where the input has size 1 was stretched too: a (4, 1) input in a "
                           "(4, 3) result is used 3 times along dim 1, and each use sends back "
                           "a share.", _leading_only, fix=STRETCHED_DIMS_FIX),
             # reshape(shape) put after the leading sum: numpy's "cannot reshape array of size
             # 12 into shape (4,1)" was the whole reply.
             Misconception("leading-only-reshaped", "reshape only rearranges numbers, it "
                           "cannot add them up: after the extra leading dims were summed away, "
                           "a dim where the input has size 1 was still stretched (a (4, 1) "
                           "input in a (4, 3) result is used 3 times along dim 1), and the "
                           "shares of its uses must be summed.", _leading_only_reshaped,
                           fix=STRETCHED_DIMS_FIX),
             # (grad.reshape(shape): numpy's "cannot reshape array of size 12 into shape
             # (3,)" was the whole reply)
             Misconception("reshaped", "reshape only rearranges numbers, it cannot add them "
                           "up: grad holds one share per use of the stretched input, more "
                           "numbers than its shape has room for, and those shares must be "
                           "summed (fan-out, as in Value).", _reshaped,
                           fix="sum grad over the dims broadcasting added in front, then over "
                           "the dims where shape has 1 (keepdims=True)."),
             # (told only "result.shape: expected [3], got [4, 3]")
             Misconception("leading-dims-left", "The dims where the input has size 1 were "
                           "summed, but not the dims grad has in front of shape's: broadcasting "
                           "added those dims, so the input was used once per position along "
                           "each of them, and a (3,) input in a (4, 3) result gets a (3,) "
                           "gradient.", _leading_dims_left,
                           fix="first sum away the first grad.ndim - len(shape) dims."),
             Misconception("size-one-dims-dropped", "The numbers are the right sums, but the "
                           "input's size-1 dims are gone: a gradient has exactly its input's "
                           "shape.", _size_one_dims_dropped,
                           fix="keep the size-1 dims of shape: sum them with keepdims=True and "
                           "do not squeeze them away (or reshape the result to shape)."),
             Misconception("leading-dims-kept", "The numbers are the right sums, but the "
                           "extra leading dims are still there, as 1s: the gradient of a (3,) "
                           "input has shape (3,), not (1, 3).", _leading_dims_kept,
                           fix="sum the extra leading dims away without keepdims (keep only "
                           "shape's own size-1 dims), or reshape the result to shape."),
             Misconception("python-number", "For shape () you returned a Python float: the "
                           "right number, but a gradient is an array of its input's shape, and "
                           "a float has neither shape nor dtype (the engine adds it into a "
                           "tensor's .grad, and reads its .shape).", _python_number,
                           fix="return numpy's own result for shape () too: grad.sum() is a "
                           "0-d numpy value; do not turn it into float(...) or .item()."),
             Misconception("averaged", "A stretched input is used once per position along the "
                           "stretched dim, and the shares of all its uses add up (fan-out, as "
                           "in Value); they are not averaged.", _averaged,
                           fix="sum over the stretched dims instead of taking their mean."),
             Misconception("left-aligned", "Broadcasting lines shapes up from the right: a "
                           "(3,) input in a (4, 3) result is stretched along dim 0, the first "
                           "dim, not the last.", _left_aligned,
                           fix="sum over the first grad.ndim - len(shape) dims (broadcasting "
                           "adds dims in front), then over the size-1 dims of shape, counted "
                           "from the right as well: shape's dim i is grad's dim "
                           "grad.ndim - len(shape) + i."),
         )),
)
