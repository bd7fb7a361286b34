import torch

# x.T of a 0-d tensor: PyTorch's own deprecation warning for it (the identity), once per
# process, apart from the warning for other dims than 2, also once (minigrad gave the second's
# words for a 0-d tensor, and then neither again).

s = torch.tensor(1.5, requires_grad=True)
v = torch.ones(2)
print(s.T)
print(v.T)
print(s.T, v.T)
print(torch.ones(2, 1, 3).T.shape)
