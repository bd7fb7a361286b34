import torch

# A custom Function's backward may return a gradient of the shape its input was broadcast to
# (it is summed back), but not a shape the input's cannot expand to.


def returning(shape):
    class Grad(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return torch.ones(shape)
    return Grad


for grad_shape, input_shape in [((1, 3), (3, 1)), ((1, 3), (3,)), ((2, 3), (3,)),
                                ((2, 3), (1, 3)), ((1, 3), (2, 3)), ((3,), (1, 3)),
                                ((2, 1), (3,)), ((4, 2, 3), (2, 1)), ((), ()), ((1,), ())]:
    x = torch.ones(input_shape, requires_grad=True)
    try:
        returning(grad_shape).apply(x).sum().backward()
        print(grad_shape, input_shape, "->", tuple(x.grad.shape), x.grad.flatten().tolist())
    except RuntimeError as e:
        print(grad_shape, input_shape, type(e).__name__, e)
