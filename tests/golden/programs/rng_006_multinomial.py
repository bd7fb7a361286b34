# torch.multinomial with and without replacement, 1-D and 2-D, and its errors.
import torch

torch.manual_seed(0)
w = torch.tensor([0.1, 0.6, 0.3])
print(torch.multinomial(w, 4, replacement=True))
print(torch.multinomial(w, 3))
print(torch.multinomial(w, 1), w.multinomial(2))
rows = torch.tensor([[1.0, 2, 3, 4], [4, 0, 0, 1]])
print(torch.multinomial(rows, 2), torch.multinomial(rows, 6, replacement=True))
print(torch.multinomial(torch.ones(50, dtype=torch.float64), 10).tolist())
draws = torch.multinomial(torch.tensor([0.2, 0.5, 0.3]), 1000, replacement=True)
print([(draws == k).sum().item() for k in range(3)])
g = torch.Generator().manual_seed(5)
print(torch.multinomial(torch.tensor([0.5, 0.5]), 8, True, generator=g))
for args in ((torch.ones(3), 4), (torch.ones(3), 0), (torch.ones(2, 2, 2), 1),
             (torch.tensor([1, 2]), 1), (torch.tensor([-1.0, 2]), 1),
             (torch.tensor([-1.0, 2]), 2, True), (torch.tensor([0.0, 0]), 1),
             (torch.tensor([float("inf"), 0]), 2, True), (torch.tensor([float("nan"), 1]), 1)):
    try:
        torch.multinomial(*args)
    except RuntimeError as e:
        print(type(e).__name__, e)
