import torch

# A view whose base (or another view of the base) changed in place after the view was taken:
# PyTorch takes the view's grad_fn again from the base's new history, AsStridedBackward0, and
# the view's gradient flows through the change (minigrad kept the old SliceBackward0 or
# ViewBackward0, and its gradient missed the change: x.grad [0, 1, 1], not [0, 2, 2]).


def edges(node):
    return [None if n is None else n.name() for n, _ in node.next_functions]


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = x * 1
v = b[1:]
print(v.grad_fn.name(), edges(v.grad_fn))
b.mul_(2)
print(v, v.grad_fn.name(), edges(v.grad_fn), v.grad_fn is v.grad_fn, v._version)
v.sum().backward()
print(x.grad)
x.grad = None

# a view of a view, the base changed through another view
b = x * 1
v = b.view(3, 1)
u = v[1:]
w = b[0]
b[2] = 10.0
print(u.grad_fn.name(), edges(u.grad_fn), v.grad_fn.name(), w.grad_fn.name())
(u.sum() + w * 5).backward()
print(x.grad)
x.grad = None

# changed twice: each read sees the latest history
b = x * 1
v = b.t()
b.mul_(2)
print(v.grad_fn.name())
b.add_(x)
v.sum().backward()
print(v.grad_fn.name(), edges(v.grad_fn), x.grad)
x.grad = None

# a sibling view changed in place (v.mul_): the other views follow
b = x * 1
v = b[:2]
u = b[1:]
v.mul_(x[:2])
print(u.grad_fn.name(), edges(u.grad_fn), v.grad_fn.name(), b.grad_fn.name())
u.sum().backward()
print(x.grad)
x.grad = None

# a view not touched keeps its node
b = x * 1
v = b[1:]
print(v.grad_fn.name(), b[1:].grad_fn.name())

# retain_grad moves to the new node; a hook registered before the change does not run
b = x * 1
v = b[1:]
v.retain_grad()
v.register_hook(lambda grad: print("hook ran", grad))
b.mul_(2)
v.sum().backward()
print(v.grad, x.grad)
x.grad = None
