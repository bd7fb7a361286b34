import torch

# add_ and sub_ into an expanded tensor with an alpha its dtype refuses (a bool, a float for
# integers, a complex number): PyTorch's kernel looks at the memory it writes first, so the
# error is the overlap one; on an ordinary tensor it is alpha's (a complex alpha too).
# (minigrad: alpha's error on the expanded tensor; Python's float() error for a complex alpha.)

def show(name, call):
    try:
        print(name, call())
    except (RuntimeError, TypeError) as e:
        print(name, type(e).__name__, e)


floats, ints = torch.zeros(1).expand(3), torch.zeros(1, dtype=torch.int64).expand(3)
show("add_ True", lambda: floats.add_(torch.ones(3), alpha=True))
show("add_ number True", lambda: floats.add_(2, alpha=True))
show("add_ True shapes", lambda: floats.add_(torch.ones(2), alpha=True))
show("sub_ True", lambda: floats.sub_(torch.ones(3), alpha=True))
show("add_ 1j", lambda: floats.add_(torch.ones(3), alpha=1j))
show("int add_ 2.5", lambda: ints.add_(torch.ones(3, dtype=torch.int64), alpha=2.5))
show("int sub_ True", lambda: ints.sub_(torch.ones(3, dtype=torch.int64), alpha=True))
show("bool sub_", lambda: torch.zeros(1, dtype=torch.bool).expand(3).sub_(
    torch.ones(3, dtype=torch.bool)))
show("plain add_ True", lambda: torch.zeros(3).add_(torch.ones(3), alpha=True))
show("plain add_ 1j", lambda: torch.zeros(3).add_(torch.ones(3), alpha=1j))
show("plain sub_ 1j", lambda: torch.zeros(3).sub_(torch.ones(3), alpha=1j))
show("add 1j", lambda: torch.zeros(3).add(torch.ones(3), alpha=1j))
show("int add_ 1j", lambda: torch.zeros(3, dtype=torch.int64).add_(
    torch.ones(3, dtype=torch.int64), alpha=1j))
show("bool add_ True", lambda: torch.zeros(1, dtype=torch.bool).expand(3).add_(
    torch.ones(3, dtype=torch.bool), alpha=True))
leaf = torch.zeros(1, requires_grad=True)
show("leaf view add_ True", lambda: leaf.expand(3).add_(torch.ones(3), alpha=True))
