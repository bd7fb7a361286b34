import torch

# x ** 0.5 and x ** -0.5 are a square root and one over it, also at -0.0, -inf and nan,
# and so are the gradients of x ** 1.5 and x ** 0.5.
for e in (0.5, -0.5, 1.5, 2.0, 3.0, -1.0, 0.0):
    x = torch.tensor([-0.0, 0.0, -float("inf"), float("inf"), -1.0, float("nan"), 2.0], requires_grad=True)
    y = x ** e
    y.backward(torch.ones(7))
    print(e, y, x.grad)
s = torch.tensor([4.0, 0.25], requires_grad=True)
(g,) = torch.autograd.grad((s ** 1.5).sum(), s, create_graph=True)
print(g, torch.autograd.grad(g.sum(), s)[0], torch.tensor([4.0], dtype=torch.float64) ** -0.5)
