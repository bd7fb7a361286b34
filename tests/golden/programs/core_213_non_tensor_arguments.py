import numpy as np

import torch
import torch.nn as nn
import torch.nn.functional as F

# A list, a numpy array or a number where a torch function takes a tensor: PyTorch's argument
# parser refuses it with a TypeError naming the argument (or, for functions with several
# overloads, "invalid combination of arguments"); numbers stay welcome where PyTorch takes them.
t = torch.tensor([1.0, 2.0])
m = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
b = torch.ones(1, 2, 2)
values = {"list": [1.0, 2.0], "ndarray": np.array([1.0, 2.0]), "float": 2.0, "int": 2,
          "np.float64": np.float64(2.0), "None": None}


def show(label, call):
    try:
        print(label, "->", call())
    except (TypeError, AttributeError, RuntimeError, ValueError) as error:
        print(label, "->", type(error).__name__, str(error).splitlines()[0])


for name in ["exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "relu", "abs", "neg",
             "square", "sum", "mean", "max", "min", "argmax"]:
    for kind, value in values.items():
        show(f"torch.{name}({kind})", lambda: getattr(torch, name)(value))
for name in ["sum", "mean", "max", "argmax", "softmax", "log_softmax"]:
    show(f"torch.{name}(list, 0)", lambda: getattr(torch, name)([1.0, 2.0], 0))
    show(f"torch.{name}(list, dim=0)", lambda: getattr(torch, name)([1.0, 2.0], dim=0))
show("torch.sum(list, 0, True)", lambda: torch.sum([1.0, 2.0], 0, True))
show("torch.sum(input=list)", lambda: torch.sum(input=[1.0]))
show("torch.max(t, list)", lambda: torch.max(t, [1.0, 2.0]))
show("torch.exp(list, out=t)", lambda: torch.exp([1.0, 2.0], out=t))

products = {"matmul": (m, m), "mm": (m, m), "mv": (m, t), "dot": (t, t), "bmm": (b, b)}
for name, (first, second) in products.items():
    for kind, value in values.items():
        show(f"torch.{name}({kind}, T)", lambda: getattr(torch, name)(value, second))
        show(f"torch.{name}(T, {kind})", lambda: getattr(torch, name)(first, value))
show("torch.mm(T, mat2=list)", lambda: torch.mm(m, mat2=[[1.0]]))

for name in ["add", "sub", "mul", "div", "pow", "maximum", "minimum", "multiply", "subtract",
             "divide", "true_divide"]:
    for kind, value in values.items():
        show(f"torch.{name}({kind}, t)", lambda: getattr(torch, name)(value, t))
        show(f"torch.{name}(t, {kind})", lambda: getattr(torch, name)(t, value))
    show(f"torch.{name}(2, 3)", lambda: getattr(torch, name)(2, 3))
show("torch.add(t, list, alpha=2)", lambda: torch.add(t, [1.0, 2.0], alpha=2))
show("torch.add(t, other=list)", lambda: torch.add(t, other=[1.0, 2.0]))
show("torch.div(list, t, rounding_mode)", lambda: torch.div([1.0], t, rounding_mode="floor"))
show("torch.pow(t, exponent=list)", lambda: torch.pow(t, exponent=[2.0]))

for name in ["clamp", "clip"]:
    for kind, value in values.items():
        show(f"torch.{name}({kind}, 0, 1)", lambda: getattr(torch, name)(value, 0, 1))
        show(f"torch.{name}(t, {kind})", lambda: getattr(torch, name)(t, value))
        show(f"torch.{name}(t, max={kind})", lambda: getattr(torch, name)(t, max=value))
show("torch.clamp(t, min=t, max=2.0)", lambda: torch.clamp(t, min=t, max=2.0))
for kind, value in values.items():
    show(f"torch.where({kind}, t, t)", lambda: torch.where(value, t, t))
    show(f"torch.where(t > 1, {kind}, t)", lambda: torch.where(t > 1, value, t))
    show(f"torch.where(t > 1, t, {kind})", lambda: torch.where(t > 1, t, value))
    show(f"torch.where({kind})", lambda: torch.where(value))
show("torch.where(condition=list)", lambda: torch.where(condition=[True]))

for name in ["cat", "concat", "stack"]:
    for kind, value in values.items():
        show(f"torch.{name}([{kind}])", lambda: getattr(torch, name)([value]))
        show(f"torch.{name}([t, {kind}])", lambda: getattr(torch, name)([t, value]))
        show(f"torch.{name}({kind})", lambda: getattr(torch, name)(value))
    show(f"torch.{name}([[1.0]])", lambda: getattr(torch, name)([[1.0]]))
    show(f"torch.{name}([np.ones(2)])", lambda: getattr(torch, name)([np.ones(2)]))
    show(f"torch.{name}(t)", lambda: getattr(torch, name)(t))
    show(f"torch.{name}((t, list), dim=0)", lambda: getattr(torch, name)((t, [1.0, 2.0]), dim=0))
    show(f"torch.{name}('ab')", lambda: getattr(torch, name)("ab"))

# nn.functional and the modules: those PyTorch writes in Python fail on the first Tensor method
# they call (an AttributeError); those that call a torch function get its TypeError.
for kind, value in values.items():
    show(f"F.softmax({kind}, dim=0)", lambda: F.softmax(value, dim=0))
    show(f"F.log_softmax({kind}, 0)", lambda: F.log_softmax(value, 0))
    show(f"F.sigmoid({kind})", lambda: F.sigmoid(value))
    show(f"F.tanh({kind})", lambda: F.tanh(value))
    show(f"F.relu({kind})", lambda: F.relu(value))
    show(f"F.mse_loss({kind}, t)", lambda: F.mse_loss(value, t))
    show(f"F.mse_loss(t, {kind})", lambda: F.mse_loss(t, value))
for module in [nn.Sigmoid(), nn.Tanh(), nn.ReLU(), nn.Softmax(dim=0), nn.LogSoftmax(dim=0),
               nn.Softmax(), nn.Linear(2, 1), nn.Sequential(nn.Linear(2, 2), nn.Tanh())]:
    for kind, value in values.items():
        show(f"{module}({kind})", lambda: module(value))
for loss in [nn.MSELoss(), nn.L1Loss(), nn.BCELoss(), nn.BCEWithLogitsLoss(),
             nn.CrossEntropyLoss()]:
    for kind, value in values.items():
        show(f"{loss}({kind}, t)", lambda: loss(value, t))
        show(f"{loss}(t, {kind})", lambda: loss(t, value))

# What still works: tensors (and Parameters), numbers where PyTorch takes them.
w = nn.Parameter(torch.ones(2))
print(torch.exp(w), torch.add(t, 2), torch.mul(2, t), torch.sub(t, np.float64(1.0)))
print(torch.pow(t, 2), torch.pow(2, t), torch.clamp(t, 1.5), torch.clamp(t, max=1.5))
print(torch.where(t > 1, t, 0.0), torch.where(t > 1, 1.0, 0.0), torch.cat((t, w)))
print(torch.sum(t, dim=0), torch.max(t, 0), torch.softmax(t, 0), torch.matmul(m, t))
print(nn.Tanh()(t), nn.Sigmoid()(t), F.mse_loss(t, w))
