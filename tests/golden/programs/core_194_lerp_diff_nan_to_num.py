# lerp (number weight: LerpBackward0; tensor weight: LerpBackward1; PyTorch's fused kernel to
# the last bit), logaddexp and hypot, diff (sub of two slices, n times, prepend/append joined
# by cat), nan_to_num (NanToNumBackward0) and count_nonzero (int64): values, gradients,
# dtypes and PyTorch's errors.
import struct

import torch


def names(t):
    """A tensor's grad_fn (or a node), and what it points to, by name."""
    node = getattr(t, "grad_fn", t)
    if node is None:
        return None
    return node.name(), [n and n.name() for n, _ in node.next_functions]


def hexbits(t):  # each value's 64 bits in hex (not float.hex: "0x..." reads as an address)
    return " ".join(struct.pack(">d", v).hex() for v in t.double().tolist())


def attempt(label, call):
    try:
        out = call()
        print(label, out.dtype, list(out.shape), out.tolist(), names(out))
    except (RuntimeError, TypeError, IndexError, NotImplementedError) as error:
        print(label, type(error).__name__, str(error).splitlines()[0])


start = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
end = torch.tensor([10.0, 20.0, 30.0], requires_grad=True)
weight = torch.tensor([0.1, 0.5, 0.9], requires_grad=True)
for w in (0.25, 2, -0.5, True, weight, torch.tensor(0.75, requires_grad=True)):
    out = torch.lerp(start, end, w)
    out.backward(torch.tensor([1.0, 2.0, 3.0]))
    print(out, names(out), start.grad, end.grad, getattr(w, "grad", None))
    start.grad = end.grad = None
print(torch.lerp(start, end, 0.25).grad_fn._saved_weight, start.lerp(end, weight))
x = torch.zeros(3)
print(x.lerp_(end.detach(), 0.5), x._version)
# the fused kernel's rounding, bit for bit (float32, float64, float16 computed in float32)
torch.manual_seed(0)
a, b, w = torch.randn(40) * 3, torch.randn(40) * 3, torch.rand(40) * 3 - 1
for dtype in (torch.float32, torch.float64, torch.float16):
    a_, b_, w_ = a.to(dtype), b.to(dtype), w.to(dtype)
    print(dtype, hexbits(torch.lerp(a_, b_, w_)[::3]))
    for s in (0.1, 0.3, 0.7, 1.7):
        print(" ", s, hexbits(torch.lerp(a_, b_, s)[::5]))
print(torch.lerp(torch.ones(3, 1), torch.zeros(1, 4), torch.full((2, 1, 1), 0.5)).shape,
      torch.lerp(start, end, torch.tensor(0.5, dtype=torch.float64)).dtype,
      torch.lerp(start.double(), end.double(), torch.tensor(0.5)).dtype)
y = torch.zeros(3)
print(torch.lerp(torch.ones(3), torch.zeros(3), 0.25, out=y), y)
ints = torch.tensor([1, 2, 3])
for label, call in [
    ("lerp ints", lambda: torch.lerp(ints, ints, 0.5)),
    ("lerp int weight tensor", lambda: torch.lerp(ints, ints, ints)),
    ("lerp bools", lambda: torch.lerp(torch.tensor([True]), torch.tensor([False]), 0.5)),
    ("lerp end dtype", lambda: torch.lerp(start, end.double(), 0.5)),
    ("lerp end int", lambda: torch.lerp(start, ints, weight)),
    ("lerp weight dtype", lambda: torch.lerp(start, end, weight.double())),
    ("lerp shapes", lambda: torch.lerp(start, torch.ones(2), 0.5)),
    ("lerp weight shape", lambda: torch.lerp(start, end, torch.ones(2))),
    ("lerp_ broadcast", lambda: torch.ones(3, 1).lerp_(torch.ones(1, 4), 0.5)),
    ("lerp_ leaf", lambda: start.lerp_(end, 0.5)),
]:
    attempt(label, call)

p = torch.tensor([-1.0, 0.0, 2.0, 1000.0, -1000.0], requires_grad=True)
q = torch.tensor([1.0, 0.0, -3.0, 1000.0, -999.0], requires_grad=True)
for fn in (torch.logaddexp, torch.hypot, torch.Tensor.logaddexp, torch.Tensor.hypot):
    out = fn(p, q)
    out.backward(torch.arange(1.0, 6.0))
    print(out, names(out), p.grad, q.grad)
    p.grad = q.grad = None
print(torch.hypot(p, q).grad_fn._saved_result)
inf, nan = float("inf"), float("nan")
print(torch.logaddexp(torch.tensor([inf, -inf, inf, -inf, nan, 88.0]),
                      torch.tensor([inf, -inf, -inf, 1.0, 0.0, 88.0])),
      torch.hypot(torch.tensor([3.0, inf, nan, 1e30, 1e-30]),
                  torch.tensor([4.0, nan, inf, 1e30, 1e-30])))
