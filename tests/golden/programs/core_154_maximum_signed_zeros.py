import torch

# maximum/minimum return the first value on a tie (visible with 0.0 against -0.0), nan wins.
a = torch.tensor([0.0, -0.0, 0.0, -0.0, float("nan"), 1.0, 2.0], requires_grad=True)
b = torch.tensor([-0.0, 0.0, 0.0, -0.0, 1.0, float("nan"), 3.0], requires_grad=True)
for f in (torch.maximum, torch.minimum, torch.max, torch.min):
    a.grad = b.grad = None
    y = f(a, b)
    y.backward(torch.arange(1.0, 8.0))
    print(f.__name__, y, a.grad, b.grad)
print(torch.maximum(torch.tensor([1, 5]), torch.tensor([3, 2])), torch.maximum(torch.tensor([1.0, 5.0]), torch.tensor([3, 2])),
      torch.minimum(torch.tensor([True, False]), torch.tensor([True, True])))
