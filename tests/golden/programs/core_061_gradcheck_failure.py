import torch


class BadDouble(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, grad):
        return grad * 3


x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
try:
    torch.autograd.gradcheck(BadDouble.apply, (x,))
except RuntimeError as e:
    print(type(e).__name__, isinstance(e, RuntimeError))
    print(e)
