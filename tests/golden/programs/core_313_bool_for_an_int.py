import torch
from _golden import show

# A bool where PyTorch takes an int or a dim, refused: argmax/argmin of a bool tensor (max and
# min take bools), x.norm(2, True) (keepdim given for dim), flatten's and diff's int arguments
# by position or keyword (a float too), each in PyTorch's words and with its positions.
# (minigrad: computed with the bool as 1, or gave numpy's and Python's words for a float.)

x = torch.arange(6.0).reshape(2, 3)
b = torch.tensor([True, False, True])
show("b.argmax()", lambda: b.argmax())
show("b.argmin(0)", lambda: b.argmin(0))
show("torch.argmax(b, 0, True)", lambda: torch.argmax(b, 0, True))
show("empty bool argmax", lambda: torch.tensor([], dtype=torch.bool).argmax())
show("bool argmax(5)", lambda: b.argmax(5))
show("b.max()", lambda: b.max())
show("b.int().argmax()", lambda: b.int().argmax())
show("x.norm(-1, True)", lambda: x.norm(-1, True))
show("x.norm(2, dim=True)", lambda: x.norm(2, dim=True))
show("torch.norm(x, 2, True)", lambda: torch.norm(x, 2, True))
show("x.norm(2, (True, 0))", lambda: x.norm(2, (True, 0)))
show("x.norm(2, 1, True)", lambda: x.norm(2, 1, True))
show("x.flatten(True)", lambda: x.flatten(True))
show("x.flatten(0, True)", lambda: x.flatten(0, True))
show("torch.flatten(x, True)", lambda: torch.flatten(x, True))
show("torch.flatten(x, 0, True)", lambda: torch.flatten(x, 0, True))
show("x.flatten(start_dim=True)", lambda: x.flatten(start_dim=True))
show("x.flatten(0.0)", lambda: x.flatten(0.0))
show("x.flatten(1)", lambda: x.flatten(1))
show("x.diff(True)", lambda: x.diff(True))
show("x.diff(1, True)", lambda: x.diff(1, True))
show("torch.diff(x, True)", lambda: torch.diff(x, True))
show("torch.diff(x, 1, True)", lambda: torch.diff(x, 1, True))
show("x.diff(n=True)", lambda: x.diff(n=True))
show("x.diff(dim=True)", lambda: x.diff(dim=True))
show("x.diff(1.0)", lambda: x.diff(1.0))
show("x.diff(2, 0)", lambda: x.diff(2, 0))
show("x.diff(dim=0)", lambda: x.diff(dim=0))
