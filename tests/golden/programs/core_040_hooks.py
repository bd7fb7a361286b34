import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)


def show(grad):
    print("hook saw", grad)


def double(grad):
    return grad * 2


h1 = x.register_hook(show)
h2 = x.register_hook(double)
(x * x).sum().backward()
print(x.grad)
print(type(h1).__name__)
h2.remove()
x.grad = None
(x * x).sum().backward()
print(x.grad)
h1.remove()
x.grad = None
(x * x).sum().backward()
print(x.grad)
y = x * 2
y.register_hook(lambda g: g + 100)
z = y * 3
z.register_hook(lambda g: print("z grad", g))
x.grad = None
z.sum().backward()
print(x.grad)
print(y.grad_fn.name())
