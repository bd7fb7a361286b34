import torch

def show(label, a, b):
    out = a @ b
    grads = torch.autograd.grad(out.sum(), (a, b))
    print(label, "->", tuple(out.shape), out.grad_fn.name(), [tuple(g.shape) for g in grads])
    return out

v = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
u = torch.tensor([4.0, 5.0, 6.0], requires_grad=True)
m = torch.arange(6.0).reshape(2, 3).requires_grad_()
n = torch.arange(12.0).reshape(3, 4).requires_grad_()
b3 = torch.arange(24.0).reshape(2, 3, 4).requires_grad_()
c3 = torch.arange(24.0).reshape(2, 4, 3).requires_grad_()
print(show("1d @ 1d", v, u))
print(show("2d @ 1d", m, v))
print(show("1d @ 2d", v, n))
print(show("2d @ 2d", m, n))
print(show("3d @ 3d", b3, c3))
print(show("3d @ 2d", b3, n.T))
print(show("2d @ 3d", m, c3.transpose(1, 2)).shape)
print(show("1d @ 3d", v, b3).shape)
print(torch.matmul(m, n).grad_fn.name(), m.matmul(n).grad_fn.name())
