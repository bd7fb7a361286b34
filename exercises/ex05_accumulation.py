"""Exercise 05: gradients accumulate (lesson notebooks/05_accumulation.ipynb)."""

import minigrad as torch  # noqa: F401 - the examples use it


def grad_after_n(x, n):
    """Build y = (x ** 3).sum() once, call backward on it n times, and return x.grad.

    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> grad_after_n(x, 2)
    tensor([ 6., 24.])
    """
    raise NotImplementedError


def accumulate(w, xs, ys, k):
    """Split the batch (xs, ys) into k equal consecutive micro-batches and call backward once
    per micro-batch so that afterwards w.grad equals the gradient of the full-batch loss
    ((xs @ w - ys) ** 2).mean(). w.grad is None when called. Return nothing.
    """
    raise NotImplementedError
