import warnings

import torch
import torch.nn.functional as F

# gather: each row picks its own columns (a loss picking each sample's score for its label).
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
index = torch.tensor([[2, 0], [1, 1]])
y = x.gather(1, index)
print(y, y.grad_fn._saved_dim, y.grad_fn._saved_index)
y.backward(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
print(x.grad)
print(torch.gather(x, 0, torch.tensor([[1, 0, 1]])), x.gather(-1, index.int()),
      x.gather(0, torch.zeros(0, 0, 0, dtype=torch.long)), torch.tensor(5.0).gather(0, torch.tensor(0)))

# scatter_add is the way back (and gather's gradient with create_graph).
src = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
base = torch.zeros(2, 3, requires_grad=True)
z = base.scatter_add(1, index, src)
print(z, z.grad_fn.name())
z.backward(torch.tensor([[1.0, 10.0, 100.0], [2.0, 20.0, 200.0]]))
print(base.grad, src.grad)
print(torch.scatter_add(torch.ones(2, 3), 1, torch.tensor([[0, 1, 2, 0]]), torch.ones(1, 4)))
s = torch.tensor([[0.5, -1.0, 2.0]], requires_grad=True)
(g,) = torch.autograd.grad((s.gather(1, torch.tensor([[2, 2, 0]])) ** 2).sum(), s,
                           create_graph=True)
print(g, torch.autograd.grad(g.sum(), s)[0])
acc = torch.zeros(3)
acc.scatter_add_(0, torch.tensor([0, 0, 2]), torch.tensor([1.0, 2.0, 3.0]))
print(acc)

for f in (lambda: x.gather(1, torch.tensor([[0.0, 1.0]])), lambda: x.gather(1, torch.tensor([2, 0])),
          lambda: x.gather(1, torch.tensor([[5, 0]])), lambda: x.gather(0, torch.tensor([[0, 0, 0, 0]])),
          lambda: x.gather(1, torch.tensor([[-1, 0]])),
          lambda: torch.ones(2, 3).scatter_add(1, torch.tensor([[0, 1]]), torch.ones(1, 2, dtype=torch.float64)),
          lambda: torch.ones(2, 3).scatter_add(1, torch.tensor([[0, 1]]), torch.ones(1, 1)),
          lambda: torch.ones(2, 3).scatter_add(1, torch.tensor([0, 1]), torch.ones(2)),
          lambda: torch.ones(2, 3).scatter_add(0, torch.tensor([[0, 1, 2]]), torch.ones(1, 3))):
    try:
        print(f())
    except RuntimeError as err:
        print(type(err).__name__, err)
try:
    x.gather(2, index)
except IndexError as err:
    print(type(err).__name__, err)

# one_hot: class indices as rows.
print(F.one_hot(torch.tensor([0, 2, 1])), F.one_hot(torch.tensor([[1], [0]]), 3),
      F.one_hot(torch.tensor(1), 2), F.one_hot(torch.tensor([], dtype=torch.long), 3))
for f in (lambda: F.one_hot(torch.tensor([0.0, 1.0])), lambda: F.one_hot(torch.tensor([-1, 1])),
          lambda: F.one_hot(torch.tensor([3]), 2), lambda: F.one_hot(torch.tensor([], dtype=torch.long))):
    try:
        print(f())
    except RuntimeError as err:
        print(type(err).__name__, err)

# Checks on values: isnan, isinf, isfinite, isclose, allclose.
a = torch.tensor([1.0, float("nan"), float("inf"), -float("inf"), 0.0])
b = torch.tensor([1.00001, float("nan"), float("inf"), float("inf"), 1e-9])
print(a.isnan(), torch.isinf(a), a.isfinite(), torch.isclose(a, b), torch.isclose(a, a, equal_nan=True),
      a.isclose(b, rtol=0, atol=0.1), torch.tensor([1, 2]).isnan(), torch.tensor([1, 2]).isfinite(),
      torch.isclose(torch.tensor([1, 2]), torch.tensor([1, 3])))
print(torch.allclose(a, a), torch.allclose(a, a, equal_nan=True), a.allclose(b, atol=1.0, equal_nan=True),
      torch.tensor([1.0]).allclose(torch.tensor([1.0, 1.0])))
try:
    torch.isclose(torch.tensor([1.0]), torch.tensor([1.0], dtype=torch.float64))
except RuntimeError as err:
    print(type(err).__name__, err)

# new_*: new tensors with this tensor's dtype.
d = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
print(d.new_zeros(2, 3), d.new_ones((2,)), d.new_full((1, 2), 7), d.new_empty(0).shape,
      d.new_tensor([1, 2]), d.new_tensor([1, 2], dtype=torch.int64), d.new_zeros(2, requires_grad=True),
      d.new_ones(2).requires_grad, d.new_zeros([]), d.new_zeros(torch.Size([1, 1])),
      torch.tensor([1, 2]).new_full((2,), 2.5), torch.tensor([True]).new_ones(2))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    copy = d.new_tensor(d)
print(copy, copy.requires_grad, [str(w.message) for w in caught])
