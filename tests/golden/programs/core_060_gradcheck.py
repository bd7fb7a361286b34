import torch
from torch.autograd import gradcheck


class GoodSquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return 2 * x * grad


class BadSquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return 3 * x * grad


x = torch.tensor([0.5, -1.5, 2.0], dtype=torch.float64, requires_grad=True)
y = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)
print(gradcheck(GoodSquare.apply, (x,)))
print(gradcheck(lambda a, b: (a * b).sin(), (x, y)))
print(gradcheck(lambda a: torch.softmax(a, 0), (x,), eps=1e-6, atol=1e-4))
print(gradcheck(BadSquare.apply, (x,), raise_exception=False))
print(torch.autograd.gradcheck(torch.tanh, x))
