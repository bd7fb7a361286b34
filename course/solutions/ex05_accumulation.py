"""Reference solution: ex05 accumulation."""


def predict_twice():
    return {"x.sum()": True, "(x + 1).sum()": True, "(x * 3).sum()": False,
            "(x ** 2).sum()": False, "x.exp().sum()": False, "(x + x).mean()": True}


def grad_after_n(y, x, n):
    for _ in range(n - 1):
        y.backward(retain_graph=True)
    y.backward()
    return x.grad


def accumulate(w, xs, ys, size):
    n = len(ys)
    for start in range(0, n, size):
        xb, yb = xs[start:start + size], ys[start:start + size]
        loss = ((xb @ w - yb) ** 2).mean() * len(yb) / n  # its share of the full mean
        loss.backward()
