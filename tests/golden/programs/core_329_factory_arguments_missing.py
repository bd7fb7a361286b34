import torch
from _golden import show

# Factory calls missing an argument, as a learner writes them from old tutorials
# (`torch.linspace(0, 1)`, steps once defaulting to 100) or by slip (`torch.zeros()`,
# `torch.randn()`, which minigrad took as a 0-d shape; `torch.randint(0, 5)` without a size):
# PyTorch's parser's words, its overloads listed where several could apply.
calls = [
    "torch.linspace(0, 1)", "torch.linspace(0, 1, steps=None)", "torch.linspace(0, 1, 5.0)",
    "torch.linspace(0, end=1)", "torch.linspace(start=0)", "torch.linspace(0, 1, steps='a')",
    "torch.logspace(0, 1)", "torch.arange()", "torch.arange(step=2)", "torch.arange(end=3)",
    "torch.zeros()", "torch.ones()", "torch.empty()", "torch.zeros(dtype=torch.float64)",
    "torch.ones(requires_grad=True)", "torch.rand()", "torch.randn()",
    "torch.rand(dtype=torch.float64)", "torch.randn(generator=torch.Generator())",
    "torch.eye()", "torch.randperm()", "torch.randint(5)", "torch.randint(0, 5)",
    "torch.randint(0, 5, dtype=torch.int32)", "torch.randint(size=(2,))",
    "torch.zeros(())", "torch.zeros([])", "torch.linspace(0, 1, 3)", "torch.randint(3, (2,)).shape",
]
for call in calls:
    show(call, lambda: eval(call))
