import torch
from _golden import show

# An int given for keepdim (or topk's largest and sorted) where the reduction has one overload:
# PyTorch's parser takes a bool only and names the flag (minigrad kept the dim, as for True);
# argmax's and argmin's message names themselves, not max() and min(). True, False and the
# ints before the flags still run.
x = torch.tensor([[1.0, 5.0, 2.0], [7.0, 0.0, 3.0]])
calls = ["x.amax(1, 1)", "x.amin(1, 0)", "x.logsumexp(1, 1)", "x.nansum(1, 1)",
         "x.nanmean(1, 1)", "x.median(1, 1)", "x.mode(1, 1)", "x.kthvalue(1, 1, 1)",
         "x.topk(1, 1, 1)", "x.topk(1, 1, True, 1)", "x.argmax(1, 1)", "x.argmin(1, 1)",
         "x.amax(1, 1.0)", "x.amax(1, keepdim=1)", "torch.amax(x, 1, 1)",
         "torch.topk(x, 1, 1, 0)", "torch.argmax(x, 1, 1)", "torch.median(x, 0, keepdim=0)",
         "x.amax(1, True)", "x.logsumexp(1, False)", "x.nansum(None, True)",
         "x.median(1, True)", "x.topk(2, 1, False, False)", "x.argmax(None, True)",
         "x.kthvalue(2, 1, keepdim=True)", "torch.argmin(x, dim=1, keepdim=True)"]
for call in calls:
    show(call, lambda: eval(call))
