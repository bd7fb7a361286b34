import torch
import torch.nn as nn

torch.manual_seed(0)
layers = nn.ModuleList([nn.Linear(2, 2) for _ in range(3)] + [nn.ReLU(), nn.ReLU(), nn.Linear(2, 1)])
print(layers)
print(len(layers), layers[-1], type(layers[1:3]).__name__, layers[1:3])
print([name for name, _ in layers.named_parameters()][:4], len(list(layers.parameters())))
layers.append(nn.Tanh())
layers.extend([nn.Sigmoid()])
layers.insert(1, nn.Identity())
print(layers)
del layers[0]
print(len(layers), layers[0], [name for name, _ in layers.named_children()][:3])
layers[0] = nn.Tanh()
print(layers[0], type(layers + nn.ModuleList([nn.ReLU()])).__name__,
      len(layers + [nn.ReLU()]))
layers += [nn.ReLU()]
print(len(layers), nn.ModuleList(), nn.ModuleList([nn.Linear(1, 1)]))
for f in (lambda: layers(torch.ones(2)), lambda: layers[20], lambda: nn.ModuleList([3]),
          lambda: layers.append("relu")):
    try:
        f()
    except (NotImplementedError, IndexError, TypeError) as err:
        print(type(err).__name__, err)


# A model that keeps its layers in a ModuleList trains them all.
class Deep(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList(nn.Linear(3, 3) for _ in range(2))
        self.heads = nn.ModuleDict({"score": nn.Linear(3, 1), "act": nn.Tanh()})

    def forward(self, x):
        for block in self.blocks:
            x = self.heads["act"](block(x))
        return self.heads["score"](x)


model = Deep()
print(model)
print(list(model.state_dict()))
x = torch.tensor([[1.0, -1.0, 0.5]])
model(x).sum().backward()
print([p.grad is not None for p in model.parameters()])

heads = nn.ModuleDict({"a": nn.Linear(1, 1), "b": nn.ReLU()})
print(heads, list(heads.keys()), "a" in heads, "z" in heads, len(heads), [k for k in heads])
heads["c"] = nn.Tanh()
heads.update({"d": nn.Sigmoid()})
heads.update([("e", nn.Identity())])
print(list(heads), heads.pop("b"), [k for k, _ in heads.items()], list(heads.values())[-1])
del heads["a"]
print(heads)
heads.clear()
print(heads, len(heads), nn.ModuleDict())
for f in (lambda: heads["zz"], lambda: heads.update({"x": 1}), lambda: heads(x)):
    try:
        f()
    except (KeyError, TypeError, NotImplementedError) as err:
        print(type(err).__name__, err)

# Sequential slices keep their names; ModuleList slices are numbered again.
seq = nn.Sequential(nn.ReLU(), nn.Tanh(), nn.Sigmoid())
print(seq[1:], layers[2:4], seq.append(nn.Identity()))
