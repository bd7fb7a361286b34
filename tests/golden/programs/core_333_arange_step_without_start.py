import torch
from _golden import show

# torch.arange with a step but not both bounds: PyTorch's overload of an end alone takes no
# step, so `arange(end=4, step=2)` and `arange(4, step=2)` are an invalid combination (minigrad
# counted from 0); an end alone or both bounds with a step still count as before.
calls = ["torch.arange(end=4, step=2)", "torch.arange(4, step=2)", "torch.arange(step=2)",
         "torch.arange(start=1, step=2)", "torch.arange(end=4, step=1)", "torch.arange(end=4)",
         "torch.arange(end=4.5)", "torch.arange(start=1, end=5, step=2)",
         "torch.arange(0, 4, 2)", "torch.arange(4, end=6)", "torch.arange()"]
for call in calls:
    show(call, lambda: eval(call))
