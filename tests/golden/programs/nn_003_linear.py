# nn.Linear: y = x @ W.T + b, PyTorch's grad_fn nodes for each input rank, gradients, errors.
import torch
import torch.nn as nn
import torch.nn.functional as F


def attempt(fn):
    try:
        fn()
    except Exception as e:  # the message is part of the golden output
        print(f"{type(e).__name__}: {e}")


def names(fn):
    return [None if node is None else node.name() for node, _ in fn.next_functions]


lin = nn.Linear(3, 2)
print(lin)
print(lin.in_features, lin.out_features, lin.weight.shape, lin.bias.shape)
print(lin.weight.requires_grad, lin.bias.requires_grad, lin.weight.is_leaf)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[0.5, -1.0, 0.25], [2.0, 0.0, -0.5]]))
    lin.bias.copy_(torch.tensor([0.1, -0.2]))
print(lin.weight)
print(lin.bias)

x2 = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]], requires_grad=True)
y2 = lin(x2)
print(y2)
print(y2.grad_fn.name(), names(y2.grad_fn))
print(names(y2.grad_fn.next_functions[2][0]))
y2.backward(torch.tensor([[1.0, 2.0], [3.0, -1.0]]))
print(lin.weight.grad)
print(lin.bias.grad)
print(x2.grad)

lin.zero_grad()
x1 = torch.tensor([1.0, -2.0, 0.5])
y1 = lin(x1)
print(y1, y1.grad_fn.name(), names(y1.grad_fn))
y1.sum().backward()
print(lin.weight.grad, lin.bias.grad)

lin.zero_grad()
x3 = torch.arange(12.0).reshape(2, 2, 3) / 10
y3 = lin(x3)
print(y3, y3.grad_fn.name(), names(y3.grad_fn))
(y3 ** 2).sum().backward()
print(lin.weight.grad, lin.bias.grad)

nobias = nn.Linear(3, 2, bias=False)
print(nobias, nobias.bias)
with torch.no_grad():
    nobias.weight.copy_(torch.tensor([[1.0, 1.0, 1.0], [0.0, -1.0, 2.0]]))
out = nobias(x2)
print(out, out.grad_fn.name(), names(out.grad_fn))
out1 = nobias(x1)
print(out1, out1.grad_fn.name())
out3 = nobias(x3)
print(out3.grad_fn.name(), out3.shape)
print([name for name, _ in nobias.named_parameters()])

# F.linear is the same computation.
fl = F.linear(x2, lin.weight, lin.bias)
print(fl, fl.grad_fn.name())
print(F.linear(x2, lin.weight).grad_fn.name())

# Under no_grad the output records nothing.
with torch.no_grad():
    z = lin(x2)
print(z.requires_grad, z.grad_fn)

# Double precision layer.
dlin = nn.Linear(2, 1).double()
print(dlin.weight.dtype, dlin.bias.dtype)

attempt(lambda: lin(torch.ones(2, 4)))
attempt(lambda: lin(torch.ones(4)))
attempt(lambda: lin(torch.ones(2, 3, dtype=torch.float64)))

# Default initialisation stays within +-1/sqrt(in_features).
big = nn.Linear(16, 8)
bound = 1 / 16 ** 0.5
print(bool((big.weight.abs() <= bound).all()), bool((big.bias.abs() <= bound).all()))
print(bool(big.weight.max() - big.weight.min() > 0.2))
