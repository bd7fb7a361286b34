import torch
from _golden import show

# x.sum_to_size(*size), lesson 10's last task: PyTorch first checks that size broadcasts to
# x's shape (minigrad summed a (2, 3) x "to" (3, 1) over the wrong dims, and returned x itself
# for a shape it cannot come from), and refuses a call with no size.
x = torch.arange(6.0).reshape(2, 3).requires_grad_()
calls = [
    "x.sum_to_size(3, 1)", "x.sum_to_size(2, 1, 3)", "x.sum_to_size(-1, 3)", "x.sum_to_size(2)",
    "x.sum_to_size()", "x.sum_to_size(1, 3)", "x.sum_to_size(3)", "x.sum_to_size((2, 1))",
    "x.sum_to_size(torch.Size([1, 1]))", "x.sum_to_size([])", "x.sum_to_size(2, 3) is x",
    "torch.ones(3).sum_to_size(2)", "torch.ones(3, 1).sum_to_size(1, 3)",
]
for call in calls:
    show(call, lambda: eval(call))
y = x.sum_to_size(1, 3)
y.sum().backward()
show("gradient through sum_to_size", lambda: x.grad)
