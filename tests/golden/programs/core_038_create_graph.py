import torch

x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
(dy,) = torch.autograd.grad(y, x, create_graph=True)
print(dy, dy.requires_grad)
(d2y,) = torch.autograd.grad(dy, x, create_graph=True)
print(d2y)
(d3y,) = torch.autograd.grad(d2y, x)
print(d3y, d3y.requires_grad)
s = torch.tensor(0.5, requires_grad=True)
(g,) = torch.autograd.grad(torch.sin(s), s, create_graph=True)
(h,) = torch.autograd.grad(g, s)
print(g, h)
(g_plain,) = torch.autograd.grad(torch.sin(s), s)
print(g_plain, g_plain.requires_grad, g_plain.grad_fn)
