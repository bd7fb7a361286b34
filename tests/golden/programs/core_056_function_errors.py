import torch


class WrongCount(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        return x + y

    @staticmethod
    def backward(ctx, grad):
        return grad


class WrongShape(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, grad):
        return torch.ones(5)


class Twice(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * 2

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * 2


x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([1.0, 2.0], requires_grad=True)
try:
    WrongCount.apply(x, y).sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    WrongShape.apply(x).sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)
out = Twice.apply(x).sum()
out.backward()
try:
    out.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
print(x.grad)
