import torch


class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return 3 * x ** 2 * grad


a = torch.tensor([1.0, 2.0], requires_grad=True)
h = a * 1
out = Cube.apply(h)
print(out, out.grad_fn.name())
h.add_(1)
try:
    out.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)
h2 = a * 1
out2 = Cube.apply(h2)
out2.sum().backward()
print(a.grad)


class PassThrough(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.clone()

    @staticmethod
    def backward(ctx, grad):
        return grad


p = PassThrough.apply(a)
p.sum().backward()
p.sum().backward()
print(a.grad)
