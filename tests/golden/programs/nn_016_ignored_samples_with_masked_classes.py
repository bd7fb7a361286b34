import torch
import torch.nn.functional as F

# Samples left out with ignore_index count zero, whatever their row holds: here a masked
# class (-inf) at the index an ignored sample would have picked. A kept sample with a
# log-probability of 0 gives -0 as in PyTorch (-(1 * 0)), a weight of 0 too.
inf = float("inf")
log_p = torch.tensor([[0.0, -inf], [-inf, 0.0], [-1.0, -2.0], [-inf, -0.5]])
labels = torch.tensor([0, 3, 1, 3])
for reduction in ("none", "sum", "mean"):
    x = log_p.clone().requires_grad_()
    loss = F.nll_loss(x, labels, ignore_index=3, reduction=reduction)
    print(reduction, loss)
    x2 = log_p.clone().requires_grad_()
    loss = F.nll_loss(x2, torch.tensor([0, -100, 1, 1]), reduction=reduction)
    loss.sum().backward()
    print(" ", loss, x2.grad)
for weight in (torch.tensor([0.0, 1.0]), torch.tensor([2.0, 3.0])):
    x = log_p.clone().requires_grad_()
    loss = F.nll_loss(x, torch.tensor([0, -100, 1, -100]), weight=weight, reduction="none")
    loss.sum().backward()
    print("weight", weight, loss, x.grad)
    print(F.nll_loss(log_p, torch.tensor([1, -100, 1, -100]), weight=weight))

# Through cross_entropy: logits masked with -inf, the masked samples ignored.
logits = torch.tensor([[-inf, 1.0, 2.0], [0.5, -inf, -inf], [1.0, 1.0, 1.0]], requires_grad=True)
loss = F.cross_entropy(logits, torch.tensor([2, -1, 0]), ignore_index=-1)
loss.backward()
print(loss, logits.grad)
smooth = F.cross_entropy(logits, torch.tensor([2, 1, 0]), ignore_index=1, label_smoothing=0.1,
                         reduction="none")
print(smooth)
