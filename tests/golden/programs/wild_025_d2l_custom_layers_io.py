# d2l 6.5 "Custom Layers" and 6.6 "File I/O": a layer without parameters, one with parameters,
# and saving/loading tensors, lists, dicts and a model's state_dict.
import os
import tempfile

import torch
from torch import nn
from torch.nn import functional as F


class CenteredLayer(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, X):
        return X - X.mean()


layer = CenteredLayer()
print(layer(torch.tensor([1.0, 2, 3, 4, 5])))
net = nn.Sequential(nn.Linear(8, 128), CenteredLayer())
nn.init.constant_(net[0].weight, 0.5)
Y = net(torch.arange(32.0).reshape(4, 8) / 10)
print(Y.mean().abs() < 1e-5)


class MyLinear(nn.Module):
    def __init__(self, in_units, units):
        super().__init__()
        self.weight = nn.Parameter(torch.arange(in_units * units, dtype=torch.float32).reshape(in_units, units) / 10)
        self.bias = nn.Parameter(torch.ones(units))

    def forward(self, X):
        linear = torch.matmul(X, self.weight.data) + self.bias.data
        return F.relu(linear)


linear = MyLinear(5, 3)
print(linear.weight)
print(linear(torch.tensor([[1.0, -1, 0.5, 0, 2], [-3, 0, 0, 1, 0]])))
net = nn.Sequential(MyLinear(4, 2), MyLinear(2, 1))
print(net(torch.ones(2, 4)))

with tempfile.TemporaryDirectory() as d:
    x = torch.arange(4)
    torch.save(x, os.path.join(d, "x-file"))
    x2 = torch.load(os.path.join(d, "x-file"))
    print(x2)
    y = torch.zeros(4)
    torch.save([x, y], os.path.join(d, "x-files"))
    x2, y2 = torch.load(os.path.join(d, "x-files"))
    print(x2, y2)
    mydict = {"x": x, "y": y}
    torch.save(mydict, os.path.join(d, "mydict"))
    print(torch.load(os.path.join(d, "mydict")))

    class MLP(nn.Module):
        def __init__(self):
            super().__init__()
            self.hidden = nn.Linear(20, 256)
            self.output = nn.Linear(256, 10)

        def forward(self, x):
            return self.output(F.relu(self.hidden(x)))

    net = MLP()
    for p in net.parameters():
        nn.init.constant_(p, 0.01)
    X = torch.arange(40.0).reshape(2, 20) / 40
    Y = net(X)
    torch.save(net.state_dict(), os.path.join(d, "mlp.params"))
    clone = MLP()
    print(clone.load_state_dict(torch.load(os.path.join(d, "mlp.params"))))
    print(clone.eval())
    Y_clone = clone(X)
    print(Y_clone == Y)
