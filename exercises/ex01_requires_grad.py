"""Exercise 01: tensors that require grad (lesson notebooks/01_requires_grad.ipynb).

Replace each `raise NotImplementedError` with your code, then run `course check ex01`.
"""

import minigrad as torch  # noqa: F401 - you will need it


def predict_flags():
    """Predict, without running it, what this program gives for each tensor:

        w = torch.tensor([0.5, -1.0], requires_grad=True)
        a = torch.tensor([1.0, 2.0])
        y = w * a
        z = a * 2
        m = w > 0
        s = y.sum()

    Return a dict from each name to a tuple (requires_grad, is_leaf), for example
    {"w": (True, True), "a": (..., ...), ...} with all six names. Decide first, then check
    your answer by running the program in a notebook cell.
    """
    raise NotImplementedError


def make_trainable(values):
    """Return a float32 leaf tensor holding `values` (a list of ints) that requires grad.

    >>> t = make_trainable([1, 2, 3])
    >>> t
    tensor([1., 2., 3.], requires_grad=True)
    >>> t.dtype == torch.float32, t.is_leaf
    (True, True)
    """
    raise NotImplementedError


def freeze(params):
    """Switch off gradient tracking for every tensor in the list `params`, in place.

    The caller (think: a model) keeps using the same tensor objects, so change them rather
    than replacing them. Return nothing.

    >>> w = torch.ones(2, requires_grad=True)
    >>> freeze([w])
    >>> w.requires_grad
    False
    """
    raise NotImplementedError
