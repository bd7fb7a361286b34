import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.tensor([-7.0, -3.0, -1.0, -0.5, 0.0, 0.25, 0.5, 1.0, 3.0, 6.0, 6.5, 25.0], requires_grad=True)
cases = [("logsigmoid", F.logsigmoid), ("hardtanh", F.hardtanh), ("hardtanh -2 2", lambda t: F.hardtanh(t, -2.0, 2.0)),
         ("relu6", F.relu6), ("softmin", lambda t: F.softmin(t, 0)), ("mish", F.mish), ("softsign", F.softsign),
         ("hardsigmoid", F.hardsigmoid), ("hardswish", F.hardswish), ("selu", F.selu), ("celu", F.celu),
         ("celu 2", lambda t: F.celu(t, 2.0)), ("tanhshrink", F.tanhshrink), ("softshrink", F.softshrink),
         ("hardshrink 1", lambda t: F.hardshrink(t, 1.0)), ("elu 0.5", lambda t: F.elu(t, 0.5))]
for name, f in cases:
    x.grad = None
    y = f(x)
    y.backward(torch.arange(1.0, 13.0))
    saved = [a for a in ("_saved_alpha", "_saved_scale", "_saved_input_scale", "_saved_min_val", "_saved_max_val",
                         "_saved_lambd") if hasattr(y.grad_fn, a)]
    print(name, y.grad_fn.name(), [getattr(y.grad_fn, a) for a in saved])
    print(" ", y)
    print(" ", x.grad)

# Modules.
print(nn.Softshrink(), nn.Hardshrink(0.3), nn.SELU(inplace=True), nn.ReLU6(inplace=True), nn.Hardtanh(inplace=True),
      nn.Mish(inplace=True), nn.CELU(2.0, inplace=True), nn.Hardswish(inplace=True), nn.Hardsigmoid(inplace=True),
      nn.Softmin(), nn.Softmin(dim=1), nn.LogSigmoid(), nn.Softsign(), nn.Tanhshrink(), nn.Hardtanh(-2.0, 2.0))
m = torch.tensor([[1.0, 2.0], [3.0, 0.5]])
print(nn.Softmin(dim=1)(m), nn.ReLU6()(torch.tensor([-1.0, 7.0])), nn.SELU()(torch.tensor([-1.0, 1.0])),
      nn.Hardshrink()(torch.tensor([0.4, -0.6])), nn.Softshrink(1.0)(torch.tensor([2.0, -0.5])))
y = torch.tensor([-1.0, 0.5, 8.0])
nn.ReLU6(inplace=True)(y)
print(y)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(F.softmin(m))
print([str(w.message) for w in caught])

# Second derivatives (float64).
s = torch.tensor([-2.0, -0.5, 0.5, 2.0], dtype=torch.float64, requires_grad=True)
for name, f in [("logsigmoid", F.logsigmoid), ("mish", F.mish), ("selu", F.selu), ("celu", lambda t: F.celu(t, 2.0)),
                ("hardswish", F.hardswish), ("hardtanh", F.hardtanh)]:
    (g,) = torch.autograd.grad(f(s).sum(), s, create_graph=True)
    second = torch.autograd.grad(g.sum(), s, allow_unused=True)[0] if g.requires_grad else None
    print(name, g.detach(), second)
try:
    F.hardtanh(x, 2.0, 1.0)
except ValueError as err:
    print(type(err).__name__, err)
