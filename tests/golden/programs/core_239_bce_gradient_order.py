import torch
import torch.nn.functional as F
from _golden import chain, exact

# binary_cross_entropy's and binary_cross_entropy_with_logits' gradients in PyTorch's order:
# the local derivative times the incoming gradient first, then the weight, then / numel for
# a mean (a C++ Scalar: DivBackward1 under create_graph). minigrad divided first: with an
# incoming gradient other than 1 (0.3 * loss, a sum of losses) the last bit differed.
torch.manual_seed(0)
p = (torch.rand(8, 5) * 0.98 + 0.01).requires_grad_()
y = (torch.rand(8, 5) > 0.5).float()
w = torch.rand(5)
x = torch.randn(8, 5, requires_grad=True)
# (logits 0: sigmoid 0.5 exactly; numpy's exp elsewhere differs from PyTorch's in the last bit)
zero = torch.zeros(8, 5, requires_grad=True)
for kwargs in ({}, {"weight": w}, {"reduction": "sum"}):
    for scale in (1.0, 0.3, 1.7):
        (g,) = torch.autograd.grad(F.binary_cross_entropy(p, y, **kwargs) * scale, p)
        print("bce", sorted(kwargs), scale, exact(g.view(-1)[::3]))
        (g,) = torch.autograd.grad(
            F.binary_cross_entropy_with_logits(zero, y, **kwargs) * scale, zero)
        print("bcel", sorted(kwargs), scale, exact(g.view(-1)[::3]))
(g,) = torch.autograd.grad(F.binary_cross_entropy_with_logits(zero, y, pos_weight=w) * 0.3, zero)
print("pos_weight", exact(g.view(-1)[::3]))

(g,) = torch.autograd.grad(F.binary_cross_entropy_with_logits(x, y), x, create_graph=True)
print(chain(g, 4))
(h,) = torch.autograd.grad((g * g).sum(), x)
print([round(v, 6) for v in exact(h.view(-1)[::3])])
