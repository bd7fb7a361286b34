import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
w = torch.tensor([3.0, 4.0], requires_grad=True)
u = torch.tensor([5.0, 6.0], requires_grad=True)
y = (x * w).sum()
grads = torch.autograd.grad(y, [x, w], retain_graph=True)
print(type(grads).__name__, grads)
print(x.grad, w.grad)
print(torch.autograd.grad(y, x, retain_graph=True))
print(torch.autograd.grad(outputs=[y], inputs=[w], retain_graph=True))
try:
    torch.autograd.grad(y, [x, u], retain_graph=True)
except RuntimeError as e:
    print(type(e).__name__, e)
print(torch.autograd.grad(y, [x, u], allow_unused=True, retain_graph=True))
v = x * w
print(torch.autograd.grad(v, x, grad_outputs=torch.tensor([1.0, 10.0]), retain_graph=True))
print(torch.autograd.grad([v.sum(), (x ** 2).sum()], x))
