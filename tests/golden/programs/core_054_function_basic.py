import torch
from torch.autograd import Function


class MyExp(Function):
    @staticmethod
    def forward(ctx, x):
        result = x.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        print("needs_input_grad", ctx.needs_input_grad)
        return grad_output * result


x = torch.tensor([0.0, 1.0], requires_grad=True)
y = MyExp.apply(x)
print(y)
print(y.grad_fn.name(), type(y.grad_fn).__name__)
print(y.grad_fn.next_functions[0][0].variable is x)
y.sum().backward()
print(x.grad)
z = MyExp.apply(torch.tensor([0.0]))
print(z, z.requires_grad, z.grad_fn)
with torch.no_grad():
    print(MyExp.apply(x).grad_fn)
print(issubclass(MyExp, torch.autograd.Function))
