import torch

x = torch.tensor([1.0, 2.0, 4.0], requires_grad=True)
for label, out in [
    ("2 + x", 2 + x),
    ("2 - x", 2 - x),
    ("2 * x", 2 * x),
    ("2 / x", 2 / x),
    ("2 ** x", 2 ** x),
    ("1.5 - x", 1.5 - x),
]:
    print(label, "->", out.grad_fn.name(), out)
    (g,) = torch.autograd.grad(out.sum(), x)
    print("  grad", g)
i = torch.tensor([1, 2])
print(3 - i, 3 * i, 2 ** i, 1 / i)
print(1.5 + i, 2.5 * i)
