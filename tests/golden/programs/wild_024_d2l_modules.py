# d2l 6.1 "Layers and Modules": an MLP class, a hand-made Sequential, a block with constant
# weights and Python control flow, and nested blocks.
import torch
from torch import nn
from torch.nn import functional as F


def fill(*shape, scale=0.1):
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([((i * 7) % 11 - 5) * scale for i in range(n)]).reshape(shape)


def constant_init(module):
    if isinstance(module, nn.Linear):
        with torch.no_grad():
            module.weight.copy_(fill(*module.weight.shape, scale=0.05))
            module.bias.fill_(0.01)


X = fill(2, 20, scale=0.2)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(20, 256)
        self.out = nn.Linear(256, 10)

    def forward(self, X):
        return self.out(F.relu(self.hidden(X)))


net = MLP().apply(constant_init)
print(net(X).shape, net(X)[0, :4])


class MySequential(nn.Module):
    def __init__(self, *args):
        super().__init__()
        for idx, module in enumerate(args):
            self.add_module(str(idx), module)

    def forward(self, X):
        for module in self.children():
            X = module(X)
        return X


net = MySequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 10)).apply(constant_init)
print(net(X)[:, :3])
print(net)


class FixedHiddenMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.rand_weight = fill(20, 20, scale=0.1)
        self.rand_weight.requires_grad = False
        self.linear = nn.Linear(20, 20)

    def forward(self, X):
        X = self.linear(X)
        X = F.relu(torch.mm(X, self.rand_weight) + 1)
        X = self.linear(X)
        while X.abs().sum() > 1:
            X /= 2
        return X.sum()


net = FixedHiddenMLP().apply(constant_init)
print(net(X))


class NestMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU())
        self.linear = nn.Linear(32, 16)

    def forward(self, X):
        return self.linear(self.net(X))


chimera = nn.Sequential(NestMLP(), nn.Linear(16, 20), FixedHiddenMLP()).apply(constant_init)
print(chimera(X))
print(chimera)
