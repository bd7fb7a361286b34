import torch

a = torch.tensor(2.0, requires_grad=True)
b = a * 3
c = b * b
calls = []
b.register_hook(lambda g: calls.append(("b first", g.item())))
b.register_hook(lambda g: g * 0.5)
b.register_hook(lambda g: calls.append(("b third", g.item())))
a.register_hook(lambda g: calls.append(("a", g.item())))
c.backward()
for call in calls:
    print(call)
print(a.grad)
b2 = a * 1
b2.retain_grad()
b2.register_hook(lambda g: g * 10)
(b2 * 2).backward()
print(b2.grad, a.grad)
try:
    torch.tensor([1.0]).register_hook(lambda g: g)
except RuntimeError as e:
    print(type(e).__name__, e)
