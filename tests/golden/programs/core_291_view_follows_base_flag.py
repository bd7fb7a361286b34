import torch

# A view requires grad while its base does, also when the base started requiring grad after
# the view was taken (b.requires_grad_()), and stops when the base stops; it stays a leaf whose
# gradient goes nowhere. (minigrad's view kept requires_grad False.)


def show(label, v):
    print(label, v.requires_grad, v.grad_fn, v.is_leaf, v)


b = torch.zeros(3)
v, t, w = b[:2], b.view(3, 1).t(), b[:2][1:]
pieces = b.unbind(0)
with torch.no_grad():
    n = b[1:]
b.requires_grad_()
for label, view in [("slice", v), ("t", t), ("view of view", w), ("piece", pieces[0]),
                    ("no_grad", n)]:
    show(label, view)
y = (v * 2).sum()
print(y, y.grad_fn.next_functions)
y.backward()
print(b.grad, v.grad)
try:
    v.mul_(2)
except RuntimeError as e:
    print(type(e).__name__, e)
b.requires_grad_(False)
show("off", v)
b.requires_grad = True
show("on", v)

# the base changed in place afterwards: the view is taken again from its history
with torch.no_grad():
    b.add_(1)
show("changed", v)
print(v.grad_fn.next_functions)

# a view that requires grad on its own keeps its AccumulateGrad
c = torch.zeros(2)
u = c[:1]
u.requires_grad_()
c.requires_grad_()
(u * 3).sum().backward()
print(u.grad, c.grad)
d = torch.zeros(2)
e = d.detach()[:1]
d.requires_grad_()
show("of a detached", e)

# the view's own flag: turned on, it gathers its gradient; turned off, its base's still holds
b = torch.zeros(3)
v, u = b[:2], b[1:]
b.requires_grad_()
v.requires_grad_()
u.requires_grad_(False)
(v * 2).sum().backward()
print(v.grad, b.grad, u.requires_grad)
b.requires_grad_(False)
print(v.requires_grad, u.requires_grad)
b.requires_grad_()
b.detach_()
print(v.requires_grad, u.requires_grad)
