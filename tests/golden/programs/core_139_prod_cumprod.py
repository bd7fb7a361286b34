import torch

# prod of all elements and along a dim: gradients with no zero, one zero and two zeros.
for values in ([[2.0, -3.0, 0.5], [1.5, 4.0, -1.0]],
               [[2.0, 0.0, 3.0], [1.0, 4.0, 5.0]],
               [[2.0, 0.0, 3.0], [1.0, 4.0, 0.0]],
               [[0.0, 0.0, 3.0], [1.0, 4.0, 2.0]]):
    for name, f in [("all", lambda t: t.prod()),
                    ("dim 1", lambda t: t.prod(1)),
                    ("dim 0 keep", lambda t: t.prod(0, keepdim=True)),
                    ("dim -1", lambda t: torch.prod(t, -1)),
                    ("cumprod 1", lambda t: t.cumprod(1)),
                    ("cumprod 0", lambda t: torch.cumprod(t, dim=0))]:
        x = torch.tensor(values, requires_grad=True)
        y = f(x)
        weights = torch.arange(1.0, y.numel() + 1).reshape(y.shape)
        (y * weights).sum().backward()
        print(name, y, x.grad)

# What the nodes keep.
x = torch.tensor([[2.0, 3.0], [4.0, 5.0]], requires_grad=True)
y = x.prod(1, keepdim=True)
print(y.grad_fn._saved_self is x, y.grad_fn._saved_result, y.grad_fn._saved_dim,
      y.grad_fn._saved_keepdim, x.cumprod(0).grad_fn._saved_dim, x.prod().grad_fn._saved_result)

# Second derivatives: with create_graph even two zeros give a non-zero second derivative.
for values in ([2.0, 3.0, 4.0], [2.0, 0.0, 4.0], [0.0, 0.0, 4.0], [1.0, 0.0, 2.0, 0.0]):
    s = torch.tensor(values, requires_grad=True)
    (g,) = torch.autograd.grad(s.prod(), s, create_graph=True)
    print(g, torch.autograd.grad(g.sum(), s)[0])
    (g,) = torch.autograd.grad((s.cumprod(0) * torch.arange(1.0, len(values) + 1)).sum(), s,
                               create_graph=True)
    print(g, torch.autograd.grad(g.sum(), s)[0])

# dtypes, empty and zero-dim tensors.
print(torch.tensor([1, 2, 3]).prod(), torch.tensor([True, True]).prod(), torch.tensor([]).prod(),
      torch.tensor([1, 2]).prod(dtype=torch.float64), torch.tensor([[1, 2], [3, 4]]).prod(0))
print(torch.tensor([1, 2, 3]).cumprod(0), torch.tensor([True, False]).cumprod(0),
      torch.tensor([1.0, 2.0]).cumprod(0, dtype=torch.float64), torch.tensor([]).cumprod(0))
z = torch.tensor(3.0, requires_grad=True)
for y in (z.prod(), z.prod(0), z.prod(-1, keepdim=True), z.cumprod(0)):
    (g,) = torch.autograd.grad(y, z)
    print(y, g)
e = torch.zeros(0, 3, requires_grad=True)
y = e.prod(0)
y.sum().backward()
print(y, e.grad, e.prod(1))
try:
    torch.tensor([[1.0]]).prod(2)
except IndexError as err:
    print(type(err).__name__, err)
try:
    torch.tensor([1.0]).cumprod(1)
except IndexError as err:
    print(type(err).__name__, err)
