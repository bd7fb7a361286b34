import torch

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
rows = list(x)
print(len(rows), rows[0], rows[1].grad_fn.name())
total = sum(r.sum() for r in x)
print(total)
total.backward()
print(x.grad)
one = torch.tensor([2.5])
print(bool(one), float(one), int(one), bool(torch.tensor(0.0)))
try:
    bool(x)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    float(x)
except (RuntimeError, TypeError, ValueError) as e:
    print(type(e).__name__, e)
s = torch.tensor(3.14159)
print(f"{s:.2f}", f"{s.item():.3f}", f"{s}")
print(round(s.item(), 2), abs(torch.tensor(-2.0)))
if torch.tensor(1.0) > 0:
    print("comparison in if works")
print([float(v) for v in torch.tensor([0.5, 1.5])])
print(torch.tensor([1, 2, 3])[1].item() + 1)
print(max(torch.tensor([1.0, 5.0, 3.0])).item())
