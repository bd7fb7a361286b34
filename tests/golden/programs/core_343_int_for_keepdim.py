import torch
from _golden import show

# An int given for keepdim (or topk's largest and sorted) where the reduction has one overload:
# PyTorch's parser takes a bool only and names the flag (minigrad kept the dim, as for True);
# argmax's and argmin's message names themselves, not max() and min(). True, False and the
# ints before the flags still run.
x = torch.tensor([[1.0, 5.0, 2.0], [7.0, 0.0, 3.0]])
refused = {
    "x": ["amax(1, 1)", "amin(1, 0)", "logsumexp(1, 1)", "nansum(1, 1)", "nanmean(1, 1)",
          "median(1, 1)", "mode(1, 1)", "kthvalue(1, 1, 1)", "topk(1, 1, 1)",
          "topk(1, 1, True, 1)", "argmax(1, 1)", "argmin(1, 1)", "amax(1, 1.0)",
          "amax(1, keepdim=1)"],
    "torch": ["amax(x, 1, 1)", "topk(x, 1, 1, 0)", "argmax(x, 1, 1)",
              "median(x, 0, keepdim=0)"],
}
taken = ["x.amax(1, True)", "x.logsumexp(1, False)", "x.nansum(None, True)",
         "x.median(1, True)", "x.topk(2, 1, False, False)", "x.argmax(None, True)",
         "x.kthvalue(2, 1, keepdim=True)", "torch.argmin(x, dim=1, keepdim=True)"]
for call in [f"{owner}.{call}" for owner, calls in refused.items() for call in calls] + taken:
    show(call, lambda: eval(call))
