import torch

x = torch.zeros(4)
x[1] = 5.0
x[2:] = torch.tensor([1.0, 2.0])
print(x, x._version)
x[0] = 3
print(x, x._version)
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = torch.tensor(10.0, requires_grad=True)
y = a.clone()
print(y.grad_fn.name())
y[1] = b * 2
print(y, y.grad_fn.name())
print(y._version)
y.sum().backward()
print(a.grad, b.grad)
try:
    a[0] = 1.0
except RuntimeError as e:
    print(type(e).__name__, e)
with torch.no_grad():
    a[0] = 7.0
print(a, a._version)
m = torch.zeros(2, 3)
m[:, 1] = torch.tensor([4.0, 5.0])
m[0] = 1.0
print(m)
try:
    m[0] = torch.tensor([1.0, 2.0])
except RuntimeError as e:
    print(type(e).__name__, e)
