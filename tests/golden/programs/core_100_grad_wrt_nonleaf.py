import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
h = x * 3
y = (h ** 2).sum()
gh, gx = torch.autograd.grad(y, [h, x], retain_graph=True)
print(gh, gx)
print(h.grad_fn.name(), x.grad)
(only_h,) = torch.autograd.grad(y, h)
print(only_h)
a = torch.tensor(2.0, requires_grad=True)
b = a.exp()
c = b.log()
print(torch.autograd.grad(c, b))
