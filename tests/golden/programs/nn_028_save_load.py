import io
import pickle

import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
with torch.no_grad():
    for p in model.parameters():
        p.copy_(torch.linspace(-1.0, 1.0, p.numel()).reshape(p.shape))
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
model(torch.ones(4, 2)).sum().backward()
opt.step()

# A checkpoint: state dicts and training state, restored into fresh objects.
buffer = io.BytesIO()
torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "epoch": 3,
            "losses": [0.5, 0.25], "note": "after step 1"}, buffer)
buffer.seek(0)
checkpoint = torch.load(buffer)
print(sorted(checkpoint), checkpoint["epoch"], checkpoint["losses"], checkpoint["note"])
print(checkpoint["model"])
print(checkpoint["optimizer"]["state"][0]["momentum_buffer"], checkpoint["optimizer"]["param_groups"][0]["lr"])
restored = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
print(restored.load_state_dict(checkpoint["model"]))
print(torch.equal(restored[0].weight, model[0].weight), restored(torch.ones(1, 2)))
opt2 = torch.optim.SGD(restored.parameters(), lr=0.5, momentum=0.9)
opt2.load_state_dict(checkpoint["optimizer"])
print(opt2.param_groups[0]["lr"], opt2.state[restored[0].weight]["momentum_buffer"])

# Tensors keep dtype, shape and requires_grad; a Parameter stays a Parameter.
for value in (torch.tensor([1, 2]), torch.tensor([[1.5]], dtype=torch.float64),
              torch.tensor([1.0, 2.0], requires_grad=True), nn.Parameter(torch.ones(2)),
              torch.tensor(True), (torch.zeros(1), {"a": torch.ones(1)})):
    buffer = io.BytesIO()
    torch.save(value, buffer)
    buffer.seek(0)
    loaded = torch.load(buffer)
    print(type(loaded).__name__, loaded)

# A whole pickled model needs weights_only=False.
buffer = io.BytesIO()
torch.save(model, buffer)
buffer.seek(0)
try:
    torch.load(buffer)
except pickle.UnpicklingError as err:
    print(type(err).__name__, str(err).splitlines()[0])
buffer.seek(0)
whole = torch.load(buffer, weights_only=False)
print(whole, torch.equal(whole[2].bias, model[2].bias))
