import torch
from _golden import chain, rounded

# x ** y with a tensor exponent: PyTorch's gradients are where(y == 0, 0, grad * (y * x **
# (y - 1))) and grad * where(x == 0 and y >= 0, 0, x ** y * log(x)), the products grouped so
# (minigrad grouped (grad * y) * x ** (y - 1), rounding otherwise) and recorded with
# WhereBackward0 under create_graph. (Values rounded: numpy's pow and log are not SLEEF's.)
a = torch.tensor([0.0, 0.0, 2.0, 1.5, 0.5, 3.0], requires_grad=True)
b = torch.tensor([0.0, 2.0, 0.0, -1.0, 2.5, 1.25], requires_grad=True)
up = torch.tensor([0.3, -1.7, 2.0, 0.7, -0.3, 1.1])
ga, gb = torch.autograd.grad(((a ** b) * up).sum(), (a, b), create_graph=True)
print(chain(ga, 3))
print(chain(gb, 3))
print(rounded(ga, 5), rounded(gb, 5))
ha, hb = torch.autograd.grad((ga * gb).sum(), (a, b))
print(rounded(ha, 4), rounded(hb, 4))
g = torch.autograd.grad((torch.pow(a, b) * up).sum(), a)[0]
print(rounded(g, 5))
