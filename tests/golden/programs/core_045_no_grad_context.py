import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
print(torch.is_grad_enabled())
with torch.no_grad():
    print(torch.is_grad_enabled())
    y = x * 2
    print(y.requires_grad, y.grad_fn, y.is_leaf)
    leaf = torch.ones(2, requires_grad=True)
    print(leaf.requires_grad, (leaf + 1).requires_grad)
print(torch.is_grad_enabled())
z = x * 2
print(z.requires_grad, z.grad_fn.name())
with torch.no_grad() as ctx:
    print(type(ctx).__name__ if ctx is not None else None)
try:
    with torch.no_grad():
        raise ValueError("boom")
except ValueError as e:
    print(type(e).__name__, e, torch.is_grad_enabled())
