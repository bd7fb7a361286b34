import torch

# x.resize_(*size) / x.resize_as_(t): x takes the new shape in place, its elements read in order
# from its storage, from where x starts (a view read on past what its strides skipped); a grown
# tensor keeps its old elements in front (the new ones are uninitialized: not printed). The
# same shape changes nothing, not even the version. A tensor that requires grad is refused,
# under no_grad too. (minigrad: resize_ and resize_as_ did not exist.)


def attempt(label, call):
    try:
        print(label, call())
    except (RuntimeError, TypeError) as error:
        print(label, type(error).__name__, error)


x = torch.arange(6.0)
print(x.resize_(2, 3), x._version, x.shape, x.stride())
print(x.resize_((3, 2)), x._version)
print(x.resize_([6]), x._version)
print(x.resize_(torch.Size([2, 2])), x._version, x.stride())
print(x.resize_(2, 2), x._version)
print(x.resize_(()), x.shape, x.resize_(0), x._version)

base = torch.arange(6.0)
v = base[1:]
print(v.resize_(2), v.stride(), base, base._version)
w = torch.arange(6.0)[::2]
print(w.resize_(1, 3), w.stride())
t = torch.arange(6.0).reshape(2, 3).t()
print(t.resize_(3, 2), t.stride())
print(t.resize_(2, 3), t.stride())

z = torch.arange(4.0)
view = z.view(2, 2)
z.resize_(3)
z[0] = 10
print(z, view, z._version, view._version)
z.resize_(8)
print(z[:4], z.shape, z.stride())

e = torch.ones(3).expand(2, 3)
print(e.resize_(3), e.stride())
i = torch.arange(6)
print(i.resize_(3, 2), i.dtype)
print(torch.arange(6.0).resize_as_(torch.ones(2, 3)))
print(torch.arange(4.0, dtype=torch.float64).resize_as_(torch.ones(2, 2, dtype=torch.int64)))

attempt("requires grad", lambda: torch.ones(3, requires_grad=True).resize_(3))
attempt("non-leaf", lambda: (torch.ones(3, requires_grad=True) * 1).resize_(3))
with torch.no_grad():
    attempt("requires grad under no_grad", lambda: torch.ones(3, requires_grad=True).resize_(1))
attempt("resize_as_ requires grad",
        lambda: torch.ones(3, requires_grad=True).resize_as_(torch.ones(3)))
attempt("negative", lambda: torch.ones(3).resize_(-1, 3))
attempt("float", lambda: torch.ones(3).resize_(1.5))
attempt("float in list", lambda: torch.ones(3).resize_([2.0]))
attempt("bool", lambda: torch.ones(3).resize_(True))
attempt("no size", lambda: torch.ones(3).resize_())
attempt("resize_as_ list", lambda: torch.ones(3).resize_as_([1, 2]))
