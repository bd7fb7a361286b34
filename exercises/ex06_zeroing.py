"""Exercise 06: zeroing gradients (lesson notebooks/06_zeroing.ipynb)."""

import minigrad as torch  # noqa: F401 - you will need it


def train(w, b, batches, lr, every):
    """Train the linear model pred = x @ w + b with the mean-squared-error loss
    ((pred - y) ** 2).mean(): one step per (x, y) in batches, a list of tensor pairs.
    w and b are leaves that require grad, with no gradient yet (.grad is None).

    Each step computes its batch's loss and calls backward() on it. Then:
    - w is updated at every step, with that step's gradient only;
    - b is updated only after steps every, 2 * every, 3 * every, ... (counting from 1), with
      the sum of its gradients over the steps since its last update (since the start, for the
      first update). Steps after the last full window of `every` steps do not update b.
    Update in place under torch.no_grad(), `w -= lr * w.grad` and `b -= lr * b.grad`, so that
    w and b stay the same leaf tensors. Return nothing.

    Hint: .grad adds up until you clear it. Which gradient must you clear, and when?

    >>> w = torch.zeros(3, requires_grad=True)
    >>> b = torch.tensor(0.0, requires_grad=True)
    >>> batches = [(torch.ones(2, 3), torch.ones(2))] * 3
    >>> train(w, b, batches, lr=0.1, every=2)
    >>> w, b
    (tensor([0.2560, 0.2560, 0.2560], requires_grad=True), tensor(0.2800, requires_grad=True))
    """
    raise NotImplementedError


def zero_grads(params, set_to_none=True):
    """Reset the gradients of the tensors in params the way
    optimizer.zero_grad(set_to_none) does. Return nothing.

    - set_to_none=True (the default): each .grad becomes None.
    - set_to_none=False: each existing gradient is filled with zeros in place, so p.grad
      stays the very tensor it was before the call.
    A tensor whose .grad is None (no backward() has reached it) keeps None either way.

    >>> p = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> (p * p).sum().backward()
    >>> g = p.grad
    >>> zero_grads([p], set_to_none=False)
    >>> p.grad, p.grad is g
    (tensor([0., 0.]), True)
    """
    raise NotImplementedError
