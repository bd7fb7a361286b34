import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.autograd.grad(y, x)
except RuntimeError as e:
    print(type(e).__name__, e)
one = torch.tensor([3.0], requires_grad=True)
(one * 2).backward()
print(one.grad)
m = torch.ones(1, 1, requires_grad=True)
(m * 2).backward()
print(m.grad)
