import torch

# An autograd.Function used the pre-0.4 way, `Square()(x)`: PyTorch warns that a Function is
# not to be instantiated (a DeprecationWarning) and refuses the call, pointing at the static
# style (minigrad said "'Square' object is not callable"); `Square().apply(x)` still works.


class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return 2 * x * grad


x = torch.tensor([1.0, 3.0], requires_grad=True)
try:
    Square()(x)
except RuntimeError as error:
    print(type(error).__name__, error)
y = Square().apply(x)
y.sum().backward()
print(y, x.grad)
print(Square.apply(x))
