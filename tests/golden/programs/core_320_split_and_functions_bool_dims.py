import torch
from _golden import show

# A bool or a float as the dim of split (function and method, by position or keyword) and of
# the functions prod, all, any and sort: refused with PyTorch's list of overloads, or the
# argument named where one overload applies (split_with_sizes for sizes), where minigrad took
# True for dim 1 (their methods already refused it). Then the same calls given ints.
x = torch.arange(6.0).reshape(2, 3)
calls = [
    "x.split(1, True)", "torch.split(x, 1, True)", "x.split(1, dim=True)",
    "torch.split(x, 1, dim=True)", "x.split(1, 1.0)", "x.split([1, 2], True)", "x.split(1.0)",
    "x.split(1, 1)", "x.split([1, 2], dim=1)", "torch.split(x, 1)",
    "x.split(1, torch.tensor(1))", "x.split(torch.tensor(1), 0)",
    "torch.prod(x, True)", "torch.prod(x, 1.0)", "torch.prod(x, dim=True)",
    "torch.prod(x, 1, True)", "torch.prod(x, torch.tensor(1))",
    "torch.all(x, True)", "torch.any(x, 1.0)", "torch.all(x, dim=True)", "torch.any(x, 1)",
    "torch.all(x, (0, 1))", "torch.any(x)",
    "torch.sort(x, True)", "torch.sort(x, dim=True)", "torch.sort(x, 0, True)",
    "torch.sort(x, descending=True)", "torch.sort(x, stable=True, dim=1.0)",
]
for call in calls:
    show(call, lambda: eval(call))
