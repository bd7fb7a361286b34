import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    a = torch.tensor([3.0], requires_grad=True)
    b = w * 2
print(a.requires_grad, a.is_leaf)
print(b.requires_grad, b.is_leaf, b.grad_fn)
e = b * w
print(e.grad_fn.name(), e.grad_fn.next_functions)
e.sum().backward()
print(w.grad)
with torch.enable_grad():
    f = w * 3
print(f.requires_grad)
with torch.set_grad_enabled(False):
    g = w.exp()
print(g.requires_grad, torch.is_grad_enabled())
