import torch
from _golden import show

# Adam's betas as PyTorch reads them, by index: one number (`betas=0.9`) is not subscriptable,
# a tuple of one has no index 1, a third value is ignored, and an int among them (`(0, 0.99)`)
# is refused: betas must be both floats or both tensors.
p = [torch.nn.Parameter(torch.ones(1))]
calls = ["torch.optim.Adam(p, betas=0.9)", "torch.optim.Adam(p, betas=(0.9,))",
         "torch.optim.Adam(p, betas=(0, 0.99))", "torch.optim.Adam(p, betas=(1, 0.99))",
         "torch.optim.Adam(p, betas=(0.9, 1.5))",
         "torch.optim.Adam(p, betas=(0.9, 0.99, 0.5)).defaults['betas']",
         "torch.optim.AdamW(p, betas=0.9)", "torch.optim.AdamW(p, betas=(0.8, 0.9))"]
for call in calls:
    show(call, lambda: eval(call))
