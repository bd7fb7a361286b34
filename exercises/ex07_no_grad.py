"""Exercise 07: computing without a graph (lesson notebooks/07_no_grad.ipynb)."""

import minigrad as torch  # noqa: F401 - you will need it


def predict(w, b, x):
    """Return torch.sigmoid(x @ w + b) without building a graph: the result must not require
    grad and must have no grad_fn, although w and b require grad.
    """
    raise NotImplementedError


def sgd_step(params, lr):
    """One step of plain gradient descent on every tensor in params: p <- p - lr * p.grad.

    Each p is a leaf that requires grad and already has a .grad. Update the tensors in place so
    that they stay the same leaf tensors (what an optimizer does). Return nothing.
    """
    raise NotImplementedError
