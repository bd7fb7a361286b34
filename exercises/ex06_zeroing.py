"""Exercise 06: zeroing gradients (lesson notebooks/06_zeroing.ipynb)."""

import minigrad as torch  # noqa: F401 - you will need it


def train(w, xs, ys, lr, steps):
    """Fix this gradient-descent loop on w (a leaf that requires grad); it trains badly:

        for _ in range(steps):
            loss = ((xs @ w - ys) ** 2).mean()
            loss.backward()
            with torch.no_grad():
                w -= lr * w.grad

    Keep the updates in place (w must stay the same leaf tensor). Return nothing.
    """
    raise NotImplementedError


def zero_grads(params):
    """Reset the gradients of all tensors in params the way optimizer.zero_grad() does by
    default (set_to_none=True). Some may have no gradient yet. Return nothing.
    """
    raise NotImplementedError
