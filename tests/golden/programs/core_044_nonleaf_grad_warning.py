import torch

x = torch.tensor(1.0, requires_grad=True)
y = x * 2
y.backward()
print(y.grad)
print(x.grad)
z = x * 3
z.retain_grad()
z.backward()
print(z.grad)
d = torch.tensor(1.0) * 2
print(d.grad)
