import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
added = (x + 1).sum()
added.backward()
added.backward()
print("add twice", x.grad)
x.grad = None
scaled = (x * 2).sum()
scaled.backward()
try:
    scaled.backward()
except RuntimeError as e:
    print("mul by scalar", type(e).__name__, e)
print(x.grad)
w = torch.tensor([3.0, 4.0], requires_grad=True)
prod = (x * w).sum()
prod.backward()
try:
    prod.backward()
except RuntimeError as e:
    print("mul", type(e).__name__, e)
s = torch.sigmoid(x).sum()
s.backward()
try:
    s.backward()
except RuntimeError as e:
    print("sigmoid", type(e).__name__, e)
x.grad = None
v = x.view(2, 1).sum()
v.backward()
v.backward()
print("view twice", x.grad)
