import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
r = y.detach_()
print(r is y, y, y.requires_grad, y.is_leaf, y.grad_fn)
z = x + 1
z.detach_()
print(z.requires_grad, x.requires_grad)
v = x.view(2)
try:
    v.detach_()
except RuntimeError as e:
    print(type(e).__name__, e)
l = torch.tensor(1.0, requires_grad=True)
l.detach_()
print(l, l.requires_grad, l.is_leaf)
