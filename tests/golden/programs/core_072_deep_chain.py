import torch

x = torch.tensor(1.0, requires_grad=True)
y = x
for _ in range(100_000):
    y = y * 1.0
print(y)
y.backward()
print(x.grad)
z = torch.tensor([1.0, 2.0], requires_grad=True)
w = z
for _ in range(20_000):
    w = w + 0.0
(g,) = torch.autograd.grad(w.sum(), z)
print(g)
