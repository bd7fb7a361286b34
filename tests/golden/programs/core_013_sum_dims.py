import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
for label, out in [
    ("sum()", x.sum()),
    ("sum(0)", x.sum(0)),
    ("sum(dim=1)", x.sum(dim=1)),
    ("sum(-1, keepdim=True)", x.sum(-1, keepdim=True)),
    ("sum((0, 1))", x.sum((0, 1))),
    ("sum(dim=(0, 1), keepdim=True)", x.sum(dim=(0, 1), keepdim=True)),
    ("torch.sum(x, 0, True)", torch.sum(x, 0, True)),
]:
    w = torch.arange(out.numel(), dtype=torch.float32).reshape(out.shape) + 1
    (g,) = torch.autograd.grad(out, x, w)
    print(label, "->", out.grad_fn.name(), tuple(out.shape), out)
    print(g)
i = torch.tensor([[1, 2], [3, 4]])
print(i.sum(), i.sum(0), i.sum().dtype)
b = torch.tensor([True, True, False])
print(b.sum())
try:
    x.sum(2)
except IndexError as e:
    print(type(e).__name__, e)
