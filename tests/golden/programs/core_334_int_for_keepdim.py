import torch
from _golden import show

# An int where a reduction takes its bool keepdim (`x.sum(0, 1)`, meaning "dims 0 and 1"):
# PyTorch's parser refuses it (minigrad ran it as keepdim=True); a bool or a tuple of dims is
# taken.
x = torch.arange(6.0).reshape(2, 3)
calls = ["x.sum(0, 1)", "x.sum(1, 0)", "x.sum(0, 2)", "torch.sum(x, 0, 1)", "x.mean(0, 1)",
         "x.max(1, 1)", "x.min(0, 0)", "x.std(0, 1)", "x.var(1, 1)", "x.prod(1, 1)",
         "x.all(1, 1)", "x.any(0, 1)", "x.sum(0, True)", "x.sum((0, 1))", "x.sum(0)",
         "x.squeeze(0)"]
for call in calls:
    show(call, lambda: eval(call))
