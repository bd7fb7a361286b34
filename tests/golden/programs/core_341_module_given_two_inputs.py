import torch
from torch import nn

# A module called with more inputs than its forward takes (`model(x, y)`, the target passed
# to the model): Python's TypeError names the forward called, each activation's own
# (minigrad's shared ones said "_Plain.forward()", its speed paths "install_nn.<locals>...").
x = torch.ones(2)
modules = [nn.Linear(2, 2), nn.ReLU(), nn.Sigmoid(), nn.Tanh(), nn.SiLU(), nn.ReLU6(),
           nn.Hardtanh(), nn.ELU(), nn.CELU(), nn.Mish(), nn.Hardswish(), nn.Hardsigmoid(),
           nn.SELU(), nn.LogSigmoid(), nn.Softsign(), nn.Tanhshrink(), nn.GELU(),
           nn.LeakyReLU(), nn.Softplus(), nn.Sequential(nn.Linear(2, 1)), nn.MSELoss()]
for module in modules:
    try:
        module(x, x, x)
    except TypeError as error:
        print(type(module).__name__, error)
print(nn.ReLU6()(torch.tensor([-1.0, 7.0])), nn.CELU(2.0)(torch.tensor([-1.0])),
      nn.SiLU(inplace=True)(torch.zeros(1)))
