import torch

x = torch.arange(6.0, requires_grad=True)
for label, out in [
    ("view(2, 3)", x.view(2, 3)),
    ("view(-1, 2)", x.view(-1, 2)),
    ("reshape(3, 2)", x.reshape(3, 2)),
    ("reshape((2, -1))", x.reshape((2, -1))),
    ("torch.reshape(x, (6, 1))", torch.reshape(x, (6, 1))),
    ("view(6)", x.view(6)),
]:
    w = torch.arange(out.numel(), dtype=torch.float32).reshape(out.shape)
    (g,) = torch.autograd.grad(out, x, w)
    print(label, "->", out.grad_fn.name(), tuple(out.shape))
    print(out)
    print(g)
try:
    x.view(4, 2)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    x.reshape(-1, -1)
except RuntimeError as e:
    print(type(e).__name__, e)
