# Activation modules, nn.functional activations, Sequential, Flatten and Identity.
import torch
import torch.nn as nn
import torch.nn.functional as F


def attempt(fn):
    try:
        fn()
    except Exception as e:  # the message is part of the golden output
        print(f"{type(e).__name__}: {e}")


x = torch.tensor([[-2.0, -0.5, 0.0], [0.5, 1.0, 3.0]], requires_grad=True)
for module in [nn.ReLU(), nn.Tanh(), nn.Sigmoid(), nn.Softmax(dim=1), nn.LogSoftmax(dim=1)]:
    y = module(x)
    print(module, y.grad_fn.name())
    print(y)
    (y * torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])).sum().backward()
    print(x.grad)
    x.grad = None

for fn in [F.relu, F.tanh, F.sigmoid]:
    print(fn(x))
print(F.softmax(x, dim=0))
print(F.log_softmax(x, dim=-1))
print(F.softmax(torch.tensor([1000.0, 0.0, -1000.0]), dim=0))
print(F.log_softmax(torch.tensor([1000.0, 0.0, -1000.0]), dim=0))

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2), nn.Sigmoid())
print(model)
print(len(model), model[0], model[-1])
print(model[1:3])
print([type(m).__name__ for m in model])
print([name for name, _ in model.named_parameters()])
with torch.no_grad():
    model[0].weight.copy_(torch.tensor(
        [[0.1, 0.2, 0.3], [-0.4, 0.5, -0.6], [0.7, -0.8, 0.9], [0.0, 0.1, -0.1]]))
    model[0].bias.copy_(torch.tensor([0.0, 0.1, -0.1, 0.2]))
    model[2].weight.copy_(torch.tensor([[1.0, -1.0, 0.5, 0.0], [0.25, 0.5, -0.5, 1.0]]))
    model[2].bias.copy_(torch.tensor([0.05, -0.05]))
out = model(x)
print(out)
out.sum().backward()
print(model[0].weight.grad)
print(model[2].bias.grad)
print(x.grad)

print(nn.Sequential())
empty = nn.Sequential()
print(empty(x) is x)
model.append(nn.Identity())
print(len(model), model[-1])
attempt(lambda: model[10])

images = torch.arange(24.0).reshape(2, 3, 2, 2)
flat = nn.Flatten()
print(flat, flat(images).shape)
print(nn.Flatten(0, -1)(images).shape, nn.Flatten(2)(images).shape, nn.Flatten(1, 2)(images).shape)
v = images.clone().requires_grad_()
fv = flat(v)
print(fv.grad_fn.name())
ident = nn.Identity()
print(ident, ident(v) is v)
print(nn.Identity(3, unused="ignored"))
