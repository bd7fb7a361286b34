# nn.init's orthogonal_, eye_, dirac_, sparse_ and trunc_normal_ (PyTorch's numbers after manual_seed; the
# orthogonal matrices come from a QR decomposition, so they are printed rounded), and the
# per-sample normalisations GroupNorm and InstanceNorm1d/2d: results, gradients, grad_fn
# chains, running averages, reprs and PyTorch's errors.
import warnings

import torch
import torch.nn.functional as F

import _golden
from _golden import attempt, grads, rounded

init = torch.nn.init


def chain(t, depth=6):
    return _golden.chain(t, depth)


torch.manual_seed(0)
for shape, gain in [((3, 5), 1.0), ((5, 3), 2.0), ((4, 4), 1.0), ((2, 3, 2), 0.5)]:
    w = init.orthogonal_(torch.empty(*shape), gain=gain)
    print("orthogonal", shape, rounded(w))
w = init.orthogonal_(torch.empty(4, 4, dtype=torch.float64))
print("orthogonal float64", w.dtype, rounded(w, 6),
      bool(((w @ w.T) - torch.eye(4, dtype=torch.float64)).abs().max() < 1e-12))
print("after", torch.rand(3))
print(init.sparse_(torch.empty(5, 4), 0.3), init.sparse_(torch.empty(6, 3), 0.9, std=1.0))
print(init.sparse_(torch.empty(4, 2), 0.0))
print("after", torch.rand(3))
print(init.eye_(torch.empty(3, 2)), init.eye_(torch.empty(2, 4, dtype=torch.float64)))
print(init.dirac_(torch.empty(4, 2, 3, 3), groups=2), init.dirac_(torch.empty(2, 3, 2)))
# trunc_normal_: redrawn normal numbers for a wide [a, b], uniform ones kept by density for a
# narrow one (PyTorch 2.13's two rejection samplers)
torch.manual_seed(3)
for kwargs in [{}, {"std": 0.02}, {"mean": 1.0, "std": 0.5, "a": 0.0, "b": 1.5},
               {"std": 3.0, "a": -1.0, "b": 1.0}, {"std": 2.0, "a": 0.5, "b": 0.7}]:
    print("trunc_normal", kwargs, init.trunc_normal_(torch.empty(3, 4), **kwargs))
print(init.trunc_normal_(torch.empty(20, dtype=torch.float64), std=0.1, a=-0.1, b=0.15))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    init.trunc_normal_(torch.empty(5), mean=5.0)
    print([str(w.message) for w in caught], torch.rand(2))
p = torch.nn.Parameter(torch.ones(2, 2))
print(init.eye_(p), init.orthogonal_(torch.nn.Parameter(torch.ones(3, 2))).requires_grad)
for label, call in [
    ("orthogonal 1-d", lambda: init.orthogonal_(torch.empty(3))),
    ("eye 3-d", lambda: init.eye_(torch.empty(2, 2, 2))),
    ("dirac 2-d", lambda: init.dirac_(torch.empty(2, 2))),
    ("dirac groups", lambda: init.dirac_(torch.empty(3, 2, 3), groups=2)),
    ("sparse 3-d", lambda: init.sparse_(torch.empty(2, 2, 2), 0.5)),
]:
    attempt(label, call)

# GroupNorm
torch.manual_seed(1)
x = torch.randn(2, 4, 3, requires_grad=True)
gn = torch.nn.GroupNorm(2, 4)
with torch.no_grad():
    gn.weight.copy_(torch.tensor([1.0, 2.0, -1.0, 0.5]))
    gn.bias.copy_(torch.tensor([0.0, 0.1, 0.2, 0.3]))
out = gn(x)
(out * torch.arange(24.0).view(2, 4, 3)).sum().backward()
print(gn, rounded(out), chain(out), grads(x, gn.weight, gn.bias))
print([name for name, _ in gn.named_parameters()], gn.weight.dtype, gn.num_groups, gn.num_channels)
img = torch.randn(2, 6, 2, 2, dtype=torch.float64, requires_grad=True)
out = F.group_norm(img, 3, eps=1e-3)
(out ** 3).sum().backward()
print(out.dtype, rounded(out), chain(out), grads(img))
plain = torch.nn.GroupNorm(1, 2, affine=False, eps=0.1)
v = torch.tensor([[1.0, 2.0], [3.0, -1.0]], requires_grad=True)
out = plain(v)
(out * torch.tensor([[1.0, 2.0], [0.5, 3.0]])).sum().backward()
print(plain, list(plain.parameters()), rounded(out), chain(out), grads(v))
print(torch.nn.GroupNorm(2, 4, bias=False), rounded(F.group_norm(x, 4, torch.ones(4))))
gg = torch.randn(1, 4, 3, requires_grad=True)
(g,) = torch.autograd.grad((F.group_norm(gg, 2) ** 2 * torch.arange(12.0).view(1, 4, 3)).sum(),
                           gg, create_graph=True)
