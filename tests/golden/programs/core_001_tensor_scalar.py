import torch

x = torch.tensor(2.0, requires_grad=True)
print(x)
print(x.dtype, x.shape, x.dim(), x.ndim, x.numel())
print(x.is_leaf, x.requires_grad, x.grad, x.grad_fn)
y = x * 3
print(y)
print(y.is_leaf, y.requires_grad)
y.backward()
print(x.grad)
print(x.item(), type(x.item()).__name__)
