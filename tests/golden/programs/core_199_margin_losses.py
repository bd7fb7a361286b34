# The margin and embedding losses PyTorch composes of ordinary ops (their grad_fn chains):
# triplet_margin_loss (pairwise distances, swap's minimum, clamp_min), margin_ranking_loss,
# cosine_embedding_loss, and soft_margin_loss (one SoftMarginLossBackward0), with their modules,
# reductions, gradients, dtypes and PyTorch's errors.
import torch
import torch.nn.functional as F

import _golden
from _golden import attempt, grads, rounded


def chain(t, depth=12):
    return _golden.chain(t, depth)


a = torch.tensor([[1.0, 2.0], [0.0, 1.0], [2.0, -1.0]], requires_grad=True)
p = torch.tensor([[1.0, 1.0], [0.0, 0.0], [2.0, 0.5]], requires_grad=True)
n = torch.tensor([[3.0, 2.0], [0.0, 2.0], [1.0, -1.0]], requires_grad=True)
for reduction in ("mean", "sum", "none"):
    loss = F.triplet_margin_loss(a, p, n, reduction=reduction)
    loss.sum().backward()
    print(reduction, rounded(loss), chain(loss), grads(a, p, n))
for kwargs in ({"margin": 2.0, "p": 1, "swap": True}, {"margin": 0.5, "p": 3}, {"eps": 0.0}):
    loss = F.triplet_margin_loss(a, p, n, **kwargs)
    loss.backward()
    print(kwargs, rounded(loss), chain(loss), grads(a, p, n))
module = torch.nn.TripletMarginLoss(margin=0.5, p=1, swap=True, reduction="sum")
print(torch.nn.TripletMarginLoss(), module, rounded(module(a, p, n)), module.margin, module.p,
      module.eps, module.swap)
for label, call in [
    ("triplet dims", lambda: F.triplet_margin_loss(torch.ones(2, 3), torch.ones(3), torch.ones(2, 3))),
    ("triplet 1-d", lambda: F.triplet_margin_loss(torch.ones(3), torch.ones(3), torch.zeros(3))),
    ("triplet 3-d", lambda: F.triplet_margin_loss(torch.ones(1, 2, 3), torch.ones(1, 2, 3),
                                                  torch.zeros(1, 2, 3))),
    ("triplet reduction", lambda: F.triplet_margin_loss(a, p, n, reduction="avg")),
    ("triplet ints", lambda: F.triplet_margin_loss(torch.tensor([[1]]), torch.tensor([[1]]),
                                                   torch.tensor([[1]]))),
    ("triplet module margin", lambda: torch.nn.TripletMarginLoss(margin=0.0)),
]:
    attempt(label, call)

x1 = torch.tensor([1.0, 2.0, 3.0, 0.5], requires_grad=True)
x2 = torch.tensor([2.0, 2.0, 1.0, 0.5], requires_grad=True)
y = torch.tensor([1.0, -1.0, 1.0, -1.0])
for reduction in ("mean", "sum", "none"):
    loss = F.margin_ranking_loss(x1, x2, y, margin=0.5, reduction=reduction)
    loss.sum().backward()
    print(reduction, rounded(loss), chain(loss), grads(x1, x2))
loss = F.margin_ranking_loss(x1, x2, y)
print(rounded(loss), chain(loss), rounded(torch.nn.MarginRankingLoss(margin=0.1)(x1, x2, y)),
      torch.nn.MarginRankingLoss(), torch.nn.MarginRankingLoss(margin=0.1).margin)
for label, call in [
    ("ranking dims", lambda: F.margin_ranking_loss(torch.ones(3), torch.ones(1, 3), torch.ones(3))),
    ("ranking sizes", lambda: F.margin_ranking_loss(x1, x2, torch.ones(2))),
    ("ranking 0-d", lambda: F.margin_ranking_loss(torch.tensor(1.0), torch.tensor(2.0),
                                                  torch.tensor(1.0))),
    ("ranking int target", lambda: F.margin_ranking_loss(x1, x2, torch.tensor([1, -1, 1, 1]))),
    ("ranking reduction", lambda: F.margin_ranking_loss(x1, x2, y, reduction="x")),
]:
    attempt(label, call)

c1 = torch.tensor([[1.0, 0.0], [1.0, 1.0], [0.0, 2.0], [3.0, 1.0]], requires_grad=True)
c2 = torch.tensor([[0.0, 1.0], [1.0, 1.0], [1.0, 0.0], [1.0, 2.0]], requires_grad=True)
t = torch.tensor([1, -1, -1, 1])
for reduction in ("mean", "sum", "none"):
    loss = F.cosine_embedding_loss(c1, c2, t, margin=0.2, reduction=reduction)
    loss.sum().backward()
    print(reduction, rounded(loss), chain(loss), grads(c1, c2))
loss = F.cosine_embedding_loss(c1, c2, t.float())
print(rounded(loss), rounded(torch.nn.CosineEmbeddingLoss(margin=0.1)(c1, c2, t)),
      torch.nn.CosineEmbeddingLoss())
for label, call in [
    ("cosine 1-d", lambda: F.cosine_embedding_loss(torch.tensor([1.0, 0.0]), torch.tensor([0.0, 1.0]),
                                                   torch.tensor(1))),
    ("cosine 2-d target", lambda: F.cosine_embedding_loss(c1, c2, torch.ones(4, 1))),
    ("cosine shapes", lambda: F.cosine_embedding_loss(c1, torch.ones(2, 2), t)),
    ("cosine 3-d", lambda: F.cosine_embedding_loss(torch.ones(1, 2, 2), torch.ones(1, 2, 2), t)),
    ("cosine 0-d target", lambda: F.cosine_embedding_loss(c1, c2, torch.tensor(1))),
    ("cosine target length", lambda: F.cosine_embedding_loss(c1, c2, torch.ones(2))),
    ("cosine other target", lambda: F.cosine_embedding_loss(c1, c2, torch.tensor([1.0, -1.0, 0.5, 0.0]))),
    ("cosine zeros", lambda: F.cosine_embedding_loss(torch.zeros(1, 2), torch.ones(1, 2), torch.tensor([1]))),
]:
    attempt(label, call)

s = torch.tensor([0.5, -1.0, 2.0, 30.0], requires_grad=True)
st = torch.tensor([1.0, -1.0, -1.0, -1.0])
for reduction in ("mean", "sum", "none"):
    loss = F.soft_margin_loss(s, st, reduction=reduction)
    loss.sum().backward()
    print(reduction, rounded(loss), chain(loss), grads(s))
m = torch.tensor([[0.5, -1.0], [2.0, 0.0]], dtype=torch.float64, requires_grad=True)
loss = torch.nn.SoftMarginLoss()(m, torch.tensor([[1.0, 1.0], [-1.0, 1.0]], dtype=torch.float64))
loss.backward()
print(loss, torch.nn.SoftMarginLoss(reduction="sum"), grads(m))
for label, call in [
    ("soft ints", lambda: F.soft_margin_loss(torch.tensor([1, 2]), torch.tensor([1, -1]))),
    ("soft shapes", lambda: F.soft_margin_loss(s, torch.ones(2))),
    ("soft broadcast", lambda: F.soft_margin_loss(s, torch.ones(1))),
    ("soft int target", lambda: F.soft_margin_loss(s, torch.tensor([1, -1, 1, 1]))),
    ("soft reduction", lambda: F.soft_margin_loss(s, st, reduction="avg")),
]:
    attempt(label, call)
