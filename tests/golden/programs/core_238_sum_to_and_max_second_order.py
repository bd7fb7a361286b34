import torch
from _golden import chain, exact

# Under create_graph, a broadcast input's gradient is summed back as PyTorch's sum_to does
# it: by sum() to a 0-d shape (SumBackward0: the linear-regression lesson's scalar w and b),
# otherwise with keepdim and then viewed (SumBackward1, ViewBackward0). max() shares its
# gradient among ties by writing grad / count into zeros (MaskedFillBackward1), max(dim)
# scatters it into zeros (ScatterBackward0), amax/amin put the reduced dims back by a reshape
# (ViewBackward0, not UnsqueezeBackward0); the numbers are as before.
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
for shape in ((), (3,), (1, 3), (2, 1), (1,), (1, 1), (2, 3)):
    w = torch.full(shape, 0.5, requires_grad=True)
    (g,) = torch.autograd.grad((w * x * x).sum(), w, create_graph=True)
    print(shape, chain(g, 2), exact(g))
    (h,) = torch.autograd.grad(g.sum(), x)
    print(" ", exact(h))

w = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(0.5, requires_grad=True)
xs = torch.tensor([1.0, 2.0, 3.0])
loss = ((w * xs + b - 1) ** 2).mean()
gw, gb = torch.autograd.grad(loss, (w, b), create_graph=True)
print(chain(gw, 3), chain(gb, 3))
print(exact(torch.stack(torch.autograd.grad(gw + gb, (w, b)))))

v = torch.tensor([[0.5, 3.0, 3.0], [-1.0, 2.0, 0.25]], requires_grad=True)
for name, f in (("max", lambda a: a.max()), ("min", lambda a: a.min()),
                ("max(1)", lambda a: a.max(1).values), ("min(0)", lambda a: a.min(0)[0]),
                ("max(1, keepdim)", lambda a: a.max(1, keepdim=True).values),
                ("amax(1)", lambda a: a.amax(1)), ("amin(0)", lambda a: a.amin(0)),
                ("amax(-1, keepdim)", lambda a: a.amax(-1, keepdim=True)),
                ("amax((0, 1))", lambda a: a.amax((0, 1))),
                ("aminmax", lambda a: torch.aminmax(a, dim=1).max)):
    (g,) = torch.autograd.grad((f(v) ** 2).sum(), v, create_graph=True)
    print(name, chain(g, 3), exact(g))
    (h,) = torch.autograd.grad((g * v).sum(), v)
    print(" ", exact(h))
nan = torch.tensor([1.0, float("nan"), 2.0, float("nan")], requires_grad=True)
(g,) = torch.autograd.grad(nan.max(), nan)
print(g)
s = torch.tensor(3.0, requires_grad=True)
(g,) = torch.autograd.grad(s.max(0).values, s)
print(g, s.max(), torch.autograd.grad(s.max(0, keepdim=True).values * 2, s)[0])
