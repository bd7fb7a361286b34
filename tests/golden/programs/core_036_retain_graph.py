import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x ** 3).sum()
y.backward(retain_graph=True)
print(x.grad)
y.backward(retain_graph=True)
print(x.grad)
y.backward()
print(x.grad)
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
print(x.grad)
a = torch.tensor(2.0, requires_grad=True)
b = a.exp()
c = b * 3
c.backward(retain_graph=True)
print(a.grad)
g = torch.autograd.grad(c, a, retain_graph=True)
print(g)
g = torch.autograd.grad(c, a)
print(g)
try:
    torch.autograd.grad(c, a)
except RuntimeError as e:
    print(type(e).__name__, e)
