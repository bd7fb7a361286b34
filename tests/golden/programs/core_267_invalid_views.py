import torch

# Views PyTorch cannot take again from their base's history once it changed in place: a view
# made under no_grad or inference_mode, a piece of unbind/split/chunk (or a view of one, or a
# row got by iterating), an input a custom Function returned as-is. Reading its grad_fn then
# raises (so it prints grad_fn=<Invalid>), and so does using it under grad mode, backward, or
# changing it in place. minigrad printed the old node and computed on.


def attempt(label, call):
    try:
        print(label, call())
    except RuntimeError as error:
        print(label, type(error).__name__, error)


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)

# a view made under no_grad, its base changed with grad mode on
b = x * 1
with torch.no_grad():
    v = b[1:]
print(v, v.requires_grad, v.grad_fn, v.is_leaf)
b.mul_(2)
print(v)
attempt("grad_fn", lambda: v.grad_fn)
attempt("name", lambda: v.grad_fn.name())
attempt("is_leaf", lambda: v.is_leaf)
attempt("backward", lambda: v.sum().backward())
attempt("used", lambda: v * 2)
attempt("in place", lambda: v.mul_(2))
attempt("node called", lambda: v.grad_fn(torch.ones(2)))
print(v.requires_grad, v.grad, v._version, v._base is b, v.detach(), v.data)
with torch.no_grad():
    print(v.sum(), v.mul_(2))
print(x.grad)

# both under no_grad: still refused once grad mode is back
b = x * 1
with torch.no_grad():
    v = b[1:]
    b.mul_(2)
attempt("both no_grad", lambda: v)
attempt("both no_grad, backward", lambda: v.sum().backward())

# a view of a no_grad view, taken with grad mode on
b = x * 1
with torch.no_grad():
    v = b[1:]
u = v[:1]
attempt("view of it, in place", lambda: u.mul_(2))
b.mul_(2)
attempt("view of it", lambda: u.grad_fn)

# a leaf's view made under no_grad, the leaf updated under no_grad
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
with torch.no_grad():
    v = w[1:]
    w.mul_(2)
attempt("leaf", lambda: v)
attempt("leaf grad_fn", lambda: v.grad_fn)

# a view made under no_grad of a tensor that needs no grad: only once the base takes one
b = torch.zeros(3)
with torch.no_grad():
    v = b[1:]
b.add_(1)
attempt("plain base", lambda: v)
b.add_(x)
attempt("base took grad", lambda: v)
print(v.requires_grad)

# inference_mode
b = x * 1
with torch.inference_mode():
    v = b[1:]
attempt("inference, in place", lambda: v.mul_(2))
b.mul_(2)
attempt("inference", lambda: v)
attempt("inference, used", lambda: v.sum())

# unbind, split, chunk pieces, and rows got by iterating
b = x * 1
p, q, r = b.unbind()
b.mul_(2)
attempt("unbind", lambda: p)
attempt("unbind grad_fn", lambda: p.grad_fn)
attempt("unbind backward", lambda: p.backward())
attempt("unbind in place", lambda: q.add_(1))
attempt("unbind used", lambda: r * 2)
b = x * 1
p, q = b.split(2)
b[0] = 5
attempt("split", lambda: (p, q))
attempt("split backward", lambda: q.sum().backward())
b = x * 1
p, q = b.chunk(2)
attempt("chunk, a sibling view in place", lambda: b[2:].mul_(3))
attempt("chunk", lambda: (p, q))
attempt("chunk grad_fn", lambda: q.grad_fn)
b = x * 1
rows = list(b)
b.add_(1)
attempt("rows", lambda: rows[0])
b = x * 1
p, q = b.split(2)
pv = p[:1]
b.mul_(2)
attempt("view of a piece", lambda: pv)
attempt("view of a piece grad_fn", lambda: pv.grad_fn)
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
p, q = w.split(2)
with torch.no_grad():
    w.mul_(2)
attempt("pieces of a leaf", lambda: p)
attempt("pieces of a leaf grad_fn", lambda: p.grad_fn)
with torch.no_grad():
    p, q = w.split(2)
print(p.requires_grad, p.grad_fn, p.is_leaf, p._base is w)
attempt("pieces made under no_grad, in place", lambda: p.mul_(2))
w.grad = None
b = torch.zeros(3)
p, q, r = b.unbind()
b.add_(x)
attempt("pieces of a base that took grad", lambda: p)
attempt("pieces of a base that took grad, grad_fn", lambda: p.grad_fn)
b = torch.zeros(3)
p, q = b.chunk(2)
b.add_(1)
print("pieces of a plain base", p, p.grad_fn)


# an input a custom Function returned as-is
class Identity(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):
        return t

    @staticmethod
    def backward(ctx, grad):
        return grad


b = x * 1
y = Identity.apply(b)
print(y, y._base is b)
b.mul_(2)
attempt("returned as-is", lambda: y)
attempt("returned as-is grad_fn", lambda: y.grad_fn)
