import torch

x = torch.tensor([[1.5, 2.0], [3.0, 4.25]], requires_grad=True)
print(x[0, 0].item(), type(x[0, 0].item()).__name__)
print(torch.tensor(7).item(), type(torch.tensor(7).item()).__name__)
print(torch.tensor(True).item())
print(torch.tensor([2.5]).item())
print(x.tolist())
print(torch.tensor([1, 2]).tolist(), torch.tensor(3.0).tolist(), torch.tensor([True]).tolist())
try:
    x.item()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    x.numpy()
except RuntimeError as e:
    print(type(e).__name__, e)
a = x.detach().numpy()
print(type(a).__name__, a.dtype, a.shape)
a[0, 0] = 100.0
print(x)
t = torch.tensor([1, 2, 3])
n = t.numpy()
print(n.dtype, n.tolist())
t.add_(1)
print(n.tolist())
print(torch.tensor([1.0, 2.0], dtype=torch.float64).numpy().dtype)
print(torch.tensor(0.1).item())
