# "Autograd mechanics" notes: saved tensors (_saved_self/_saved_result), grad modes, requires_grad
# for frozen parts, in-place correctness, and evaluation mode vs no_grad.
import torch
import torch.nn as nn

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.pow(2)
print(x.equal(y.grad_fn._saved_self))
print(x is y.grad_fn._saved_self)
y = x.exp()
print(y.equal(y.grad_fn._saved_result))
print(y is y.grad_fn._saved_result)

model = nn.Linear(3, 2)
nn.init.constant_(model.weight, 0.5)
nn.init.zeros_(model.bias)
model.requires_grad_(False)
print([p.requires_grad for p in model.parameters()])
model.bias.requires_grad_(True)
out = model(torch.ones(1, 3)).sum()
out.backward()
print(model.weight.grad, model.bias.grad)

with torch.no_grad():
    a = x * 2
print(a.requires_grad)
with torch.inference_mode():
    b = x * 2
print(b.requires_grad, b.is_inference())
torch.set_grad_enabled(False)
c = x * 2
torch.set_grad_enabled(True)
print(c.requires_grad, torch.is_grad_enabled())


@torch.no_grad()
def doubler(t):
    return t * 2


print(doubler(x).requires_grad)
with torch.enable_grad():
    print((x * 2).requires_grad)

try:
    b * x
    (b * x).sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)

v = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
w = v * 2
s = w[1:]
s.mul_(10)
print(w, w.grad_fn.name(), s.grad_fn.name())
w.sum().backward()
print(v.grad)
print(w._version, s._version, v._version)

net = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5))
print(net.training, net[1].training)
net.eval()
print(net.training, net[1].training)
t = torch.ones(1, 2)
print(torch.equal(net[1](t), t))
