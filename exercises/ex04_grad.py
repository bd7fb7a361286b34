"""Exercise 04: where gradients land (lesson notebooks/04_grad.ipynb)."""

import minigrad as torch  # noqa: F401 - you will need it


def predict_grads():
    """Predict, without running it, the .grad of each tensor after this program:

        x = torch.tensor([1.0, 2.0])
        w = torch.tensor([0.5, -0.5], requires_grad=True)
        b = torch.tensor([1.0, 1.0], requires_grad=True) * 2
        h = x * w + b
        h.retain_grad()
        loss = (h * h).sum()
        loss.backward()

    Return a dict from each of the names "x", "w", "b", "h", "loss" to its .grad after
    backward(): None if it has none, otherwise its values as a list of floats
    (e.g. [1.0, -2.0]; a single number, 1.0, for a tensor of no dimensions). Work the
    numbers out by hand with the chain rule, then check your answer by running the program
    in a notebook cell.
    """
    raise NotImplementedError


def layer_grad_norms(x, weights):
    """A deep tanh network: start from h = x, then for each W in weights, h = torch.tanh(h @ W);
    the loss is (h * h).sum() of the last h. Call backward() once, then return the norm of the
    gradient of the loss with respect to each layer's output h (the gradient's .norm(), as
    a Python float), first layer first: a list with one float per weight matrix.

    This is how a vanishing gradient is diagnosed: you will see the norms shrink as they travel
    back toward the first layer. The weights require grad; x does not. Each h is a new tensor
    made by the loop, and none of them is a leaf.
    """
    raise NotImplementedError


def mse_grads(w, b, x, y):
    """Compute the mean squared error loss ((x @ w + b - y) ** 2).mean() and call backward,
    so that the gradients end up in w.grad and b.grad. x and y are data: x.grad stays None.
    Return nothing.
    """
    raise NotImplementedError