(g * torch.arange(12.0).view(1, 4, 3)).sum().backward()
print("second order", rounded(g), rounded(gg.grad, 2))
for label, call in [
    ("groups divide", lambda: torch.nn.GroupNorm(3, 4)),
    ("channels", lambda: gn(torch.randn(2, 6, 3))),
    ("channels divide", lambda: F.group_norm(torch.randn(2, 6, 3), 4)),
    ("1-d", lambda: F.group_norm(torch.randn(4), 2)),
    ("one value", lambda: F.group_norm(torch.randn(1, 2), 2)),
    ("ints", lambda: F.group_norm(torch.ones(2, 4, dtype=torch.long), 2)),
    ("float64 input", lambda: gn(torch.ones(2, 4, dtype=torch.float64))),
    ("float64 weight", lambda: F.group_norm(x, 2, torch.ones(4, dtype=torch.float64))),
]:
    attempt(label, call)

# InstanceNorm
torch.manual_seed(2)
seq = torch.randn(2, 3, 4, requires_grad=True)
inorm = torch.nn.InstanceNorm1d(3)
out = inorm(seq)
(out * torch.arange(24.0).view(2, 3, 4)).sum().backward()
print(inorm, rounded(out), chain(out), grads(seq), list(inorm.state_dict()))
affine = torch.nn.InstanceNorm1d(3, affine=True, track_running_stats=True, momentum=0.3)
with torch.no_grad():
    affine.weight.copy_(torch.tensor([1.0, -2.0, 0.5]))
    affine.bias.copy_(torch.tensor([0.5, 0.0, 1.0]))
out = affine(seq)
(out * torch.arange(24.0).view(2, 3, 4)).sum().backward()
print(affine, rounded(out), chain(out), grads(seq, affine.weight, affine.bias))
print(rounded(affine.running_mean), rounded(affine.running_var), affine.num_batches_tracked,
      list(affine.state_dict()))
affine.eval()
out = affine(seq)
out.sum().backward()
print("eval", rounded(out), chain(out), grads(seq, affine.weight, affine.bias))
print("unbatched", rounded(torch.nn.InstanceNorm1d(3)(seq[0])))
img = torch.randn(2, 2, 3, 3, dtype=torch.float64, requires_grad=True)
i2 = torch.nn.InstanceNorm2d(2, affine=True, dtype=torch.float64)
out = i2(img)
(out ** 2 * img).sum().backward()
print(i2, out.dtype, rounded(out[0, 0]), chain(out), grads(img, i2.weight, i2.bias))
stats = torch.nn.InstanceNorm2d(2, track_running_stats=True, momentum=None)
stats(img)
print(stats, rounded(stats.running_mean), rounded(stats.running_var))
print(rounded(F.instance_norm(seq, eps=0.5)), chain(F.instance_norm(seq)))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print("mismatch", rounded(torch.nn.InstanceNorm1d(5)(seq).sum()),
          [str(w.message) for w in caught])
for label, call in [
    ("1d channels", lambda: affine(torch.randn(2, 5, 4))),
    ("1d 4-d", lambda: inorm(torch.randn(1, 2, 3, 4))),
    ("2d 2-d", lambda: torch.nn.InstanceNorm2d(3)(torch.randn(3, 4))),
    ("2d channels", lambda: i2(torch.randn(1, 3, 2, 2))),
    ("one position", lambda: inorm(torch.randn(2, 3, 1))),
    ("functional eval", lambda: F.instance_norm(seq, use_input_stats=False)),
    ("float64 input", lambda: affine(seq.double())),
    ("float64 weight", lambda: F.instance_norm(seq, weight=torch.ones(3, dtype=torch.float64))),
]:
    attempt(label, call)
