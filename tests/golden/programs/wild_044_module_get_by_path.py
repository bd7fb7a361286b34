# nn.Module.get_submodule/get_parameter/get_buffer (dotted paths, PyTorch's errors) and half().
import torch
from torch import nn
net = nn.Sequential(nn.Linear(2, 3), nn.Sequential(nn.BatchNorm1d(3)))
print(net.get_submodule(''), net.get_submodule('1.0'), net.get_parameter('0.bias').shape, net.get_buffer('1.0.running_mean'))
for f, a in [(net.get_submodule,'2'), (net.get_submodule,'0.weight'), (net.get_submodule, '0.x'), (net.get_parameter,'0.running_mean'), (net.get_parameter,'1.0.running_mean'), (net.get_buffer,'0.weight'), (net.get_parameter,'0.foo'),(net.get_buffer, '1.0.foo'), (net.get_parameter, '5.weight'), (net.get_buffer, 'x'), (net.get_parameter, '0.forward'), (net.get_submodule, '0.forward')]:
  try: f(a)
  except Exception as e: print(type(e).__name__, e)
print(net.half()[0].weight.dtype)
