# searchsorted and bucketize (int64 or int32 indices, left/right, a sorted row per row of
# values, nan last) and distances: cdist (CdistBackward0 for every p; p = 2 over more than 25
# rows by a matrix product, EuclideanDistBackward0 under a view, as PyTorch's default
# compute_mode), batched cdist, pairwise_distance (norm of x1 - x2 + eps: NormBackward1) and
# nn.PairwiseDistance: values, gradients, grad_fn chains, dtypes and PyTorch's errors.
import torch
import torch.nn.functional as F

import _golden
from _golden import attempt, rounded


def chain(t, depth=4):
    return _golden.chain(t, depth)


seq = torch.tensor([1, 3, 5, 7, 9])
vals = torch.tensor([[3, 6, 9], [0, 10, 5]])
print(torch.searchsorted(seq, vals), torch.searchsorted(seq, vals, right=True),
      torch.searchsorted(seq, vals, side="right"), torch.searchsorted(seq, vals, side="left"))
print(torch.searchsorted(torch.tensor([[1, 3, 5], [2, 4, 6]]), torch.tensor([[3, 6], [1, 5]])),
      torch.searchsorted(seq, 4), torch.searchsorted(seq, torch.tensor(4)),
      torch.searchsorted(seq, vals, out_int32=True), torch.searchsorted(seq, 4.5))
print(torch.searchsorted(torch.tensor([1.0, 2.0, 2.0]), torch.tensor([2.0, float("nan")]), right=True),
      torch.searchsorted(torch.tensor([1.0, 2.0]), torch.tensor([1, 2, 3])),
      torch.searchsorted(torch.tensor([1.0, 2.0], dtype=torch.float64), torch.tensor([1.5])),
      torch.searchsorted(torch.tensor([5, 1, 3]), torch.tensor([2, 4]), sorter=torch.tensor([1, 2, 0])),
      torch.searchsorted(seq, torch.tensor([], dtype=torch.long)),
      torch.searchsorted(torch.tensor([1.0, 2.0], requires_grad=True),
                         torch.tensor([1.5], requires_grad=True)))
print(torch.bucketize(vals, seq), torch.bucketize(vals, seq, right=True),
      torch.bucketize(vals, seq, out_int32=True), torch.bucketize(4, seq),
      torch.bucketize(torch.tensor(4), seq), torch.bucketize(torch.tensor([1.5, 2.5]), seq))
for label, call in [
    ("side and right", lambda: torch.searchsorted(seq, vals, right=True, side="left")),
    ("side middle", lambda: torch.searchsorted(seq, vals, side="middle")),
    ("rows differ", lambda: torch.searchsorted(torch.tensor([[1, 3], [2, 4]]), torch.tensor([1, 2, 3]))),
    ("rows differ 2", lambda: torch.searchsorted(torch.tensor([[1, 3], [2, 4]]),
                                                 torch.tensor([[1], [2], [3]]))),
    ("0-d sequence", lambda: torch.searchsorted(torch.tensor(1.0), torch.tensor([1.5]))),
    ("bool", lambda: torch.searchsorted(torch.tensor([False, True]), torch.tensor([True]))),
    ("bucketize 2-d", lambda: torch.bucketize(vals, torch.tensor([[1, 2]]))),
]:
    attempt(label, call)

# cdist
x1 = torch.tensor([[0.0, 0.0], [1.0, 1.0], [3.0, 4.0]], requires_grad=True)
x2 = torch.tensor([[0.0, 0.0], [1.0, 2.0]], requires_grad=True)
weights = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
for p in (2.0, 1.0, 3.0, 1.5, 0.0, float("inf")):
    d = torch.cdist(x1, x2, p=p)
    d.backward(weights)
    print(p, rounded(d, 3), chain(d, 2), rounded(x1.grad, 3), rounded(x2.grad, 3))
    x1.grad = x2.grad = None
