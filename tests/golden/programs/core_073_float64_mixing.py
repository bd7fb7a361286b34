import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([0.5, 0.25], dtype=torch.float64, requires_grad=True)
c = a * b
print(c, c.dtype)
c.sum().backward()
print(a.grad, a.grad.dtype)
print(b.grad, b.grad.dtype)
print((a + 1).dtype, (a * 2.5).dtype, (b * 2).dtype)
i = torch.tensor([1, 2])
print((i + a).dtype, (i * b).dtype, (i * 1.5).dtype, (i + True).dtype)
print((torch.tensor([True]) + torch.tensor([True])).dtype)
print(torch.tensor(1.0, dtype=torch.float64) + torch.tensor([1.0]))
print((torch.tensor(1.0, dtype=torch.float64) + torch.tensor([1.0])).dtype)
print((torch.tensor([1.0], dtype=torch.float64) + torch.tensor(1.0)).dtype)
print((torch.tensor(2) * torch.tensor([1.5])).dtype)
print(i / 2, (i / 2).dtype)
