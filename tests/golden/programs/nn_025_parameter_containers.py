import torch
import torch.nn as nn

params = nn.ParameterList([nn.Parameter(torch.ones(2)), torch.zeros(1, 3)])
print(params)
print(type(params[1]).__name__, params[1].requires_grad, len(params), [n for n, _ in params.named_parameters()])
params.append(nn.Parameter(torch.ones(1, dtype=torch.float64)))
params.extend([torch.ones(2)])
params += [torch.full((2,), 3.0)]
print(params, params[-1], params[1:3], type(params[1:3]).__name__)
params[0] = torch.tensor([5.0, 6.0])
print(params[0], [p.shape for p in params])
print(nn.ParameterList([1.5]), nn.ParameterList([1.5])[0], nn.ParameterList(), nn.ParameterDict())
try:
    params[10]
except IndexError as err:
    print(type(err).__name__, err)

table = nn.ParameterDict({"a": nn.Parameter(torch.ones(2)), "b": torch.zeros(3)})
print(table, list(table.keys()), "a" in table, "z" in table, type(table["b"]).__name__, len(table))
table["c"] = torch.ones(1)
table.update({"d": torch.ones(2, 2)})
table.update([("e", torch.zeros(1))])
print(list(table), table.pop("a"), len(table), [k for k, _ in table.items()], table.get("zz", "none"))
del table["b"]
print(table, [n for n, _ in table.named_parameters()])
table.clear()
print(table, len(table))
try:
    table["zz"]
except AttributeError as err:
    print(type(err).__name__, err)


class Mixture(nn.Module):
    def __init__(self):
        super().__init__()
        self.weights = nn.ParameterList([nn.Parameter(torch.tensor([1.0, 2.0])) for _ in range(2)])
        self.scales = nn.ParameterDict({"low": nn.Parameter(torch.tensor(0.5)),
                                        "high": nn.Parameter(torch.tensor(2.0))})

    def forward(self, x):
        return sum(w * x for w in self.weights) * self.scales["low"] + self.scales["high"]


model = Mixture()
print(model, [n for n, _ in model.named_parameters()], list(model.state_dict()))
model(torch.tensor([1.0, -1.0])).sum().backward()
print([p.grad for p in model.parameters()])
opt = torch.optim.SGD(model.parameters(), lr=0.1)
opt.step()
print(list(model.parameters()))
