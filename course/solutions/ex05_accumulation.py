"""Reference solution: ex05 accumulation."""


def predict_twice():
    return {"x.sum()": True, "(x + 1).sum()": True, "(x * 3).sum()": False,
            "(x ** 2).sum()": False, "x.exp().sum()": False, "(x + x).mean()": True}


def grad_after_n(y, x, n):
    for _ in range(n - 1):
        y.backward(retain_graph=True)
    y.backward()
    return x.grad


def accumulate(w, xs, ys, k):
    m = xs.shape[0] // k
    for i in range(k):
        xb, yb = xs[i * m:(i + 1) * m], ys[i * m:(i + 1) * m]
        loss = ((xb @ w - yb) ** 2).mean() / k
        loss.backward()
