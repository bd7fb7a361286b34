import torch
from _golden import show

# std's and var's overloads as PyTorch's parser lists them: a tensor of several dims (or a
# float, a list of floats) for dim, a number for the unbiased flag or keepdim; the keywords
# and the marks under each overload as PyTorch prints them (a parameter with a default is
# always marked, as split's `int dim = 0`), and what it takes (one-element index tensors,
# unbiased as a bool, correction).
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
i = torch.tensor([0, 1])
calls = [
    "x.std(i)", "x.std(dim=i)", "torch.std(x, i)", "torch.var(x, dim=i)", "x.var(i, keepdim=True)",
    "x.std(torch.tensor(1.0))", "x.std([0.0])", "x.std(1.0)", "torch.std(x, 1.0)",
    "x.std(0, 1.0)", "x.std(0, True, 1)", "x.std(0, unbiased=1)", "x.std(0, True, keepdim=1)",
    "x.std(0, keepdim=1)", "x.std(0, correction='a')", "torch.std_mean(x, i)",
    "torch.var_mean(x, torch.tensor([1]))", "x.std(torch.tensor([1]), correction=0)",
    "x.std(torch.tensor([1]))", "x.std(True)", "x.std(0, False)", "x.var(correction=0)",
    "x.var(unbiased=False)", "torch.var(x, 1, unbiased=False, keepdim=True)",
    "torch.std(x, (0, 1), correction=2)", "x.max(1, keepdim=1)", "x.std(0.0, True, keepdim=1)",
    "x.sort(dim=1.0, descending=True)", "x.all(dim=1.0, keepdim=True)",
    "x.split(True)", "x.split(True, 1)", "x.split(1, True)", "torch.split(x, 2.0, 1.0)",
]
for call in calls:
    show(call, lambda: eval(call))
