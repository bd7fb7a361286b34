import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * x
y.backward(gradient=torch.tensor([1.0, 0.1, 0.01]))
print(x.grad)
x.grad = None
y = x * x
y.backward(torch.ones(3))
print(x.grad)
m = torch.ones(2, 2, requires_grad=True)
n = m * 3
n.backward(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
print(m.grad)
s = (x * 2).sum()
s.backward(torch.tensor(2.0))
print(x.grad)
for grad in [torch.ones(2), torch.ones(3, 1), torch.ones(3, dtype=torch.float64)]:
    try:
        (x * 2).backward(grad)
        print("ok", x.grad)
    except RuntimeError as e:
        print(type(e).__name__, e)
