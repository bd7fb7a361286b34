import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 1.5, 25.0])
cases = [
    ("leaky_relu", lambda t: F.leaky_relu(t)),
    ("leaky_relu 0.2", lambda t: F.leaky_relu(t, 0.2)),
    ("elu", F.elu),
    ("elu alpha=2", lambda t: F.elu(t, alpha=2.0)),
    ("silu", F.silu),
    ("softplus", F.softplus),
    ("softplus beta=2 threshold=5", lambda t: F.softplus(t, beta=2, threshold=5)),
    ("gelu", F.gelu),
    ("gelu tanh", lambda t: F.gelu(t, approximate="tanh")),
    ("erf", torch.erf),
]
for name, f in cases:
    leaf = x.clone().requires_grad_()
    y = f(leaf)
    fn = y.grad_fn
    saved = {a: getattr(fn, a) for a in sorted(dir(fn))
             if a.startswith("_saved_") and a not in ("_saved_self", "_saved_result")}
    y.sum().backward()
    print(name, y, fn.name(), saved)
    print(" ", leaf.grad)

# Second derivatives.
s = torch.tensor([-1.0, 0.25, 2.0], requires_grad=True)
for name, f in cases:
    (g,) = torch.autograd.grad(f(s).sum(), s, create_graph=True)
    print(name, torch.autograd.grad(g.sum(), s)[0])

# The modules, in place variants, errors.
print(nn.LeakyReLU(), nn.LeakyReLU(0.2, inplace=True), nn.ELU(), nn.ELU(alpha=0.5, inplace=True),
      nn.SiLU(), nn.Softplus(), nn.Softplus(beta=2, threshold=5), nn.GELU(), nn.GELU("tanh"))
model = nn.Sequential(nn.Linear(2, 3), nn.GELU(), nn.Linear(3, 1), nn.SiLU())
print(model)
h = x.clone() * 1
F.leaky_relu(h, 0.1, inplace=True)
print(h)
for bad in (lambda: F.gelu(x, approximate="fast"), lambda: F.silu(torch.tensor([1, -2])),
            lambda: F.leaky_relu(torch.tensor([1, -2])), lambda: F.elu(torch.tensor([1]))):
    try:
        bad()
    except (RuntimeError, NotImplementedError) as e:
        print(type(e).__name__, e)
print(torch.erf(torch.tensor([0, 1])), torch.tensor([0.5]).erf())

# Through relu and leaky_relu a second derivative is zero, not an error: their backward is
# recorded as a node that reaches the input (or relu's output) with a zero gradient.
for f in (F.relu, F.leaky_relu, torch.relu):
    (g,) = torch.autograd.grad(f(s).sum(), s, create_graph=True)
    print(g, g.grad_fn.name(), [n.name() if n else n for n, _ in g.grad_fn.next_functions],
          torch.autograd.grad(g.sum(), s))
w = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
penalty = torch.autograd.grad((F.relu(w * s) ** 2).sum(), w, create_graph=True)[0].norm()
penalty.backward()
print(penalty, w.grad, s.grad)
