"""Reference solution: ex07 no_grad."""

import minigrad as torch


def predict(w, b, x):
    with torch.no_grad():
        return torch.sigmoid(x @ w + b)


def sgd_step(params, lr):
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad
