import torch

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
i = torch.tensor([1, 2, 3])
print(torch.zeros_like(x))
print(torch.ones_like(x))
print(torch.full_like(x, 7.0))
print(torch.zeros_like(i), torch.ones_like(i), torch.full_like(i, 9))
print(torch.full_like(i, 2.7))
print(torch.ones_like(i, dtype=torch.float32))
print(torch.zeros_like(x).requires_grad, torch.zeros_like(x, requires_grad=True).requires_grad)
print(torch.zeros_like(torch.tensor(5.0)))
print(torch.ones_like(x, dtype=torch.float64))
