import torch

print(torch.arange(1000.0))
print(torch.arange(1001.0))
print(torch.arange(2000))
print(torch.arange(3000.0).reshape(30, 100))
print(torch.zeros(2000) + 0.5)
print(torch.arange(5000.0).reshape(10, 10, 50))
print(torch.ones(1200, 1, requires_grad=True))
