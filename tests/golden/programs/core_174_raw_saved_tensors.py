import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)


def pack_hook(t):
    print("  pack", t)
    return t.tolist()


def unpack_hook(values):
    print("  unpack", values)
    return torch.tensor(values)


# One saved tensor of one node, hooked on its own: packed at once, unpacked in backward.
y = x.pow(2)
raw = y.grad_fn._raw_saved_self
raw.register_hooks(pack_hook, unpack_hook)
print(y.grad_fn._saved_self)  # the unpacked tensor takes the saved tensor's place
try:
    raw.register_hooks(pack_hook, unpack_hook)
except RuntimeError as err:
    print("RuntimeError:", err)
y.sum().backward()
print(x.grad)
for attempt in (lambda: raw.register_hooks(pack_hook, unpack_hook),
                lambda: y.grad_fn._raw_saved_self.register_hooks(pack_hook, unpack_hook),
                lambda: y.grad_fn._saved_self):
    try:
        attempt()
    except RuntimeError as err:
        print("RuntimeError:", err)

# A saved result, and the other operand of a product.
z = x.sqrt()
z.grad_fn._raw_saved_result.register_hooks(pack_hook, unpack_hook)
m = x * torch.tensor([3.0, 4.0])
m.grad_fn._raw_saved_other.register_hooks(pack_hook, unpack_hook)
x.grad = None
(z.sum() + m.sum()).backward()
print(x.grad)

# What was not saved cannot be hooked; a number is not a saved tensor.
m = x * torch.tensor([3.0, 4.0])
try:
    m.grad_fn._raw_saved_self.register_hooks(pack_hook, unpack_hook)
except RuntimeError as err:
    print("RuntimeError:", err)
try:
    x.pow(2).grad_fn._raw_saved_exponent
except AttributeError as err:
    print("AttributeError:", err)
print(x.pow(2).grad_fn._saved_exponent)

# Tensors saved under default hooks are already hooked.
with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
    w = x * x
try:
    w.grad_fn._raw_saved_self.register_hooks(pack_hook, unpack_hook)
except RuntimeError as err:
    print("RuntimeError:", err)

# register_hooks works inside disable_saved_tensors_hooks (only default hooks are disabled).
with torch.autograd.graph.disable_saved_tensors_hooks("disabled"):
    v = x * x
    v.grad_fn._raw_saved_other.register_hooks(pack_hook, unpack_hook)
x.grad = None
v.sum().backward()
print(x.grad)

# A custom Function's saved tensors.
class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):
        ctx.save_for_backward(t)
        return t ** 3

    @staticmethod
    def backward(ctx, grad):
        (t,) = ctx.saved_tensors
        return 3 * t ** 2 * grad


s = Cube.apply(x)
print(len(s.grad_fn._raw_saved_tensors))
s.grad_fn._raw_saved_tensors[0].register_hooks(pack_hook, unpack_hook)
x.grad = None
s.sum().backward()
print(x.grad)
