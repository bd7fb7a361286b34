import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
v = torch.tensor([10.0, 20.0], requires_grad=True)
y = x.clone()
y[torch.tensor([0, 2])] = v
print(y, y.grad_fn.name())
y.backward(torch.tensor([1.0, 2.0, 3.0, 4.0]))
print(x.grad, v.grad)
m = torch.zeros(2, 3)
m[torch.tensor([True, False])] = 5.0
print(m)
m[m == 0] = -1.0
print(m)
m[:, 0] = torch.tensor(9.0)
print(m)
m[[0, 1], [1, 2]] = torch.tensor([7.0, 8.0])
print(m)
a = torch.zeros(3, requires_grad=True)
b = a * 1
b[b == 0] = 2.0
print(b, b.grad_fn.name())
b.sum().backward()
print(a.grad)
