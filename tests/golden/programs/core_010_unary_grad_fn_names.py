import torch

x = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)
for label, out in [
    ("exp", torch.exp(x)),
    ("log", torch.log(x)),
    ("sqrt", torch.sqrt(x)),
    ("sin", torch.sin(x)),
    ("cos", torch.cos(x)),
    ("tanh", torch.tanh(x)),
    ("sigmoid", torch.sigmoid(x)),
    ("relu", torch.relu(x)),
    ("abs", torch.abs(x)),
    ("x.exp()", x.exp()),
    ("x.log()", x.log()),
    ("x.sqrt()", x.sqrt()),
    ("x.sin()", x.sin()),
    ("x.cos()", x.cos()),
    ("x.tanh()", x.tanh()),
    ("x.sigmoid()", x.sigmoid()),
    ("x.relu()", x.relu()),
    ("x.abs()", x.abs()),
]:
    print(label, "->", out.grad_fn.name(), out)
