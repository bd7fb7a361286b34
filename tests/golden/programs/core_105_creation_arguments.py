import torch

print(torch.zeros((2, 3)).shape, torch.zeros([2, 3]).shape)
print(torch.ones(()), torch.full((), 1.5), torch.zeros(2, 0).shape)
print(torch.rand((2, 3)).shape, torch.rand([4]).shape)
print(torch.randn(2, 3, dtype=torch.float64).dtype, torch.rand(2, requires_grad=True).is_leaf)
print(torch.eye(2, dtype=torch.int64))
print(torch.arange(1.0, -1.0, -0.5))
print(torch.linspace(0, 1, 0))
print(torch.tensor(((1, 2), (3, 4))))
print(torch.tensor([[True, 1], [0, 2]]))
print(torch.tensor([1, 2.0, True]))
print(torch.full((2, 2), 1.0, requires_grad=True))
print(torch.ones(2, dtype=torch.bool), torch.zeros(2, dtype=torch.int32))
try:
    torch.zeros(-1)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.arange(5, 0)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.arange(0, 1, 0)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.linspace(0, 1, -1)
except RuntimeError as e:
    print(type(e).__name__, e)
print(torch.zeros(size=(1, 2)).shape, torch.randn(size=(2,)).shape)
