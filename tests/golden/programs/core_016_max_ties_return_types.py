import torch

x = torch.tensor([3.0, 1.0, 3.0, 3.0], requires_grad=True)
x.max().backward()
print(x.grad)
x.grad = None
x.min().backward()
print(x.grad)
y = torch.tensor([[2.0, 2.0], [1.0, 1.0]], requires_grad=True)
r = y.max(dim=1)
print(r)
print(type(r).__name__)
print(r[0], r[1], len(r))
r.values.sum().backward()
print(y.grad)
print(torch.tensor([[4, 9], [7, 1]]).max(0))
print(torch.tensor([[4, 9], [7, 1]]).max())
