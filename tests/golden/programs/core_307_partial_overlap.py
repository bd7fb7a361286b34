import torch
from _golden import show

# An op that writes memory it also reads at other places is refused, as PyTorch's kernels
# refuse it: `x[1:] += x[:-1]`, `x[:-1] = x[1:]` (shifting a buffer: clone() first), add_,
# sub_, copy_, and out= of an elementwise op or cat; where both tensors fill a block of memory
# PyTorch can tell: the same elements (x *= x) and disjoint ones are written, and matrix
# products' out= is not checked. Autograd's refusals come first.
# (minigrad: each wrote, reading elements it had already changed.)

def fresh():
    return torch.arange(6.0)


x = fresh()
show("add_", lambda: x[2:].add_(x[:4]))
show("sub_", lambda: x[1:].sub_(x[:-1]))
show("+=", lambda: x[1:].__iadd__(x[:-1]))
show("copy_", lambda: x[2:].copy_(x[:4]))
show("setitem", lambda: x.__setitem__(slice(0, 4), x[2:]))
show("x", lambda: x)
show("same", lambda: x.mul_(x))
x = fresh()
show("same view", lambda: x[:3].add_(x[:3]))
show("disjoint", lambda: x[:3].add_(x[3:]))
x = fresh()
show("shift with clone", lambda: (x.__setitem__(slice(0, 5), x[1:].clone()), x)[1])
m = torch.arange(12.0).reshape(3, 4)
show("rows", lambda: m[1:].add_(m[:-1]))
x = fresh()
show("add out", lambda: torch.add(x[:4], 1, out=x[2:]))
show("exp out", lambda: torch.exp(x[:4], out=x[2:]))
show("cat out", lambda: torch.cat([x[:2], x[2:4]], out=x[1:5]))
y = torch.arange(8.0)
show("mm out", lambda: torch.mm(y[:4].view(2, 2), torch.eye(2), out=y[2:6].view(2, 2)))
with torch.no_grad():
    q = fresh()
    show("no_grad add_", lambda: q[1:].add_(q[:-1]))
    show("no_grad add_ alpha", lambda: q[1:].add_(q[:-1], alpha=0.5))
w = torch.ones(4, requires_grad=True)
show("leaf view", lambda: w[1:].add_(w[:-1]))
z = torch.ones(4, requires_grad=True) * 1
show("non-leaf", lambda: z[1:].add_(z[:-1]))
