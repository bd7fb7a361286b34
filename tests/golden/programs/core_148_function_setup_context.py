import torch


class Cube(torch.autograd.Function):
    """PyTorch 2's way of writing a Function: forward without ctx, then setup_context."""

    @staticmethod
    def forward(x, k):
        return x ** 3 * k

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, k = inputs
        ctx.save_for_backward(x)
        ctx.k = k

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * 3 * x ** 2 * ctx.k, None


class SortedPair(torch.autograd.Function):
    @staticmethod
    def forward(a):
        values, indices = a.sort()
        return values, indices

    @staticmethod
    def setup_context(ctx, inputs, output):
        values, indices = output
        ctx.mark_non_differentiable(indices)
        ctx.save_for_backward(indices)

    @staticmethod
    def backward(ctx, grad_values, grad_indices):
        (indices,) = ctx.saved_tensors
        result = torch.zeros_like(grad_values)
        result[indices] = grad_values
        return result


x = torch.tensor([1.0, 2.0], requires_grad=True)
y = Cube.apply(x, 2.0)
print(y, y.grad_fn.name(), y.grad_fn.needs_input_grad)
y.sum().backward()
print(x.grad)
with torch.no_grad():
    print(Cube.apply(x, 1.0))
a = torch.tensor([3.0, 1.0, 2.0], requires_grad=True)
values, indices = SortedPair.apply(a)
(values * torch.tensor([1.0, 10.0, 100.0])).sum().backward()
print(values, indices, indices.requires_grad, a.grad)
