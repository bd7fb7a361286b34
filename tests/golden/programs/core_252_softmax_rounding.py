import torch
from _golden import exact

# softmax rounded as PyTorch's CPU kernels round it: exp(x - max) times one over the row's
# sum along the last dim, divided by the sum along another dim (minigrad took exp of
# log_softmax: half of float32 probabilities differed in the last bit, and rows summed to
# 1.0000 where PyTorch's sum to 1.).

# (rows whose exponentials numpy and PyTorch round alike: their exp differ elsewhere)
logits = torch.tensor([[-1.875, 3.75, -0.75], [2.625, 3.375, 0.375], [2.875, -3.75, -2.0],
                       [4.125, -3.0, 0.0], [-2.375, -4.875, 2.5], [4.25, -2.25, 2.25]])
probs = torch.softmax(logits, dim=1)
print(probs, probs.sum(dim=1))
print(exact(probs))
print(exact(torch.softmax(logits.t(), dim=0)))
print(exact(torch.nn.Softmax(dim=-1)(logits[:3])))
x = logits[1].clone().requires_grad_()
p = torch.softmax(x, 0)
p[0].backward()
print(exact(p), exact(x.grad))
