import torch

x = torch.tensor([10.0, 20.0, 30.0, 40.0], requires_grad=True)
idx = torch.tensor([0, 2, 0])
y = x[idx]
print(y, y.grad_fn.name())
y.sum().backward()
print(x.grad)
x.grad = None
z = x[[3, 1]]
print(z)
z.sum().backward()
print(x.grad)
mask = torch.tensor([True, False, True, False])
m = x[mask]
print(m, m.grad_fn.name())
(g,) = torch.autograd.grad(m.sum(), x)
print(g)
a = torch.arange(12.0).reshape(3, 4).requires_grad_()
b = a[torch.tensor([2, 0])]
print(b, b.shape)
c = a[:, torch.tensor([1, 3])]
print(c)
d = a[torch.tensor([0, 2]), torch.tensor([1, 3])]
print(d)
(g,) = torch.autograd.grad(d.sum() + c.sum(), a)
print(g)
try:
    x[torch.tensor([4])]
except IndexError as e:
    print(type(e).__name__, e)
