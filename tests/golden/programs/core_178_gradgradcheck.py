import inspect
import warnings

import torch

warnings.simplefilter("always")
x = torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True)
g = torch.tensor([1.0, -2.0], dtype=torch.float64, requires_grad=True)

# Second derivatives of built-in operations.
print(torch.autograd.gradgradcheck(torch.sin, (x,)))
print(torch.autograd.gradgradcheck(lambda a: (a ** 3).sum(), x))
print(torch.autograd.gradgradcheck(torch.sin, (x,), (g,)))
print(torch.autograd.gradgradcheck(torch.sin, (x,), (torch.ones(2, dtype=torch.float64),)))
a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64, requires_grad=True)
b = torch.tensor([[0.5], [-1.0]], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradgradcheck(torch.mm, (a, b)))
print(torch.autograd.gradgradcheck(lambda p, q: (p * q).tanh(), [a, b]))
print(torch.autograd.gradgradcheck(lambda p: p * 3, (x,)))
print(torch.autograd.gradgradcheck(torch.relu, (x,), fast_mode=True))
print(torch.autograd.gradgradcheck(lambda p, n: p ** n, (x, 3)))


# A custom Function whose backward is right once but not twice differentiable as written.
class Detached(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):
        ctx.save_for_backward(t)
        return t ** 2

    @staticmethod
    def backward(ctx, grad):
        (t,) = ctx.saved_tensors
        return grad * 2 * t.detach()


class Wrong(Detached):
    @staticmethod
    def backward(ctx, grad):
        (t,) = ctx.saved_tensors
        return grad * 2 * t * t / t.detach()


print(torch.autograd.gradcheck(Detached.apply, (x,)), torch.autograd.gradcheck(Wrong.apply, (x,)))
for function in (Detached, Wrong):
    try:
        torch.autograd.gradgradcheck(function.apply, (x,), (g,))
    except RuntimeError as err:
        print(type(err).__name__ + ":", err)
print(torch.autograd.gradgradcheck(Detached.apply, (x,), (g,), raise_exception=False))

# float32 warns for each input and grad_output that requires grad (and fails here).
y = torch.tensor([0.5, 1.5], requires_grad=True)
try:
    torch.autograd.gradgradcheck(torch.sin, (y,), (torch.ones(2, requires_grad=True),))
except RuntimeError as err:
    print(type(err).__name__ + ":", str(err).splitlines()[0])

# Refusals.
for kwargs in ({"check_rev_over_rev": False}, {"check_batched_grad": True,
                                               "check_undefined_grad": False,
                                               "check_rev_over_rev": False,
                                               "check_fwd_over_rev": True},
               {"check_undefined_grad": True, "check_rev_over_rev": False,
                "check_fwd_over_rev": True}):
    try:
        torch.autograd.gradgradcheck(torch.sin, (x,), **kwargs)
    except AssertionError as err:
        print("AssertionError:", err)
try:
    torch.autograd.gradgradcheck(torch.sin, (x.detach(),))
except ValueError as err:
    print("ValueError:", err)
try:
    torch.autograd.gradcheck(torch.sin, (x,), check_backward_ad=False)
except AssertionError as err:
    print("AssertionError:", err)
parameters = inspect.signature(torch.autograd.gradgradcheck).parameters
print([(name, p.default) for name, p in parameters.items()][2:])
parameters = inspect.signature(torch.autograd.gradcheck).parameters
print([(name, p.default) for name, p in parameters.items()][2:])

# Random grad_outputs when none are given: drawn from the default generator.
torch.manual_seed(0)
print(torch.autograd.gradgradcheck(lambda t: t.exp() * t, (x,)))
