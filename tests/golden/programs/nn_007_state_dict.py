# state_dict() / load_state_dict(): keys, detached copies that share storage, round trip, errors.
import torch
import torch.nn as nn


def attempt(fn):
    try:
        print(fn())
    except Exception as e:  # the message is part of the golden output
        print(f"{type(e).__name__}: {e!r}")


def build():
    return nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1))


source = build()
with torch.no_grad():
    source[0].weight.copy_(torch.tensor([[0.5, -0.5], [1.0, 2.0]]))
    source[0].bias.copy_(torch.tensor([0.1, 0.2]))
    source[2].weight.copy_(torch.tensor([[-1.0, 0.75]]))
    source[2].bias.copy_(torch.tensor([0.3]))

state = source.state_dict()
print(type(state).__name__, list(state.keys()))
print(state)
for key, value in state.items():
    print(key, value.requires_grad, value.grad_fn, value.is_leaf, type(value) is torch.Tensor)

# The entries share storage with the parameters.
with torch.no_grad():
    source[2].bias.add_(1.0)
print(state["2.bias"])
kept = source.state_dict(keep_vars=True)
print(type(kept["0.weight"]).__name__, kept["0.weight"] is source[0].weight)

target = build()
result = target.load_state_dict(state)
print(result)
print(result.missing_keys, result.unexpected_keys)
x = torch.tensor([[1.0, 0.5], [0.5, 0.25]])
print(torch.equal(source(x), target(x)), target(x))
print(target[0].weight, target[0].weight.requires_grad, target[0].weight.is_leaf)
# Loading copies values: the target does not alias the source.
with torch.no_grad():
    source[0].weight.zero_()
print(target[0].weight)

nested = nn.Sequential(build(), nn.Sequential(nn.Linear(1, 1)))
print(list(nested.state_dict().keys()))

partial = dict(state)
del partial["2.bias"]
partial["extra.weight"] = torch.ones(1)
attempt(lambda: target.load_state_dict(partial))
attempt(lambda: target.load_state_dict(partial, strict=False))
print(target[2].bias)
wrong = dict(state)
wrong["0.bias"] = torch.ones(3)
attempt(lambda: target.load_state_dict(wrong))
attempt(lambda: target.load_state_dict({}))
attempt(lambda: nn.Linear(1, 1).load_state_dict({"weight": torch.ones(1, 1), "bias": torch.ones(1)}))
