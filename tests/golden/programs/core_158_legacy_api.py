# The legacy API older tutorials use: Variable, the typed constructors, loss.data[0].
import warnings

import torch
from torch.autograd import Variable

t = torch.ones(2)
v = Variable(t)
print(v, v is t, v.data_ptr() == t.data_ptr(), v.requires_grad, v.is_leaf)
w = Variable(torch.tensor([1.0, 2.0]), requires_grad=True)
(w * w).sum().backward()
print(w, w.grad, isinstance(w, Variable), isinstance(3.0, Variable))
y = w * 3
print(Variable(y).grad_fn, Variable(y).requires_grad, Variable(t, True).is_leaf)
print(Variable, torch.autograd.variable.Variable is Variable)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(Variable(t, volatile=True))
print([f"{w.category.__name__}: {w.message}" for w in caught])
try:
    Variable([1.0, 2.0])
except TypeError as e:
    print(type(e).__name__, e)

types = [torch.FloatTensor, torch.DoubleTensor, torch.HalfTensor, torch.LongTensor,
         torch.IntTensor, torch.ShortTensor, torch.CharTensor, torch.ByteTensor, torch.BoolTensor]
for T in types:
    print(T, T.__name__, type(T).__name__, T([[1.5, 2.5], [0, 3]]), T(2, 3).shape, T().shape,
          T((2, 3)).shape, T(torch.Size([2, 1])).shape, T(2, 0).shape)
    print([isinstance(torch.zeros(1, dtype=d), T)
           for d in (torch.float32, torch.float64, torch.int64, torch.bool)])
print(issubclass(torch.FloatTensor, torch.Tensor), torch.FloatTensor(2).dtype)
print(torch.LongTensor([1.7, -1.7]), torch.BoolTensor([0, 2]), torch.FloatTensor([1, 2], device="cpu"))
f = torch.ones(2)
alias = torch.FloatTensor(f)
alias[0] = 5
print(alias is f, f)
for call in [lambda: torch.FloatTensor(torch.ones(2, dtype=torch.float64)),
             lambda: torch.LongTensor(torch.ones(2)),
             lambda: torch.HalfTensor(torch.ones(2)),
             lambda: torch.ByteTensor(torch.ones(2)),
             lambda: torch.FloatTensor(2.5),
             lambda: torch.FloatTensor(-1),
             lambda: torch.FloatTensor(2, -3)]:
    try:
        print(call())
    except (TypeError, RuntimeError) as e:
        print(type(e).__name__, e)

x = torch.tensor([1.0, 2.0])
print(x.type(), x.type(torch.DoubleTensor), x.type("torch.LongTensor"), x.type(torch.FloatTensor) is x)
print(torch.LongTensor([1]).type(), torch.BoolTensor([1]).type())

loss = ((x - 1) ** 2).mean()
print(loss.item(), loss.data, loss.data[...], loss[None])
for key in [0, 1, -1, slice(None), slice(0, 1), (0, 0), [0], torch.tensor(0)]:
    try:
        print(loss.data[key])
    except IndexError as e:
        print(type(e).__name__, e)
    try:
        loss.data[key] = 1.0
    except IndexError as e:
        print(type(e).__name__, e)