h = torch.tensor([3.0, 5.0])
print(h.hypot_(torch.tensor([4.0, 12.0])), h._version)
f, i = torch.tensor([1.0, 2.0]), torch.tensor([1, 2])
for name in ("logaddexp", "hypot"):
    fn = getattr(torch, name)
    attempt(f"{name} int float", lambda: fn(i, f))
    attempt(f"{name} float double", lambda: fn(f, f.double()))
    attempt(f"{name} half float", lambda: fn(f.half(), f))
    attempt(f"{name} 0-d double", lambda: fn(f, torch.tensor(3.0, dtype=torch.float64)))
    attempt(f"{name} broadcast", lambda: fn(torch.ones(2, 1), torch.ones(3)))
    attempt(f"{name} ints", lambda: fn(i, i))
    attempt(f"{name} bools", lambda: fn(torch.tensor([True]), torch.tensor([False])))
    attempt(f"{name} number", lambda: fn(f, 2.0))
    attempt(f"{name} shapes", lambda: fn(f, torch.ones(3)))

x = torch.tensor([1.0, 4.0, 9.0, 16.0], requires_grad=True)
for kwargs in ({}, {"n": 2}, {"n": 0}, {"n": 3}, {"n": 9}, {"dim": 0},
               {"prepend": torch.tensor([0.0])},
               {"prepend": torch.tensor([0.0]), "append": torch.tensor([25.0, 36.0])},
               {"n": 2, "append": torch.tensor([25.0], dtype=torch.float64)},
               {"n": 0, "prepend": torch.tensor([0.0])}):
    out = torch.diff(x, **kwargs)
    print(kwargs, out, names(out))
    if out.numel():
        out.backward(torch.arange(1.0, out.numel() + 1))
        print("  grad", x.grad)
        x.grad = None
r = torch.diff(x, n=2)
print(names(r.grad_fn.next_functions[0][0]), names(r.grad_fn.next_functions[1][0]))
r = torch.diff(x, prepend=torch.tensor([0.0]))
print(names(r.grad_fn.next_functions[0][0]))
m = torch.arange(12.0).reshape(3, 4).requires_grad_()
print(torch.diff(m, dim=0), m.diff(n=2), m.diff(axis=0, n=2))
print(torch.diff(m, dim=0, prepend=torch.zeros(1, 4), append=torch.ones(2, 4)).shape)
print(torch.diff(torch.tensor([1, 5, 2])), torch.diff(torch.tensor([True, False, False])),
      torch.diff(torch.tensor([True, False, False]), n=2),
      torch.diff(torch.tensor([1, 5, 2], dtype=torch.uint8)),
      torch.diff(torch.tensor([1, 2]), prepend=torch.tensor([0.5])), torch.diff(torch.ones(0)))
for label, call in [
    ("diff 0-d", lambda: torch.diff(torch.tensor(1.0))),
    ("diff dim", lambda: torch.diff(x, dim=1)),
    ("diff n", lambda: torch.diff(x, n=-1)),
    ("diff prepend dims", lambda: torch.diff(m, prepend=torch.zeros(3))),
    ("diff prepend shape", lambda: torch.diff(m, prepend=torch.zeros(2, 1))),
    ("diff append shape", lambda: torch.diff(m, dim=0, append=torch.zeros(1, 3))),
    ("diff prepend number", lambda: torch.diff(x, prepend=0)),
]:
    attempt(label, call)

v = torch.tensor([nan, inf, -inf, 1.5, -0.0], requires_grad=True)
for args, kwargs in [((), {}), ((1.0, 100.0, -100.0), {}), ((), {"posinf": 3}),
                     ((), {"neginf": -1e300}), ((2.0,), {"posinf": 1e300})]:
    out = torch.nan_to_num(v, *args, **kwargs)
    out.backward(torch.arange(1.0, 6.0))
    print(out, names(out), v.grad)
    v.grad = None
print(v.nan_to_num(nan=-1.0), torch.nan_to_num(v.detach().double()),
      torch.nan_to_num(v.detach().half()), torch.nan_to_num(torch.tensor([1, 2]), nan=5.5),
      torch.nan_to_num(torch.tensor([True, False])))
w = v.detach().clone()
print(w.nan_to_num_(), w._version)
z = v * 1
print(z.nan_to_num_(posinf=7.0), names(z))
attempt("nan_to_num_ leaf", lambda: v.nan_to_num_())

c = torch.tensor([[0.0, 1.0, 2.0], [0.0, 0.0, -0.0], [nan, 3.0, 0.0]], requires_grad=True)
for dim in (None, 0, 1, -1, (0, 1), [0, -1], ()):
    attempt(f"count_nonzero {dim}", lambda: torch.count_nonzero(c, dim))
print(c.count_nonzero(), c.count_nonzero(dim=1), c.count_nonzero(axis=0),
      torch.count_nonzero(torch.tensor([[1, 0], [2, 3]]), 0),
      torch.count_nonzero(torch.tensor([True, False, True])),
      torch.count_nonzero(torch.tensor(5.0)), torch.count_nonzero(torch.tensor(0.0), dim=0),
      torch.count_nonzero(torch.ones(0, 3), dim=0))
attempt("count_nonzero dim 2", lambda: torch.count_nonzero(c, dim=2))
attempt("count_nonzero dims twice", lambda: torch.count_nonzero(c, dim=(0, -2)))
