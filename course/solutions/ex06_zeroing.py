"""Reference solution: ex06 zeroing."""

import minigrad as torch


def train(w, xs, ys, lr, steps):
    for _ in range(steps):
        w.grad = None
        loss = ((xs @ w - ys) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad


def zero_grads(params):
    for p in params:
        p.grad = None
