import torch

# A view whose base changed in place takes its grad_fn again when it is next read, not at the
# change: so the base's state when it is read decides. A leaf base that starts requiring grad
# after an unrecorded change gives its view AsStridedBackward0 (minigrad: kept None, or kept a
# view valid that PyTorch then finds invalid); a view read, then read again after its base
# took a gradient, follows it. requires_grad of such a view is its own flag or node, or its
# base's, without taking it again; an in-place change of it is refused as a change of the view
# itself. A base changed twice gives one AsStridedBackward0 over both changes.


def attempt(label, call):
    try:
        print(label, call())
    except RuntimeError as error:
        print(label, type(error).__name__, error)


def names(node, depth=3):
    if node is None or depth == 0:
        return None
    return node.name(), [names(n, depth - 1) for n, _ in node.next_functions]


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)

# a plain base changed, then made to require grad
b = torch.zeros(3)
v = b[1:]
b.add_(1)
print(type(v), v.requires_grad)
b.requires_grad_()
print(v.requires_grad, v.is_leaf, names(v.grad_fn), v.requires_grad)
(v * 2).sum().backward()
print(b.grad)

# read in between: None while the base needs no grad, then followed
b = torch.zeros(3)
v = b[1:]
b.add_(1)
print(v.grad_fn, v.requires_grad)
b.requires_grad_()
print(names(v.grad_fn))

# a view made under no_grad of a plain base: invalid only once the base requires grad
b = torch.zeros(3)
with torch.no_grad():
    v = b[1:]
b.add_(1)
attempt("no_grad view, plain base", lambda: v)
b.requires_grad_()
attempt("no_grad view, base requires grad", lambda: v)
attempt("its grad_fn", lambda: v.grad_fn)

# requires_grad before the grad_fn is read, and a base changed twice
b = torch.zeros(3)
v = b[1:]
b.add_(x)
print(v.requires_grad, (v * 2).requires_grad)
b = x * 1
v = b[1:]
b.mul_(2)
b.add_(1)
print(names(v.grad_fn, 4))
v.sum().backward()
print(x.grad)
x.grad = None

# an in-place change of a view made under no_grad, after its base changed: refused as such
b = x * 1
with torch.no_grad():
    v = b[1:]
b.mul_(2)
attempt("in place", lambda: v.add_(1))
attempt("then read", lambda: v)

# retain_grad and .grad of a changed view that needs no grad, or that does
b = torch.zeros(3)
v = b[1:]
b.add_(1)
attempt("retain_grad", lambda: v.retain_grad())
b = x * 1
v = b[1:]
b.mul_(2)
print(v.grad)
v.retain_grad()
(v * 3).sum().backward()
print(v.grad, x.grad)
