import warnings

import torch

warnings.simplefilter("always")


def linear(n_in, n_out):
    layer = torch.nn.Linear(n_in, n_out)
    with torch.no_grad():
        layer.weight.copy_(torch.arange(n_in * n_out).reshape(n_out, n_in) / 4 - 1)
        layer.bias.copy_(torch.arange(n_out) / 8 + 0.125)
    return layer


def show(module, grad_input, grad_output):
    print(" hook", type(module).__name__,
          [None if g is None else g.tolist() for g in grad_input],
          [g.tolist() for g in grad_output])


# The deprecated Module.register_backward_hook: no warning when registering; at each call, the
# hook goes on the node of forward's last operation, and sees that node's gradients.
layer = linear(3, 2)
with warnings.catch_warnings(record=True) as caught:
    handle = layer.register_backward_hook(show)
print(len(caught))
x = torch.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 0.0]], requires_grad=True)
y = layer(x)
print(y.grad_fn.name())
y.sum().backward()
handle.remove()
y = layer(x)
y.sum().backward()
print("removed")

# The two kinds cannot be mixed on one module (pre-hooks are another matter).
for first, second in (("register_backward_hook", "register_full_backward_hook"),
                      ("register_full_backward_hook", "register_backward_hook"),
                      ("register_full_backward_pre_hook", "register_backward_hook")):
    module = linear(3, 2)
    try:
        getattr(module, first)(lambda *args: None)
        getattr(module, second)(show)
        print(first, "then", second, "ok")
    except RuntimeError as err:
        print("RuntimeError:", err)

# A model: the hook sees the last Linear's node only.
model = torch.nn.Sequential(linear(3, 4), torch.nn.ReLU(), linear(4, 1))
model.register_backward_hook(show)
model(x).sum().backward()


# A module whose last operation is an addition: grad_input is the addition's.
class MulAdd(torch.nn.Module):
    def forward(self, a, b):
        return a * b + a


a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
m = MulAdd()
m.register_backward_hook(show)
m(a, b).sum().backward()
print(a.grad, b.grad)

# The hook may replace grad_input, with as many values as the node has.
zero = linear(3, 2)
zero.register_backward_hook(lambda mod, gin, gout: tuple(None if g is None else g * 0
                                                         for g in gin))
x.grad = None
zero(x).sum().backward()
print(x.grad, zero.weight.grad, zero.bias.grad)
wrong = linear(3, 2)
wrong.register_backward_hook(lambda mod, gin, gout: (None,))
try:
    wrong(x).sum().backward()
except RuntimeError as err:
    print("RuntimeError:", err)

# Inputs that need no gradient, several outputs, modules returning other things.
plain = linear(3, 2)
plain.register_backward_hook(show)
plain(torch.ones(1, 3)).sum().backward()


class Two(torch.nn.Module):
    def forward(self, t):
        return t * 2, t * 3


class Dict(torch.nn.Module):
    def forward(self, t):
        return {"out": t * 2}


class Scaled(torch.nn.Module):
    def forward(self, t, factor):
        return t * factor


two = Two()
two.register_backward_hook(show)
first, second = two(a)
(first.sum() + second.sum()).backward()
for module, args in ((Dict(), (a,)), (Scaled(), (a, 3)), (torch.nn.ReLU(), (a * 1,)),
                     (torch.nn.ReLU(), (a,))):
    module.register_backward_hook(show)
    out = module(*args)
    (out["out"] if isinstance(out, dict) else out).sum().backward()

# No graph, no hook.
with torch.no_grad():
    layer.register_backward_hook(show)
    print(layer(x).requires_grad)

# Forward hooks with always_call=True run even when forward (or another hook) raises; their
# own errors then become warnings.
failing = linear(2, 1)
failing.register_forward_hook(lambda mod, args, out: print(" plain hook", out))
failing.register_forward_hook(lambda mod, args, out: print(" always hook", args, out),
                              always_call=True)
failing.register_forward_hook(lambda mod, args, kwargs, out: print(" always, kwargs", kwargs),
                              always_call=True, with_kwargs=True)
failing.register_forward_hook(lambda mod, args, out: 1 / 0, always_call=True)
try:
    failing(torch.ones(3))
except RuntimeError as err:
    print("RuntimeError:", err)
identity = torch.nn.Identity()
identity.register_forward_hook(lambda mod, args, out: print(" always first", out),
                               always_call=True)
identity.register_forward_hook(lambda mod, args, out: 1 / 0)
identity.register_forward_hook(lambda mod, args, out: print(" always third", out),
                               always_call=True)
try:
    identity(torch.ones(1))
except ZeroDivisionError as err:
    print("ZeroDivisionError:", err)

# Full backward hooks pass the inputs through a custom Function that returns them as they
# are; like any such output, it may not be changed in place.
relu = torch.nn.ReLU(inplace=True)
relu.register_full_backward_hook(show)
try:
    relu(a * 1).sum().backward()
except RuntimeError as err:
    print("RuntimeError:", err)


class Identity(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):
        return t

    @staticmethod
    def backward(ctx, grad):
        return grad


same = Identity.apply(a * 1)
print(same.grad_fn.name())
try:
    same.mul_(2)
except RuntimeError as err:
    print("RuntimeError:", err)
