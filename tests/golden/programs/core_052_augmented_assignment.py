import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 1
before = y
y += 1
print(y is before, y, y._version)
y *= 3
print(y, y._version)
y -= 2
print(y)
y /= 2
print(y, y.grad_fn.name())
y.sum().backward()
print(x.grad)
try:
    x += 1
except RuntimeError as e:
    print(type(e).__name__, e)
with torch.no_grad():
    x *= 2
print(x)
i = torch.tensor([1, 2])
i += 1
i *= 3
print(i, i.dtype)
try:
    i /= 2
except RuntimeError as e:
    print(type(e).__name__, e)
f = torch.tensor([1.0, 2.0])
f += torch.tensor([1, 1])
print(f, f.dtype)
r = 1.0
r += torch.tensor(2.0)
print(r)
