import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.tensor([0.5, -2.0, 3.0, 0.1, 1.0], requires_grad=True)
t = torch.tensor([0.0, 0.0, 1.0, 0.3, 0.0])
cases = [
    ("smooth", lambda: F.smooth_l1_loss(x, t)),
    ("smooth beta sum", lambda: F.smooth_l1_loss(x, t, beta=0.5, reduction="sum")),
    ("smooth none", lambda: nn.SmoothL1Loss(reduction="none", beta=2.0)(x, t)),
    ("smooth beta 0", lambda: F.smooth_l1_loss(x, t, beta=0.0)),
    ("huber", lambda: F.huber_loss(x, t, delta=2.0)),
    ("huber none", lambda: nn.HuberLoss(reduction="none")(x, t)),
    ("huber sum", lambda: F.huber_loss(x, t, reduction="sum", delta=0.5)),
    ("kl batchmean", lambda: F.kl_div(x.log_softmax(0), t.softmax(0), reduction="batchmean")),
    ("kl none", lambda: F.kl_div(x, t, reduction="none")),
    ("kl sum log_target", lambda: nn.KLDivLoss(reduction="sum", log_target=True)(x, t.softmax(0).log())),
]
for name, f in cases:
    x.grad = None
    y = f()
    y.sum().backward()
    saved = [a for a in ("_saved_beta", "_saved_delta") if hasattr(y.grad_fn, a)]
    print(name, y, y.grad_fn.name(), [getattr(y.grad_fn, a) for a in saved], x.grad)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(F.kl_div(x, t), nn.KLDivLoss()(x, t))
print([str(w.message) for w in caught])
print(nn.SmoothL1Loss(beta=0.5), nn.HuberLoss(delta=2.0), nn.KLDivLoss(reduction="batchmean"),
      nn.HuberLoss(delta=2.0).delta, nn.SmoothL1Loss(beta=0.5).beta)

# A target that requires grad gets its gradient too; second derivatives.
p = torch.tensor([0.2, 0.0, 0.8], requires_grad=True)
F.kl_div(torch.tensor([-1.0, -2.0, -0.5]), p, reduction="sum").backward()
print(p.grad)
q = torch.tensor([0.0, 0.0, 2.0, 1.0, float("nan"), 0.0], requires_grad=True)
r = torch.tensor([0.0, 3.0, 0.0, float("nan"), 1.0, float("nan")], requires_grad=True)
z = torch.xlogy(q, r)
z.sum().backward()
print(z, q.grad, r.grad, torch.xlogy(2, torch.tensor([1.0, 2.0])), torch.xlogy(torch.tensor([1, 2]), 3),
      q.xlogy(2.0))
s = torch.tensor([0.5, -3.0, 1.5], requires_grad=True)
for loss in (lambda a: F.smooth_l1_loss(a, torch.zeros(3), reduction="sum"),
             lambda a: F.huber_loss(a, torch.zeros(3), reduction="sum", delta=1.0)):
    (g,) = torch.autograd.grad(loss(s), s, create_graph=True)
    # (torch records SmoothL1LossBackwardBackward0 etc. here, minigrad ordinary ops: same numbers)
    print(g.tolist(), torch.autograd.grad(g.sum(), s)[0])
for f in (lambda: F.smooth_l1_loss(x, t, beta=-1.0), lambda: F.huber_loss(x, t, delta=0.0),
          lambda: F.kl_div(x, t, reduction="avg")):
    try:
        print(f())
    except (RuntimeError, ValueError) as err:
        print(type(err).__name__, err)
