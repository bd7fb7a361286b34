"""Exercise 05: gradients accumulate (lesson notebooks/05_accumulation.ipynb)."""

import minigrad as torch  # noqa: F401 - the examples use it


def predict_twice():
    """Predict, for each graph below, whether a second backward() without retain_graph
    runs (True) or raises a RuntimeError (False):

        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = <one of the expressions>
        y.backward()
        y.backward()        # runs, or raises?

    The expressions: "x.sum()", "(x + 1).sum()", "(x * 3).sum()", "(x ** 2).sum()",
    "x.exp().sum()", "(x + x).mean()". Return a dict from each expression (the string as
    written here) to True or False. Hint: ask what each node had to save for its backward.
    Decide first, then check your answer by running the graphs in a notebook cell.
    """
    raise NotImplementedError


def grad_after_n(y, x, n):
    """Call backward on the scalar y n times (n >= 2) and return x.grad.

    y was computed from x before the call, by an expression you are not told (for example
    (x ** 3).sum()). x.grad may already hold a gradient from earlier work: keep it, the way
    backward() does.

    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> grad_after_n((x ** 3).sum(), x, 2)
    tensor([ 6., 24.])
    """
    raise NotImplementedError


def accumulate(w, xs, ys, size):
    """Split the batch (xs, ys) into consecutive micro-batches of `size` samples, the last
    holding what is left (it may be smaller), and call backward once per micro-batch so that
    afterwards w.grad equals the gradient of the full-batch loss ((xs @ w - ys) ** 2).mean().
    w.grad is None when called. Return nothing.

    The lesson's micro-batches were all the same size; this last one may not be. What does
    one micro-batch's mean stand for in the full batch's mean?
    """
    raise NotImplementedError
