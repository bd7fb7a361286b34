import torch

# int() of a tensor that requires grad gives its number without the "Converting a tensor with
# requires_grad=True to a scalar" warning (PyTorch's __int__ does not warn; float(), item()
# and format() do, once per process: minigrad warned at int() and then never again).

y = torch.tensor(2.7, requires_grad=True)
print(int(y), int(y * 2), int(torch.tensor([7.9], requires_grad=True)))
try:
    int(torch.ones(3, requires_grad=True))
except (ValueError, RuntimeError) as error:
    print(type(error).__name__, error)
print(float(y))
print(float(y * 2), y.item())
