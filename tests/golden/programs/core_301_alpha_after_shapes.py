import torch
from _golden import show

# add and sub with an alpha the result's dtype refuses (a bool for floats or ints, a float for
# ints) on operands whose shapes do not broadcast: PyTorch's TensorIterator meets the shapes
# before the kernel looks at alpha, so the error is the shapes' one; where they broadcast it
# is alpha's. In place, into an out= tensor, and through torch.add/torch.sub likewise.
# (minigrad: alpha's error first.)


x, y = torch.ones(2, 3), torch.ones(4)
ints, more_ints = torch.ones(3, dtype=torch.int64), torch.ones(4, dtype=torch.int64)
show("add True", lambda: x.add(y, alpha=True))
show("sub True", lambda: x.sub(y, alpha=True))
show("torch.add True", lambda: torch.add(x, y, alpha=True))
show("torch.sub True", lambda: torch.sub(x, y, alpha=True))
show("int add 1.5", lambda: ints.add(more_ints, alpha=1.5))
show("int sub True", lambda: ints.sub(more_ints, alpha=True))
show("add_ True", lambda: x.add_(y, alpha=True))
show("int add_ 1.5", lambda: ints.add_(more_ints, alpha=1.5))
show("out True", lambda: torch.add(x, y, alpha=True, out=torch.empty(2, 3)))
show("broadcast True", lambda: x.add(torch.ones(3), alpha=True))
show("number True", lambda: x.add(2, alpha=True))
w = torch.ones(3, requires_grad=True)
show("grad add True", lambda: w.add(torch.ones(2), alpha=True))
show("grad add 2.0", lambda: w.add(torch.ones(3), alpha=2.0))
