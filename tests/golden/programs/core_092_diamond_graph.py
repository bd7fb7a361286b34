import torch

x = torch.tensor(2.0, requires_grad=True)
calls = []
x.register_hook(lambda g: calls.append(g.item()))
a = x * 3
b = x ** 2
c = a * b + x
c.backward()
print(x.grad, calls)
y = torch.tensor([1.0, 2.0], requires_grad=True)
h = y * 2
seen = []
h.register_hook(lambda g: seen.append(g.tolist()))
out = (h * h).sum() + h.sum() + h[0]
out.backward()
print(y.grad, seen)
z = torch.tensor(1.0, requires_grad=True)
total = z
for _ in range(10):
    total = total + z * total
total.backward()
print(total, z.grad)
