import warnings

import torch
import torch.nn.functional as F
from _golden import chain, exact

# mse_loss's gradient is PyTorch's kernel's: norm * (input - target) * grad, with
# norm = 2 / numel rounded to float32 first (dividing (input - target) * 2 by numel instead
# differs in the last bit for about a third of the values). Targets that broadcast are
# expanded first (ExpandBackward0), as PyTorch's mse_loss does; broadcast_tensors returns a
# tensor of the broadcast shape itself. Under create_graph the gradient is one node,
# MseLossBackwardBackward0, with edges to the gradient, the input and the target.
torch.manual_seed(0)
for n in (3, 6, 7, 10, 33):
    x = torch.randn(n, requires_grad=True)
    t = torch.randn(n, requires_grad=True)
    for reduction in ("mean", "sum", "none"):
        loss = F.mse_loss(x, t, reduction=reduction)
        loss.backward(torch.linspace(0.5, 2.0, n) if reduction == "none" else None)
        print(n, reduction, exact(x.grad)[:6], exact(t.grad)[:6])
        x.grad = t.grad = None
x64 = torch.randn(7, dtype=torch.float64, requires_grad=True)
F.mse_loss(x64, torch.zeros(7, dtype=torch.float64)).backward()
print(exact(x64.grad))

# a target that broadcasts (with PyTorch's warning), and broadcast_tensors
a = torch.tensor([[0.5, -1.0, 2.0]], requires_grad=True)
b = torch.tensor([[1.0, 0.0, 0.5], [0.2, 0.3, 0.1]], requires_grad=True)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    loss = F.mse_loss(a, b)
print(chain(loss, 2))
loss.backward()
print(exact(a.grad), exact(b.grad))
p, q = torch.broadcast_tensors(b, a)
print(p is b, q.grad_fn.name(), q.shape)

# second and third derivatives
# (numbers with few binary digits: numpy's and PyTorch's matrix products round differently,
# one of them with fused multiply-adds, which is not what this program is about)
x = torch.tensor([[0.5, -1.25, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)
w = torch.tensor([[0.25, -0.5], [1.0, 0.5], [0.375, 0.125]], requires_grad=True)
t = torch.tensor([[1.0, 0.0], [0.5, -0.5]], requires_grad=True)
for reduction in ("mean", "sum", "none"):
    loss = F.mse_loss(x @ w, t, reduction=reduction)
    gx, gw, gt = torch.autograd.grad(loss.sum(), (x, w, t), create_graph=True)
    print(reduction, chain(gx, 3))
    print(" ", chain(gt, 2))
    print(" ", exact(gx), exact(gt))
    hx, hw, ht = torch.autograd.grad((gx * gx).sum() + (gw * gt.sum()).sum(), (x, w, t),
                                     create_graph=True)
    print(" second", chain(ht, 3), exact(hx), exact(ht))
    (third,) = torch.autograd.grad(hx.sum() + ht.sum(), w)
    print(" third", exact(third))
# a gradient that requires grad flows into the node's first edge
s = torch.tensor(2.0, requires_grad=True)
(g,) = torch.autograd.grad(F.mse_loss(x, torch.zeros(2, 3)), x, grad_outputs=s * s,
                           create_graph=True)
print(chain(g, 2), exact(torch.autograd.grad(g.sum(), s)[0]))
