import warnings

import torch

warnings.simplefilter("always")
x = torch.tensor([[3.0, -4.0, 0.0], [0.0, 1.0, -1.0]])

# Norms: p = 2 ("fro", the default), 1, inf, -inf, 0, 3, 0.5; over all, along dims, kept.
for kwargs in ({}, {"dim": 1}, {"p": 1}, {"p": float("inf")}, {"p": -float("inf"), "dim": 0},
               {"p": 0}, {"p": 3, "dim": 1}, {"p": 0.5}, {"dim": 0, "keepdim": True},
               {"p": "fro", "dim": (0, 1)}, {"p": 2, "dim": 1, "keepdim": True}):
    leaf = x.clone().requires_grad_()
    n = leaf.norm(**kwargs)
    f = n.grad_fn
    print(kwargs, n, f._saved_ord, f._saved_dim, f._saved_keepdim)
    n.sum().backward()
    print(" ", leaf.grad)
z = torch.zeros(3, requires_grad=True)
for p in (2, 1, 3, 0.5):
    z.grad = None
    z.norm(p=p).backward()
    print("zeros", p, z.grad)
print(torch.norm(x), torch.norm(x, dim=0), x.double().norm().dtype, x.norm(dim=-1))

# Variance and standard deviation: Bessel's correction by default, unbiased=False, correction=.
for name in ("var", "std"):
    for args, kwargs in (((), {}), ((1,), {}), ((0,), {"keepdim": True}), ((), {"unbiased": False}),
                         ((1,), {"correction": 0}), ((False,), {}), (((0, 1),), {}),
                         ((0,), {"correction": 2})):
        leaf = x.clone().requires_grad_()
        v = getattr(leaf, name)(*args, **kwargs)
        f = v.grad_fn
        print(name, args, kwargs, v, f._saved_dim, f._saved_correction, f._saved_keepdim)
        v.sum().backward()
        print(" ", leaf.grad)
c = torch.ones(3, requires_grad=True)
c.std().backward()
print(c.grad, torch.var(x), torch.std(x, 0), torch.tensor([2.0]).var())
for bad in (lambda: torch.tensor([1, 2]).norm(), lambda: torch.tensor([1, 2]).var(),
            lambda: x.var(dim=3), lambda: x.norm(dim=2)):
    try:
        bad()
    except (RuntimeError, IndexError) as e:
        print(type(e).__name__, e)
