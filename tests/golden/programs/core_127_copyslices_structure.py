import torch


def edges(node):
    return [(n.name() if n else None, i) for n, i in node.next_functions]


# An in-place change through a view: the base's CopySlices wraps the in-place op's node (its
# edges: the base's old history, then the op's other inputs); the view is re-taken from it.
x = torch.ones(3, requires_grad=True)
w = torch.tensor(2.0, requires_grad=True)
b = x * 1
v = b[1:]
v.mul_(2)
print(edges(b.grad_fn), v.grad_fn.name(), edges(v.grad_fn))
b = x * 1
v = b[1:]
v.mul_(w)
v.add_(1)
print(edges(b.grad_fn), edges(v.grad_fn))
b.sum().backward()
print(x.grad, w.grad)

for make in (lambda b: b.__setitem__(slice(1, None), w * 3),
             lambda b: b.__setitem__(slice(1, None), 5.0),
             lambda b: b.__setitem__(1, torch.tensor(5.0)),
             lambda b: b.__setitem__([0, 2], torch.tensor([5.0, 6.0])),
             lambda b: b[0].fill_(5.0), lambda b: b[0].fill_(w), lambda b: b[1:].zero_(),
             lambda b: b[1:].copy_(x[1:] * 4)):
    x.grad, w.grad = None, None
    b = x * 1
    make(b)
    print(b.grad_fn.name(), edges(b.grad_fn), b)
    (b * torch.tensor([1.0, 10.0, 100.0])).sum().backward()
    print(" ", x.grad, w.grad)

# A base that did not require grad; a view of a view; create_graph through CopySlices.
c = torch.ones(3)
cv = c[1:]
cv.mul_(w)
print(edges(c.grad_fn), edges(cv.grad_fn))
y = torch.ones(2, 3) * x
y[:, 1] = w
y[0, 0:2] *= w
print(edges(y.grad_fn))
z = x * 1
zv = z[1:]
zv.mul_(x[1:] * 3)
(g,) = torch.autograd.grad((z * z).sum(), x, create_graph=True)
print(g, g.grad_fn.name())
g.sum().backward()
print(x.grad)
