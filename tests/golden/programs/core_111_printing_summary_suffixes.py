import torch

print(torch.arange(2000.0, dtype=torch.float64).requires_grad_())
print(torch.arange(2000.0, requires_grad=True) * 2)
print(torch.arange(1500).reshape(30, 50))
print(torch.arange(1200.0).reshape(2, 600) / 7)
print(torch.linspace(1e-5, 1.0, 1500))
print(torch.zeros(1001, dtype=torch.bool))
