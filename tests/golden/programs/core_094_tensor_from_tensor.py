import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor(x)
print(y, y.requires_grad, y.is_leaf)
y[0] = 9.0
print(x)
z = torch.tensor([torch.tensor(1.0), torch.tensor(2.0)])
print(z)
try:
    torch.tensor([torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])])
except (ValueError, RuntimeError, TypeError) as e:
    print(type(e).__name__, e)
try:
    torch.tensor([[1.0, 2.0], [3.0]])
except (ValueError, RuntimeError, TypeError) as e:
    print(type(e).__name__, e)
try:
    torch.tensor("abc")
except (ValueError, RuntimeError, TypeError) as e:
    print(type(e).__name__, e)
print(torch.tensor(x.detach()).requires_grad)
print(x.clone().detach().requires_grad_(True))
