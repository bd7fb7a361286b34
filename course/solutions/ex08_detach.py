"""Reference solution: ex08 detach."""

import minigrad as torch


def to_numpy(t):
    return t.detach().numpy()


def straight_through_sign(x):
    clipped = torch.clamp(x, -1.0, 1.0)
    return clipped + (torch.sign(x) - clipped).detach()


def td_grad(w, x, x_next, r, gamma):
    q = x @ w
    target = r + gamma * (x_next @ w)
    loss = ((q - target.detach()) ** 2).mean()
    loss.backward()
    return w.grad
