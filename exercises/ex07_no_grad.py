"""Exercise 07: computing without a graph (lesson notebooks/07_no_grad.ipynb)."""

import minigrad as torch  # noqa: F401 - you will need it


def predict_modes():
    """Predict, without running it, requires_grad and is_leaf of a, b, c, d and e:

        w = torch.tensor([1.0, 2.0], requires_grad=True)
        with torch.no_grad():
            a = w * 2
            with torch.enable_grad():
                b = w * 2
        c = a * w
        with torch.inference_mode():
            d = w * 2

        @torch.no_grad()
        def double(t):
            return t * 2

        e = double(w)

    Return a dict from each name to a tuple (requires_grad, is_leaf), e.g.
    {"a": (..., ...), ..., "e": (..., ...)}. Decide first, then run the program to check.
    """
    raise NotImplementedError


def sgd_step(params, lr):
    """One step of plain gradient descent on every tensor in params: p <- p - lr * p.grad.

    Each p is a leaf that requires grad and already has a .grad. Update the tensors in place so
    that they stay the same leaf tensors (what an optimizer does). Return nothing.
    """
    raise NotImplementedError


def clip_grad_norm(params, max_norm):
    """Gradient clipping, as torch.nn.utils.clip_grad_norm_ does it: if the total norm of
    all gradients together (the square root of the sum of every gradient element squared)
    exceeds max_norm, scale every gradient by the same factor so that the total becomes
    max_norm; otherwise leave them alone. Parameters whose .grad is None are skipped.
    Return the total norm from before clipping, as a Python float.

    >>> p = torch.zeros(2, requires_grad=True)
    >>> p.grad = torch.tensor([3.0, 4.0])
    >>> clip_grad_norm([p], 1.0)
    5.0
    >>> p.grad
    tensor([0.6000, 0.8000])
    """
    raise NotImplementedError
