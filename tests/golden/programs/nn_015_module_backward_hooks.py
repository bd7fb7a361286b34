import warnings

import torch

warnings.simplefilter("always")
torch.manual_seed(0)
layer = torch.nn.Linear(3, 2)
with torch.no_grad():
    layer.weight.copy_(torch.tensor([[1.0, -1.0, 0.5], [2.0, 0.0, -0.5]]))
    layer.bias.copy_(torch.tensor([0.1, -0.2]))


def show(module, grad_input, grad_output):
    print(" hook", type(module).__name__, [g if g is None else g.tolist() for g in grad_input],
          [g.tolist() for g in grad_output])


# Inputs that require grad: the hook sees the gradients of inputs and outputs.
x = torch.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 0.0]], requires_grad=True)
handle = layer.register_full_backward_hook(show)
y = layer(x)
print(y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())
(y * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
print(x.grad, layer.weight.grad)

# A hook may replace grad_input; a pre-hook grad_output.
x.grad = None
layer.weight.grad = None
double = layer.register_full_backward_hook(lambda m, gin, gout: (gin[0] * 2,))
scale = layer.register_full_backward_pre_hook(lambda m, gout: (gout[0] * 10,))
layer(x).sum().backward()
print(x.grad, layer.weight.grad)
for h in (handle, double, scale):
    h.remove()

# Inputs that do not require grad: the hook fires with the outputs' gradients, and warns.
with warnings.catch_warnings(record=True) as caught:
    layer.register_full_backward_hook(show)
    out = layer(torch.ones(1, 3))
    out.sum().backward()
    print([str(c.message)[:60] for c in caught])
    try:
        layer.register_full_backward_hook(lambda m, gin, gout: (torch.ones(1, 3),))
        layer(torch.ones(1, 3)).sum().backward()
    except RuntimeError as e:
        print("RuntimeError:", e)

# A model: hooks on every layer fire from the last layer to the first.
model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
order = []
for m in model:
    m.register_full_backward_hook(lambda m, gin, gout: order.append(type(m).__name__))
model(torch.ones(2, 3)).sum().backward()
print(order)
