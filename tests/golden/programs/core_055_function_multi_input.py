import torch


class ScaledMul(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, scale):
        ctx.save_for_backward(a, b)
        ctx.scale = scale
        return a * b * scale

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        print("needs_input_grad", ctx.needs_input_grad)
        grad_a = grad * b * ctx.scale if ctx.needs_input_grad[0] else None
        grad_b = grad * a * ctx.scale if ctx.needs_input_grad[1] else None
        return grad_a, grad_b, None


a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0])
out = ScaledMul.apply(a, b, 10.0)
print(out, out.grad_fn.name())
print([(n.name() if n is not None else None, i) for n, i in out.grad_fn.next_functions])
out.sum().backward()
print(a.grad, b.grad)
b.requires_grad_()
out = ScaledMul.apply(a, b, 0.5)
out.backward(torch.tensor([1.0, -1.0]))
print(a.grad, b.grad)
out = ScaledMul.apply(a, b, 1.0)
out.sum().backward(retain_graph=True)
out.sum().backward()
print(a.grad)
