import torch
from _golden import attempt, chain, exact

# atan2(y, x): the angle of the point (x, y), in (-pi, pi]. Fewer than 16 float32 (8 float64)
# values per call: PyTorch's scalar loop, the C library's atan2, as numpy's (its vectorised
# loop, SLEEF's, can differ in the last bit).
inf, nan = float("inf"), float("nan")
y = [1.0, 1.0, -1.0, -1.0, 0.0, -0.0, 0.0, -0.0, 2.5, -3.0, 0.0, 7.0, -7.0]
x = [1.0, -1.0, -1.0, 1.0, 1.0, 1.0, -1.0, -1.0, 0.0, -0.0, 0.0, -0.0, 1e-30]
for dtype in (torch.float32, torch.float64):
    print(dtype, exact(torch.atan2(torch.tensor(y[:7], dtype=dtype), torch.tensor(x[:7], dtype=dtype))))
    print(dtype, exact(torch.atan2(torch.tensor(y[7:], dtype=dtype), torch.tensor(x[7:], dtype=dtype))))
zeros = torch.atan2(torch.tensor([0.0, -0.0, 0.0, -0.0]), torch.tensor([0.0, 0.0, -0.0, -0.0]))
print("signed zeros", exact(zeros), zeros.sign().tolist(), (1 / zeros).tolist())
special = ([inf, -inf, inf, -inf, inf, 1.0, -1.0, 1.0, nan, 1.0, nan],
           [inf, inf, -inf, -inf, 1.0, inf, -inf, -inf, 1.0, nan, nan])
print("inf nan", exact(torch.atan2(*(torch.tensor(v) for v in special))))
print("inf nan float64", exact(torch.atan2(*(torch.tensor(v, dtype=torch.float64) for v in special))))
print(torch.atan2(torch.tensor([1.0, 1.0, -1.0]), torch.tensor([1.0, -1.0, -1.0])))

# Broadcasting, the alias, the methods.
col, row = torch.tensor([[1.0], [-2.0]]), torch.tensor([0.5, -0.5, 3.0])
print("broadcast", exact(torch.atan2(col, row)), exact(torch.arctan2(row, col)))
print("methods", exact(col.atan2(row)), exact(row.arctan2(col)))

# Type promotion: integer and bool inputs give the default float dtype; a zero-dim tensor of a
# wider float type does not widen a float32 vector.
i, f = torch.tensor([1, -3, 0, 5]), torch.tensor([2.0, 0.5, -1.0, -4.0])
for label, call in [
    ("int int", lambda: torch.atan2(i, i.flip(0))),
    ("int float", lambda: torch.atan2(i, f)),
    ("float int", lambda: torch.atan2(f, i)),
    ("bool", lambda: torch.atan2(torch.tensor([True, False]), torch.tensor([False, True]))),
    ("int 0-d double", lambda: torch.atan2(i, torch.tensor(3.0, dtype=torch.float64))),
    ("float 0-d double", lambda: torch.atan2(f, torch.tensor(0.1, dtype=torch.float64))),
    ("float double", lambda: torch.atan2(f, f.double() * 0.1)),
    ("0-d float vector double", lambda: torch.atan2(torch.tensor(0.1), f.double())),
    ("half", lambda: torch.atan2(f.half(), f.half().flip(0))),
    ("half float", lambda: torch.atan2(f.half(), f)),
    ("0-d", lambda: torch.atan2(torch.tensor(-2.0), torch.tensor(-0.0))),
]:
    attempt(label, call, show=exact)

# Gradients: d/dself = other / (self^2 + other^2), d/dother = -self / (self^2 + other^2), as
# PyTorch computes them (one reciprocal of the squared radius), summed over broadcast dims.
a = torch.tensor([[0.3, -1.7, 2.9], [-0.1, 0.0, 4.4]], requires_grad=True)
b = torch.tensor([1.1, -0.6, 0.0], requires_grad=True)
out = torch.atan2(a, b)
print(out.grad_fn.name(), chain(out, 2), out.grad_fn._saved_self is a,
      out.grad_fn._saved_other is b)
out.backward(torch.tensor([[1.0, -2.0, 0.5], [3.0, 0.25, -1.0]]))
print("grads", exact(a.grad), exact(b.grad))
for dtype in (torch.float32, torch.float64):
    p = torch.tensor([0.7, -1.3, 1e-3, 25.0, -0.2], dtype=dtype, requires_grad=True)
    q = torch.tensor([-0.4, -2.2, 3.0, 1e-2, 0.9], dtype=dtype, requires_grad=True)
    torch.arctan2(p, q).sum().backward()
    print(dtype, "grads", exact(p.grad), exact(q.grad))
