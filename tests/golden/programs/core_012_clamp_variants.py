import torch

x = torch.tensor([-2.0, -1.0, 0.0, 0.5, 1.0, 3.0], requires_grad=True)
for label, out in [
    ("clamp(-1, 1)", x.clamp(-1, 1)),
    ("clamp(min=-1, max=1)", x.clamp(min=-1, max=1)),
    ("clamp(min=0)", x.clamp(min=0)),
    ("clamp(max=0.5)", x.clamp(max=0.5)),
    ("torch.clamp(x, 0, 1)", torch.clamp(x, 0, 1)),
    ("torch.clamp(x, min=0.0)", torch.clamp(x, min=0.0)),
    ("torch.clamp(x, max=1)", torch.clamp(x, max=1)),
]:
    (g,) = torch.autograd.grad(out.sum(), x)
    print(label, "->", out.grad_fn.name(), out.detach(), g)
try:
    x.clamp()
except RuntimeError as e:
    print(type(e).__name__, e)
i = torch.tensor([-3, 0, 5])
print(i.clamp(-1, 1), i.clamp(min=0.5))
