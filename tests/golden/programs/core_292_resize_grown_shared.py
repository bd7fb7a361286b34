import torch

# A tensor grown by resize_ keeps sharing memory with its base and views: PyTorch moves the
# whole storage, so they see the grown one (its new elements are uninitialized: only the old
# ones are printed). (minigrad's grown tensor stopped sharing memory with them.)

x = torch.arange(4.0)
v, w = x[1:3], x.view(2, 2)
t, e = w.t(), x[:1].expand(2, 3)
x.resize_(3, 3)
x[0, 0] = 10
x.view(-1)[2] = 20
print(v, w, t, e, v._version, x._version)
v.fill_(7)
print(x.view(-1)[:4], w)

b = torch.arange(4.0)
u = b[:2]
u.resize_(6)
u[0] = 5
u[3] = 9
print(b, u[:4], u._base is b, b._version)

b = torch.arange(6.0)
s = b[::2]
s.resize_(4)
s[1] = 100
print(b, s, s.stride())

b = torch.arange(3.0)
c = b[1:]
c.resize_(5)
b[2] = 50
print(c[:2], b, c.shape)

b = torch.arange(5.0)
b.resize_(2)
b.resize_(5)
print(b)
