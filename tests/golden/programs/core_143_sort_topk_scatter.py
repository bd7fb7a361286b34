import torch

# sort: values in order and where they came from; each value's gradient goes back there.
x = torch.tensor([[3.0, 1.0, 2.0, 1.0], [0.0, float("nan"), -1.0, 5.0]], requires_grad=True)
s = x.sort()
print(s, s.values.grad_fn._saved_indices, s.values.grad_fn._saved_self_sym_sizes)
(s.values * torch.arange(8.0).reshape(2, 4)).sum().backward()
print(x.grad)
print(x.sort(descending=True), x.sort(0), torch.sort(x, dim=1, stable=True).indices,
      x.argsort(dim=1, descending=True), torch.argsort(x, 0), x.sort(dim=0).values.grad_fn._saved_dim)
print(torch.tensor([2.0, 1.0, 2.0, 1.0, 2.0]).sort(descending=True),
      torch.tensor([3, 1, 2]).sort(), torch.tensor([True, False]).sort(), torch.tensor(5.0).sort(),
      torch.tensor([-float("inf"), float("nan"), float("inf"), 0.0]).sort(descending=True))

# topk: the k largest (or smallest); the others get no gradient.
y = torch.tensor([[3.0, 1.0, 2.0, 0.5], [0.0, float("nan"), -1.0, 5.0]], requires_grad=True)
t = y.topk(2)
print(t, t.values.grad_fn.name(), t.values.grad_fn._saved_indices)
print(y.topk(2, largest=False), y.topk(1, dim=0), torch.topk(y, 3).indices, torch.tensor(5.0).topk(1),
      y.topk(0))
(g,) = torch.autograd.grad((t.values ** 2).sum(), y, create_graph=True)
print(g, g.grad_fn.name(), torch.autograd.grad(g.sum(), y)[0])
for f in (lambda: y.topk(5), lambda: y.topk(-1), lambda: y.sort(2)):
    try:
        print(f())
    except (RuntimeError, IndexError) as err:
        print(type(err).__name__, err)

# scatter writes src (or a number) at the indexed places.
base = torch.zeros(2, 3, requires_grad=True)
src = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
index = torch.tensor([[2, 0], [1, 0]])
out = base.scatter(1, index, src)
print(out, out.grad_fn._saved_dim, out.grad_fn._saved_index)
out.backward(torch.arange(6.0).reshape(2, 3))
print(base.grad, src.grad)
base.grad = None
out = base.scatter(1, index, 7.5)
print(out, out.grad_fn.name())
out.sum().backward()
print(base.grad, torch.scatter(torch.zeros(2), 0, torch.tensor([1]), 2.0))
z = torch.zeros(3)
z.scatter_(0, torch.tensor([0, 2]), torch.tensor([5.0, 6.0]))
print(z, z.scatter_(0, torch.tensor([1]), value=-1.0))
try:
    base.scatter(1, index, src.double())
except RuntimeError as err:
    print(type(err).__name__, err)
