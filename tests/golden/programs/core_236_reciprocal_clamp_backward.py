import torch
from _golden import chain, exact

# 1 / x (x.reciprocal()) has gradient -grad * (r * r), the square first, as PyTorch rounds it
# (minigrad computed (-grad * r) * r: the last bit differed for about a third of float32
# values, in every sigmoid written by hand as 1 / (1 + exp(-x))); under create_graph that
# order is the graph's too. clamp's gradient is picked with where(inside, grad, 0):
# WhereBackward0 under create_graph, a bound itself counting as inside. (x ** -1's gradient
# is -1 * x ** -2, and PyTorch computes x ** -2 as 1 / (x * x), x ** 3 as x * x * x.)
torch.manual_seed(0)
for dtype in (torch.float32, torch.float64):
    x = torch.randn(12, dtype=dtype, requires_grad=True)
    w = torch.randn(12, dtype=dtype)
    for name, f in (("1 / x", lambda a: 1 / a), ("reciprocal", torch.reciprocal),
                    ("2.5 / x", lambda a: 2.5 / a), ("x ** -1", lambda a: a ** -1)):
        (g,) = torch.autograd.grad((f(x) * w).sum(), x)
        print(dtype, name, exact(g))
    # x ** 3 and x ** -2 as PyTorch's kernel computes them: x * x * x and 1 / (x * x)
    print(dtype, exact(x ** 3), exact(x ** -2), exact(torch.pow(x, 3.0)))
    (g,) = torch.autograd.grad((x ** 3 * w).sum(), x)
    print(dtype, "x ** 3", exact(g))

x = torch.tensor([0.5, -1.25, 2.0, -0.75], requires_grad=True)
for name, f in (("1 / x", lambda a: 1 / a), ("reciprocal", torch.reciprocal)):
    (g,) = torch.autograd.grad((f(x) * x).sum(), x, create_graph=True)
    print(name, chain(g, 3), exact(g))
    (h,) = torch.autograd.grad((g * g).sum(), x)
    print(" second", exact(h))

x = torch.tensor([-1.0, 0.0, 0.5, 1.0, 2.0], requires_grad=True)
for name, f in (("min", lambda a: a.clamp(min=0.0)), ("max", lambda a: a.clamp(max=1.0)),
                ("both", lambda a: a.clamp(0.0, 1.0)), ("clip", lambda a: torch.clip(a, -0.5, 1))):
    (g,) = torch.autograd.grad((f(x) * x).sum(), x, create_graph=True)
    print(name, chain(g, 3), exact(g))
    (h,) = torch.autograd.grad((g * g * x).sum(), x)
    print(" second", exact(h))
