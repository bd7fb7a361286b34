import torch

x = torch.arange(12.0).reshape(3, 4).requires_grad_()
d = x.diagonal()
print(d, d.grad_fn._saved_offset, d.grad_fn._saved_dim1, d.grad_fn._saved_dim2,
      d.grad_fn._saved_self_sym_sizes)
(d * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(x.grad)
print(x.diagonal(1), x.diagonal(-1), x.diagonal(5), torch.diagonal(x, 0, 1, 0), x.diagonal(offset=2))
y = torch.arange(24.0).reshape(2, 3, 4).requires_grad_()
e = y.diagonal(0, 1, 2)
(e * torch.arange(6.0).reshape(2, 3)).sum().backward()
print(e, y.diagonal(dim1=0, dim2=2).shape, y.grad)

v = torch.tensor([1.0, 2.0], requires_grad=True)
m = torch.diag(v)
print(m, m.grad_fn._saved_offset)
(m * torch.arange(4.0).reshape(2, 2)).sum().backward()
print(v.grad, torch.diag(v, 1), torch.diag(v, -2), torch.diag(x), torch.diag(x, -1), x.diag(1))
x.grad = None
x.diag(1).sum().backward()
print(x.grad)
x.grad = None
t = x.trace()
t.backward()
print(t, x.grad, torch.tensor([[1, 2], [3, 4]]).trace(), torch.trace(torch.ones(2, 3)))

# The diagonal is a view: writing into it writes into the matrix.
z = torch.zeros(3, 3)
z.diagonal().fill_(1)
w = x.detach().clone().requires_grad_()
u = w.clone()
u.diagonal().mul_(10)
u.sum().backward()
print(z, u, w.grad)

# Second derivatives.
s = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
(g,) = torch.autograd.grad((s.diagonal() ** 3).sum() + s.trace() ** 2, s, create_graph=True)
print(g, torch.autograd.grad(g.sum(), s)[0])
for f in (lambda: torch.ones(3).trace(), lambda: torch.ones(2, 2, 2).diag(),
          lambda: torch.ones(2, 2).diagonal(0, 0, 0), lambda: torch.ones(2, 2).diagonal(0, 0, 2)):
    try:
        print(f())
    except (RuntimeError, IndexError) as err:
        print(type(err).__name__, err)
