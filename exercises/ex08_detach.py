"""Exercise 08: detach() cuts the graph (lesson notebooks/08_detach.ipynb).

The lesson's rule holds in every task: cut with detach(), never with .data (the check notes it).
"""

import minigrad as torch  # noqa: F401 - you will need it


def to_numpy(t):
    """Return the values of t (a tensor that requires grad) as a numpy array, leaving t as it
    was: the caller may still compute from t and backpropagate through it."""
    raise NotImplementedError


def straight_through_sign(x):
    """Return a tensor whose values are torch.sign(x) (x has no zeros) and whose gradient with
    respect to x is 1 where -1 <= x <= 1 and 0 elsewhere: the "clipped" straight-through
    estimator that trains networks with +1/-1 weights. Lesson 08's estimator passes a gradient
    of 1 everywhere; which function of x has exactly this gradient?

    >>> x = torch.tensor([-1.5, -0.25, 0.5, 2.0], requires_grad=True)
    >>> y = straight_through_sign(x)
    >>> y.sum().backward()
    >>> y.detach(), x.grad
    (tensor([-1., -1.,  1.,  1.]), tensor([0., 1., 1., 0.]))
    """
    raise NotImplementedError


def td_grad(w, x, x_next, r, gamma):
    """A temporal-difference loss: q = x @ w, target = r + gamma * (x_next @ w) and
    loss = ((q - target) ** 2).mean(), where the target is treated as a constant (no gradient
    flows through it). Call backward and return w.grad.
    """
    raise NotImplementedError
