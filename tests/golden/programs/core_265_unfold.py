import torch

# Tensor.unfold(dimension, size, step) (minigrad had none): windows along a dim as a view
# (UnfoldBackward0), overlapping windows summing their gradients, PyTorch's errors.


def attempt(label, call):
    try:
        print(label, call())
    except (RuntimeError, IndexError) as error:
        print(label, type(error).__name__, error)


x = torch.arange(6.0).reshape(2, 3).requires_grad_()
attempt("unfold(1, 2, 1)", lambda: x.unfold(1, 2, 1))
attempt("unfold(0, 1, 1)", lambda: x.unfold(0, 1, 1))
attempt("unfold(-1, 2, 2)", lambda: x.unfold(-1, 2, 2))
attempt("unfold(1, 3, 1)", lambda: x.unfold(1, 3, 1))
attempt("unfold(1, 0, 1)", lambda: x.unfold(1, 0, 1))
attempt("too big", lambda: x.unfold(1, 4, 1))
attempt("step 0", lambda: x.unfold(1, 2, 0))
attempt("step -1", lambda: x.unfold(1, 2, -1))
attempt("size -1", lambda: x.unfold(1, -1, 1))
attempt("dim 2", lambda: x.unfold(2, 1, 1))
attempt("0-d", lambda: torch.tensor(5.0).unfold(0, 1, 1))
attempt("0-d too big", lambda: torch.tensor(5.0).unfold(0, 2, 1))
u = x.unfold(1, 2, 1)
print(u.shape, u.stride(), u.is_contiguous())
(u * torch.tensor([1.0, 10.0])).sum().backward()
print(x.grad)
y = torch.arange(10.0).unfold(0, 3, 2)
print(y, y.shape)
z = torch.zeros(5)
w = z.unfold(0, 2, 1)
w[0, 1] = 7
print(z, z._version)
x.grad = None
g, = torch.autograd.grad(x.unfold(1, 2, 1).pow(2).sum(), x, create_graph=True)
print(g.detach())
g.sum().backward()
print(x.grad)
