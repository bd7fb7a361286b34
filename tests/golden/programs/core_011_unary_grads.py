import torch

for name in ["exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "relu", "abs"]:
    x = torch.tensor([0.25, 1.0, 3.0], requires_grad=True)
    y = getattr(torch, name)(x)
    y.sum().backward()
    print(name, y.detach(), x.grad)
x = torch.tensor([-2.0, 0.0, 2.0], requires_grad=True)
torch.relu(x).sum().backward()
print("relu at kink", x.grad)
x = torch.tensor([-2.0, 0.0, 2.0], requires_grad=True)
torch.abs(x).sum().backward()
print("abs at kink", x.grad)
x = torch.tensor([-2.0, 0.0, 2.0], dtype=torch.float64, requires_grad=True)
torch.tanh(x).sum().backward()
print(x.grad)
