import torch

x = torch.tensor([1.0, -1.0], requires_grad=True)
print(x.grad)
for step in range(3):
    (x * (step + 1)).sum().backward()
    print(step, x.grad)
g = x.grad
print(g.zero_())
print(x.grad, x.grad is g)
(x ** 2).sum().backward()
print(x.grad, x.grad is g)
x.grad = None
print(x.grad)
(x * 5).sum().backward()
print(x.grad)
x.grad = torch.tensor([100.0, 200.0])
(x * 1).sum().backward()
print(x.grad)
try:
    x.grad = torch.tensor([1.0, 2.0, 3.0])
except RuntimeError as e:
    print(type(e).__name__, e)
print(x.grad.requires_grad, x.grad.is_leaf)
