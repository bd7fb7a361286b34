import torch
from _golden import show

# torch.randint with its bounds by keyword: `high=` and `size=` alone draw from 0 as PyTorch's
# overload of high and size does (minigrad gave Python's words for a missing low); a low
# without a high is missing both high and size in PyTorch's words (its parser lists every
# required argument from the first one missing on, size given or not).
calls = ["torch.randint(high=5, size=(3,))", "torch.randint(5, (3,))",
         "torch.randint(high=5, size=(2, 2), dtype=torch.int32)",
         "torch.randint(low=1, high=5, size=(3,))", "torch.randint(2, high=5, size=(3,))",
         "torch.randint(low=1, size=(3,))", "torch.randint(high=5, size=3)",
         "torch.randint(size=(3,))", "torch.randint(high=5)", "torch.randint()"]
for call in calls:
    torch.manual_seed(0)
    show(call, lambda: eval(call))
