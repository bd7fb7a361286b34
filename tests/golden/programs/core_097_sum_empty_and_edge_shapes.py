import torch

e = torch.zeros(0, requires_grad=True)
s = e.sum()
print(s, s.grad_fn.name())
s.backward()
print(e.grad)
print(torch.zeros(0, 3).sum(0), torch.zeros(0, 3).sum(1))
m = torch.zeros(0, 3).mean()
print(m)
one = torch.tensor([[[2.0]]], requires_grad=True)
r = one.sum((0, 2))
print(r, r.shape)
r.backward(torch.tensor([3.0]))
print(one.grad)
print(torch.ones(3, 1) @ torch.ones(1, 3))
print(torch.ones(0, 2) @ torch.ones(2, 3))
try:
    torch.zeros(0).max()
except (RuntimeError, IndexError) as e:
    print(type(e).__name__, e)
