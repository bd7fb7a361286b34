# "Extending PyTorch" (docs/notes/extending): LinearFunction with needs_input_grad, MulConstant
# with a non-tensor argument, mark_non_differentiable, set_materialize_grads, gradcheck.
import torch
from torch.autograd import Function, gradcheck


class LinearFunction(Function):
    @staticmethod
    def forward(input, weight, bias):
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    def setup_context(ctx, inputs, output):
        input, weight, bias = inputs
        ctx.save_for_backward(input, weight, bias)

    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)
        return grad_input, grad_weight, grad_bias


class MulConstant(Function):
    @staticmethod
    def forward(tensor, constant):
        return tensor * constant

    @staticmethod
    def setup_context(ctx, inputs, output):
        tensor, constant = inputs
        ctx.constant = constant

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.constant, None


class Sort(Function):
    @staticmethod
    def forward(ctx, x):
        values, idx = x.sort()
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(x, idx)
        return values, idx

    @staticmethod
    def backward(ctx, g1, g2):
        x, idx = ctx.saved_tensors
        grad_input = torch.zeros_like(x)
        grad_input.index_add_(0, idx, g1)
        return grad_input


class SimpleFunc(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        ctx.save_for_backward(x)
        return x.clone(), x.clone()

    @staticmethod
    def backward(ctx, g1, g2):
        x, = ctx.saved_tensors
        grad_input = torch.zeros_like(x)
        if g1 is not None:
            grad_input += g1
        if g2 is not None:
            grad_input += g2
        return grad_input


linear = LinearFunction.apply
input = (torch.arange(20, dtype=torch.double).reshape(4, 5) / 7).requires_grad_()
weight = (torch.arange(15, dtype=torch.double).reshape(3, 5) / 11 - 0.5).requires_grad_()
bias = torch.tensor([0.1, 0.2, 0.3], dtype=torch.double, requires_grad=True)
print(gradcheck(linear, (input, weight, bias), eps=1e-6, atol=1e-4))
out = linear(input, weight, bias)
out.sum().backward()
print(out.grad_fn, weight.grad)

x = torch.tensor([1.0, -2.0], requires_grad=True)
y = MulConstant.apply(x, 3.5)
y.sum().backward()
print(y, x.grad)

x = torch.tensor([3.0, 1.0, 2.0], requires_grad=True)
values, idx = Sort.apply(x)
print(values, idx, idx.requires_grad)
(values * torch.tensor([1.0, 10.0, 100.0])).sum().backward()
print(x.grad)

x = torch.tensor(2.0, requires_grad=True)
a, b = SimpleFunc.apply(x)
a.backward()
print(x.grad)
