import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * x.detach()
print(y.grad_fn.name(), y.grad_fn.next_functions[1])
y.sum().backward()
print(x.grad)
x.grad = None
target = (x * 2).detach()
loss = ((x - target) ** 2).sum()
loss.backward()
print(loss, x.grad)
x.grad = None
with torch.no_grad():
    scale = x.sum()
out = (x * scale).sum()
out.backward()
print(scale, x.grad)
