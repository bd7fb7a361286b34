import torch

base = torch.zeros(2, 3)
v = base.view(6)
v[0] = 1.0
print(base)
print(base._version, v._version)
base.add_(1)
print(v)
print(base._version, v._version)
r = base.reshape(3, 2)
r.mul_(2)
print(base)
t = base.transpose(0, 1)
t[0, 1] = 9.0
print(base)
print(base._version, t._version)
try:
    t.view(6)
except RuntimeError as e:
    print(type(e).__name__, e)
print(t.reshape(6))
print(t.reshape(6)._version)
