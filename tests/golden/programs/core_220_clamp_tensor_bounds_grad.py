import torch
from _golden import exact

# clamp with tensor bounds: the bounds get gradients too, where they were the result.
x = torch.tensor([-2.0, -1.0, 0.0, 0.5, 1.0, 3.0, float("nan"), 2.0], requires_grad=True)
lo = torch.tensor([-1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, 3.0], requires_grad=True)
hi = torch.tensor([1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], requires_grad=True)
weights = torch.arange(1.0, 9.0)
for label, f in [("clamp(lo, hi)", lambda: x.clamp(lo, hi)),
                 ("clamp(min=lo)", lambda: x.clamp(min=lo)),
                 ("clamp(max=hi)", lambda: x.clamp(max=hi)),
                 ("clamp_min(lo)", lambda: torch.clamp_min(x, lo)),
                 ("clamp_max(hi)", lambda: torch.clamp_max(x, hi))]:
    out = f()
    out.backward(weights)
    print(label, out.grad_fn.name(), exact(out))
    print("  grads:", [None if t.grad is None else exact(t.grad) for t in (x, lo, hi)])
    x.grad = lo.grad = hi.grad = None

# A zero-dim bound, a broadcast bound, and bounds of another dtype.
s = torch.tensor(0.0, requires_grad=True)
out = x.clamp(min=s)
out.backward(weights)
print("zero-dim min", out.dtype, exact(s.grad))
row = torch.full((3,), 2.0, requires_grad=True)
out = torch.arange(6.0).reshape(2, 3).clamp(min=row)
out.sum().backward()
print("broadcast min", exact(out), exact(row.grad))
v = torch.tensor([0.1, 0.5, 0.9], requires_grad=True)
wide = torch.tensor(0.5000000001, dtype=torch.float64, requires_grad=True)
out = v.clamp(max=wide)
out.sum().backward()
print("float64 zero-dim max", out.dtype, exact(out), exact(v.grad), wide.grad.dtype, exact(wide.grad))
out = v.clamp(min=torch.zeros(3, dtype=torch.float64, requires_grad=True))
print("float64 min with dims", out.dtype, [n.name() for n, _ in out.grad_fn.next_functions if n])
print(torch.tensor([1, 5, 9]).clamp(min=torch.tensor(2.5), max=torch.tensor(7)))
