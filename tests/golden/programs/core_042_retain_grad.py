import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
print(x.retains_grad, y.retains_grad)
y.retain_grad()
print(y.retains_grad)
z = (y ** 2).sum()
z.backward(retain_graph=True)
print(y.grad)
print(x.grad)
x.retain_grad()
print(x.retains_grad)
y.retain_grad()
z2 = (y * 1).sum()
z2.backward()
print(y.grad)
c = torch.tensor([1.0])
try:
    c.retain_grad()
except RuntimeError as e:
    print(type(e).__name__, e)
