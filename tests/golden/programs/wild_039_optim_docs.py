# torch.optim docs: per-parameter options, zero_grad, optimizer.state_dict, schedulers chained as
# the docs show, and an LBFGS step with a closure.
import torch
from torch import nn, optim
from torch.optim.lr_scheduler import ExponentialLR, MultiStepLR


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.base = nn.Linear(3, 4)
        self.classifier = nn.Linear(4, 2)

    def forward(self, x):
        return self.classifier(torch.relu(self.base(x)))


model = Model()
for i, p in enumerate(model.parameters()):
    with torch.no_grad():
        p.copy_(((torch.arange(p.numel(), dtype=torch.float32).reshape(p.shape) * (i + 2)) % 5 - 2) / 5)

optimizer = optim.SGD([
    {"params": model.base.parameters(), "lr": 1e-2},
    {"params": model.classifier.parameters()},
], lr=1e-3, momentum=0.9)
print(optimizer)
input = torch.arange(6.0).reshape(2, 3) / 6
target = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
loss_fn = nn.MSELoss()

scheduler1 = ExponentialLR(optimizer, gamma=0.9)
scheduler2 = MultiStepLR(optimizer, milestones=[2, 4], gamma=0.1)
for epoch in range(5):
    optimizer.zero_grad()
    output = model(input)
    loss = loss_fn(output, target)
    loss.backward()
    optimizer.step()
    scheduler1.step()
    scheduler2.step()
    print(epoch, f"{loss.item():.6f}", [round(g["lr"], 8) for g in optimizer.param_groups])
state = optimizer.state_dict()
print(state["param_groups"][0]["params"], state["param_groups"][1]["params"], sorted(state["state"]))
print(scheduler1.state_dict()["last_epoch"], scheduler2.get_last_lr())

x = torch.tensor([1.5, -0.5], requires_grad=True)
opt = optim.LBFGS([x], lr=1, max_iter=20, history_size=5)


def closure():
    opt.zero_grad()
    loss = (1 - x[0]) ** 2 + 10 * (x[1] - x[0] ** 2) ** 2
    loss.backward()
    return loss


for _ in range(3):
    loss = opt.step(closure)
    print(f"{loss.item():.6f}", [f"{v:.5f}" for v in x.tolist()])
print(opt)
