# d2l (2nd edition) builds models from nn.LazyLinear: parameters are uninitialised until the
# first batch fixes in_features; then the module is a plain Linear (values drawn at random, so
# only shapes, types and reprs are printed here).
import torch
from torch import nn

net = nn.Sequential(nn.LazyLinear(8), nn.ReLU(), nn.LazyLinear(1))
print(net)
print(net[0].weight, type(net[0].weight).__name__, net[0].in_features)
print(net[0].has_uninitialized_params(), len(list(net.parameters())))
try:
    net[0].weight.shape
except RuntimeError as e:
    print(type(e).__name__, e)
X = torch.ones(2, 20)
print(net(X).shape)
print(net)
print(type(net[0]).__name__, type(net[0].weight).__name__, net[0].weight.shape, net[2].bias.shape)
print([(name, p.shape) for name, p in net.named_parameters()])
layer = nn.LazyLinear(3, bias=False)
print(layer, layer.bias)
layer(torch.ones(4, 2))
print(layer, layer.weight.requires_grad, layer.weight.is_leaf, layer.weight.dtype)
opt = torch.optim.SGD(net.parameters(), lr=0.1)
loss = net(X).sum()
loss.backward()
opt.step()
print(net[0].weight.grad.shape, isinstance(net[0], nn.Linear), isinstance(net[0].weight, nn.Parameter))
