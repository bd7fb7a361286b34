import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x ** 3).sum()
y.backward(create_graph=True)
print(x.grad)
print(x.grad.requires_grad, x.grad.grad_fn is not None)
g = x.grad
x.grad = None
g.sum().backward()
print(x.grad)
z = torch.tensor(3.0, requires_grad=True)
(z * z * z).backward(create_graph=True)
first = z.grad
print(first)
z.grad = None
first.backward()
print(z.grad)
