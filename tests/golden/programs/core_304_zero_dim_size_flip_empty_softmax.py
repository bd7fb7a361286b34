import torch
from _golden import show

# Three first-week corners: x.size(d) and x.stride(d) of a 0-d tensor (a loss) are refused in
# PyTorch's words (ops take its dim 0 and -1: x.sum(0) works); x.flip() and torch.flip(x)
# without dims are refused (flip([]) flips nothing); softmax and log_softmax along a dim
# whose rows are empty, or over a tensor with no elements, give an empty result and
# gradient. (minigrad: Python's "tuple index out of range", a flip of every dim, and
# numpy's ValueError.)


loss = torch.tensor(3.0)
for d in (0, -1, 1, -2):
    show(f"size({d})", lambda: loss.size(d))
    show(f"stride({d})", lambda: loss.stride(d))
show("size(dim=0)", lambda: loss.size(dim=0))
show("size()", lambda: loss.size())
show("sum(0)", lambda: loss.sum(0))
show("vector size(-1)", lambda: torch.ones(2).size(-1))

show("flip()", lambda: torch.ones(2).flip())
show("torch.flip", lambda: torch.flip(torch.ones(2)))
show("flip([])", lambda: torch.tensor([1.0, 2.0]).flip([]))
show("flip(0)", lambda: torch.tensor([1.0, 2.0]).flip(0))

e = torch.empty(0, 3, requires_grad=True)
for name in ("softmax", "log_softmax"):
    for d in (0, 1, -1):
        show(f"{name}({d})", lambda: getattr(e, name)(d))
    show(f"F.{name}", lambda: getattr(torch.nn.functional, name)(e, dim=0))
    out = getattr(e, name)(0)
    out.sum().backward()
    print(name, "grad", e.grad)
    e.grad = None
show("columns softmax", lambda: torch.empty(2, 0).softmax(1))
show("batch of empty rows", lambda: (torch.empty(16, 0).softmax(1).shape, torch.empty(16, 0).log_softmax(1).shape))
show("3-d log_softmax", lambda: torch.empty(2, 0, 3).log_softmax(1))
show("cross_entropy empty batch", lambda: torch.nn.functional.cross_entropy(
    torch.empty(0, 3), torch.empty(0, dtype=torch.long)))
