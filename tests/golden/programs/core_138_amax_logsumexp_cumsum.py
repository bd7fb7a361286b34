import torch

x = torch.tensor([[1.0, 2.0, 2.0], [0.0, -1.0, 3.0]])
cases = [
    ("logsumexp 1", lambda t: t.logsumexp(1)),
    ("logsumexp 0 keep", lambda t: t.logsumexp(0, keepdim=True)),
    ("logsumexp all", lambda t: torch.logsumexp(t, (0, 1))),
    ("cumsum 1", lambda t: t.cumsum(1)),
    ("cumsum 0", lambda t: torch.cumsum(t, dim=0)),
    ("cumsum -1", lambda t: t.cumsum(-1)),
    ("amax 1", lambda t: t.amax(1)),
    ("amax all", lambda t: t.amax()),
    ("amin all dims", lambda t: t.amin(dim=(0, 1))),
    ("amax 0 keep", lambda t: t.amax(0, keepdim=True)),
    ("amin -1", lambda t: torch.amin(t, -1)),
]
for name, f in cases:
    leaf = x.clone().requires_grad_()
    y = f(leaf)
    # (PyTorch prints a saved negative dim as an unsigned 64-bit number: left out here.)
    saved = {a: getattr(y.grad_fn, a) for a in ("_saved_dim", "_saved_keepdim")
             if hasattr(y.grad_fn, a) and "-1" not in name}
    (y * torch.arange(1.0, y.numel() + 1).reshape(y.shape)).sum().backward()
    print(name, y, saved)
    print(" ", leaf.grad)

# Large values do not overflow; -inf rows give -inf; the gradient of inf is nan as in PyTorch.
big = torch.tensor([1000.0, 1000.0], requires_grad=True)
print(big.logsumexp(0), torch.tensor([-float("inf"), -float("inf")]).logsumexp(0))
for values in ([-float("inf"), -float("inf")], [float("inf"), 1.0]):
    v = torch.tensor(values, requires_grad=True)
    v.logsumexp(0).backward()
    print(v.grad)

# Second derivatives go through them too.
s = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
(g,) = torch.autograd.grad(s.logsumexp(0), s, create_graph=True)
print(g, torch.autograd.grad(g[0], s)[0])
(g,) = torch.autograd.grad((s.cumsum(0) ** 2).sum(), s, create_graph=True)
print(g, torch.autograd.grad(g.sum(), s)[0])

# Integers: cumsum keeps them (int64), logsumexp computes in float, amax needs a dim if empty.
print(torch.tensor([1, 2, 3]).cumsum(0), torch.tensor([True, False, True]).cumsum(0),
      torch.tensor([1, 2]).logsumexp(0), torch.tensor([4, 1]).amax(), x.cumsum(0, dtype=torch.float64))
try:
    torch.tensor([]).amax()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.tensor([]).reshape(0, 2).amax(0)
except IndexError as e:
    print(type(e).__name__, e)
print(torch.tensor([]).reshape(0, 2).amax(1))

# flip, which the running sum's gradient uses.
f = torch.arange(6.0).reshape(2, 3).requires_grad_()
y = f.flip(1)
print(y, y.grad_fn._saved_dims, torch.flip(f, (0, 1)), torch.tensor(3.0).flip(0))
(y * torch.arange(6.0).reshape(2, 3)).sum().backward()
print(f.grad)
for bad in (lambda: f.flip(2), lambda: f.flip((0, 0))):
    try:
        bad()
    except (IndexError, RuntimeError) as e:
        print(type(e).__name__, e)
