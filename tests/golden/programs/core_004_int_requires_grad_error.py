import torch

try:
    torch.tensor(1, requires_grad=True)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.tensor([1, 2, 3], requires_grad=True)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.zeros(3, dtype=torch.int64, requires_grad=True)
except RuntimeError as e:
    print(type(e).__name__, e)
i = torch.tensor([1, 2])
try:
    i.requires_grad_()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.tensor([True, False]).requires_grad_(True)
except RuntimeError as e:
    print(type(e).__name__, e)
print(i.requires_grad_(False))
i.requires_grad = False
print(i.requires_grad)
try:
    i.requires_grad = True
except RuntimeError as e:
    print(type(e).__name__, e)
print(torch.tensor(1.0, dtype=torch.float64, requires_grad=True))
