import torch
from torch.autograd.function import once_differentiable

# @once_differentiable: the backward runs under no_grad; asked for a graph of it, its results
# come out of an Error node, and differentiating them again raises.


class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        print("  backward: grad enabled", torch.is_grad_enabled())
        return 3 * x ** 2 * g


class MulBy(torch.autograd.Function):  # two inputs, one of which gets no gradient
    @staticmethod
    def forward(ctx, x, w):
        ctx.save_for_backward(x, w)
        return x * w

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        return g * w, None


x = torch.tensor(2.0, requires_grad=True)
print("create_graph, a gradient that does not require grad comes in:")
(g,) = torch.autograd.grad(Cube.apply(x), x, create_graph=True)
print(g, g.requires_grad)
print("create_graph, one that does:")
y = Cube.apply(x)
(g,) = torch.autograd.grad(y * y, x, create_graph=True)
print(g, g.grad_fn.name(), [type(n).__name__ for n, _ in g.grad_fn.next_functions])
leaf = g.grad_fn.next_functions[0][0].variable
print("leaf", leaf, leaf.is_leaf, leaf.requires_grad)
try:
    g.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
print("without create_graph:")
(g,) = torch.autograd.grad(Cube.apply(x) ** 2, x)
print(g, g.requires_grad)
w = torch.tensor(3.0, requires_grad=True)
z = MulBy.apply(x, w)
(gx,) = torch.autograd.grad(z * z, x, create_graph=True)
print(gx, gx.grad_fn.name(), gx.grad_fn.next_functions)
try:
    torch.autograd.grad(gx, w)
except RuntimeError as e:
    print(type(e).__name__, e)
