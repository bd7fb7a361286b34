import torch

# A view whose base changed in place when the change was not recorded on the view (under
# no_grad, through .detach(), or by an optimizer-like step on a leaf), or whose base needed no
# grad when the view was taken: PyTorch takes the view's grad_fn again from the base's history
# (AsStridedBackward0). minigrad kept the old node (SliceBackward0...) and, for a view of a
# base that took a grad in place afterwards, no grad_fn at all: backward raised "element 0 of
# tensors does not require grad", where PyTorch gives x.grad [0, 1, 1].


def edges(node):
    return [None if n is None else n.name() for n, _ in node.next_functions]


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)

# the base changed under no_grad: a new node, the same gradient
b = x * 1
v = b[1:]
with torch.no_grad():
    b.mul_(2)
print(v, v.grad_fn.name(), edges(v.grad_fn), b.grad_fn.name())
v.sum().backward()
print(x.grad)
x.grad = None

# changed under no_grad through another view, or through the view itself
b = x * 1
v = b[1:]
u = b[:1]
with torch.no_grad():
    u.mul_(2)
print(v, v.grad_fn.name(), u, u.grad_fn.name(), b.grad_fn.name())
(v.sum() + u.sum()).backward()
print(x.grad)
x.grad = None

# changed through a detached alias (which shares the version counter)
b = x * 1
v = b.view(3, 1)
b.detach().zero_()
print(v.grad_fn.name(), edges(v.grad_fn))
(v.view(3) * x).sum().backward()
print(x.grad)
x.grad = None

# a leaf's view, the leaf updated under no_grad (an optimizer step)
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
v = w[1:]
t = w.view(3, 1)
with torch.no_grad():
    w.add_(1)
print(v, t.grad_fn.name(), edges(v.grad_fn))
v.sum().backward()
print(w.grad)

# a view taken while its base needed no grad: the base takes one in place
b = torch.zeros(3)
v = b[1:]
print(v.requires_grad, v.grad_fn)
b.add_(x)
print(v, v.requires_grad, v.is_leaf, v.grad_fn.name(), edges(v.grad_fn))
v.sum().backward()
print(x.grad)
x.grad = None

# ... through another view, and a view of a view
b = torch.zeros(3)
v = b[1:]
w2 = v[1:]
u = b[:2]
u.add_(x[:2])
print(v, w2, u, b)
(v.sum() + 10 * w2.sum()).backward()
print(x.grad)
x.grad = None

# ... by index assignment
b = torch.zeros(2, 3)
row = b[1]
b[1, 0] = x[0] * 5
print(row, row.grad_fn.name())
row.sum().backward()
print(x.grad)
x.grad = None

# a base that never needs grad: its views keep none
b = torch.zeros(3)
v = b[1:]
b.add_(1)
with torch.no_grad():
    b.mul_(2)
print(v, v.grad_fn, v.requires_grad)
