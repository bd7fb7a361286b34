import torch

# x[key] = v takes the view x[key] first, as PyTorch's: on a view made under no_grad or a piece
# of unbind/split, the refusal names that view's node (Select, Slice), not x's (minigrad named
# x: "A view was created in no_grad mode", "Output 1 of Unbind"); advanced indices alone and
# x[...] write x itself. A view whose leaf base stopped requiring grad before the base changed
# is taken again as AsStridedBackward0 with no edge (minigrad: no grad_fn).


def attempt(label, call):
    try:
        print(label, call())
    except RuntimeError as error:
        print(label, type(error).__name__, error)


def write(x, key, value=5.0):
    def call():
        x[key] = value
        return x
    return call


b = torch.zeros(2, 3, requires_grad=True) * 1
with torch.no_grad():
    v = b[0]
    m = b.t()
for key in [1, slice(0, 2), (0,), (..., 1), [0], ..., torch.tensor([True, False, True])]:
    attempt(f"no_grad view v[{key!r}] =", write(v, key))
attempt("no_grad view m[1] =", write(m, 1))
attempt("no_grad view m[0, 1:] =", write(m, (0, slice(1, None))))
attempt("no_grad view m[:, [0]] =", write(m, (slice(None), [0])))
attempt("no_grad view m[1, [0]] =", write(m, (1, [0])))

u = b.unbind(0)[1]
for key in [1, slice(1, None), [0], torch.tensor([True, False, True])]:
    attempt(f"unbind u[{key!r}] =", write(u, key))
p = (torch.zeros(4, 2, requires_grad=True) * 1).split(2)[0]
attempt("split p[0] =", write(p, 0))
attempt("split p[0, 1] =", write(p, (0, 1)))
attempt("split p[:, 0] =", write(p, (slice(None), 0)))
attempt("split p[1, [0]] =", write(p, (1, [0])))
with torch.no_grad():
    attempt("unbind u[1] = under no_grad", write(u, 1, 7.0))

plain = torch.zeros(2, 3)
with torch.no_grad():
    w = plain[0]
attempt("no_grad view of a plain base w[1] =", write(w, 1))


def names(node, depth=3):
    if node is None or depth == 0:
        return None
    return node.name(), [names(n, depth - 1) for n, _ in node.next_functions]


# a leaf base that stops requiring grad, then changes
b = torch.zeros(3, requires_grad=True)
v = b[:2]
b.requires_grad_(False)
print(v.requires_grad, names(v.grad_fn))
with torch.no_grad():
    b.add_(1)
print(v.requires_grad, v.is_leaf, names(v.grad_fn))
(v * 2).sum().backward()
print(b.grad)

b = torch.zeros(3, requires_grad=True)
v = b[1:]
b.requires_grad_(False)
b.mul_(2)
print(v.requires_grad, names(v.grad_fn), v)
