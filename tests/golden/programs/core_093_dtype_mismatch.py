import torch

f32 = torch.ones(2, 2)
f64 = torch.ones(2, 2, dtype=torch.float64)
for label, fn in [
    ("mm", lambda: f32 @ f64),
    ("mv", lambda: f32 @ torch.ones(2, dtype=torch.float64)),
    ("dot", lambda: torch.ones(2) @ torch.ones(2, dtype=torch.float64)),
    ("int float mm", lambda: torch.ones(2, 2, dtype=torch.int64) @ f32),
]:
    try:
        print(label, fn())
    except RuntimeError as e:
        print(label, type(e).__name__, e)
a = torch.ones(2)
a += torch.tensor([0.5, 0.25], dtype=torch.float64)
print(a, a.dtype)
print(torch.cat([torch.ones(1), torch.ones(1, dtype=torch.float64)]).dtype)
print(torch.cat([torch.ones(1, dtype=torch.int64), torch.ones(1)]).dtype)
print(torch.stack([torch.tensor(1), torch.tensor(2.0)]).dtype)
print(torch.where(torch.tensor([True]), torch.tensor([1]), torch.tensor([2.0], dtype=torch.float64)).dtype)
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([1.0, 2.0], dtype=torch.float64)
(x * y).sum().backward()
print(x.grad, x.grad.dtype)
