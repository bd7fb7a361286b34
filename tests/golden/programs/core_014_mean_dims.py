import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
for label, out in [
    ("mean()", x.mean()),
    ("mean(0)", x.mean(0)),
    ("mean(dim=1)", x.mean(dim=1)),
    ("mean(-1, keepdim=True)", x.mean(-1, keepdim=True)),
    ("mean((0, 1))", x.mean((0, 1))),
    ("torch.mean(x, dim=0, keepdim=True)", torch.mean(x, dim=0, keepdim=True)),
]:
    (g,) = torch.autograd.grad(out.sum(), x)
    print(label, "->", out.grad_fn.name(), out)
    print(g)
try:
    torch.tensor([1, 2, 3]).mean()
except RuntimeError as e:
    print(type(e).__name__, e)
print(torch.tensor([1, 2], dtype=torch.float64).mean())
