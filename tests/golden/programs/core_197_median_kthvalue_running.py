# median (all elements: MedianBackward0, ties share the gradient; along a dim: MedianBackward1,
# the middle of a stable sort), kthvalue (KthvalueBackward0, PyTorch's quickselect order among
# equal values), nansum/nanmean, var_mean/std_mean (one node, two outputs), aminmax, cummax,
# cummin and logcumsumexp: values, indices, gradients, dtypes and PyTorch's errors.
import torch


def names(t):
    """grad_fn, and what it points to, by name."""
    if t.grad_fn is None:
        return None
    return t.grad_fn.name(), [n and n.name() for n, _ in t.grad_fn.next_functions]


def attempt(label, call):
    try:
        print(label, call())
    except (RuntimeError, TypeError, IndexError, NotImplementedError) as error:
        print(label, type(error).__name__, str(error).splitlines()[0])


def grad_of(x, out):
    out.backward(torch.arange(1.0, out.numel() + 1).reshape(out.shape))
    g, x.grad = x.grad, None
    return rounded(g)


def rounded(t):
    return t.detach().double().numpy().round(4).tolist()


nan = float("nan")
x = torch.tensor([[3.0, 1.0, 2.0, 1.0], [5.0, 5.0, 0.0, 7.0]], requires_grad=True)
ties = torch.tensor([2.0, 2.0, 1.0, 2.0, 2.0], requires_grad=True)
m = x.median()
print(m, names(m), grad_of(x, m))
m = ties.median()
print(m, grad_of(ties, m))
for dim in (0, 1, -1):
    for keepdim in (False, True):
        r = torch.median(x, dim, keepdim=keepdim)
        print(dim, keepdim, type(r).__name__, r.values.tolist(), r.indices.tolist(),
              names(r.values), grad_of(x, r.values))
r = ties.median(0)
print(r, grad_of(ties, r.values))
print(torch.tensor([1, 5, 3, 2]).median(), torch.tensor([1, 5, 3, 2]).median(0))
print(torch.tensor([1.0, nan, 3.0, nan]).median(), torch.tensor([1.0, nan, 3.0, nan]).median(0))
print(torch.tensor(3.0).median(), torch.tensor(3.0).median(0), torch.tensor([]).median())
print(torch.tensor([1.0, 2.0], dtype=torch.float16).median(),
      torch.median(x.detach(), dim=1, keepdim=True))
# which of several equal values each rank points at
z = torch.tensor([4.0, 1.0, 4.0, 4.0, 1.0, 4.0])
print([z.kthvalue(k).indices.item() for k in range(1, 7)], z.median(0).indices)
torch.manual_seed(0)
many = torch.randint(0, 4, (6, 23)).float()
for k in (1, 5, 12, 23):
    print(k, many.kthvalue(k).indices.tolist(), many.kthvalue(k % 6 + 1, dim=0).indices.tolist())
print(many.median(1).indices.tolist(), many.median(0).indices.tolist())
with_nan = torch.tensor([[2.0, nan, 1.0, nan, 3.0, 1.0, 2.0, 2.0, 0.0]])
print([with_nan.kthvalue(k).indices.item() for k in range(1, 10)], with_nan.median(1))
for k in (1, 2, 5):
    r = torch.kthvalue(ties, k)
    print(k, r, names(r.values), grad_of(ties, r.values))
print(x.kthvalue(2, 0), x.kthvalue(3, keepdim=True), torch.tensor([3, 1, 2]).kthvalue(2))
for label, call in [
    ("median bool", lambda: torch.tensor([True, False]).median()),
    ("median bool dim", lambda: torch.tensor([True, False]).median(0)),
    ("median empty dim", lambda: torch.tensor([]).median(0)),
    ("median dim range", lambda: x.median(2)),
    ("kthvalue 0", lambda: ties.kthvalue(0)),
    ("kthvalue 6", lambda: ties.kthvalue(6)),
    ("kthvalue bool", lambda: torch.tensor([True, False]).kthvalue(1)),
]:
    attempt(label, call)

# nansum and nanmean
y = torch.tensor([[1.0, nan, 3.0], [nan, nan, 2.0]], requires_grad=True)
s = y.nansum()
print(s, names(s), grad_of(y, s))
s = torch.nansum(y, 1)
print(s, grad_of(y, s), s.grad_fn._saved_dim)
m = y.nanmean()
print(m, names(m), grad_of(y, m))
m = y.nanmean(1, keepdim=True)
print(m, names(m), grad_of(y, m))
print(torch.nanmean(y, dim=0), torch.tensor([nan, nan]).nanmean(),
      torch.nanmean(torch.ones(2, 2), dim=None, keepdim=True))
