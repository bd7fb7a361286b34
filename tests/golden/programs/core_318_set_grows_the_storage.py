import torch
from _golden import show

# set_ with a view reaching past the end of the storage it is given grows that storage, as
# resize_ does (minigrad raised numpy's ValueError "strides is incompatible with shape...").
# The new elements are uninitialized in PyTorch, so only the old ones are printed; the tensor
# the storage came from moves into the grown storage and shares it with the new view.
x = torch.arange(6.0)
y = torch.zeros(3)
y.set_(x.untyped_storage(), 0, (1000000,), (1,))
show("y.shape", lambda: y.shape)
show("y[:6]", lambda: y[:6])
show("nbytes", lambda: (y.untyped_storage().nbytes(), x.untyped_storage().nbytes()))
x[0] = 9
show("y[:2] after x[0] = 9", lambda: y[:2])

a = torch.arange(4.0)
b = torch.zeros(1)
b.set_(a, 1, (2, 3), (3, 1))
show("b[0]", lambda: b[0])
show("b.shape, b.stride()", lambda: (b.shape, b.stride()))
b[0, 0] = -1
show("a after b[0, 0] = -1", lambda: a)
show("storage sizes", lambda: (a.untyped_storage().nbytes(), b.untyped_storage().nbytes()))
show("a view that fits", lambda: torch.arange(4.0).set_(torch.arange(3.0), 0, (2,), (1,)))
show("size and stride lengths", lambda: torch.zeros(1).set_(torch.arange(3.0), 0, (2, 3), (1,)))
