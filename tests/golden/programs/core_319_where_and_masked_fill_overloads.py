import torch
from _golden import show

# torch.where given a condition and one tensor (no overload of PyTorch's takes two) lists
# where's overloads, where minigrad failed in its own words ("unsupported operand type");
# Tensor.where, which minigrad lacked; masked_fill given a list, a tuple or a string for its
# value lists both overloads with why each did not match (minigrad gave the first line only).
x = torch.arange(6.0).reshape(2, 3)
c = x > 2
calls = [
    "torch.where(c, x)", "torch.where(c, input=x)", "torch.where(c, other=x)", "x.where(c)",
    "x.where(c, [1])", "x.where(c, 0.0)", "x.where(c, -x)", "x.where(condition=c, other=1)",
    "torch.where(c, x, 0.0)", "torch.where(c)", "torch.where(c, 1.0, 0.0)",
    "x.masked_fill(c, [1])", "x.masked_fill(c, [1, 2.0])", "x.masked_fill(c, [])",
    "x.masked_fill(c, (1,))", "x.masked_fill(c, (1.0, 2))", "torch.masked_fill(x, c, [[1]])",
    "x.masked_fill(c, value=[1])", "x.clone().masked_fill_(c, [1])", "x.masked_fill(c, 'a')",
    "x.masked_fill(c, [torch.tensor(1.0)])", "x.lerp(x, [0.5])",
    "x.scatter(0, torch.tensor([[0, 1]]), [1.0])",
    "x.masked_fill(c, 1.5)", "x.clone().masked_fill_(c, torch.tensor(2.0))",
    "torch.masked_fill(x, c, 0)",
]
for call in calls:
    show(call, lambda: eval(call))
