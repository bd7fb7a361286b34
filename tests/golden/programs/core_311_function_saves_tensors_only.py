import numpy as np
import torch
from _golden import show

# A custom Function's ctx.save_for_backward takes tensors and None only: a list (exercise
# ex03's common slip, `ctx.save_for_backward([x])`), a number or a numpy array is PyTorch's
# TypeError once the call is recorded, and let through when nothing is recorded.
# ctx.mark_non_differentiable and ctx.mark_dirty refuse what is not a tensor, recorded or not.
# (minigrad: AttributeError: 'list' object has no attribute '_inference'; marks took anything.)


def function(step):
    class Double(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            step(ctx, x)
            return x * 2

        @staticmethod
        def backward(ctx, grad):  # (run for the last call below, which saves x)
            (x,) = ctx.saved_tensors
            (again,) = ctx.saved_tensors  # read twice: the same tensor
            return grad * 2 * (x is again)

    return Double


x = torch.tensor([1.0, 2.0], requires_grad=True)
show("save a list", lambda: function(lambda ctx, x: ctx.save_for_backward([x])).apply(x))
show("save a tuple", lambda: function(lambda ctx, x: ctx.save_for_backward((x,))).apply(x))
show("save None", lambda: function(lambda ctx, x: ctx.save_for_backward(None)).apply(x))
show("save x, None", lambda: function(lambda ctx, x: ctx.save_for_backward(x, None)).apply(x))
show("save x, 3", lambda: function(lambda ctx, x: ctx.save_for_backward(x, 3)).apply(x))
show("save an array", lambda: function(lambda ctx, x: ctx.save_for_backward(np.ones(2))).apply(x))
show("save np.float32", lambda: function(
    lambda ctx, x: ctx.save_for_backward(x, np.float32(1))).apply(x))
show("save a list, not recorded", lambda: function(
    lambda ctx, x: ctx.save_for_backward([x])).apply(x.detach()))
with torch.no_grad():
    show("save a list, no_grad", lambda: function(
        lambda ctx, x: ctx.save_for_backward([x])).apply(x))
show("a list, then x", lambda: function(
    lambda ctx, x: (ctx.save_for_backward([x]), ctx.save_for_backward(x))).apply(x))
show("mark_non_differentiable(3)", lambda: function(
    lambda ctx, x: ctx.mark_non_differentiable(3)).apply(x))
show("mark_non_differentiable([x]), not recorded", lambda: function(
    lambda ctx, x: ctx.mark_non_differentiable([x])).apply(x.detach()))
show("mark_dirty(x, 3)", lambda: function(lambda ctx, x: ctx.mark_dirty(x, 3)).apply(x))
show("mark_dirty and save a list", lambda: function(
    lambda ctx, x: (ctx.mark_dirty(3), ctx.save_for_backward([x]))).apply(x))
y = function(lambda ctx, x: ctx.save_for_backward(x)).apply(x)
y.sum().backward()
show("x.grad", lambda: x.grad)
show("saved_tensors after backward", lambda: y.grad_fn.saved_tensors)
