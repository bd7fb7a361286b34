# Random in-place fills: what they record and refuse, their ranges and dtypes (the numbers
# themselves come from each library's own generator, so only their properties are printed).
import torch

torch.manual_seed(0)
a = torch.ones(2, requires_grad=True)
for name, args in [("uniform_", ()), ("uniform_", (-1, 1)), ("normal_", ()), ("normal_", (2, 0.5)),
                   ("random_", ()), ("random_", (5,)), ("random_", (1, 5)),
                   ("bernoulli_", ()), ("bernoulli_", (0.3,)),
                   ("bernoulli_", (torch.full((2,), 0.3),))]:
    b = a * 1
    result = getattr(b, name)(*args)
    b.sum().backward()
    print(name, result is b, b._version, b.grad_fn.name(), b.grad_fn.next_functions[0][0].name(),
          a.grad)
    a.grad = None
    try:
        getattr(a, name)(*args)
    except RuntimeError as e:
        print(type(e).__name__, e)

x = torch.empty(1000)
print(bool(x.uniform_(-2, 3).min() >= -2), bool(x.max() < 3), bool(x.uniform_().min() >= 0))
print(x.normal_(5, 0.1).mean().round(), x.normal_(std=0.0).eq(0).all(), x._version)
print(x.random_(0, 10).eq(x.round()).all(), x.min(), x.max(), x.random_(5).max(),
      x.random_(3, 4).min(), x.max())
print(x.bernoulli_(0.0).sum(), x.bernoulli_(1.0).sum(), ((x.bernoulli_() == 0) | (x == 1)).all(),
      x.bernoulli_(torch.zeros(1000)).sum(), x.bernoulli_(torch.ones(1000)).sum())
n = torch.zeros(1000, dtype=torch.long)
print(bool(n.random_(0, 10).max() <= 9), n.random_(7).dtype, n.bernoulli_(0.5).dtype,
      sorted(set(n.tolist())))
print(torch.zeros(5, dtype=torch.bool).random_().dtype, torch.zeros(2, 2).uniform_(0, 1).shape,
      torch.zeros(8, dtype=torch.float64).normal_().dtype)
print(bool(torch.zeros(1000).random_().max() <= 2 ** 24),
      bool(torch.zeros(1000, dtype=torch.float64).random_().max() > 2 ** 24))
with torch.no_grad():
    print(a.uniform_(0, 0.5).shape, bool(a.max() < 0.5), a.is_leaf, a.requires_grad)
g = torch.Generator().manual_seed(3)
h = torch.Generator().manual_seed(3)
print(torch.empty(4).uniform_(generator=g).equal(torch.empty(4).uniform_(generator=h)))
for call in [lambda: x.uniform_(1, 0), lambda: x.normal_(0, -1), lambda: x.bernoulli_(2),
             lambda: x.bernoulli_(-0.5), lambda: x.random_(5, 2), lambda: n.uniform_(),
             lambda: n.normal_()]:
    try:
        print(call().shape)
    except (RuntimeError, NotImplementedError) as e:
        print(type(e).__name__, e)
