import torch
from _golden import show

# Tensor.mode / torch.mode and Tensor.index_fill / index_fill_ / torch.index_fill, which
# minigrad lacked: values, the index mode picks among equal values (nan equals nothing),
# gradients and PyTorch's nodes, and their errors.
x = torch.tensor([[1.0, 3.0, 1.0, 3.0, 2.0], [5.0, 5.0, 4.0, 4.0, 0.0]], requires_grad=True)
r = x.mode()
show("x.mode()", lambda: r)
r.values.sum().backward()
show("x.grad", lambda: x.grad)
calls = [
    "torch.mode(x, 0)", "x.mode(dim=1, keepdim=True)", "torch.tensor([2, 2, 7, 7, 7, 1]).mode()",
    "torch.tensor(3.0).mode()", "torch.tensor([1.0, float('nan'), float('nan'), 1.0]).mode()",
    "torch.tensor([float('nan'), 2.0, float('nan'), 2.0, 3.0, 3.0]).mode()",
    "torch.tensor([[3, 3, 1, 1]]).mode(1)", "torch.tensor([True, False, True]).mode()",
    "torch.zeros(2, 0).mode(1)", "x.mode(True)", "x.mode(2)",
]
for call in calls:
    show(call, lambda: eval(call))

a = torch.arange(6.0).reshape(2, 3).clone().requires_grad_()
i = torch.tensor([0, 2])
y = a.index_fill(1, i, -1.0)
show("a.index_fill(1, i, -1.0)", lambda: (y, y.grad_fn.name()))
v = torch.tensor(5.0, requires_grad=True)
z = a.index_fill(1, i, v)
z.sum().backward()
show("index_fill with a tensor value", lambda: (z, a.grad, v.grad, z.grad_fn.name()))
w = a.detach().clone()
calls = [
    "w.index_fill_(0, torch.tensor(1), 7)", "torch.index_fill(w, 1, i, 0)",
    "w.index_fill_(-1, torch.tensor([0, 0]), torch.tensor(-3.0))", "w._version",
    "a.index_fill(1, torch.tensor([0.0]), 1.0)", "a.index_fill(1, torch.tensor([3]), 1.0)",
    "a.index_fill(1, i, torch.ones(2))", "torch.arange(6).index_fill(0, torch.tensor([1]), 2.7)",
    "a.index_fill(1, torch.tensor([-1]), 1.0)", "a.index_fill(1, torch.tensor([[0]]), 1.0)",
    "a.index_fill_(1, i, 0.0)", "a.index_fill(1, i)",
    "torch.tensor(2.0).index_fill(0, torch.tensor(0), 1.0)",
]
for call in calls:
    show(call, lambda: eval(call))
