import torch
from _golden import show

# permute with a dim named twice (the same dim, or it and its negative twin) is refused with
# PyTorch's RuntimeError, through the method, torch.permute and a tuple of dims; a valid
# permutation still records PermuteBackward0. (minigrad: numpy's ValueError.)

x = torch.ones(2, 3, requires_grad=True)
show("twice", lambda: x.permute(0, 0))
show("negative twin", lambda: x.permute(1, -1))
show("torch.permute", lambda: torch.permute(x, (0, 0)))
show("tuple", lambda: x.permute((1, 1)))
show("3-d", lambda: torch.ones(2, 3, 4).permute(2, 0, 2))
y = x.permute(1, 0)
print(y.shape, y.grad_fn.name())
y.sum().backward()
print(x.grad)
