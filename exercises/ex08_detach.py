"""Exercise 08: detach() cuts the graph (lesson notebooks/08_detach.ipynb)."""

import minigrad as torch  # noqa: F401 - you will need it


def to_numpy(t):
    """Return the values of t (a tensor that requires grad) as a numpy array."""
    raise NotImplementedError


def straight_through_round(x):
    """Return a tensor whose values are torch.round(x) but whose gradient with respect to x is
    as if the function were the identity (the straight-through estimator).

    >>> x = torch.tensor([0.2, 1.7], requires_grad=True)
    >>> y = straight_through_round(x)
    >>> y.sum().backward()
    >>> y.detach(), x.grad
    (tensor([0., 2.]), tensor([1., 1.]))
    """
    raise NotImplementedError


def td_grad(w, x, x_next, r, gamma):
    """A temporal-difference loss: q = x @ w, target = r + gamma * (x_next @ w) and
    loss = ((q - target) ** 2).mean(), where the target is treated as a constant (no gradient
    flows through it). Call backward and return w.grad.
    """
    raise NotImplementedError