print(torch.tensor([1, 2]).nansum(), torch.tensor([1, 2], dtype=torch.int32).nansum(),
      torch.tensor([True, True]).nansum(), torch.tensor([1.0, 2.0]).nansum(dtype=torch.float64),
      torch.ones(2, 3).nansum((0, 1)))
attempt("nanmean int", lambda: torch.tensor([1, 2]).nanmean())

# var_mean and std_mean: a plain tuple, both outputs of one node
a = torch.tensor([[1.0, 2.0, 4.0], [3.0, 5.0, 9.0]], requires_grad=True)
for fn in (torch.var_mean, torch.std_mean):
    for args, kwargs in [((), {}), ((1,), {}), ((1,), {"unbiased": False}),
                         ((), {"dim": 0, "correction": 0, "keepdim": True}), (((0, 1),), {}),
                         ((False,), {}), ((None, True, True), {})]:
        spread, mean = fn(a, *args, **kwargs)
        node = spread.grad_fn
        print(fn.__name__, args, kwargs, type(fn(a)).__name__, rounded(spread), rounded(mean), node.name(), mean.grad_fn is node,
              node._saved_correction, node._saved_dim, node._saved_keepdim)
    print(grad_of(a, fn(a, 1)[0]), grad_of(a, fn(a, 1)[1]))
    spread, mean = fn(a, 1)
    (spread.sum() * 2 + mean.sum()).backward()
    print(rounded(a.grad))
    a.grad = None
attempt("var_mean int", lambda: torch.var_mean(torch.tensor([1, 2])))
attempt("std_mean int", lambda: torch.std_mean(torch.tensor([1, 2])))
print(torch.var_mean(torch.tensor([[1.0, 2.0], [3.0, 5.0]]), dim=[0, 1], correction=0))

# aminmax
b = torch.tensor([[1.0, 9.0, 4.0, 9.0], [3.0, 3.0, 9.0, 1.0]], requires_grad=True)
r = torch.aminmax(b)
print(r, type(r).__name__, r.min.grad_fn is r.max.grad_fn)
(r.min + 2 * r.max).backward()
print(rounded(b.grad))
b.grad = None
r = b.aminmax(dim=1)
(r.min + 2 * r.max).sum().backward()
print(r, b.grad.tolist())
b.grad = None
print(torch.aminmax(b, dim=0, keepdim=True), torch.aminmax(b, dim=-1).max.grad_fn.name())
print(torch.aminmax(torch.tensor([True, False])), torch.aminmax(torch.tensor([3, 1])),
      torch.aminmax(torch.tensor([3, nan, 1])), torch.aminmax(torch.tensor(2.0), dim=0))
for label, call in [
    ("aminmax empty", lambda: torch.aminmax(torch.tensor([]))),
    ("aminmax dim tuple", lambda: torch.aminmax(b, dim=(0, 1))),
    ("aminmax positional dim", lambda: torch.aminmax(b, 1)),
]:
    attempt(label, call)

# cummax, cummin, logcumsumexp
c = torch.tensor([1.0, 3.0, 2.0, 3.0, 0.0, 5.0], requires_grad=True)
for fn in (torch.cummax, torch.cummin):
    r = fn(c, 0)
    print(r, type(r).__name__, names(r.values), grad_of(c, r.values))
print(torch.cummax(torch.tensor([1.0, nan, 2.0, nan]), 0),
      torch.cummin(torch.tensor([2, 2, 1, 1]), 0), c.cummin(dim=-1).indices)
print(torch.cummax(torch.tensor([[1, 5], [4, 2]]), dim=1), torch.cummax(torch.tensor(3.0), 0),
      torch.cummax(torch.tensor([True, False, True]), 0),
      torch.cummin(torch.tensor([1.0, 2.0], dtype=torch.float16), 0))
m2 = torch.tensor([[1.0, 5.0, 5.0], [4.0, 2.0, 6.0]], requires_grad=True)
r = m2.cummax(0)
print(r, grad_of(m2, r.values))
r = m2.cummin(1)
print(r, grad_of(m2, r.values))
attempt("cummax dim range", lambda: torch.cummax(c, 1))
lc = torch.logcumsumexp(c, 0)
print(lc, names(lc), grad_of(c, lc))
lc = m2.logcumsumexp(1)
print(lc, grad_of(m2, lc))
print(torch.logcumsumexp(torch.tensor([-float("inf"), 1000.0, float("inf"), 1.0]), 0),
      torch.tensor([1.0, 2.0], dtype=torch.float64).logcumsumexp(0),
      torch.tensor([[1.0, 2.0], [3.0, 4.0]]).logcumsumexp(0), torch.tensor(2.0).logcumsumexp(0))
big = torch.tensor([1000.0, 1001.0, -1000.0], requires_grad=True)
lc = big.logcumsumexp(0)
print(lc, grad_of(big, lc))
attempt("logcumsumexp int", lambda: torch.logcumsumexp(torch.tensor([1, 2]), 0))
