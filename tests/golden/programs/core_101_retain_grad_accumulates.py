import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
y.retain_grad()
z = (y * y).sum()
z.backward(retain_graph=True)
print(y.grad, x.grad)
z.backward()
print(y.grad, x.grad)
y.grad = None
w = x * 2
w.retain_grad()
(w * 5).sum().backward()
print(w.grad, w.retains_grad, w.is_leaf)
