import torch

x = torch.tensor([0.5, 1.0], requires_grad=True)
y = (x.sin() * x).sum()
(g,) = torch.autograd.grad(y, x, create_graph=True)
print(g)
print(g.grad_fn is not None, g.requires_grad)
(h,) = torch.autograd.grad(g.sum(), x, create_graph=True)
print(h)
(k,) = torch.autograd.grad(h.sum(), x)
print(k)
a = torch.tensor(1.5, requires_grad=True)
b = torch.tensor(-0.5, requires_grad=True)
f = a ** 2 * b + b ** 3
ga, gb = torch.autograd.grad(f, (a, b), create_graph=True)
print(ga, gb)
print(torch.autograd.grad(ga, (a, b), retain_graph=True))
print(torch.autograd.grad(gb, (a, b)))
f2 = a ** 2 * b + b ** 3
penalty = torch.autograd.grad(f2, a, create_graph=True)[0] ** 2
penalty.backward()
print(a.grad, b.grad)
