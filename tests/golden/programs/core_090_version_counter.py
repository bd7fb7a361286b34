import torch

t = torch.zeros(3)
print(t._version)
t + 1
t.exp()
print(t._version)
t.add_(1)
t.mul_(2)
print(t._version)
t[0] = 5.0
print(t._version)
t[1:] += 1
print(t._version)
t.zero_()
t.fill_(1.0)
t.copy_(torch.ones(3))
print(t._version)
v = t.view(3, 1)
v.sub_(1)
print(t._version, v._version)
d = t.detach()
d.div_(2)
print(t._version, d._version, v._version)
c = t.clone()
print(c._version)
w = torch.ones(2, requires_grad=True)
with torch.no_grad():
    w.mul_(3)
    w -= 1
print(w._version)
