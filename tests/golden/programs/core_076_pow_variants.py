import torch

x = torch.tensor([0.0, 1.0, 2.0, 4.0], requires_grad=True)
for label, fn in [
    ("x ** 2", lambda t: t ** 2),
    ("x ** 0.5", lambda t: t ** 0.5),
    ("x ** 0", lambda t: t ** 0),
    ("x ** 1", lambda t: t ** 1),
    ("x ** -1", lambda t: t ** -1),
    ("x.pow(3)", lambda t: t.pow(3)),
    ("torch.pow(x, 2.5)", lambda t: torch.pow(t, 2.5)),
    ("x ** x", lambda t: t ** t),
    ("2 ** x", lambda t: 2 ** t),
    ("torch.pow(3, x)", lambda t: torch.pow(3, t)),
]:
    out = fn(x)
    (g,) = torch.autograd.grad(out.sum(), x)
    print(label, out.grad_fn.name(), out.detach(), g)
e = torch.tensor([2.0, 3.0], requires_grad=True)
b = torch.tensor([3.0, 2.0], requires_grad=True)
(b ** e).sum().backward()
print(b.grad, e.grad)
print(torch.tensor([2, 3]) ** 2, torch.tensor([2, 3]) ** 0.5)
try:
    torch.tensor([2, 3]) ** -1
except RuntimeError as e:
    print(type(e).__name__, e)
