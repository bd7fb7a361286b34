"""Exercise 09: the training loop (lesson notebooks/09_training_loop.ipynb)."""

import minigrad as torch  # noqa: F401 - you will need it
from minigrad import nn, optim  # noqa: F401


def training_step(model, loss_fn, optimizer, x, y):
    """Do one complete optimization step of model on the batch (x, y) and return the loss
    (computed before the update) as a Python float.
    """
    raise NotImplementedError


def train_mlp(x, y):
    """Train and return a classifier (an nn.Module) for 2-d points x (float32, shape (n, 2))
    with labels y (int64 in {0, 1, 2}). The model maps (m, 2) inputs to (m, 3) logits and
    must reach at least 90% accuracy on held-out points from the same distribution.
    Hint: nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 3)), nn.CrossEntropyLoss,
    optim.Adam(lr=0.05), about 100 full-batch steps.
    """
    raise NotImplementedError
