# nn.GLU / F.glu, nn.Threshold / F.threshold (in place too) and nn.PixelShuffle /
# nn.PixelUnshuffle with their functions: results, dtypes, gradients (second order too),
# grad_fn chains, reprs and PyTorch's errors.
import torch
import torch.nn.functional as F

import _golden
from _golden import attempt, grads, rounded


def chain(t, depth=6):
    return _golden.chain(t, depth)


x = torch.tensor([[-1.0, 0.5, 2.0, 0.0], [3.0, 0.1, -0.2, -4.0]], requires_grad=True)
weights = torch.arange(1.0, 5.0)
for dim in (-1, 1, 0):
    out = F.glu(x, dim)
    (out * weights[: out.shape[-1]]).sum().backward()
    print("glu", dim, out, chain(out), grads(x))
module = torch.nn.GLU(0)
print(torch.nn.GLU(), module, module.dim, module(x))
d = torch.tensor([[0.5, -1.0, 2.0, 1.5]], dtype=torch.float64, requires_grad=True)
(g,) = torch.autograd.grad((F.glu(d) ** 2).sum(), d, create_graph=True)
(g * torch.tensor([1.0, 2.0, 3.0, 4.0], dtype=torch.float64)).sum().backward()
print("glu float64", F.glu(d), rounded(g), rounded(d.grad))
for label, call in [
    ("glu odd", lambda: F.glu(x[:, :3])),
    ("glu 0-d", lambda: F.glu(torch.tensor(1.0))),
    ("glu ints", lambda: F.glu(torch.ones(2, 2, dtype=torch.long))),
    ("glu dim", lambda: F.glu(x, 2)),
    ("glu module", lambda: torch.nn.GLU()(torch.ones(3, 3))),
]:
    attempt(label, call)

for th, value in [(0.1, 20.0), (0.0, -1.0), (2.0, 2.0)]:
    out = F.threshold(x, th, value)
    (out * torch.arange(8.0).view(2, 4)).sum().backward()
    print("threshold", th, value, out, chain(out), grads(x))
y = x * 1
out = F.threshold(y, 0.1, 20.0, inplace=True)
(out * torch.arange(8.0).view(2, 4)).sum().backward()
print("in place", out is y, out, chain(out), grads(x))
print(torch.nn.Threshold(0.1, 20), torch.nn.Threshold(0.5, -1.0, inplace=True),
      torch.nn.Threshold(0.5, -1.0)(x))
print(F.threshold(torch.tensor([1, 5, -2, -1]), 1, 7), F.threshold(torch.tensor([1, 5, -2, -1]), -1.5, 7.5),
      F.threshold(torch.tensor([float("nan"), 1.0, float("inf")]), 0.5, 9.0))
t = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
(g,) = torch.autograd.grad((F.threshold(t, 0.0, 3.0) ** 3).sum(), t, create_graph=True)
g.sum().backward()
print("threshold float64", rounded(g), rounded(t.grad))
for label, call in [
    ("threshold leaf in place", lambda: F.threshold(x, 0.1, 2.0, inplace=True)),
    ("threshold bool", lambda: F.threshold(torch.tensor([True]), 0, 1)),
]:
    attempt(label, call)

p = torch.arange(16.0).view(1, 4, 2, 2).requires_grad_()
out = F.pixel_shuffle(p, 2)
(out * torch.arange(16.0).view(1, 1, 4, 4)).sum().backward()
print(out, chain(out), grads(p))
back = F.pixel_unshuffle(out, 2)
print(torch.equal(back, p), chain(back))
q = torch.arange(24.0).view(1, 6, 4).requires_grad_()
out = F.pixel_unshuffle(q, 2)
(out * torch.arange(24.0).view(4, 3, 2)).sum().backward()
print(out, chain(out), grads(q))
print(torch.nn.PixelShuffle(2), torch.nn.PixelUnshuffle(3), torch.nn.PixelShuffle(3).upscale_factor)
print(F.pixel_shuffle(torch.arange(8).view(2, 4, 1, 1), 2), F.pixel_shuffle(torch.arange(8.0).view(4, 1, 2), 2),
      F.pixel_shuffle(torch.arange(16.0).view(2, 1, 4, 1, 2), 2).shape,
      torch.nn.PixelUnshuffle(2)(torch.arange(32.0).view(2, 1, 4, 4)).shape)
s = torch.randn(1, 8, 2, 3, dtype=torch.float64, requires_grad=True)
(g,) = torch.autograd.grad((F.pixel_shuffle(s, 2) ** 2).sum(), s, create_graph=True)
g.sum().backward()
print(torch.equal(s.grad, torch.full_like(s, 2.0)), g.grad_fn.name())
for label, call in [
    ("shuffle 2-d", lambda: F.pixel_shuffle(torch.ones(4, 4), 2)),
    ("shuffle channels", lambda: torch.nn.PixelShuffle(2)(torch.ones(1, 6, 2, 2))),
    ("shuffle 0", lambda: F.pixel_shuffle(torch.ones(1, 4, 2, 2), 0)),
    ("unshuffle height", lambda: F.pixel_unshuffle(torch.ones(1, 1, 3, 4), 2)),
    ("unshuffle width", lambda: F.pixel_unshuffle(torch.ones(1, 1, 4, 3), 2)),
    ("unshuffle 2-d", lambda: F.pixel_unshuffle(torch.ones(4, 4), 2)),
    ("unshuffle 0", lambda: F.pixel_unshuffle(torch.ones(1, 1, 4, 4), 0)),
]:
    attempt(label, call)
