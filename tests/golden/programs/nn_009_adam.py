# optim.Adam: every option, several steps of a small model, losses, parameters, state.
import torch
import torch.nn as nn
import torch.nn.functional as F

inputs = torch.tensor([[0.5, -1.0], [1.5, 0.25], [-0.75, 0.5], [0.0, 2.0]])
labels = torch.tensor([0, 1, 2, 1])


def build():
    model = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 3))
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[0.2, -0.4], [0.6, 0.1], [-0.3, 0.5], [0.1, 0.1]]))
        model[0].bias.copy_(torch.tensor([0.05, -0.1, 0.2, 0.0]))
        model[2].weight.copy_(torch.tensor(
            [[0.7, -0.6, 0.3, 0.2], [0.1, 0.4, -0.5, 0.3], [-0.2, 0.2, 0.6, -0.4]]))
        model[2].bias.copy_(torch.tensor([-0.2, 0.1, 0.0]))
    return model


def train(steps, **options):
    model = build()
    optimizer = torch.optim.Adam(model.parameters(), **options)
    print("Adam", options)
    for step in range(steps):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(inputs), labels)
        loss.backward()
        optimizer.step()
        print(step, loss)
    for name, p in model.named_parameters():
        print(name, p.data, p.grad)
    return optimizer


train(4)
train(4, lr=0.05)
train(5, lr=0.05, betas=(0.5, 0.9))
train(4, lr=0.01, eps=0.1)
train(5, lr=0.05, weight_decay=0.1)
train(6, lr=0.05, amsgrad=True)
train(5, lr=0.05, weight_decay=0.1, amsgrad=True, betas=(0.8, 0.99))
train(3, lr=0.05, maximize=True)
train(5, lr=0.05, weight_decay=0.1, decoupled_weight_decay=True)
optimizer = train(40, lr=0.02, betas=(0.85, 0.995), weight_decay=1e-3)
state = optimizer.state_dict()["state"]
print(sorted(state), state[0]["step"], state[3]["exp_avg"], state[3]["exp_avg_sq"])
opt = train(3, lr=0.05, amsgrad=True)
print(opt.state_dict()["state"][1])

# A parameter that never gets a gradient has no state.
a = torch.tensor([1.0, -2.0], requires_grad=True)
b = torch.tensor([3.0], requires_grad=True)
opt = torch.optim.Adam([a, b], lr=0.1)
for _ in range(3):
    opt.zero_grad()
    (a ** 2).sum().backward()
    opt.step()
print(a, b, len(opt.state), opt.state[a]["step"])
