# randint (32- and 64-bit draws), random_ in all forms, randperm small and large.
import torch

torch.manual_seed(7)
print(torch.randint(0, 10, (12,)))
print(torch.randint(10, (3, 4)))
print(torch.randint(-5, 1000, (6,), dtype=torch.int32))
print(torch.randint(0, 2**28, (4,)).tolist(), torch.randint(-2**40, 2**40, (4,)).tolist())
print(torch.randint(3, 9, (5,), dtype=torch.float32))
for dtype in (torch.int64, torch.int32, torch.int16, torch.uint8, torch.bool, torch.float32,
              torch.float64):
    print(dtype, torch.empty(5, dtype=dtype).random_().tolist())
    print(dtype, torch.empty(4, dtype=dtype).random_(2).tolist())
print(torch.empty(5, dtype=torch.int64).random_(-3, 3).tolist())
print(torch.empty(3, dtype=torch.int64).random_(0, 2**31).tolist())
for n in (1, 2, 5, 10, 17, 100):
    print(n, torch.randperm(n).tolist()[:12])
p = torch.randperm(100_000)
print(p[:8].tolist(), p[-8:].tolist(), (p * torch.arange(100_000)).sum().item())
print(torch.randperm(6, dtype=torch.float64))
x = torch.zeros(3)
print(torch.randint_like(x, 10), torch.randint_like(x, 5, 8))
g = torch.Generator().manual_seed(1)
print(torch.rand_like(x, generator=g), torch.randn_like(x, generator=g),
      torch.randint_like(x, 5, generator=g), torch.randint_like(x.int(), 3, 9).dtype)
