import torch

x = torch.arange(12.0).reshape(3, 4).requires_grad_()
for label, out in [
    ("x[0]", x[0]),
    ("x[-1]", x[-1]),
    ("x[1, 2]", x[1, 2]),
    ("x[1:3]", x[1:3]),
    ("x[:, 1]", x[:, 1]),
    ("x[:, ::2]", x[:, ::2]),
    ("x[..., -1]", x[..., -1]),
    ("x[None]", x[None]),
    ("x[:, None, 1]", x[:, None, 1]),
    ("x[0][1:]", x[0][1:]),
]:
    (g,) = torch.autograd.grad(out.sum(), x)
    print(label, "->", out.grad_fn.name(), tuple(out.shape))
    print(out)
    print(g)
try:
    x[3]
except IndexError as e:
    print(type(e).__name__, e)
try:
    x[0, 0, 0]
except IndexError as e:
    print(type(e).__name__, e)
print(x[0, 1].item())
