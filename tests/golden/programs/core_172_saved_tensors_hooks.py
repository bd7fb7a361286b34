import gc
import os
import tempfile
import uuid

import torch


def pack_hook(t):
    print("  pack", t)
    return t


def unpack_hook(t):
    print("  unpack", t)
    return t


# The example of PyTorch's documentation: pack when a node saves a tensor, unpack in backward.
a = torch.ones(5, requires_grad=True)
b = torch.ones(5, requires_grad=True) * 2
with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook) as entered:
    print("entered:", entered)
    y = a * b
print("backward")
y.sum().backward()
print(a.grad)

# Which tensors each node saves, in which order: inputs, then results (exp, sigmoid, tanh).
x = torch.tensor([0.5, 2.0], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    print("forward")
    z = (x * x).exp().sum() + x.sigmoid().sum() + x.tanh().sum() + (x ** 3).sum()
    w = torch.mm(x.view(1, 2), x.view(2, 1))
print("backward")
z.backward()
w.backward()
print(x.grad)

# grad_fn._saved_self goes through the unpack hook too (once per access).
with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    p = x.pow(2)
print(p.grad_fn._saved_self)

# A packed tensor can be anything; backward uses what unpack returns.
x.grad = None
with torch.autograd.graph.saved_tensors_hooks(lambda t: t.tolist(),
                                              lambda values: torch.tensor(values) * 10):
    loss = (x * x).sum()
loss.backward()
print(x.grad)
store = {}


def to_store(t):
    key = len(store)
    store[key] = t.detach().clone()
    return key


x.grad = None
with torch.autograd.graph.saved_tensors_hooks(to_store, lambda key: store.pop(key)):
    loss = (x.sin() * x).sum()
print(sorted(store))
loss.backward()
print(x.grad, store)

# Only the innermost pair of hooks applies.
def tagged(name):
    return (lambda t: (print("  pack", name), (name, t))[1],
            lambda packed: (print("  unpack", packed[0]), packed[1])[1])


with torch.autograd.graph.saved_tensors_hooks(*tagged("outer")):
    with torch.autograd.graph.saved_tensors_hooks(*tagged("inner")):
        inner = x * x
    outer = x.sin()
(inner.sum() + outer.sum()).backward()

# Nothing is packed where nothing is recorded, and pack runs with grad mode off.
with torch.autograd.graph.saved_tensors_hooks(
        lambda t: (print("  pack, grad mode", torch.is_grad_enabled()), t)[1],
        lambda t: (print("  unpack, grad mode", torch.is_grad_enabled()), t)[1]):
    with torch.no_grad():
        x * x
    with torch.inference_mode():
        x * x
    x.detach() * 2
    print("recorded:")
    q = (x * x).sum()
q.backward(retain_graph=True)
q.backward(retain_graph=True)  # each backward unpacks again
dx, = torch.autograd.grad(q, x, create_graph=True)
print(dx)
q.backward()
try:
    q.backward()
except RuntimeError as err:
    print("RuntimeError:", err)

# Custom Functions' save_for_backward goes through the hooks as well.
class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):
        ctx.save_for_backward(t)
        return t * t

    @staticmethod
    def backward(ctx, grad):
        (t,) = ctx.saved_tensors
        return 2 * t * grad


x.grad = None
with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    s = Square.apply(x)
s.sum().backward()
print(x.grad)

# Second derivatives still reach the leaf through an unpacked copy.
with torch.autograd.graph.saved_tensors_hooks(lambda t: t.detach().clone(), lambda t: t):
    cube = (x * x * x).sum()
g, = torch.autograd.grad(cube, x, create_graph=True)
print(g, torch.autograd.grad(g.sum(), x))


# From PyTorch's tutorial "Hooks for autograd saved tensors": the hooks may transform...
with torch.autograd.graph.saved_tensors_hooks(lambda t: t * 4, lambda t: t / 4):
    y = x.pow(2)
x.grad = None
y.sum().backward()
print(x.grad.equal(2 * x), x.grad)

# ... or keep saved tensors on disk, each in a file deleted with the packed object.
tmp_dir_obj = tempfile.TemporaryDirectory()
tmp_dir = tmp_dir_obj.name


class SelfDeletingTempFile():
    def __init__(self):
        self.name = os.path.join(tmp_dir, str(uuid.uuid4()))

    def __del__(self):
        os.remove(self.name)


def to_disk(tensor):
    temp_file = SelfDeletingTempFile()
    torch.save(tensor, temp_file.name)
    return temp_file


def from_disk(temp_file):
    return torch.load(temp_file.name, weights_only=True)


x.grad = None
with torch.autograd.graph.saved_tensors_hooks(to_disk, from_disk):
    y = x.pow(2) * x.sin()
print(len(os.listdir(tmp_dir)))
y.sum().backward()
print(x.grad)
del y
gc.collect()
print(len(os.listdir(tmp_dir)))
tmp_dir_obj.cleanup()
