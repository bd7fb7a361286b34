import torch

cond = torch.tensor([True, False, True])
print(torch.where(cond, 1.0, 0.0))
print(torch.where(cond, 1, 0))
print(torch.where(cond, torch.tensor([1.0, 2.0, 3.0]), -1.0))
print(torch.where(cond, torch.tensor([1, 2, 3]), torch.tensor([0.5])))
x = torch.tensor([-1.0, 0.0, 2.0], requires_grad=True)
y = torch.where(x > 0, x, x * 0.1)
print(y, y.grad_fn.name())
y.sum().backward()
print(x.grad)
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor(1.5, requires_grad=True)
m = torch.maximum(a, b)
print(m)
m.sum().backward()
print(a.grad, b.grad)
print(torch.maximum(torch.tensor([1, 5]), torch.tensor([2.5, 0.5])))
print(torch.maximum(torch.tensor([1.0, float("nan")]), torch.tensor([2.0, 0.0])))
try:
    torch.where(torch.tensor([1, 0]), torch.ones(2), torch.zeros(2))
except RuntimeError as e:
    print(type(e).__name__, e)
