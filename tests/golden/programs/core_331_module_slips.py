import torch
import torch.nn.functional as F
from _golden import show
from torch import nn

# A class given where a module is wanted (`nn.Sequential(..., nn.ReLU)`, the parentheses
# forgotten): PyTorch names the class itself (minigrad said "type is not a Module subclass");
# the path of the class's module differs (torch.nn.modules.activation / minigrad.nn.activation),
# so its last part is shown. And activations of integer tensors: PyTorch's kernel names.


def tail(make):
    try:
        make()
    except TypeError as error:
        return str(error).rsplit(".", 1)[-1]


slips = {
    "nn.Sequential(nn.Linear(2, 3), nn.ReLU)": lambda: nn.Sequential(nn.Linear(2, 3), nn.ReLU),
    "nn.ModuleList([nn.Tanh])": lambda: nn.ModuleList([nn.Tanh]),
    "nn.Sequential().append(nn.Sigmoid)": lambda: nn.Sequential().append(nn.Sigmoid),
}
for text, make in slips.items():
    show(text, lambda: tail(make))
calls = [
    "nn.ModuleList([3])", "nn.Sequential(nn.Linear(2, 3), 'relu')",
    "F.gelu(torch.tensor([1, 2]))", "F.gelu(torch.tensor([1]), approximate='tanh')",
    "nn.GELU()(torch.tensor([True]))", "F.logsigmoid(torch.tensor([1]))",
    "nn.LogSigmoid()(torch.tensor([1, 2]))", "F.silu(torch.tensor([1]))",
]
for call in calls:
    show(call, lambda: eval(call))
