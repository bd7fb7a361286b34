import torch

a = torch.tensor([1.0, 5.0, 3.0], requires_grad=True)
b = torch.tensor([2.0, 4.0, 3.0], requires_grad=True)
m = torch.max(a, b)
print(m, m.grad_fn.name())
m.sum().backward()
print(a.grad, b.grad)
a.grad = None
b.grad = None
n = torch.min(a, b)
print(n, n.grad_fn.name())
n.sum().backward()
print(a.grad, b.grad)
print(a.max(b), a.min(b))
print(torch.max(torch.tensor([[1, 9], [4, 2]]), torch.tensor([3, 3])))
