import torch

# autograd.grad runs the hooks of the tensors it differentiates with respect to, leaves
# included, and a hook's return value becomes the returned gradient.
a = torch.tensor(1.0, requires_grad=True)
a.register_hook(lambda g: (print("leaf hook", g), g * 10)[1])
print(torch.autograd.grad(a * 2, a))
print(a.grad)

# Hooks on branches that do not lead to the inputs do not run.
x = torch.tensor([1.0, 2.0], requires_grad=True)
w = torch.tensor([3.0, 4.0], requires_grad=True)
h = x * 2
h.register_hook(lambda g: print("h hook", g))
k = w * 3
k.register_hook(lambda g: print("k hook", g))
k.grad_fn.register_prehook(lambda go: print("k node prehook", go))
out = (h * k).sum()
print(torch.autograd.grad(out, [x], retain_graph=True))
print(torch.autograd.grad(out, [h], retain_graph=True))
print(torch.autograd.grad(out, [k, x], retain_graph=True))
out.backward(inputs=[x], retain_graph=True)
print(x.grad, w.grad)
out.backward()
print(x.grad, w.grad)

# create_graph: hooks run with grad mode on, and a replaced gradient keeps its graph.
b = torch.tensor(2.0, requires_grad=True)
b.register_hook(lambda g: (print("grad mode in hook", torch.is_grad_enabled()), g * b)[1])
(db,) = torch.autograd.grad(b ** 3, b, create_graph=True)
print(db, torch.autograd.grad(db, b))
