import torch

# register_post_accumulate_grad_hook: runs on a leaf once its .grad is updated, and receives
# the tensor itself (not the gradient).
x = torch.tensor([1.0, 2.0], requires_grad=True)


def seen(t):
    print("post accumulate:", t is x, t.grad, torch.is_grad_enabled())


handle = x.register_post_accumulate_grad_hook(seen)
x.register_hook(lambda g: print("tensor hook:", g))
(x * 3).sum().backward()
(x * 3).sum().backward()  # .grad accumulates first, then the hook sees the sum
handle.remove()
(x * 3).sum().backward()
print(x.grad)

# Several hooks run in order; a leaf used twice calls them once, with the whole gradient.
f = torch.tensor(1.0, requires_grad=True)
f.register_post_accumulate_grad_hook(lambda t: print("first", t.grad))
f.register_post_accumulate_grad_hook(lambda t: print("second", t.grad))
(f * f + f).backward()
torch.autograd.backward([f * 2, f * 3])

# Order against the AccumulateGrad node's own hooks and the tensor's hook.
c = torch.tensor(1.0, requires_grad=True)
y = c * 2
acc = y.grad_fn.next_functions[0][0]
acc.register_hook(lambda grad_inputs, grad_outputs: print("node post hook", grad_inputs,
                                                          grad_outputs))
c.register_post_accumulate_grad_hook(lambda t: print("post accumulate", t.grad))
y.backward()

# backward(inputs=...) accumulates, so the hook runs; autograd.grad does not touch .grad.
d = torch.tensor(2.0, requires_grad=True)
e = torch.tensor(3.0, requires_grad=True)
d.register_post_accumulate_grad_hook(lambda t: print("d hook", t.grad))
e.register_post_accumulate_grad_hook(lambda t: print("e hook", t.grad))
(d * e).backward(inputs=[e])
print(torch.autograd.grad(d * e, [d, e]))
d.backward()  # a leaf as the root of backward

# Under create_graph the hook runs with grad mode on.
w = torch.tensor(1.5, requires_grad=True)
w.register_post_accumulate_grad_hook(lambda t: print("create_graph:", torch.is_grad_enabled(),
                                                     t.grad))
(w ** 3).backward(create_graph=True)

# Refusals.
for tensor in (x * 2, torch.tensor(1.0)):
    try:
        tensor.register_post_accumulate_grad_hook(seen)
    except RuntimeError as err:
        print("RuntimeError:", err)
retained = x * 1
retained.retain_grad()
try:
    retained.register_post_accumulate_grad_hook(seen)
except RuntimeError as err:
    print("RuntimeError:", err)
v = torch.tensor(1.0, requires_grad=True)
v.register_post_accumulate_grad_hook(lambda t: t.grad * 100)
try:
    (v * 2).backward()
except RuntimeError as err:
    print("RuntimeError:", err, v.grad)
u = torch.tensor(1.0, requires_grad=True)
u.register_post_accumulate_grad_hook(lambda t: 1 / 0)
try:
    (u * 2).backward()
except ZeroDivisionError as err:
    print("ZeroDivisionError:", err, u.grad)

# Every hook handle is also a context manager that removes its hook at the end.
from torch.utils.hooks import RemovableHandle

p = torch.tensor(1.0, requires_grad=True)
with p.register_post_accumulate_grad_hook(lambda t: print("inside", t.grad)) as handle:
    with p.register_hook(lambda g: g * 10):
        (p * 2).backward()
    print(isinstance(handle, RemovableHandle))
(p * 2).backward()
print(p.grad)

# What a hook may return: None or the tensor itself (an in-place update returns it).
for hook in (lambda t: t, lambda t: t.add_(1), lambda t: t.detach(), lambda t: t.grad,
             lambda t: 3, lambda t: (t,)):
    q = torch.tensor([0.0, 0.0], requires_grad=True)
    q.register_post_accumulate_grad_hook(hook)
    try:
        q.backward(torch.tensor([1.0, 2.0]))
        print("ok", q)
    except (RuntimeError, TypeError) as err:
        print(type(err).__name__ + ":", err)
