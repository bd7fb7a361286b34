"""Reference solution: ex04 .grad."""

import minigrad as torch


def predict_grads():
    return {"x": None, "w": [5.0, 4.0], "b": None, "h": [5.0, 2.0], "loss": None}


def layer_grad_norms(x, weights):
    h, outputs = x, []
    for w in weights:
        h = torch.tanh(h @ w)
        h.retain_grad()
        outputs.append(h)
    (h * h).sum().backward()
    return [h.grad.norm().item() for h in outputs]


def mse_grads(w, b, x, y):
    loss = ((x @ w + b - y) ** 2).mean()
    loss.backward()
