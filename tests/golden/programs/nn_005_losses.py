# Loss modules and functions: values, gradients and grad_fn names for every reduction.
import torch
import torch.nn as nn
import torch.nn.functional as F


def report(loss, *inputs):
    print(loss, loss.grad_fn.name())
    loss.backward(torch.ones_like(loss))
    for t in inputs:
        print(t.grad)
        t.grad = None


pred = torch.tensor([[0.5, -1.0], [2.0, 0.25], [0.0, 1.5]], requires_grad=True)
target = torch.tensor([[1.0, -1.0], [1.5, 0.0], [-0.5, 2.0]])
for reduction in ["mean", "sum", "none"]:
    print("mse", reduction)
    report(nn.MSELoss(reduction=reduction)(pred, target), pred)
    print("l1", reduction)
    report(nn.L1Loss(reduction=reduction)(pred, target), pred)
print(nn.MSELoss(), nn.L1Loss(reduction="sum"))
print(F.mse_loss(pred, target), F.l1_loss(pred, target))
print(F.mse_loss(pred, target).grad_fn.next_functions[0][0].name())
l1 = F.l1_loss(pred, target)
print(l1.grad_fn.next_functions[0][0].name())

logits = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [1.2, 0.2, 3.1], [0.0, 0.0, 0.0]],
                      requires_grad=True)
labels = torch.tensor([0, 1, 2, 1])
for reduction in ["mean", "sum", "none"]:
    print("cross_entropy", reduction)
    loss = nn.CrossEntropyLoss(reduction=reduction)(logits, labels)
    print(loss.grad_fn.next_functions[0][0].name())
    report(loss, logits)
    print("nll", reduction)
    report(F.nll_loss(F.log_softmax(logits, dim=1), labels, reduction=reduction), logits)
print(nn.CrossEntropyLoss(), nn.NLLLoss())
print(nn.NLLLoss()(F.log_softmax(logits, dim=1), labels))

# One sample without a batch dimension.
single = torch.tensor([0.2, 1.4, -0.3], requires_grad=True)
report(F.cross_entropy(single, torch.tensor(1)), single)

# Class weights and ignore_index.
weights = torch.tensor([1.0, 2.0, 0.5])
report(F.cross_entropy(logits, labels, weight=weights), logits)
report(F.cross_entropy(logits, labels, weight=weights, reduction="sum"), logits)
report(F.cross_entropy(logits, torch.tensor([0, -100, 2, 1])), logits)
report(F.cross_entropy(logits, torch.tensor([0, 5, 2, 1]), ignore_index=5), logits)

# Extra dimensions: (N, C, d) logits with (N, d) targets.
seq_logits = torch.arange(12.0).reshape(2, 3, 2).div(4).requires_grad_()
report(F.cross_entropy(seq_logits, torch.tensor([[0, 2], [1, 1]])), seq_logits)

# Numerically stable for large logits.
huge = torch.tensor([[1000.0, 0.0, -1000.0], [-500.0, 500.0, 0.0]], requires_grad=True)
report(F.cross_entropy(huge, torch.tensor([2, 1])), huge)

probs = torch.tensor([0.9, 0.2, 0.6, 0.5], requires_grad=True)
bits = torch.tensor([1.0, 0.0, 0.0, 1.0])
for reduction in ["mean", "sum", "none"]:
    print("bce", reduction)
    report(nn.BCELoss(reduction=reduction)(probs, bits), probs)
    print("bce_with_logits", reduction)
    report(nn.BCEWithLogitsLoss(reduction=reduction)(probs, bits), probs)
print(nn.BCELoss(), nn.BCEWithLogitsLoss())
report(F.binary_cross_entropy(probs, bits, weight=torch.tensor([1.0, 2.0, 3.0, 4.0])), probs)
report(F.binary_cross_entropy_with_logits(probs, bits, weight=torch.tensor([1.0, 2.0, 3.0, 4.0])),
       probs)
report(F.binary_cross_entropy_with_logits(probs, bits, pos_weight=torch.tensor([3.0])), probs)
# Soft targets.
report(F.binary_cross_entropy(probs, torch.tensor([0.3, 0.5, 0.1, 0.9])), probs)

# BCE clamps its log terms at -100; the logits version stays exact for large inputs.
edge = torch.tensor([0.0, 1.0, 1.0], requires_grad=True)
print(F.binary_cross_entropy(edge, torch.tensor([1.0, 0.0, 1.0]), reduction="none"))
big_logits = torch.tensor([1000.0, -1000.0, 30.0], requires_grad=True)
report(F.binary_cross_entropy_with_logits(big_logits, torch.tensor([0.0, 1.0, 1.0]),
                                          reduction="none"), big_logits)

# Double precision flows through.
d = torch.tensor([[0.5, 1.5]], dtype=torch.float64, requires_grad=True)
print(F.mse_loss(d, torch.tensor([[0.0, 1.0]], dtype=torch.float64)))
print(F.cross_entropy(d, torch.tensor([1])))

# Losses of a loss: create_graph through MSE.
w = torch.tensor([1.5, -0.5], requires_grad=True)
loss = F.mse_loss(w * 2, torch.tensor([1.0, 1.0]))
(g,) = torch.autograd.grad(loss, w, create_graph=True)
print(g)
g.sum().backward()
print(w.grad)
