"""Exercise 01: tensors that require grad (lesson notebooks/01_requires_grad.ipynb).

Replace each `raise NotImplementedError` with your code, then run `course check ex01`.
"""

import minigrad as torch  # noqa: F401 - you will need it


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
