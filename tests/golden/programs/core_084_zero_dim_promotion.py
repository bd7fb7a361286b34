import torch

x = torch.tensor(1.4554425309821815, dtype=torch.float64)
for label, out in [
    ("2 / x", 2 / x),
    ("2 * x", 2 * x),
    ("x * 2", x * 2),
    ("2 + x", 2 + x),
    ("2 - x", 2 - x),
    ("x ** 2", x ** 2),
    ("2 ** x", 2 ** x),
    ("x / 2.5", x / 2.5),
    ("-x", -x),
]:
    print(label, out.dtype, out.item())
v = torch.tensor([1.0, 2.0], dtype=torch.float64)
print((2 / v).dtype, (2 / v).tolist())
print((torch.tensor(2) * 1.5).dtype)
print((torch.tensor([1, 2]) + torch.tensor(1.5, dtype=torch.float64)).dtype)
print((torch.tensor([1.0, 2.0]) + torch.tensor(1.5, dtype=torch.float64)).dtype)
print((torch.tensor(1.0) + torch.tensor(1.5, dtype=torch.float64)).dtype)
print((torch.tensor([1, 2]) * torch.tensor(2)).dtype)
print((torch.tensor([True]) * 2).dtype, (torch.tensor([True]) * 2.0).dtype)
print(torch.tensor(0.1, dtype=torch.float64).item(), (torch.tensor(0.1, dtype=torch.float64) * 3).item())
