"""Exercise 09: the training loop (lesson notebooks/09_training_loop.ipynb)."""

import minigrad as torch  # noqa: F401 - you will need it
from minigrad import nn, optim  # noqa: F401


def training_step(model, loss_fn, optimizer, x, y):
    """Do one complete optimization step of model on the batch (x, y) and return the loss
    (computed before the update) as a Python float.
    """
    raise NotImplementedError


def fit(model, loss_fn, optimizer, batches, epochs):
    """Train model for `epochs` passes over `batches` (a list of (x, y) pairs) and return the
    history: one Python float per epoch, the mean of that epoch's batch losses.

    This is how a colleague wrote it. It runs, but they report that the model trains worse
    the more batches an epoch has, and that memory grows during every epoch. Find out why,
    and write the fixed loop here:

        def fit(model, loss_fn, optimizer, batches, epochs):
            history = []
            for epoch in range(epochs):
                total = 0
                for x, y in batches:
                    loss = loss_fn(model(x), y)
                    loss.backward()
                    optimizer.step()
                    total += loss
                history.append(total / len(batches))
            return history
    """
    raise NotImplementedError


def train_mlp(x, y):
    """Train and return a classifier for points in the plane.

    x: float32, shape (n, 2), the points; y: int64, shape (n,), their labels in {0, 1, 2}.
    The points lie on three interleaved spiral arms, one per label.

    Return an nn.Sequential built only from nn.Linear layers and the activations nn.ReLU,
    nn.LeakyReLU, nn.Tanh, nn.Sigmoid, nn.GELU, nn.SiLU (nn.Dropout is allowed too). It maps
    (m, 2) inputs to (m, 3) logits, one per label. The grader rebuilds this model from its
    layers and weights and measures its accuracy on held-out points from the same spirals,
    which your code never sees: it needs at least 95%. A model of your own class (your own
    forward) cannot be rebuilt and scores 0.

    The grader stops a task after 10 s: training should take a few seconds on your machine.
    Choose the model, the optimizer and how long to train.
    """
    raise NotImplementedError
