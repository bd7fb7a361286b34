import torch

a = torch.ones(2)
b = torch.ones(3)
for label, fn in [
    ("add", lambda: a + b),
    ("sub", lambda: a - b),
    ("mul", lambda: a * b),
    ("div", lambda: a / b),
    ("pow", lambda: a ** b),
    ("2d", lambda: torch.ones(2, 3) + torch.ones(3, 2)),
    ("3d", lambda: torch.ones(4, 2, 3) * torch.ones(5, 1, 3)),
    ("maximum", lambda: torch.maximum(a, b)),
    ("where", lambda: torch.where(torch.tensor([True, False]), a, b)),
]:
    try:
        fn()
    except RuntimeError as e:
        print(label, type(e).__name__, e)
x = torch.ones(3)
try:
    x += torch.ones(2, 3)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    x.mul_(torch.ones(4))
except RuntimeError as e:
    print(type(e).__name__, e)
