import torch
from _golden import show

# Older names for a tensor's size that tutorials still use: ndimension() for dim(), nelement()
# for numel() (minigrad lacked ndimension).
x = torch.ones(4, 3)
for call in ["x.ndimension()", "x.dim()", "x.nelement()", "x.numel()", "x.size(-1)",
             "torch.tensor(1.0).ndimension()", "len(x)"]:
    show(call, lambda: eval(call))
