import torch


class SquareAndDouble(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x, x * 2

    @staticmethod
    def backward(ctx, grad_sq, grad_double):
        (x,) = ctx.saved_tensors
        print("grads in", grad_sq, grad_double)
        return grad_sq * 2 * x + grad_double * 2


x = torch.tensor([1.0, 3.0], requires_grad=True)
sq, dbl = SquareAndDouble.apply(x)
print(sq, dbl)
print(sq.grad_fn is dbl.grad_fn, sq.grad_fn.name())
(sq.sum() + dbl.sum()).backward()
print(x.grad)
x.grad = None
sq, dbl = SquareAndDouble.apply(x)
sq.sum().backward()
print(x.grad)
