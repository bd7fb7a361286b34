import torch

# A Python number next to a tensor is a "wrapped number": an input with no edge, saved as a
# 0-d tensor of its own Python type (int64 or float64), computed in the tensor's dtype.
x = torch.tensor([1.0, 2.0, 4.0], requires_grad=True)
for y in (x * 3, x * 1.5, 3 * x, x / 4, x / 0.5, 2 / x, x + 2, 2.5 - x, x - 1, x.double() * 3):
    node = y.grad_fn
    print(node.name(), [n for n, _ in node.next_functions], y.dtype)
    for attr in ("_saved_other", "_saved_self", "_saved_alpha"):
        if hasattr(node, attr):
            print(" ", attr, getattr(node, attr))
h = torch.tensor([1.0, 2.0], dtype=torch.float16, requires_grad=True)
print(h * 1.001, (h + 7).dtype, x * 2**40)

# The gradients, first and second order, through number operands.
v = torch.tensor(1.5, requires_grad=True)
out = v
for _ in range(3):
    out = out * 1.001 + 0.001
(g,) = torch.autograd.grad(out / 3 * v, v, create_graph=True)
print(g, g.grad_fn.name())
g.backward()
print(v.grad)
with torch.no_grad():
    print((x * 2).requires_grad, (x / 2).grad_fn)
x2 = x.detach().clone().requires_grad_()
w = x2 * 2
w.mul_(0.5)
w.add_(1, alpha=3)
w.sum().backward()
print(w, x2.grad)
