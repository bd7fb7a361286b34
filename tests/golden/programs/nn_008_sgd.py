# optim.SGD: every option, several steps of a small model, losses, parameters and gradients.
import torch
import torch.nn as nn
import torch.nn.functional as F

inputs = torch.tensor([[0.5, -1.0], [1.5, 0.25], [-0.75, 0.5], [0.0, 2.0]])
targets = torch.tensor([[1.0], [-0.5], [0.25], [2.0]])


def build():
    model = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[0.2, -0.4], [0.6, 0.1], [-0.3, 0.5]]))
        model[0].bias.copy_(torch.tensor([0.05, -0.1, 0.2]))
        model[2].weight.copy_(torch.tensor([[0.7, -0.6, 0.3]]))
        model[2].bias.copy_(torch.tensor([-0.2]))
    return model


def train(steps, **options):
    model = build()
    optimizer = torch.optim.SGD(model.parameters(), **options)
    print("SGD", options)
    for step in range(steps):
        optimizer.zero_grad()
        loss = F.mse_loss(model(inputs), targets)
        loss.backward()
        optimizer.step()
        print(step, loss)
    for name, p in model.named_parameters():
        print(name, p.data, p.grad)
    return optimizer


train(3, lr=0.1)
train(6, lr=0.1, momentum=0.9)
train(6, lr=0.05, momentum=0.8, dampening=0.3)
train(6, lr=0.1, momentum=0.9, nesterov=True)
train(4, lr=0.1, weight_decay=0.01)
train(6, lr=0.1, momentum=0.5, weight_decay=0.1, nesterov=True)
train(3, lr=0.1, maximize=True)
optimizer = train(30, lr=0.2, momentum=0.9, dampening=0.1, weight_decay=1e-3)
print(optimizer.state_dict()["state"][0])

# Manual SGD: the update the optimizer does, written out under no_grad.
model = build()
loss = F.mse_loss(model(inputs), targets)
loss.backward()
with torch.no_grad():
    for p in model.parameters():
        p -= 0.1 * p.grad
print(model[2].weight, model[2].weight.grad_fn, model[2].weight.is_leaf)
reference = build()
opt = torch.optim.SGD(reference.parameters(), lr=0.1)
F.mse_loss(reference(inputs), targets).backward()
opt.step()
print(torch.equal(reference[2].weight, model[2].weight))

# A parameter without a gradient is skipped.
a = nn.Parameter(torch.tensor([1.0, 2.0]))
b = nn.Parameter(torch.tensor([3.0]))
opt = torch.optim.SGD([a, b], lr=0.5, momentum=0.9)
(a * a).sum().backward()
opt.step()
print(a, b, len(opt.state))
