# "What is torch.nn really?", CNN part: a Lambda module, nn.Sequential of convolutions,
# avg pooling and view(-1, ...), with weights filled by a fixed rule instead of at random.
import torch
import torch.nn.functional as F
from torch import nn


class Lambda(nn.Module):
    def __init__(self, func):
        super().__init__()
        self.func = func

    def forward(self, x):
        return self.func(x)


def preprocess(x):
    return x.view(-1, 1, 8, 8)


model = nn.Sequential(
    Lambda(preprocess),
    nn.Conv2d(1, 4, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.Conv2d(4, 3, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.AvgPool2d(2),
    Lambda(lambda x: x.view(x.size(0), -1)),
)
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        k = torch.arange(p.numel(), dtype=torch.float32).reshape(p.shape)
        p.copy_(((k * (3 + i)) % 7 - 3) / 10)
print(model)

xb = torch.tensor([[((i * 3 + j) % 9) / 9 for j in range(64)] for i in range(5)])
yb = torch.tensor([0, 1, 2, 1, 0])
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
for step in range(5):
    out = model(xb)
    loss = F.cross_entropy(out, yb)
    loss.backward()
    opt.step()
    opt.zero_grad()
    print(step, f"{loss.item():.5f}")
print(out.shape, out.grad_fn.name())
print(model[1].weight.grad)
print(model[1].bias)
