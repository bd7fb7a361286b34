import torch

x = torch.tensor([1.0, 2.0])
y = (x * 2).sum()
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
w = torch.tensor(1.0, requires_grad=True)
with torch.no_grad():
    z = w * 2
try:
    z.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
d = (w * 2).detach()
try:
    d.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.autograd.grad(d, w)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.autograd.grad(w * 2, x)
except RuntimeError as e:
    print(type(e).__name__, e)
