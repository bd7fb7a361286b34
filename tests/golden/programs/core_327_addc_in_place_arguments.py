import torch
from _golden import show

# addcmul_/addcdiv_ (as Adam's step calls them) missing a tensor, given a number, a list or a
# string where PyTorch's parser takes a tensor or a number: its words (minigrad gave Python's
# "missing 1 required positional argument" or numpy's errors), and the tensor left unchanged.
x = torch.ones(2)
calls = [
    "x.addcmul_(x)", "x.addcmul_()", "x.addcdiv_(x)", "x.addcmul_(x, [1.0])",
    "x.addcmul_(x, x, value='a')", "x.addcmul_(x, 2.0)", "x.addcmul_(2.0, x)",
    "x.addcdiv_(torch.tensor([1, 2]), [2])", "x.addcmul_(x, x, value=0.5)", "x._version",
]
for call in calls:
    show(call, lambda: eval(call))
