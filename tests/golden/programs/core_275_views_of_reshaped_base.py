import torch

# unsqueeze_/squeeze_/t_/transpose_ change a base's shape in place: its views taken before are
# taken again by the elements they cover (AsStridedBackward0 over the in-place view's node),
# so their gradients, and writes through them, still reach the base. (minigrad: the view was
# taken again by replaying how it was taken on the new shape: ValueError at backward; and
# transpose_, swapaxes_, swapdims_ did not exist.)


def names(node, depth=3):
    if node is None or depth == 0:
        return None
    return node.name(), [names(n, depth - 1) for n, _ in node.next_functions]


def attempt(label, call):
    try:
        print(label, call())
    except (RuntimeError, IndexError, ValueError) as error:
        print(label, type(error).__name__, error)


leaf = torch.arange(6.0, requires_grad=True)
weights = torch.tensor([1.0, 2.0, 3.0])

b = leaf.reshape(2, 3) * 1
v = b[0]
w = b.t()
b.unsqueeze_(0)
print(b.shape, v.shape, names(v.grad_fn), names(w.grad_fn))
(v * weights).sum().backward(retain_graph=True)
print("v:", leaf.grad)
leaf.grad = None
(w * torch.arange(6.0).reshape(3, 2)).sum().backward()
print("w:", leaf.grad)
leaf.grad = None

for name, change in [("t_", lambda b: b.t_()), ("transpose_", lambda b: b.transpose_(0, 1)),
                     ("swapaxes_", lambda b: b.swapaxes_(1, 0)),
                     ("swapdims_", lambda b: b.swapdims_(-1, 0)),
                     ("unsqueeze_(-1)", lambda b: b.unsqueeze_(-1))]:
    b = leaf.reshape(2, 3) * 1
    v = b[:, 1:]
    change(b)
    print(name, b.shape, names(v.grad_fn, 2), v)
    (v * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
    print(" ", leaf.grad)
    leaf.grad = None

b = leaf.reshape(1, 6) * 1
v = b[0, 2:]
b.squeeze_()
print("squeeze_", names(v.grad_fn, 2))
(v * 2).sum().backward()
print(" ", leaf.grad)
leaf.grad = None

# a view written in place after its base's shape changed, and a view of a view
b = leaf.reshape(2, 3) * 1
v = b[0]
b.t_()
v.mul_(10)
print(b, v, names(b.grad_fn), names(v.grad_fn))
(b * torch.arange(6.0).reshape(3, 2)).sum().backward()
print(leaf.grad)
leaf.grad = None

b = leaf.reshape(2, 3) * 1
v = b[:, 1:]
b.unsqueeze_(1)
v[0] = 7
print(b, names(b.grad_fn), v._base is b, v.shape)
b.sum().backward()
print(leaf.grad)
leaf.grad = None

b = leaf.reshape(2, 3) * 1
u = b[1][1:]
b.transpose_(0, 1)
b.squeeze_()
b.unsqueeze_(0)
print(names(u.grad_fn, 2), u)
(u * 3).sum().backward()
print(leaf.grad)
leaf.grad = None

# a plain base: the view needs no grad until its base does
b = torch.zeros(2, 3)
v = b[1]
b.unsqueeze_(0)
print(v.grad_fn, v.requires_grad)
b.requires_grad_()
print(v.requires_grad, names(v.grad_fn))

attempt("transpose_ out of range", lambda: torch.ones(2, 3).transpose_(0, 5))
attempt("transpose_ of a leaf", lambda: torch.ones(2, 3, requires_grad=True).transpose_(0, 1))
y = torch.ones(2, 3, requires_grad=True) * 2
z = y * y
y.transpose_(0, 1)
attempt("saved, then transpose_", lambda: z.sum().backward())
