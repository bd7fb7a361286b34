"""Reference solution: ex03 backward."""

import minigrad as torch


def derivative(f, x0):
    x = torch.tensor(x0, requires_grad=True)
    f(x).backward()
    return x.grad.item()


def second_derivative(f, x0):
    x = torch.tensor(x0, requires_grad=True)
    (g,) = torch.autograd.grad(f(x), x, create_graph=True)
    (g2,) = torch.autograd.grad(g, x)
    return g2.item()


class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x**3

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * 3 * x**2


def vjp(f, x, v):
    f(x).backward(gradient=v)
    return x.grad
