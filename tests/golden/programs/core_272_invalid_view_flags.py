import torch

# What an invalid view (a view PyTorch cannot take again after its base changed in place:
# core_267) allows: it prints as a torch.Tensor (minigrad: its own InvalidView class); its flags
# are judged by the node it was made with, without taking it again, so a view made under
# no_grad (no node: a leaf) takes requires_grad_ and retain_grad() quietly where a piece of
# unbind/split or a custom Function's returned input is refused as a non-leaf (minigrad raised
# the invalid-view error for all, or an AttributeError); detach_() of any view, invalid, made
# under no_grad or of a tensor needing no grad, is refused (minigrad detached those but
# recorded ones); x[key] = v on it takes a view of it first, so the error says its base
# changed (minigrad: that it is being changed), or that a 0-d piece cannot be indexed.
# Tensor.output_nr and Tensor._is_view() (minigrad had neither). detach_() under inference_mode
# does nothing; x[mask] = v on a view made under no_grad of a leaf is refused as such (minigrad:
# "a leaf Variable").


def attempt(label, call):
    try:
        print(label, call())
    except (RuntimeError, IndexError, AttributeError) as error:
        print(label, type(error).__name__, error)


class Identity(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):
        return t

    @staticmethod
    def backward(ctx, grad):
        return grad


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)


def made_in_no_grad():
    b = x * 1
    with torch.no_grad():
        v = b[1:]
    b.mul_(2)
    return v


def made_in_inference_mode():
    b = x * 1
    with torch.inference_mode():
        v = b[1:]
    b.mul_(2)
    return v


def unbind_piece():
    b = x * 1
    v = b.unbind()[1]
    b.mul_(2)
    return v


def split_piece():
    b = x * 1
    v = b.split(2)[0]
    b.mul_(2)
    return v


def returned_as_is():
    b = x * 1
    v = Identity.apply(b)
    b.mul_(2)
    return v


def leaf_view_in_no_grad():
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with torch.no_grad():
        v = w[1:]
        w.mul_(2)
    return v


for make in (made_in_no_grad, made_in_inference_mode, unbind_piece, split_piece, returned_as_is,
             leaf_view_in_no_grad):
    print("==", make.__name__)
    v = make()
    print(type(v), type(v).__name__, isinstance(v, torch.Tensor), v.output_nr, v._is_view())
    attempt("requires_grad_(False)", lambda: v.requires_grad_(False))
    attempt("requires_grad", lambda: v.requires_grad)
    v = make()
    attempt("requires_grad_(True)", lambda: v.requires_grad_(True))
    attempt("requires_grad = False", lambda: setattr(v, "requires_grad", False))
    attempt("requires_grad = True", lambda: setattr(v, "requires_grad", True))
    attempt("retain_grad", lambda: v.retain_grad())
    attempt("retains_grad", lambda: v.retains_grad)
    attempt("detach_", lambda: v.detach_())
    v = make()
    attempt("v[0] = 5", lambda: v.__setitem__(0, 5.0))
    attempt("v[...] = 5", lambda: v.__setitem__(Ellipsis, 5.0))
    with torch.no_grad():
        attempt("no_grad: v[0] = 6", lambda: v.__setitem__(0, 6.0))
        attempt("no_grad: retain_grad", lambda: v.retain_grad())
        attempt("no_grad: detach_", lambda: v.detach_())
    print(v)

b = x * 1
with torch.no_grad():
    v = b[1:]
attempt("detach_ of a view made under no_grad", lambda: v.detach_())
attempt("detach_ of a view of a plain tensor", lambda: torch.zeros(3)[1:].detach_())
attempt("detach_ of a detached tensor", lambda: b.detach().detach_())
print([p._is_view() for p in b.unbind()], [p.output_nr for p in b.unbind()], x.output_nr)
print(torch.zeros(3)[1:]._is_view(), torch.zeros(3)._is_view(), b.detach()._is_view())
with torch.inference_mode():
    t = torch.zeros(3)
    print(b[1:]._is_view(), t[1:]._is_view(), t.detach()._is_view())

# detach_() under inference_mode does nothing (PyTorch runs it without autograd there), and a
# view made under no_grad of a leaf is refused as such before as a view of a leaf, by mask too
b = x * 1
with torch.inference_mode():
    b.detach_()
print(b.grad_fn, b.requires_grad)
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
with torch.no_grad():
    v = w[1:]
attempt("v[mask] = 0", lambda: v.__setitem__(v > 2, 0.0))
attempt("v[[0]] = 0", lambda: v.__setitem__([0], 0.0))