only_other = torch.tensor([2.0, -1.0], requires_grad=True)
torch.atan2(torch.tensor([1.0, 3.0]), only_other).sum().backward()
print("other only", exact(only_other.grad))
print("at the origin", torch.autograd.grad(torch.atan2(b[2:], b[2:]).sum(), b))
# Mixed dtypes: the inputs are saved as given, and the formula widens them as it goes.
g = torch.tensor([0.7, -0.2, 2.9], dtype=torch.float64, requires_grad=True)
out = torch.atan2(torch.tensor([0.1, 0.3, 1.7]), g)
print(out.dtype, out.grad_fn._saved_self.dtype)
out.sum().backward()
print("float32 self, float64 other", exact(g.grad))
g.grad = None
torch.atan2(torch.tensor([1, -3, 5]), g).sum().backward()
print("int self", exact(g.grad))
v = torch.tensor([0.1, 0.3, 1.7], requires_grad=True)
out = torch.atan2(v, torch.tensor(0.7, dtype=torch.float64))
out.sum().backward()
print("float32 with 0-d float64", out.dtype, exact(out), exact(v.grad))

# Second derivatives: the formula is recorded with create_graph (at the origin the reciprocal
# is masked to 0, and its own derivative there is nan).
s = torch.tensor([0.5, -1.5, 0.0], dtype=torch.float64, requires_grad=True)
t = torch.tensor([2.0, 0.25, 0.0], dtype=torch.float64, requires_grad=True)
ds, dt = torch.autograd.grad(torch.atan2(s, t).sum(), (s, t), create_graph=True)
print("first", exact(ds), exact(dt), chain(ds, 5), chain(dt, 3))
print("second", [exact(g) for g in torch.autograd.grad((ds * dt).sum(), (s, t))])

# In place: atan2_ and arctan2_ write into self (its version goes up) and record the node.
h = torch.tensor([1.0, -1.0, 0.0])
print(h.atan2_(torch.tensor([-1.0, -1.0, -1.0])), h._version)
print(h.arctan2_(torch.tensor(2.0)), h._version)
w = torch.tensor([0.5, -2.0], requires_grad=True)
z = w.clone()
z.atan2_(torch.tensor([1.5, 0.5]))
print(z.grad_fn.name(), exact(z.grad_fn._saved_self))
z.sum().backward()
print("in-place grad", exact(w.grad))
d = torch.tensor([1.0, 2.0])
d.atan2_(torch.tensor([3.0, 4.0], dtype=torch.float64))
print(d.dtype, exact(d))

# out=, as the other binary functions take it.
o = torch.zeros(3, dtype=torch.float64)
print(torch.atan2(torch.tensor([1.0, 0.0, -1.0]), torch.tensor([0.0, -1.0, 0.0]), out=o) is o, o)

# Errors.
leaf = torch.tensor([1.0, 2.0], requires_grad=True)
for label, call in [
    ("in-place leaf", lambda: leaf.atan2_(torch.tensor([1.0, 1.0]))),
    ("in-place int", lambda: i.atan2_(f)),
    ("in-place int int", lambda: i.clone().atan2_(i)),
    ("in-place broadcast", lambda: torch.ones(2).atan2_(torch.ones(3, 2))),
    ("shapes", lambda: torch.atan2(torch.ones(2), torch.ones(3))),
    ("number other", lambda: torch.atan2(f, 2.0)),
    ("number input", lambda: torch.atan2(2.0, f)),
    ("alias number", lambda: torch.arctan2(f, 2)),
    ("method number", lambda: f.atan2(2.0)),
    ("method list", lambda: f.arctan2([1.0])),
    ("in-place number", lambda: f.clone().atan2_(2)),
    ("alias in-place number", lambda: f.clone().arctan2_(2)),
    ("keyword number", lambda: torch.atan2(f, other=2.0)),
    ("method missing", lambda: f.atan2()),
    ("three", lambda: torch.atan2(f, f, f)),
    ("out int", lambda: torch.atan2(f, f, out=torch.zeros(4, dtype=torch.int64))),
    ("out grad", lambda: torch.atan2(leaf, leaf, out=torch.zeros(2))),
    ("alias out grad", lambda: torch.arctan2(leaf, leaf, out=torch.zeros(2))),
    ("out number", lambda: torch.atan2(f, f, out=2)),
]:
    attempt(label, call, show=exact)
print(hasattr(torch, "atan2_"), hasattr(torch, "arctan2_"))
