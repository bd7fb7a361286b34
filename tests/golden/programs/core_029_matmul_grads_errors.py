import torch

a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
b = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]], requires_grad=True)
c = a @ b
print(c)
c.backward(torch.ones(2, 3))
print(a.grad)
print(b.grad)
v = torch.tensor([1.0, -1.0], requires_grad=True)
(a @ v).sum().backward()
print(v.grad)
print(torch.tensor([1, 2]) @ torch.tensor([3, 4]))
for x, y in [
    (torch.ones(2, 3), torch.ones(2, 3)),
    (torch.ones(3), torch.ones(4)),
    (torch.ones(2, 3), torch.ones(4)),
    (torch.ones(2, 2, 3), torch.ones(2, 2, 3)),
    (torch.ones(()), torch.ones(3)),
    (torch.ones(()), torch.ones(2, 2, 3)),
    (torch.ones(2, 2, 3), torch.ones(())),
]:
    try:
        x @ y
    except RuntimeError as e:
        print(type(e).__name__, e)
