import torch

x = torch.arange(6.0).reshape(2, 3).requires_grad_()
print(x.is_leaf, x)
for label, out in [
    ("transpose(0, 1)", x.transpose(0, 1)),
    ("torch.transpose(x, 1, 0)", torch.transpose(x, 1, 0)),
    ("permute(1, 0)", x.permute(1, 0)),
    ("x.T", x.T),
]:
    w = torch.arange(out.numel(), dtype=torch.float32).reshape(out.shape)
    (g,) = torch.autograd.grad(out, x, w)
    print(label, "->", out.grad_fn.name(), tuple(out.shape))
    print(out)
    print(g)
y = torch.arange(24.0).reshape(2, 3, 4).requires_grad_()
p = y.permute(2, 0, 1)
print(p.shape, p.grad_fn.name())
print(y.permute((1, 2, 0)).shape, torch.permute(y, (0, 2, 1)).shape)
print(y.transpose(-1, 0).shape)
p.sum().backward()
print(y.grad.shape)
v = torch.tensor([1.0, 2.0])
print(v.T, v.T.shape)
try:
    y.permute(0, 1)
except RuntimeError as e:
    print(type(e).__name__, e)
