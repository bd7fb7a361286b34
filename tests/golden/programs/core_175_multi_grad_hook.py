import torch

G = torch.autograd.graph
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
c = a * b
d = a * b


def show(grads):
    print("all:", [None if g is None else g.tolist() for g in grads])


# mode="all": once per backward, when every tensor this backward reaches has its gradient
# (None for the others); the example of PyTorch's documentation, and more.
handle = G.register_multi_grad_hook((a, b, c, d), show)
c.sum().backward(retain_graph=True)
c.sum().backward(inputs=(a,), retain_graph=True)
(c.sum() + d.sum()).backward(retain_graph=True)
torch.autograd.backward([c.sum(), d.sum() * 2], retain_graph=True)
handle.remove()
c.sum().backward(retain_graph=True)
print("removed")

# With autograd.grad, non-leaf tensors only; a leaf in the list is refused when its turn comes.
x = a * 1
y = b * 1
handle = G.register_multi_grad_hook([x, y], show)
print(torch.autograd.grad((x * y).sum(), [a], retain_graph=True))
print(torch.autograd.grad((x * y).sum(), [x, y], retain_graph=True))
handle.remove()
handle = G.register_multi_grad_hook((a, b), show)
try:
    torch.autograd.grad((a * b).sum(), [b])
except RuntimeError as err:
    print("RuntimeError:", err)
handle.remove()

# mode="any": the first gradient to arrive, once per backward.
handle = G.register_multi_grad_hook((a, b), lambda g: print("any:", g), mode="any")
c.sum().backward(retain_graph=True)
(a * 5).sum().backward()
handle.remove()
handle = G.register_multi_grad_hook((a, torch.ones(2)), lambda g: print("any:", g), mode="any")
c.sum().backward(retain_graph=True)
handle.remove()

# Where it runs among the tensors' own hooks: as one of them, in registration order.
e = torch.tensor(1.0, requires_grad=True)
e.register_hook(lambda g: print("tensor hook before", g))
G.register_multi_grad_hook((e,), lambda gs: print("multi", gs))
e.register_hook(lambda g: print("tensor hook after", g))
(e * 2).backward()

# Its return value is ignored; refusals.
handle = G.register_multi_grad_hook((b,), lambda gs: [g * 0 for g in gs])
b.grad = None
c.sum().backward(retain_graph=True)
print(b.grad)
handle.remove()
for tensors, mode in (((a, b), "some"), ((a, torch.ones(2)), "all")):
    try:
        G.register_multi_grad_hook(tensors, show, mode=mode)
    except (ValueError, AssertionError) as err:
        print(type(err).__name__ + ":", err)
print(type(G.register_multi_grad_hook((), show)).__name__)
