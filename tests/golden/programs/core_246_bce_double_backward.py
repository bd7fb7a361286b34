import torch
import torch.nn.functional as F
from _golden import chain, exact, rounded

# binary_cross_entropy's gradient under create_graph is one node in PyTorch,
# BinaryCrossEntropyBackwardBackward0 (edges: incoming gradient, input, target), with its own
# formulas for the second derivatives; the target's gradient is -logit(input) * grad, then the
# weight, then / numel (minigrad recorded ordinary nodes, and its second derivatives differed
# in the last bit). binary_cross_entropy_with_logits' target gradient with pos_weight goes
# through logsigmoid (LogSigmoidBackward0).

for dtype in (torch.float32, torch.float64):
    for reduction in ("mean", "sum", "none"):
        for weight in (None, torch.tensor([0.5, 2.0, 1.0], dtype=dtype)):
            p = torch.tensor([[0.2, 0.7, 0.9], [0.35, 0.05, 0.6]], dtype=dtype,
                             requires_grad=True)
            t = torch.tensor([[0.0, 1.0, 0.3], [1.0, 0.25, 0.0]], dtype=dtype,
                             requires_grad=True)
            loss = F.binary_cross_entropy(p, t, weight=weight, reduction=reduction)
            if reduction == "none":
                loss = (loss * torch.tensor([1.0, 2.0, 3.0], dtype=dtype)).sum()
            g, gt = torch.autograd.grad(loss * 1.5, (p, t), create_graph=True)
            print(dtype, reduction, weight is not None)
            print(g)
            print(chain(g, 3), chain(gt, 4))
            print(exact(g), rounded(gt, 5))
            v = torch.tensor([[1.0, -1.0, 2.0], [0.5, 3.0, -2.0]], dtype=dtype)
            hp, ht = torch.autograd.grad((g * v).sum(), (p, t), create_graph=True)
            print(chain(hp, 2), chain(ht, 2))
            print(exact(hp), exact(ht))

# The gradient with respect to the incoming gradient (autograd.grad's grad_outputs).
p = torch.tensor([0.3, 0.6], requires_grad=True)
go = torch.tensor(2.0, requires_grad=True)
(g,) = torch.autograd.grad(F.binary_cross_entropy(p, torch.tensor([1.0, 0.0])), p,
                           grad_outputs=go, create_graph=True)
print(g, [type(fn).__name__ if fn is not None else None for fn, _ in g.grad_fn.next_functions])
print(exact(torch.autograd.grad(g.sum(), go)[0]))

# backward(create_graph=True) on nn.BCELoss: the leaf's .grad is a copy of that node's output.
p = torch.tensor([0.2, 0.7], requires_grad=True)
torch.nn.BCELoss()(p, torch.tensor([0.0, 1.0])).backward(create_graph=True)
print(p.grad, chain(p.grad, 3))

# Predictions of exactly 0 and 1: the target's gradient is -logit(p), infinite there.
p = torch.tensor([0.0, 1.0, 0.5], requires_grad=True)
t = torch.tensor([0.0, 1.0, 0.5], requires_grad=True)
F.binary_cross_entropy(p, t).backward()
print(p.grad, t.grad)

z = torch.tensor([-1.0, 0.5, 2.0], requires_grad=True)
t = torch.tensor([0.0, 1.0, 0.3], requires_grad=True)
loss = F.binary_cross_entropy_with_logits(z, t, pos_weight=torch.tensor([2.0, 0.5, 1.0]))
print(chain(torch.autograd.grad(loss, t, create_graph=True)[0], 4))
