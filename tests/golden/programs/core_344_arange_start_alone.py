import torch
from _golden import show

# torch.arange(start=3): PyTorch's parser finds no end (its overload of one bound takes it as
# `end`), where minigrad counted to 3; with another keyword, no overload fits. An end alone,
# a bound by position or both bounds by keyword still count.
calls = ["torch.arange(start=3)", "torch.arange(start=3.0)",
         "torch.arange(start=3, dtype=torch.float32)", "torch.arange(start=1, end=4)",
         "torch.arange(end=3)", "torch.arange(3)", "torch.arange(1, end=4)",
         "torch.arange(start=0.5, end=2, step=0.5)", "torch.linspace(start=0, end=1, steps=3)",
         "torch.eye(n=2)", "torch.eye(2, m=3)"]
for call in calls:
    show(call, lambda: eval(call))
