# nn.Module: parameters and submodules registered by attribute assignment, names, modes, repr.
import torch
import torch.nn as nn


def attempt(fn):
    try:
        fn()
    except Exception as e:  # the message is part of the golden output
        print(f"{type(e).__name__}: {e}")


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 3)
        self.scale = nn.Parameter(torch.tensor([2.0]))
        self.act = nn.Tanh()

    def forward(self, x):
        return self.act(self.fc(x)) * self.scale


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block()
        self.head = nn.Linear(3, 1, bias=False)
        self.plain = 5  # plain attributes are neither parameters nor modules

    def forward(self, x):
        return self.head(self.block(x))


net = Net()
print(net)
print([name for name, _ in net.named_parameters()])
print([tuple(p.shape) for p in net.parameters()])
print(sum(p.numel() for p in net.parameters()))
print([name for name, _ in net.named_children()])
print([type(m).__name__ for m in net.children()])
print([(name, type(m).__name__) for name, m in net.named_modules()])
print([type(m).__name__ for m in net.modules()])
print([name for name, _ in net.block.named_parameters(prefix="model")])
print([name for name, _ in net.named_parameters(recurse=False)])
print(net.plain, net.block.scale.requires_grad)

print(net.training, net.block.training, net.block.act.training)
print(net.eval() is net, net.training, net.block.fc.training)
net.train()
print(net.training, net.block.act.training)
net.train(False)
print(net.training, net.head.training)
net.train()

with torch.no_grad():
    net.block.fc.weight.copy_(torch.tensor([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]))
    net.block.fc.bias.copy_(torch.tensor([0.01, 0.02, -0.03]))
    net.head.weight.copy_(torch.tensor([[1.0, -1.0, 0.5]]))
x = torch.tensor([[1.0, 2.0], [-1.0, 0.5]])
out = net(x)
print(out)
out.sum().backward()
for name, p in net.named_parameters():
    print(name, p.grad)

net.zero_grad()
print([p.grad for p in net.parameters()])

# Shared modules count once.
shared = nn.Linear(2, 2)
seq = nn.Sequential(shared, nn.ReLU(), shared)
print(len(list(seq.parameters())), [name for name, _ in seq.named_parameters()])

# Reassigning and deleting.
net.head = nn.Linear(3, 2)
print(net.head)
net.block.scale = None
print([name for name, _ in net.named_parameters()])
del net.head
print([name for name, _ in net.named_children()])

# register_parameter / add_module / requires_grad_
m = nn.Module()
m.register_parameter("w", nn.Parameter(torch.ones(2)))
m.add_module("inner", nn.Identity())
print(m)
print([name for name, _ in m.named_parameters()])
m.requires_grad_(False)
print(m.w.requires_grad)

# Errors.
class NoForward(nn.Module):
    pass


class NoInit(nn.Module):
    def __init__(self):
        self.fc = nn.Linear(1, 1)


attempt(lambda: NoForward()(torch.ones(1)))
attempt(lambda: NoInit())
attempt(lambda: net.missing)
attempt(lambda: setattr(net.block.fc, "weight", torch.ones(3, 2)))
attempt(lambda: setattr(net, "block", 3))
attempt(lambda: m.register_parameter("bad", torch.ones(1)))
print(net.block.fc.weight.shape)
