# nn.Parameter: a leaf tensor that requires grad, printed as "Parameter containing:".
import torch
import torch.nn as nn

p = nn.Parameter(torch.tensor([[1.0, -2.0], [3.5, 0.25]]))
print(p)
print(p.requires_grad, p.is_leaf, p.grad, p.grad_fn, p.dtype, p.shape)
print(isinstance(p, torch.Tensor), isinstance(p, nn.Parameter))

frozen = nn.Parameter(torch.tensor([1.0, 2.0]), requires_grad=False)
print(frozen)
print(frozen.requires_grad, frozen.is_leaf)

empty = nn.Parameter()
print(empty)

# A Parameter made from a tensor shares its storage and is a fresh leaf.
base = torch.tensor([1.0, 2.0, 3.0])
q = nn.Parameter(base)
with torch.no_grad():
    base[0] = 10.0
print(q)

# Arithmetic on a Parameter gives a plain Tensor with a grad_fn.
y = p * 2
print(type(y) is nn.Parameter, y.grad_fn.name(), y.is_leaf)
y.sum().backward()
print(p.grad)

d = torch.tensor([1.0, 2.0], dtype=torch.float64)
print(nn.Parameter(d))
print(nn.Parameter(torch.tensor(3.0)))
