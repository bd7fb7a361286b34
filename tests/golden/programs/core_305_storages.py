import torch
from _golden import show

# x.untyped_storage() (x's memory as bytes) and x.storage() (as elements of x's dtype, with
# PyTorch's deprecation warning, once): printed, sized, indexed, compared by data_ptr (a view
# shares its base's storage); y.set_(storage) and y.set_(storage, offset, size, stride) make y
# a view of it: an untyped storage read in y's dtype, a typed one of another dtype refused.
# (minigrad: no storages.)


x = torch.arange(4.0)
s = x.untyped_storage()
print(s)
print(len(s), s.nbytes(), s.size(), s[6], s[-1], s.data_ptr() == x.data_ptr(), s.device,
      type(s).__name__, s.element_size())
t = x.storage()
print(t)
print(len(t), t.size(), t[1], t[-1], t.dtype, t.nbytes(), type(t).__name__, t.tolist(),
      t.element_size())
x.storage()
print(x[1:].untyped_storage().data_ptr() == s.data_ptr(), x[2:].storage().size(),
      x[2:].storage()[0], x.t().untyped_storage().nbytes())
print(torch.empty(0).untyped_storage())
print(torch.tensor([1, 2]).storage())
print(torch.tensor([True]).storage())
print(torch.tensor([1.5, 2 ** -30]).storage())
show("index", lambda: t[5])
show("index bytes", lambda: s[16])
print(isinstance(s, torch.UntypedStorage), isinstance(t, torch.TypedStorage),
      isinstance(t, torch.UntypedStorage))

y = torch.empty(0)
print(y.set_(s), y.dtype, y.set_(s, 1, (2,)), y.set_(s, 1, (2,), (2,)),
      y.set_(t, 1, (2,), (1,)))
show("int32", lambda: torch.empty(0, dtype=torch.int32).set_(s))
show("float64 typed", lambda: torch.empty(0, dtype=torch.float64).set_(t))
show("long typed", lambda: torch.empty(0, dtype=torch.long).set_(t))
show("float64 untyped", lambda: torch.empty(0, dtype=torch.float64).set_(s))
show("float64 of 3 floats", lambda: torch.empty(0, dtype=torch.float64).set_(
    torch.arange(3.0).untyped_storage()))
y.set_(s)
y[0] = 9
print(x, y._version, y.data_ptr() == x.data_ptr())
show("leaf", lambda: torch.zeros(2, requires_grad=True).set_(s))
w = torch.zeros(2, requires_grad=True) * 1
show("non-leaf", lambda: w.set_(s))
