import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
d = x.detach()
print(d, d.requires_grad, d.is_leaf, d.grad_fn)
print(x._version, d._version)
d[0] = 10.0
print(x)
print(x._version, d._version)
d.add_(1)
print(x)
print(x._version, d._version)
y = x * 2
yd = y.detach()
print(yd, yd.requires_grad)
yd.zero_()
print(y)
print(y._version, yd._version)
e = x.detach().requires_grad_()
print(e.is_leaf, e.requires_grad, e.grad_fn)
