import torch
from _golden import show

# Calls without arguments PyTorch requires, for methods of several overloads (narrow, movedim,
# scatter, scatter_, lerp, repeat_interleave, masked_fill; torch.narrow, torch.movedim,
# torch.scatter, torch.masked_fill):
# its "invalid combination" listing the overloads, where minigrad gave Python's words, or ran
# (x.scatter(0, index) filled with nothing); index_add's and scatter_add's in its parser's
# words. Then the same methods given all they need.
x = torch.arange(6.0).reshape(2, 3)
i = torch.tensor([[0, 1]])
calls = [
    "x.narrow()", "x.narrow(0)", "x.narrow(0, 1)", "x.narrow(dim=0, start=0)", "torch.narrow(x)",
    "torch.narrow(x, 0, 1)", "x.movedim()", "x.movedim(0)", "torch.movedim(x, 0)", "x.scatter()",
    "x.scatter(0)", "x.scatter(0, i)", "torch.scatter(x, 0, i)", "x.scatter_(0, i)",
    "x.lerp(x)", "x.repeat_interleave()", "x.index_add(0, torch.tensor([0]))",
    "x.scatter_add(0, i)", "x.masked_fill(x > 1)", "torch.masked_fill(x)",
    "torch.masked_fill(x, x > 1)",
    "x.narrow(0, 1, 1)", "x.narrow(1, torch.tensor(1), 2)", "torch.narrow(x, 1, 0, 2)",
    "x.movedim(0, 1)", "x.movedim((0, 1), (1, 0))", "torch.movedim(x, 1, 0)",
    "x.scatter(0, i, 7.0)", "x.scatter(1, i, -x)", "torch.scatter(x, 1, i, x)",
    "x.clone().scatter_(1, i, 5.0)", "x.lerp(-x, 0.25)", "x.lerp(-x, torch.full((3,), 0.5))",
    "x.repeat_interleave(2)", "x.repeat_interleave(torch.tensor([1, 2]), dim=0)",
    "x.index_add(0, torch.tensor([1]), x[:1])", "x.scatter_add(1, i, x)",
    "x.masked_fill(x > 1, 0.0)", "torch.masked_fill(x, x > 1, torch.tensor(-1.0))",
]
for call in calls:
    show(call, lambda: eval(call))
