import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 1
print(y.grad_fn.name(), y._version)
v = y[1:]
print(v.grad_fn.name())
v.mul_(10)
print(y, y._version, v._version)
print(y.grad_fn.name())
y.sum().backward()
print(x.grad)
z = x * 2
row = z[0]
row.add_(100)
print(z, z.grad_fn.name())
(g,) = torch.autograd.grad(z.sum(), x)
print(g)
m = torch.zeros(2, 2, requires_grad=True)
n = m.clone()
n[0, 0] = x[2]
n[1] += x[0]
print(n, n.grad_fn.name())
n.sum().backward()
print(x.grad, m.grad)
