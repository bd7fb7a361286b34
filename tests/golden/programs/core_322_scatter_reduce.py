import warnings

import torch
from _golden import show

# scatter's reduce argument ("add", "multiply"), which minigrad refused ("unexpected keyword
# 'reduce'"): values (an index given twice applies its value twice), PyTorch's NotImplemented
# node, its deprecation warning for a tensor src (once a process), its errors; and more
# positional arguments than every overload takes, refused as PyTorch's parser does.
x = torch.arange(6.0).reshape(2, 3).requires_grad_()
i = torch.tensor([[0, 0], [1, 2]])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for value, reduce in ((2.0, "multiply"), (2.0, "add"), (torch.ones(2, 2), "add"),
                          (torch.full((2, 2), 3.0), "multiply")):
        y = x.scatter(1, i, value, reduce=reduce)
        show(f"x.scatter(1, i, {value}, reduce={reduce!r})", lambda: (y, y.grad_fn))
        show("backward", lambda: y.sum().backward())
show("warnings", lambda: [(w.category.__name__, str(w.message).split(" (Triggered")[0])
                          for w in caught])
d = x.detach().clone()
calls = [
    "x.scatter(1, i, 2.0, reduce='mean')", "d.scatter_(1, i, 2.0, reduce='add')",
    "d.scatter_(1, i, torch.ones(2, 2), reduce='multiply')",
    "torch.scatter(d, 1, i, 2.0, reduce='add')", "d.scatter(1, i, 2.0, 'add')",
    "torch.arange(6).reshape(2, 3).scatter(1, i, 2.5, reduce='multiply')",
    "d.scatter(1, i, value=2.0, reduce='add')",
    "d.scatter(1, i, src=torch.ones(2, 2), reduce='add')",
    "d.scatter(1, i.double(), 2.0, reduce='add')", "d._version",
    "d.sum(0, True, torch.float64)", "torch.where(d > 1, d, d, d)", "d.max(0, True, 1)",
]
for call in calls:
    show(call, lambda: eval(call))
