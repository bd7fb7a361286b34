import numpy as np
import torch

# A hook on a 0-d tensor broadcast into a batch (the bias b of x @ w + b) gets a 0-d tensor
# whose numpy() is an array, and which the hook may change in place, as any other gradient.
x = torch.ones(3, 2)
w = torch.ones(2, requires_grad=True)
b = torch.tensor(0.5, requires_grad=True)


def doubled(grad):
    print(type(grad.numpy()) is np.ndarray, grad.shape, grad)
    grad.mul_(2)


b.register_hook(doubled)
(x @ w + b).sum().backward()
print(b.grad)

c = torch.tensor(0.5, requires_grad=True)
c.register_hook(lambda grad: print(isinstance(grad.numpy(), np.ndarray), grad.add_(1)))
(torch.ones(3) * c).sum().backward()
print(c.grad)
