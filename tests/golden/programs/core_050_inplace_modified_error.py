import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
a = x * 1
b = a ** 2
a.add_(1)
print(a._version)
try:
    b.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)
w = torch.tensor([1.0, 2.0], requires_grad=True)
s = w.sigmoid()
out = s * 2
s.detach().zero_()
try:
    out.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)
p = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
q = torch.tensor([[1.0, 0.0], [0.0, 1.0]], dtype=torch.float64, requires_grad=True)
r = p.exp()
loss = r.sum()
r.mul_(2)
print(r._version, r.grad_fn.name())
try:
    loss.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
k = q.tanh()
m = (k * q).sum()
k.detach().add_(1)
try:
    m.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
ok = x * 1
ok2 = ok + 1
ok.mul_(3)
ok2.sum().backward()
print(x.grad)