d = torch.cdist(x1, x2)
print(d.grad_fn._saved_p, d.dtype, torch.cdist(x1.double(), x2.double()).dtype)
for mode in ("use_mm_for_euclid_dist_if_necessary", "use_mm_for_euclid_dist",
             "donot_use_mm_for_euclid_dist"):
    print(mode, chain(torch.cdist(x1 + 0.5, x2, compute_mode=mode), 3))
# more than 25 rows: p = 2 by a matrix product (away from zero distances, where it rounds)
big1 = (torch.arange(60.0).reshape(30, 2) / 7).requires_grad_()
big2 = torch.arange(52.0).reshape(26, 2) / 5 + 0.3
d = torch.cdist(big1, big2)
print(chain(d, 3), rounded(d[::7, ::5], 3))
d.sum().backward()
print(rounded(big1.grad[::6], 2))
big1.grad = None
d = torch.cdist(big1, big2, p=1)
print(chain(d, 2), rounded(d[::7, ::5], 3))
# batched
b1 = torch.arange(12.0).reshape(2, 3, 2).requires_grad_()
b2 = (torch.arange(8.0).reshape(2, 2, 2) + 0.5).requires_grad_()
for p in (2.0, 1.0):
    d = torch.cdist(b1, b2, p=p)
    d.sum().backward()
    print(p, rounded(d), chain(d, 2), rounded(b1.grad), rounded(b2.grad))
    b1.grad = b2.grad = None
d = torch.cdist(b1, torch.tensor([[0.0, 1.0]]))
print(list(d.shape), rounded(d), chain(d, 2))
long1 = (torch.arange(120.0).reshape(2, 30, 2) / 9).requires_grad_()
d = torch.cdist(long1, b2)
print(list(d.shape), chain(d, 5), rounded(d[:, ::10], 3))
d.sum().backward()
print(rounded(long1.grad[:, ::10], 2), rounded(b2.grad, 2))
for label, call in [
    ("cdist ints", lambda: torch.cdist(torch.tensor([[1, 2]]), torch.tensor([[1, 2]]))),
    ("cdist 1-d", lambda: torch.cdist(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0]))),
    ("cdist columns", lambda: torch.cdist(torch.ones(2, 3), torch.ones(2, 4))),
    ("cdist negative p", lambda: torch.cdist(torch.ones(2, 3), torch.ones(2, 3), p=-1)),
    ("cdist dtypes", lambda: torch.cdist(torch.ones(2, 3), torch.ones(2, 3, dtype=torch.float64))),
    ("cdist broadcast", lambda: torch.cdist(torch.ones(2, 2, 3), torch.ones(4, 3))),
]:
    attempt(label, call)

# pairwise_distance
y1 = torch.tensor([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]], requires_grad=True)
y2 = torch.tensor([[1.0, 0.0, 3.0], [0.0, 0.0, 0.0]])
for p in (2.0, 1.0, 3.0):
    d = F.pairwise_distance(y1, y2, p=p)
    d.sum().backward()
    print(p, rounded(d, 6), chain(d, 5), rounded(y1.grad))
    y1.grad = None
print(rounded(F.pairwise_distance(y1, y2, keepdim=True), 6),
      rounded(torch.nn.PairwiseDistance()(y1, y2), 6), torch.nn.PairwiseDistance(),
      rounded(torch.pairwise_distance(y1, y2, eps=0.0)),
      rounded(torch.nn.PairwiseDistance(p=1.0, eps=0.0, keepdim=True)(y1, y2)))
d = F.pairwise_distance(y1, y2)
print(d.grad_fn._saved_p if hasattr(d.grad_fn, "_saved_p") else None, d.dtype)
for label, call in [
    ("pairwise 1-d", lambda: F.pairwise_distance(torch.tensor([1.0, 2.0]), torch.tensor([0.0, 0.0]))),
    ("pairwise shapes", lambda: F.pairwise_distance(torch.ones(2, 3), torch.ones(2, 4))),
    ("pairwise ints", lambda: F.pairwise_distance(torch.tensor([[1, 2]]), torch.tensor([[1, 2]]))),
    ("pairwise broadcast", lambda: F.pairwise_distance(torch.ones(2, 3), torch.zeros(3))),
]:
    attempt(label, call)
