import torch


class Probe(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        print("forward grad enabled:", torch.is_grad_enabled())
        inner = x * 2
        print("inside forward requires_grad:", inner.requires_grad)
        return inner

    @staticmethod
    def backward(ctx, grad):
        print("backward grad enabled:", torch.is_grad_enabled())
        return grad * 2


x = torch.tensor([1.0, 2.0], requires_grad=True)
y = Probe.apply(x)
print(y.requires_grad, y.grad_fn.name())
y.sum().backward()
print(x.grad)
z = Probe.apply(x)
(g,) = torch.autograd.grad(z.sum(), x, create_graph=True)
print(g, g.requires_grad)
