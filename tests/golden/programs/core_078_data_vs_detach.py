import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
d = x.data
print(d, d.requires_grad, d.is_leaf)
print(x._version, d._version)
d.mul_(10)
print(x, x._version, d._version)
y = x.sigmoid()
y.data.zero_()
print(y._version)
y.sum().backward()
print(x.grad)
x2 = torch.tensor([1.0, 2.0], requires_grad=True)
y2 = x2.sigmoid()
y2.detach().zero_()
try:
    y2.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)
x.data = torch.tensor([5.0, 6.0])
print(x, x.requires_grad, x.is_leaf)
