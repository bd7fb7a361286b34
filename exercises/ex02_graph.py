"""Exercise 02: the graph behind a result (lesson notebooks/02_graph.ipynb).

Every result of an operation on tensors that require grad has a `grad_fn` node; each node's
`next_functions` is a tuple of `(node, index)` pairs (node may be None) leading towards the
inputs. Leaves that require grad end in an `AccumulateGrad` node whose `.variable` is the leaf.
"""

import minigrad as torch  # noqa: F401 - the examples use it


def predict_grad_fn():
    """Predict, without running it, `t.grad_fn.name()` for each tensor t of this program, or
    None where t.grad_fn is None:

        a = torch.tensor([1.0, 2.0], requires_grad=True)
        b = torch.tensor([3.0, 4.0])
        c = a * b
        d = c.exp()
        e = d.sum()
        f = b * 2

    Return a dict from each name to a string or None, e.g. {"a": ..., "b": ..., ...,
    "f": ...}. Decide first, then check your answer by running the program in a notebook cell.
    """
    raise NotImplementedError


def grad_fn_names(y):
    """Return `node.name()` of every node reachable from `y.grad_fn`, breadth-first.

    Start with y.grad_fn, then visit next_functions in order (a queue), skipping None. A node
    reached along two paths appears once, where it is first reached (compare nodes by
    identity, e.g. with id(node)). AccumulateGrad nodes are included (their name() is
    'torch::autograd::AccumulateGrad' in PyTorch, 'minigrad::autograd::AccumulateGrad' here).

    >>> a = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> names = grad_fn_names((a * 2).sum())
    >>> names[:2], names[2].endswith("AccumulateGrad")
    (['SumBackward0', 'MulBackward0'], True)
    """
    raise NotImplementedError


def leaves(y):
    """Return the leaf tensors `y` depends on that require grad, as a list of the tensors
    themselves (each once), in the breadth-first order of their AccumulateGrad nodes.

    >>> a = torch.tensor([1.0], requires_grad=True)
    >>> b = torch.tensor([2.0], requires_grad=True)
    >>> [t is a for t in leaves((a * b).sum())]
    [True, False]
    """
    raise NotImplementedError
