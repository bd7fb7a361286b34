"""Exercise 04: where gradients land (lesson notebooks/04_grad.ipynb)."""

import minigrad as torch  # noqa: F401 - you will need it


def hidden_grad(x, w):
    """With h = torch.tanh(x @ w) and loss = (h * h).sum() + h.sum(), return the gradient of
    loss with respect to h, as autograd computes it during loss.backward().

    w requires grad; x does not. h is not a leaf: its .grad is only kept if you ask for it.
    """
    raise NotImplementedError


def mse_grads(w, b, x, y):
    """Compute the mean squared error loss ((x @ w + b - y) ** 2).mean() and call backward,
    so that the gradients end up in w.grad and b.grad. x and y are data: x.grad stays None.
    Return nothing.
    """
    raise NotImplementedError
