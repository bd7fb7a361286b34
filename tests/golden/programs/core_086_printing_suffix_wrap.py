import torch

x = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
print(x)
print(x * 2)
print(x.tanh())
print(torch.tensor([0.1234, 5.6789, -3.0], dtype=torch.float64, requires_grad=True))
print(torch.tensor([1.5, 2.5, 3.5, 4.5, 5.5, 6.5], requires_grad=True) * 1)
print(torch.tensor([1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5], requires_grad=True) * 1)
print(torch.tensor([[0.5, -1.0], [2.0, 3.0]], dtype=torch.float64, requires_grad=True).exp())
print(torch.arange(8.0, dtype=torch.float64).requires_grad_())
print(torch.tensor([1, 2, 3], dtype=torch.int32) * 1000)
