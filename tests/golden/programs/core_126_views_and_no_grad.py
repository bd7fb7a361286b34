import torch

x = torch.ones(3, requires_grad=True)
b = x * 1

# A view made under no_grad may not be changed in place once grad mode is back on...
with torch.no_grad():
    v = b[0:2]
    u = x[1:]
for view in (v, u):
    try:
        view.mul_(2)
    except RuntimeError as e:
        print("RuntimeError:", e)
d = torch.ones(4)
w = torch.tensor(3.0, requires_grad=True)
with torch.no_grad():
    dv = d[:2]
try:
    dv.add_(w)  # ... nor with an operand that requires grad
except RuntimeError as e:
    print("RuntimeError:", e)
print(b, d)

# ... but may be, inside no_grad, or when nothing involved requires grad.
with torch.no_grad():
    v.mul_(3)
dv.add_(1)
print(b.grad_fn.name(), b, d, d.grad_fn)

# A view of a tensor that does not require grad, changed in place with one that does:
# the base's history now says so (CopySlices), and gradients flow through it.
c = torch.ones(3)
c_view = c[1:]
c_view.mul_(w)
print(c, c.grad_fn.name(), c.grad_fn.next_functions[0])
c.sum().backward()
print(w.grad)
e = torch.zeros(2, 3)
row = e[1]
row.copy_(torch.tensor([1.0, 2.0, 3.0]) * w)
(e * torch.arange(6.0).reshape(2, 3)).sum().backward()
print(e, w.grad)

# fill_ and copy_ on a view of a tensor in the graph: the base's history says so too.
x.grad = None
b2 = x * 1
b2[0].fill_(5.0)
b2[1:].copy_(x[1:] * 4)
print(b2, b2.grad_fn.name())
(b2 * torch.tensor([1.0, 10.0, 100.0])).sum().backward()
print(x.grad)

# A view made under no_grad of a tensor that requires grad requires grad too, as a leaf, but
# gathers no gradient; one of a tensor that does not require grad does not.
x.grad = None
with torch.no_grad():
    v = b[0:2]
    u = x.view(3, 1)
    n = torch.ones(2)[0:1]
    vv = v[0:1]
print(v, u.requires_grad, u.is_leaf, u.grad_fn, n.requires_grad, vv.requires_grad)
y = v * 2
print(y, y.grad_fn.next_functions)
(y.sum() + (u * 3).sum()).backward()
print(v.grad, u.grad, x.grad, v.detach().requires_grad)

# numpy() of a tensor that requires grad: refused with grad mode on, allowed under no_grad.
with torch.no_grad():
    print(x.numpy(), x[0:2].numpy(), v.numpy())
for t in (x, v):
    try:
        t.numpy()
    except RuntimeError as e:
        print("RuntimeError:", e)
