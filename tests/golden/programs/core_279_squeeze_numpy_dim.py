import numpy as np
import torch

# squeeze of one dim given as a numpy integer (a dim read from an array's shape or argmax) is
# the one-dim form, SqueezeBackward1, as for a Python int; a tuple or list of dims is
# SqueezeBackward2. (minigrad recorded SqueezeBackward2 for np.int64.)

x = torch.ones(1, 3, 1, requires_grad=True)
for dim in (0, np.int64(0), np.int32(2), -1, (0,), [0, 2]):
    y = x.squeeze(dim)
    print(type(dim).__name__, tuple(y.shape), y.grad_fn.name())
    y.sum().backward()
print(torch.squeeze(x, np.int64(2)).grad_fn.name(), x.grad.shape, x.grad.sum().item())
