import torch
from _golden import show

# addcmul and addcdiv (functions and methods) called without both tensors, with a
# positional value or with a list: PyTorch's parser's words (an invalid combination in its
# one-overload form, too many positional arguments, the argument named), where minigrad gave
# Python's ("missing 1 required positional argument") or failed on the list.
x = torch.arange(3.0)
calls = [
    "x.addcmul(x)", "x.addcmul()", "x.addcdiv(x)", "torch.addcmul(x, x)", "torch.addcdiv(x)",
    "x.addcmul(x, x, 2)", "x.addcmul(x, [1.0])",
    "x.addcmul(x, x, value=2)", "torch.addcmul(x, x, x, value=0.5)",
    "x.clone().addcdiv_(x, x + 1, value=-1)",
]
for call in calls:
    show(call, lambda: eval(call))
