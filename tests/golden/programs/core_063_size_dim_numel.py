import torch

x = torch.zeros(2, 3, 4)
print(x.shape, x.size(), x.shape == x.size())
print(type(x.shape).__name__, isinstance(x.shape, tuple))
print(x.size(0), x.size(-1), x.size(dim=1), x.shape[1], x.shape[-2:])
print(x.dim(), x.ndim, x.numel(), len(x))
print(tuple(x.shape), list(x.size()))
print(x.shape == (2, 3, 4), x.shape == torch.Size([2, 3, 4]))
print(torch.Size([2, 3]))
print(torch.Size([]), torch.Size([5]))
s = torch.tensor(1.0)
print(s.shape, s.dim(), s.numel())
try:
    len(s)
except TypeError as e:
    print(type(e).__name__, e)
try:
    x.size(3)
except IndexError as e:
    print(type(e).__name__, e)
m = torch.ones(2, 5)
print(m.T.shape, m.T.T.shape)
print(torch.zeros(0, 4).numel(), torch.zeros(0, 4).shape)
print(x.shape.numel())
