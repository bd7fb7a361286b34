# The "Broadcasting semantics" and "Tensor Views" notes, their examples (torch.empty replaced
# by torch.zeros so nothing uninitialised is printed).
import torch

x = torch.zeros(5, 7, 3)
y = torch.zeros(5, 7, 3)
print((x + y).size())
x = torch.zeros((0,))
y = torch.zeros(2, 2)
try:
    x + y
except RuntimeError as e:
    print(type(e).__name__, e)
x = torch.zeros(5, 3, 4, 1)
y = torch.zeros(3, 1, 1)
print((x + y).size())
x = torch.zeros(1)
y = torch.zeros(3, 1, 7)
print((x + y).size())
x = torch.zeros(5, 2, 4, 1)
y = torch.zeros(3, 1, 1)
try:
    (x + y).size()
except RuntimeError as e:
    print(type(e).__name__, e)

x = torch.zeros(5, 3, 4, 1)
y = torch.zeros(3, 1, 1)
print(x.add_(y).size())
x = torch.zeros(1, 3, 1)
y = torch.zeros(3, 1, 7)
try:
    x.add_(y)
except RuntimeError as e:
    print(type(e).__name__, e)
print(torch.add(torch.ones(4, 1), torch.ones(4)).size())

t = torch.arange(16.0).reshape(4, 4)
b = t.view(2, 8)
print(b.data_ptr() == t.data_ptr())
b[0][0] = 3.14
print(t[0][0])
base = torch.tensor([[0, 1], [2, 3]])
print(base.is_contiguous())
t = base.transpose(0, 1)
print(t.is_contiguous(), t._base is base)
c = t.contiguous()
print(c.is_contiguous(), c._base is None, c.stride(), t.stride())
print(torch.broadcast_shapes((2,), (3, 1), (1, 1, 1)))
a, bb = torch.broadcast_tensors(torch.ones(3, 1), torch.ones(1, 2))
print(a.shape, bb.shape, a.stride())
print(torch.arange(6).reshape(2, 3).expand(2, 2, 3).stride())
