import torch

x = torch.arange(6.0).reshape(1, 2, 1, 3).requires_grad_()
for label, out in [
    ("squeeze()", x.squeeze()),
    ("squeeze(0)", x.squeeze(0)),
    ("squeeze(2)", x.squeeze(2)),
    ("squeeze(1)", x.squeeze(1)),
    ("squeeze((0, 2))", x.squeeze((0, 2))),
    ("unsqueeze(0)", x.unsqueeze(0)),
    ("unsqueeze(-1)", x.unsqueeze(-1)),
    ("flatten()", x.flatten()),
    ("flatten(1)", x.flatten(1)),
    ("flatten(1, 2)", x.flatten(1, 2)),
    ("torch.flatten(x)", torch.flatten(x)),
    ("torch.squeeze(x)", torch.squeeze(x)),
    ("torch.unsqueeze(x, 1)", torch.unsqueeze(x, 1)),
]:
    (g,) = torch.autograd.grad(out.sum(), x)
    print(label, "->", out.grad_fn.name(), tuple(out.shape), tuple(g.shape))
s = torch.tensor([[5.0]], requires_grad=True)
print(s.squeeze(), s.flatten(), s.squeeze().unsqueeze(0))
z = torch.tensor(3.0)
print(z.flatten(), z.unsqueeze(0), z.squeeze())
try:
    x.unsqueeze(6)
except IndexError as e:
    print(type(e).__name__, e)
