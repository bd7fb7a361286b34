"""Reference solution: ex07 no_grad."""

import minigrad as torch


def predict_modes():
    return {"a": (False, True), "b": (True, False), "c": (True, False), "d": (False, True),
            "e": (False, True)}


def sgd_step(params, lr):
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad


def clip_grad_norm(params, max_norm):
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.sqrt(sum((g**2).sum() for g in grads)).item()
    if total > max_norm:
        with torch.no_grad():
            for g in grads:
                g *= max_norm / total
    return total
