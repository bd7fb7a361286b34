# nn.Linear / Conv2d default initialisation, nn.init functions, dropout masks after a seed.
import math

import torch
import torch.nn as nn

torch.manual_seed(0)
layer = nn.Linear(784, 256)
print(layer.weight[0, :4].tolist(), layer.bias[:4].tolist())
print(layer.weight.double().sum().item(), layer.bias.double().sum().item(),
      layer.weight.abs().max().item())
model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
print([p.tolist() for p in model.parameters()])
if hasattr(nn, "Conv2d"):
    conv = nn.Conv2d(3, 4, 3)
    print(conv.weight.double().sum().item(), conv.bias.tolist())
print(nn.Embedding(10, 3).weight[:2].tolist())
w = torch.empty(3, 5)
print(nn.init.uniform_(w, -1, 1))
print(nn.init.normal_(w, 0, 0.02))
print(nn.init.xavier_uniform_(w), nn.init.xavier_normal_(w))
print(nn.init.kaiming_uniform_(w, a=math.sqrt(5)), nn.init.kaiming_normal_(w))
print(nn.init.uniform_(torch.empty(4), generator=torch.Generator().manual_seed(1)))
drop = nn.Dropout(0.5)
print(drop(torch.ones(2, 10)))
print(nn.functional.dropout(torch.ones(12), 0.2).tolist())
print(nn.functional.dropout(torch.ones(3, 20, dtype=torch.float64), 0.1).sum().item())
x = torch.ones(8, requires_grad=True)
y = nn.functional.dropout(x, 0.25)
y.sum().backward()
print(y, x.grad)
