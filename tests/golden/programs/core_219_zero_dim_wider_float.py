import torch
from _golden import chain, exact

# A zero-dim tensor of a wider float type beside one with dims: PyTorch computes in the
# narrower type (the scalar rounded to it first), and the graph shows no cast.
v = torch.tensor([0.1, -2.5, 3.0], requires_grad=True)
s = torch.tensor(0.1234567891234, dtype=torch.float64, requires_grad=True)
for label, f in [("v * s", lambda: v * s), ("s * v", lambda: s * v), ("v + s", lambda: v + s),
                 ("s - v", lambda: s - v), ("v / s", lambda: v / s), ("s / v", lambda: s / v),
                 ("torch.mul(v, s)", lambda: torch.mul(v, s)),
                 ("torch.add(v, s, alpha=2)", lambda: torch.add(v, s, alpha=2))]:
    out = f()
    out.backward(torch.tensor([1.0, 2.0, 3.0]))
    print(label, out.dtype, exact(out), chain(out, 2))
    print("  grads:", v.grad.dtype, exact(v.grad), s.grad.dtype, exact(s.grad))
    v.grad = s.grad = None

h = torch.tensor([1.5, -0.25], dtype=torch.float16, requires_grad=True)
k = torch.tensor(1 / 3, requires_grad=True)
out = h * k
out.sum().backward()
print("float16 * float32 scalar", out.dtype, exact(out), h.grad.dtype, exact(h.grad),
      k.grad.dtype, exact(k.grad))

# Both with dims, or both zero-dim: the wider type, as numpy's promotion gives too.
w = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
print((v[:2] * w).dtype, (v.sum() * s).dtype, (torch.tensor(2.0) * w).dtype)
