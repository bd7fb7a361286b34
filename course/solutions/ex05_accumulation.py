"""Reference solution: ex05 accumulation."""


def grad_after_n(x, n):
    y = (x**3).sum()
    for _ in range(n):
        y.backward(retain_graph=True)
    return x.grad


def accumulate(w, xs, ys, k):
    m = xs.shape[0] // k
    for i in range(k):
        xb, yb = xs[i * m:(i + 1) * m], ys[i * m:(i + 1) * m]
        loss = ((xb @ w - yb) ** 2).mean() / k
        loss.backward()
