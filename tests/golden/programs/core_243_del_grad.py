import torch

# `del p.grad` clears a gradient as `p.grad = None` does (a zero_grad written by hand).
p = torch.tensor([1.0, 2.0], requires_grad=True)
(p * p).sum().backward()
print(p.grad)
del p.grad
print(p.grad)
del p.grad  # a gradient that is None already
print(p.grad)
(p * p).sum().backward()
print(p.grad)
