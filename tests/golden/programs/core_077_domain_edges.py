import torch

x = torch.tensor([0.0, -1.0, 1.0], requires_grad=True)
y = torch.log(x)
print(y)
(g,) = torch.autograd.grad(y.sum(), x)
print(g)
s = torch.sqrt(x)
print(s)
(g,) = torch.autograd.grad(s.sum(), x)
print(g)
d = torch.tensor([1.0, -1.0, 0.0]) / x
print(d)
(g,) = torch.autograd.grad(d.sum(), x)
print(g)
print(torch.exp(torch.tensor([100.0, -100.0, 0.0])))
print(torch.sigmoid(torch.tensor([-100.0, 100.0, 0.0])))
print(torch.tanh(torch.tensor([-100.0, 100.0])))
print(torch.tensor(0.0) / torch.tensor(0.0))
