import torch

t = torch.arange(6.0).reshape(2, 3)
row = t[0]
row[1] = 100.0
print(t)
col = t[:, 2]
col.mul_(-1)
print(t)
print(t._version, row._version, col._version)
s = t[1, 1:]
s.zero_()
print(t)
picked = t[torch.tensor([0, 1])]
picked.fill_(7.0)
print(t)
e = t[0, 0]
e.add_(0.5)
print(t)
n = t[None]
n[0, 1, 0] = -5.0
print(t)
for r in t:
    r[0] = 1.0
print(t)
