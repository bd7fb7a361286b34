# nn.Module docs and the "Saving and loading a general checkpoint" recipe: buffers (persistent
# or not), get_submodule/get_parameter, extra_repr, and a checkpoint dict with optimizer state.
import io

import torch
from torch import nn


class RunningMean(nn.Module):
    def __init__(self, features):
        super().__init__()
        self.register_buffer("mean", torch.zeros(features))
        self.register_buffer("count", torch.tensor(0), persistent=False)
        self.scale = nn.Parameter(torch.ones(features))

    def forward(self, x):
        if self.training:
            with torch.no_grad():
                self.count += 1
                self.mean += (x.mean(0) - self.mean) / self.count
        return (x - self.mean) * self.scale

    def extra_repr(self):
        return f"features={self.mean.shape[0]}"


net = nn.Sequential(nn.Linear(2, 3), RunningMean(3))
nn.init.constant_(net[0].weight, 0.3)
nn.init.constant_(net[0].bias, 0.1)
print(net)
for i in range(3):
    net(torch.tensor([[1.0, 2.0], [float(i), -1.0]]))
print(net[1].mean, net[1].count)
print(list(net.state_dict().keys()))
print([name for name, _ in net.named_buffers()])
print(net.get_submodule("1"), net.get_parameter("1.scale"))
print(net.get_buffer("1.mean"))

optimizer = torch.optim.Adam(net.parameters(), lr=0.01)
loss = net(torch.ones(1, 2)).pow(2).sum()
loss.backward()
optimizer.step()

buffer = io.BytesIO()
torch.save({
    "epoch": 5,
    "model_state_dict": net.state_dict(),
    "optimizer_state_dict": optimizer.state_dict(),
    "loss": loss,
}, buffer)
buffer.seek(0)
checkpoint = torch.load(buffer, weights_only=True)
model = nn.Sequential(nn.Linear(2, 3), RunningMean(3))
opt2 = torch.optim.Adam(model.parameters(), lr=0.5)
print(model.load_state_dict(checkpoint["model_state_dict"]))
opt2.load_state_dict(checkpoint["optimizer_state_dict"])
print(checkpoint["epoch"], checkpoint["loss"], opt2.param_groups[0]["lr"])
print(model[1].mean, model[1].count, model[0].weight)
print(sorted(opt2.state[model[0].weight].keys()), opt2.state[model[0].weight]["step"])
model.train()
print(model.training, model.eval().training)
print(net[1].state_dict(), net[1].mean.requires_grad)
print(model.half()[0].weight.dtype if hasattr(torch, "float16") else None)
