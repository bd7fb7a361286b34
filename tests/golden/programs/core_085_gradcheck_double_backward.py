import torch
from torch.autograd import gradcheck


def first_derivative(t):
    (g,) = torch.autograd.grad(torch.tanh(t).sum(), t, create_graph=True)
    return g


x = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
print(first_derivative(x).detach())
print(gradcheck(first_derivative, (x,)))
print(gradcheck(lambda t: t.exp() * 3, (x,)))
w = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)
print(gradcheck(lambda a, b: a @ b, (x, w)))
