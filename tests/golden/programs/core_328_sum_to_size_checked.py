import torch
from _golden import show

# x.sum_to_size(*size), lesson 10's last task: PyTorch first checks that size broadcasts to
# x's shape (minigrad summed a (2, 3) x "to" (3, 1) over the wrong dims, and returned x itself
# for a shape it cannot come from), and refuses a call with no size.
x = torch.arange(6.0).reshape(2, 3).requires_grad_()
sizes = ["3, 1", "2, 1, 3", "-1, 3", "2", "", "1, 3", "3", "(2, 1)", "torch.Size([1, 1])", "[]"]
for call in [f"x.sum_to_size({size})" for size in sizes] + [
        "x.sum_to_size(2, 3) is x", "torch.ones(3).sum_to_size(2)",
        "torch.ones(3, 1).sum_to_size(1, 3)"]:
    show(call, lambda: eval(call))
y = x.sum_to_size(1, 3)
y.sum().backward()
show("gradient through sum_to_size", lambda: x.grad)
