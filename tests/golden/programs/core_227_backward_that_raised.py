import torch

# A node whose backward raised keeps its saved tensors: once the cause is gone, the same
# backward runs again. Nodes that ran before it have used theirs up.


class Flaky(torch.autograd.Function):
    fail = True

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * 1

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        if Flaky.fail:
            raise ValueError("not yet")
        return g * x


x = torch.tensor(2.0, requires_grad=True)
y = Flaky.apply(x).sum()
for fail in (True, False, False):
    Flaky.fail = fail
    try:
        y.backward()
        print("ran", x.grad)
    except (ValueError, RuntimeError) as e:
        print(type(e).__name__, str(e)[:50])

# The same with a tensor hook that raises on a built-in node's output.
x = torch.tensor(3.0, requires_grad=True)
z = x.exp() * x.exp()
handle = z.register_hook(lambda g: 1 / 0)
try:
    z.backward()
except ZeroDivisionError as e:
    print("hook:", e)
handle.remove()
z.backward()
print("ran", x.grad)
try:
    z.backward()
except RuntimeError as e:
    print(type(e).__name__, str(e)[:50])

# A node further down raised: the nodes above it have run and freed theirs.
x = torch.tensor(2.0, requires_grad=True)
Flaky.fail = True
y = Flaky.apply(x) * x
try:
    y.backward()
except ValueError as e:
    print(type(e).__name__, e)
Flaky.fail = False
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__, str(e)[:50])
print(x.grad)
