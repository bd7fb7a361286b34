import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
x.register_hook(lambda g: torch.ones(3))
try:
    (x * 2).sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)
y = torch.tensor([1.0, 2.0], requires_grad=True)


def bad_hook(grad):
    return grad.sum()


y.register_hook(bad_hook)
try:
    (y * 2).sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)
z = torch.tensor([1.0, 2.0], requires_grad=True)
h = z.register_hook(lambda g: None)
(z * 3).sum().backward()
print(z.grad)
h.remove()
h.remove()
print("removed twice ok")
