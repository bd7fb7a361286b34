import torch

G = torch.autograd.graph
x = torch.tensor([1.0, 2.0], requires_grad=True)

# A pack hook may not modify its input in place.
a = x * 1
try:
    with G.saved_tensors_hooks(lambda t: t.mul_(2), lambda t: t):
        a * a
except RuntimeError as err:
    print("RuntimeError:", err)

# Unpack must return a tensor.
with G.saved_tensors_hooks(lambda t: t, lambda t: 3):
    b = a * a
try:
    b.sum().backward()
except TypeError as err:
    print("TypeError:", err)

# Errors raised by the hooks themselves come through unchanged.
def fails(t):
    raise ValueError("pack failed")


try:
    with G.saved_tensors_hooks(fails, lambda t: t):
        a * a
except ValueError as err:
    print("ValueError:", err)
with G.saved_tensors_hooks(lambda t: t, lambda t: 1 / 0):
    b = (a * a).sum()
try:
    b.backward()
except ZeroDivisionError as err:
    print("ZeroDivisionError:", err)

# Hooked tensors skip the version check: an in-place change after saving goes unnoticed
# when the hook kept the tensor itself, and does no harm when it kept a copy.
c = x * 1
with G.saved_tensors_hooks(lambda t: t, lambda t: t):
    d = c * c
c.mul_(2)
d.sum().backward()
print(x.grad)
x.grad = None
c = x * 1
with G.saved_tensors_hooks(lambda t: t.clone(), lambda t: t):
    d = c * c
c.mul_(2)
d.sum().backward()
print(x.grad)
c = x * 1
d = c * c
c.mul_(2)
try:
    d.sum().backward()
except RuntimeError as err:
    print("RuntimeError:", err)

# disable_saved_tensors_hooks: entering hooks inside it raises its message, and it cannot
# be entered under active hooks.
message = "saved tensors default hooks are disabled"
try:
    with G.disable_saved_tensors_hooks(message):
        with G.saved_tensors_hooks(lambda t: t, lambda t: t):
            pass
except RuntimeError as err:
    print("RuntimeError:", err)
try:
    with G.disable_saved_tensors_hooks(message):
        with G.save_on_cpu():
            pass
except RuntimeError as err:
    print("RuntimeError:", err)
with G.saved_tensors_hooks(lambda t: t, lambda t: t):
    try:
        with G.disable_saved_tensors_hooks("no hooks here"):
            print("not reached")
    except RuntimeError as err:
        print("RuntimeError:", err)
with G.disable_saved_tensors_hooks(message):
    with G.disable_saved_tensors_hooks("inner message"):
        pass
    try:
        with G.saved_tensors_hooks(lambda t: t, lambda t: t):
            pass
    except RuntimeError as err:
        print("RuntimeError:", err)
with G.saved_tensors_hooks(lambda t: t, lambda t: t):
    print("enabled again")

# save_on_cpu: on a CPU graph the tensors stay where they are, and backward is unchanged.
x.grad = None
with G.save_on_cpu():
    y = (x * x).exp().sum()
y.backward()
print(x.grad)
with G.save_on_cpu(pin_memory=True):
    y = (x * x).sum()
y.backward()
print(x.grad)
print(isinstance(G.save_on_cpu(), G.saved_tensors_hooks))
hooks = G.saved_tensors_hooks(print, print)
print(hooks.pack_hook is print, hooks.unpack_hook is print)
