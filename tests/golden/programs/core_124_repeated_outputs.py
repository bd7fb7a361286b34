import torch

# The same output given twice (or an output and something computed from it): every root's
# gradient is added where it arrives, and each node still runs once.
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
torch.autograd.backward([y, y], [torch.ones(2), torch.full((2,), 10.0)], retain_graph=True)
print(x.grad)
x.grad = None
z = x * 3
w = z * z
torch.autograd.backward([w.sum(), z.sum(), w.sum()], retain_graph=True)
print(x.grad)
print(torch.autograd.grad([y.sum(), y.sum()], x))
print(torch.autograd.grad([z.sum(), w.sum()], [x, z]))
