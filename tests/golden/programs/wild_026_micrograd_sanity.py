# micrograd's test_engine.py, test_sanity_check: PyTorch is the reference there, in float64.
import torch

x = torch.Tensor([-4.0]).double()
x.requires_grad = True
z = 2 * x + 2 + x
q = z.relu() + z * x
h = (z * z).relu()
y = h + q + q * x
y.backward()
xpt, ypt = x, y
print(ypt.data.item(), xpt.grad.item())
print(x, y, y.grad_fn.name())
print(torch.Tensor([-4.0]).dtype, torch.Tensor([-4.0]).requires_grad)
