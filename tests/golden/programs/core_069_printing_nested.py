import torch

print(torch.arange(8.0).reshape(2, 2, 2))
print(torch.arange(16).reshape(2, 2, 2, 2))
print(torch.tensor([[1, -20], [300, 4]]))
print(torch.tensor([[True, False], [False, True]]))
print(torch.tensor([[[1.5]]]))
print(torch.zeros(2, 0))
print(torch.zeros(2, 0, 3))
print(torch.tensor([-1, 0, 1]))
print(torch.arange(6.0).reshape(3, 2).T)
print(torch.tensor([[0.001, 1000.0], [1.0, 2.0]]))
print(torch.arange(12.0).reshape(2, 3, 2).requires_grad_())
print(torch.ones(2, 2, requires_grad=True) * 2)
