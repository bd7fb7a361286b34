import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 1
v = y.view(3)
z = v ** 2
y.add_(1)
print(y._version, v._version)
try:
    z.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, str(e)[:95])
y2 = x * 1
e = y2.exp()
y2.mul_(3)
e.sum().backward()
print(x.grad)
