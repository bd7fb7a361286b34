# A learner's nn.Module mistakes: a layer size given as a float or a negative number, a layer
# with no inputs, a 0-d input to Linear, indexing a Sequential with a string, forgetting
# super().__init__() in a module with no attributes, negative sizes given to the factories.
import torch
import torch.nn as nn


def attempt(fn):
    try:
        print("ok", fn())
    except Exception as e:  # the message is part of the golden output
        print(f"{type(e).__name__}: {e}")


attempt(lambda: nn.Linear(784, 784 / 2))
attempt(lambda: nn.Linear(784 / 2, 10))
attempt(lambda: nn.Linear(4, -2))
attempt(lambda: nn.Linear(-4, 2))

torch.manual_seed(0)
empty_in = nn.Linear(0, 3)  # kaiming_uniform_ warns and leaves the weight alone
print(empty_in, empty_in.weight.shape, empty_in.bias)
print(nn.init.kaiming_normal_(torch.zeros(0, 2)))

lin = nn.Linear(2, 3)
attempt(lambda: lin(torch.tensor(1.0)))
attempt(lambda: nn.functional.linear(torch.ones(2), torch.tensor(1.0)))
attempt(lambda: nn.Linear(2, 3, bias=False)(torch.tensor(1.0)))

model = nn.Sequential(nn.Linear(2, 3), nn.ReLU())
attempt(lambda: model["0"])
attempt(lambda: nn.ModuleList([nn.ReLU()])["0"])
attempt(lambda: nn.ParameterList([nn.Parameter(torch.ones(1))])["0"])
print(model[-1], model[True])


class NoSuper(nn.Module):
    def __init__(self):
        pass  # super().__init__() forgotten

    def forward(self, x):
        return x


attempt(lambda: NoSuper()(torch.ones(1)))

for make in (torch.ones, torch.empty, torch.zeros, torch.rand, torch.randn):
    attempt(lambda: make(3, -1))
attempt(lambda: torch.full((2, -2), 1.0))
attempt(lambda: torch.ones([-5]))
