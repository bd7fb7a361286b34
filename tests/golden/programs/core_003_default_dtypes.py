import torch

print(torch.tensor(1).dtype)
print(torch.tensor(1.0).dtype)
print(torch.tensor(True).dtype)
print(torch.tensor([1, 2.5]).dtype)
print(torch.tensor([True, False]))
print(torch.tensor([1, 2], dtype=torch.float64))
print(torch.tensor([1.7, -2.2], dtype=torch.int64))
print(torch.tensor([1, 2], dtype=torch.float32))
print(torch.zeros(2).dtype, torch.ones(2, dtype=torch.int64).dtype)
print(torch.float32, torch.float64, torch.int64, torch.bool)
print(torch.float32 == torch.float, torch.int64 == torch.long, torch.float64 == torch.double)
print(torch.get_default_dtype())
