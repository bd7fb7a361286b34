import torch

torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
x = torch.tensor([[1.0, -2.0, 0.5], [0.0, 1.0, 1.0]])

# Record each layer's output (the everyday use: look at activations).
seen = []
handles = [m.register_forward_hook(lambda m, args, out: seen.append((type(m).__name__, out.shape,
                                                                     out.grad_fn.name())))
           for m in model]
y = model(x)
print(seen)
for h in handles:
    h.remove()
seen.clear()
model(x)
print(seen)

# A pre-hook may replace the input (one value or a tuple), a hook the output; order and prepend.
relu = model[1]
h1 = relu.register_forward_pre_hook(lambda m, args: args[0] * 2)
h2 = relu.register_forward_hook(lambda m, args, out: out + 1)
h3 = relu.register_forward_hook(lambda m, args, out: print("first", out.sum().item()), prepend=True)
out = relu(torch.tensor([-1.0, 3.0]))
print(out)
for h in (h1, h2, h3):
    h.remove()
print(relu(torch.tensor([-1.0, 3.0])))

# with_kwargs, and gradients flow through what the hooks return.
lin = model[0]
lin.register_forward_pre_hook(lambda m, args, kwargs: ((args[0] * 0.5,), kwargs), with_kwargs=True)
lin.register_forward_hook(lambda m, args, kwargs, out: out * 3, with_kwargs=True)
z = lin(x)
z.sum().backward()
print(z.grad_fn.name(), lin.weight.grad)
bad = torch.nn.Tanh()
bad.register_forward_pre_hook(lambda m, args, kwargs: (args, kwargs, 1), with_kwargs=True)
try:
    bad(torch.zeros(2))
except RuntimeError as e:
    print("RuntimeError:", str(e)[:80])
