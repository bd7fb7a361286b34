import torch

a = torch.ones(2, 3)
b = torch.ones(2, 2)
for fn in [
    lambda: torch.cat([a, b]),
    lambda: torch.cat([a, b], dim=2),
    lambda: torch.stack([a, b]),
    lambda: torch.cat([]),
    lambda: torch.stack([]),
    lambda: torch.cat([a, torch.ones(3)]),
]:
    try:
        fn()
    except Exception as e:
        print(type(e).__name__, e)
print(torch.cat([a, b], dim=1).shape)
