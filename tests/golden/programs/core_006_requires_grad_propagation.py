import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0])
c = a + b
d = b * 2
print(c.requires_grad, c.is_leaf)
print(d.requires_grad, d.is_leaf, d.grad_fn)
e = d * c
print(e.requires_grad, e.is_leaf)
print(b.requires_grad_())
print(b.requires_grad, b.is_leaf)
print((b * 2).requires_grad)
b.requires_grad_(False)
print(b.requires_grad)
try:
    c.requires_grad = False
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    c.requires_grad = True
except RuntimeError as e:
    print(type(e).__name__, e)
print(c.requires_grad)
try:
    c.requires_grad_(False)
except RuntimeError as e:
    print(type(e).__name__, e)
print(c.requires_grad_(True) is c)
