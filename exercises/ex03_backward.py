"""Exercise 03: backward() (lesson notebooks/03_backward.ipynb)."""

import minigrad as torch


def derivative(f, x0):
    """Return f'(x0) as a Python float, using backward() (no formulas by hand), which leaves
    the gradient in .grad. (torch.autograd.grad, which returns it instead, is for
    second_derivative.)

    `f` maps a 0-d tensor to a 0-d tensor, `x0` is a float.

    >>> derivative(lambda x: x ** 2, 3.0)
    6.0
    """
    raise NotImplementedError


def second_derivative(f, x0):
    """Return f''(x0), the second derivative, as a Python float, using autograd twice.

    `f` and `x0` are as in `derivative`. The first gradient must itself be differentiable:
    that is what create_graph=True is for (lesson 03, "Gradients of gradients").

    >>> second_derivative(lambda x: x ** 3, 2.0)
    12.0
    """
    raise NotImplementedError


class Cube(torch.autograd.Function):
    """y = x ** 3 as a custom autograd.Function: write forward and backward.

    forward(ctx, x) returns x ** 3 and saves what backward needs with ctx.save_for_backward;
    backward(ctx, grad_output) returns the gradient with respect to x (chain rule!).
    torch.autograd.gradcheck(Cube.apply, (x,)) must pass for a float64 x.

    >>> x = torch.tensor([2.0], requires_grad=True)
    >>> Cube.apply(x).sum().backward()
    >>> x.grad
    tensor([12.])
    """

    @staticmethod
    def forward(ctx, x):
        raise NotImplementedError

    @staticmethod
    def backward(ctx, grad_output):
        raise NotImplementedError


def vjp(f, x, v):
    """Return the vector-Jacobian product v^T J of `f` at `x` (x requires grad), using
    backward's `gradient` argument (not torch.autograd.grad), as a tensor shaped like x.

    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> vjp(lambda x: x * 3, x, torch.tensor([1.0, 10.0]))
    tensor([ 3., 30.])
    """
    raise NotImplementedError
