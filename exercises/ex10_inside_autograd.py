"""Exercise 10: build the engine (lesson notebooks/10_inside_autograd.ipynb).

No minigrad here: a reverse-mode autograd engine for Python floats, your own. It is checked
against minigrad's gradients on each operation alone, on random expressions, on a value used
twice (fan-out), on a subexpression shared at two depths and on a chain of 10,000 steps.
Last, sum_to_size: what a tensor engine adds, for inputs that broadcasting stretched.

Import math and numpy (collections, itertools and functools are fine too), not minigrad, sys
or os: the check reads this file, and its tasks score 0 if it imports another. It runs where
there is no minigrad at all: compare your answers with minigrad's in a notebook cell.
"""

import math  # noqa: F401 - for exp and tanh

import numpy as np  # noqa: F401 - sum_to_size's arrays are numpy's


def topological_order(root):
    """Return every node of root's graph once, each after all of its inputs (`node._prev`),
    so the root comes last.

    Do it without recursion: a chain of 10,000 steps must work, and Python stops nested calls
    at about 1,000. Keep a stack of your own; remember the visited nodes by id(node). Use only
    `node._prev`: the check runs it on graphs of plain nodes, which have `data` and `_prev`.

    >>> a = Value(2.0)
    >>> b = a * a
    >>> [node.data for node in topological_order(b + a)]
    [2.0, 4.0, 6.0]
    """
    raise NotImplementedError


class Value:
    """A number that remembers how it was computed, as in the lesson.

    `_prev` holds the Values it was computed from, and `_backward` (once an operation sets it)
    adds this node's share of the gradient into their `.grad`: `out.grad` times the local
    derivative, with `+=`. Write the operations below, each returning a new Value; a plain
    number as `other` becomes `Value(other)`. Then `backward()`: seed `self.grad = 1.0` and
    run every node's `_backward`, from the root back to the leaves. Leave the other nodes'
    `.grad` as they are: gradients accumulate (lesson 05), so a second `y.backward()` on
    `y = a * b` adds to `a.grad` and `b.grad`, as PyTorch's does; clearing them is the
    caller's job. (Unlike PyTorch, a Value between y and the leaves keeps its `.grad` too,
    as micrograd's does, and a second call passes it on again: after one call it is
    d y / d node, and the check reads it.)

    >>> a, b = Value(1.5), Value(-0.5)
    >>> y = (a * b + a).tanh()
    >>> y.backward()
    >>> round(y.data, 4), round(a.grad, 4), round(b.grad, 4)
    (0.6351, 0.2983, 0.8949)
    >>> a, b = Value(2.0), Value(-3.0)
    >>> y = (1 - a / 4) ** 2 + (-b).exp() - b.relu()
    >>> y.backward()
    >>> round(y.data, 4), round(a.grad, 4), round(b.grad, 4)
    (20.3355, -0.25, -20.0855)
    >>> a = Value(3.0)
    >>> y = a * a
    >>> y.backward()
    >>> y.backward()
    >>> a.grad
    12.0
    """

    def __init__(self, data, _prev=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(_prev)  # the Values this one was computed from
        self._op = _op  # for printing: "+", "*", "tanh", ...
        self._backward = lambda: None  # a leaf has nothing to pass on

    def __repr__(self):
        return f"Value(data={self.data:.4g}, grad={self.grad:.4g})"

    def __add__(self, other):
        raise NotImplementedError

    def __mul__(self, other):
        raise NotImplementedError

    def __pow__(self, k):
        """self ** k for a plain number k."""
        raise NotImplementedError

    def exp(self):
        raise NotImplementedError

    def tanh(self):
        raise NotImplementedError

    def relu(self):
        """max(self, 0), whose gradient at exactly 0 is 0 (as PyTorch's)."""
        raise NotImplementedError

    def __neg__(self):  # -self
        raise NotImplementedError

    def __sub__(self, other):  # self - other
        raise NotImplementedError

    def __truediv__(self, other):  # self / other
        raise NotImplementedError

    def __radd__(self, other):  # other + self, when other is a plain number
        raise NotImplementedError

    def __rsub__(self, other):  # other - self
        raise NotImplementedError

    def __rmul__(self, other):  # other * self
        raise NotImplementedError

    def backward(self):
        raise NotImplementedError


def sum_to_size(grad, shape):
    """The step from your Value to tensors: a numpy array `grad`, the gradient of a result,
    summed back to `shape`, the shape of an input that broadcasting stretched to make that
    result. Return a numpy array of exactly `shape`. Write it with numpy (the arrays' own
    `.sum`): minigrad's `sum_to_size` is no answer here.

    Broadcasting lines shapes up from the right. An input of shape (3,) added to a (4, 3)
    tensor is used once per row: 4 uses, whose gradients add up (fan-out, as in Value). An
    input of shape (4, 1) is used once per column. So: sum away the dims grad has in front
    of shape's, and sum (keeping them, as size 1) the dims where shape has 1 and grad does not.
    A shape of () is a number broadcast everywhere: its gradient is the sum of all of grad,
    as numpy gives it (a 0-d value with a shape and a dtype), not a Python float: a gradient
    is an array of its input's shape.
    Your engine's + did this for one number; minigrad's `reduce_grad` (minigrad/ops/op.py)
    does it for every op's every input.

    >>> grad = np.arange(12.0).reshape(4, 3)
    >>> sum_to_size(grad, (3,))
    array([18., 22., 26.])
    >>> sum_to_size(grad, (4, 1)).shape
    (4, 1)
    """
    raise NotImplementedError
