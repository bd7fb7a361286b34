"""Reference solution: ex04 .grad."""

import minigrad as torch


def predict_grads():
    return {"x": None, "w": [5.0, 4.0], "b": None, "h": [5.0, 2.0], "loss": None}


def hidden_grad(x, w):
    h = torch.tanh(x @ w)
    h.retain_grad()
    loss = (h * h).sum() + h.sum()
    loss.backward()
    return h.grad


def mse_grads(w, b, x, y):
    loss = ((x @ w + b - y) ** 2).mean()
    loss.backward()
